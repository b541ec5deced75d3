from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.selectors import person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register
from socialgov.core.models import AuditEvent, Notification


def _can_read_audit(user) -> bool:
    # The panel lists the user's own agency's events, so a superuser with no agency gets none.
    return person_of(user) is not None and user.has_perm("core.read_audit_trail")


def _unread(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def register_panels() -> None:
    register(Panel(
        key="notifications", title="Unread notifications", template="core/panel_notifications.html",
        items=lambda user: list(_unread(user)[:10]), count=lambda user, items: _unread(user).count(),
        applies_to=lambda user: True, order=10,
        empty_text="Nothing unread. Requests to review, approve or act on something appear here."))
    register(Panel(
        key="recent-audit", title="Recent changes in your agency", template="core/panel_audit.html",
        items=lambda user: list(AuditEvent.objects.filter(agency_id=person_of(user).agency_id)[:8]),
        applies_to=_can_read_audit, order=90,
        empty_text="No changes recorded yet. Every change anyone makes will be listed here."))

    navigation.register(navigation.NavItem(
        "Audit trail", lambda agency: reverse("audit"),
        lambda user, agency: user.has_perm("core.view_audit", agency), ("audit",), order=90))
