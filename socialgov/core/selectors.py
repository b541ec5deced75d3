from __future__ import annotations

from django.db.models import Q, QuerySet

from socialgov.agencies.selectors import person_of
from socialgov.core.models import ApiToken, AuditEvent, Notification


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    """Events of the agencies whose audit trail the user may read; everything for superusers."""
    if user.is_superuser:
        return AuditEvent.objects.all()
    person = person_of(user)
    if person is None or not user.has_perm("core.view_audit", person.agency):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(agency_id=person.agency_id)


def audit_events_filtered(user, data: dict) -> QuerySet[AuditEvent]:
    events = audit_events_visible_to(user)
    if data.get("agency"):
        events = events.filter(agency_id=data["agency"].pk)
    if data.get("action"):
        events = events.filter(action__startswith=data["action"])
    if data.get("actor"):
        events = events.filter(actor_label__icontains=data["actor"])
    if data.get("target"):
        events = events.filter(Q(target_repr__icontains=data["target"]) | Q(target_type=data["target"]))
    if data.get("since"):
        events = events.filter(occurred_at__date__gte=data["since"])
    if data.get("until"):
        events = events.filter(occurred_at__date__lte=data["until"])
    return events.order_by("-seq")


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def api_tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
