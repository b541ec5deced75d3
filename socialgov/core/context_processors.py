from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.selectors import person_of
from socialgov.core.models import Notification


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    person = person_of(user)
    agency = person.agency if person else None
    section = getattr(getattr(request, "resolver_match", None), "url_name", "") or ""
    items = [("Dashboard", reverse("dashboard"), section == "dashboard")]
    if agency is not None:
        items += [
            ("Agency", reverse("agency-detail", args=[agency.slug]),
             section.startswith("department") or section == "agency-detail"),
            ("People", reverse("people", args=[agency.slug]), section.startswith("person") or section == "people"),
            ("Policy", reverse("policy", args=[agency.slug]), section.startswith("policy")),
        ]
        if user.has_perm("core.view_audit", agency):
            items.append(("Audit trail", reverse("audit"), section == "audit"))
    elif user.is_superuser:
        items += [("Agencies", reverse("agencies"), section.startswith("agenc")),
                  ("Audit trail", reverse("audit"), section == "audit")]
    return {"nav": {
        "agency": agency,
        "section": section,
        "items": [{"label": label, "url": url, "current": current} for label, url, current in items],
        "unread": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    }}
