"""Core write services: notifications and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from socialgov.core.audit import audit_record
from socialgov.core.models import ApiToken, Notification

TOKEN_PREFIX = "sg_"


def notify(
    *,
    recipients: Iterable[AbstractBaseUser],
    event: str,
    subject: str,
    body: str = "",
    url: str = "",
    agency_id: int | None = None,
) -> list[Notification]:
    """Put a notification in each recipient's inbox and e-mail it after the transaction commits."""
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    created = Notification.objects.bulk_create(
        Notification(recipient=user, event=event, subject=subject[:200], body=body, url=url,
                     agency_id=agency_id)
        for user in unique.values()
    )
    ids = [n.pk for n in created]
    if ids:
        from socialgov.core.tasks import email_notifications

        transaction.on_commit(lambda: email_notifications.enqueue(ids))
    return created


def notification_mark_read(*, user, notification: Notification) -> None:
    if notification.recipient_id != user.pk:
        raise PermissionDenied("This notification is not yours.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Create a token for ``user``; the plain token is returned once and never stored."""
    if not name.strip():
        raise ValidationError({"name": "Give the token a name that says what it is for."})
    active = ApiToken.objects.filter(user=user, name=name.strip()[:100], revoked_at__isnull=True)
    if any(token.is_active for token in active):
        # Also what stops a reloaded page from silently minting a second token.
        raise ValidationError({"name": f"You already have an active token named {name.strip()!r}."})
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip()[:100], prefix=plain[:10],
                                    digest=token_digest(plain), expires_at=expires_at)
    audit_record(action="core.api_token.create", actor=user, target=token,
                 after={"name": token.name, "prefix": token.prefix, "expires_at": expires_at})
    return token, plain


@transaction.atomic
def api_token_revoke(*, user, token: ApiToken) -> None:
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied("You can only revoke your own tokens.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(action="core.api_token.revoke", actor=user, target=token,
                     after={"name": token.name, "prefix": token.prefix})
