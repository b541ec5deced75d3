from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from socialgov.core.models import Notification


@task()
def email_notifications(notification_ids: list[int]) -> int:
    """E-mail notifications not yet e-mailed; safe to run twice."""
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    for note in pending.select_related("recipient"):
        if not note.recipient.email:
            continue
        link = f"\n\n{settings.SITE_URL.rstrip('/')}{note.url}" if note.url else ""
        send_mail(note.subject, f"{note.body}{link}", None, [note.recipient.email])
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
