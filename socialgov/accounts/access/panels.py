"""Dashboard panel and navigation for employee access."""

from __future__ import annotations

from django.urls import reverse

from socialgov.accounts.access import selectors
from socialgov.agencies.selectors import person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register


def _waiting_or_mine(user) -> list:
    own = [r for r in selectors.own_requests(user) if r.state == "requested"]
    return [*selectors.waiting_for(user), *own]


def register_panels() -> None:
    register(Panel(
        key="access-requests", title="Access to social media", template="access/panel.html",
        items=_waiting_or_mine, applies_to=lambda user: person_of(user) is not None, order=14,
        empty_text="No request for access to social media waits. Requests from the people you supervise or "
                   "whose department you head, and your own, will be listed here."))
    navigation.register(navigation.NavItem(
        "Access", lambda agency: reverse("access", args=[agency.slug]), lambda user, agency: True,
        ("access",), order=32, group="Accounts"))
