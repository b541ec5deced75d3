from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.selectors import person_of
from socialgov.core import navigation
from socialgov.core.models import Notification


def navigation_context(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    person = person_of(user)
    agency = person.agency if person else None
    url_name = getattr(getattr(request, "resolver_match", None), "url_name", "") or ""
    items = [{"label": "Dashboard", "url": reverse("dashboard"), "current": url_name == "dashboard"}]
    if agency is not None:
        items += navigation.items_for(user, agency, url_name)
    elif user.is_superuser:
        items += [{"label": "Agencies", "url": reverse("agencies"), "current": url_name.startswith("agenc")},
                  {"label": "Audit trail", "url": reverse("audit"), "current": url_name.startswith("audit")}]
    return {"nav": {
        "agency": agency,
        "section": url_name,
        "items": items,
        "unread": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    }}


