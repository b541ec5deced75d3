"""The Monitoring nav item and the dashboard panels: missed checks this week; checks due today."""

from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.selectors import person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register
from socialgov.monitoring import selectors


def _agency(user):
    person = person_of(user)
    return person.agency if person else None


def _missed(user) -> list:
    agency = _agency(user)
    return list(selectors.missed_this_week(user, agency)) if agency else []


def _sees(user) -> bool:
    agency = _agency(user)
    return agency is not None and user.has_perm("monitoring.view", agency)


def _due(user) -> list:
    return selectors.due_today_for(user)


def _monitors(user) -> bool:
    agency = _agency(user)
    return agency is not None and (user.has_perm("monitoring.appoint_designee", agency)
                                   or user.has_perm("monitoring.view", agency)
                                   and any(selectors.may_monitor(user, a)
                                           for a in selectors.monitored_accounts(agency)))


PANELS = [
    Panel(key="monitoring-due", title="Your monitoring checks due today", template="monitoring/panel_due.html",
          items=_due, applies_to=_monitors, order=40,
          empty_text="No check is due from you today: every account you monitor has the checks its schedule "
                     "requires, or none is required today."),
    Panel(key="monitoring-missed", title="Accounts with missed monitoring this week",
          template="monitoring/panel_missed.html", items=_missed, applies_to=_sees, order=41,
          empty_text="No account missed its monitoring this week. Days that end without the required checks "
                     "are listed here."),
]


def register_panels() -> None:
    for panel in PANELS:
        register(panel)
    navigation.register(navigation.NavItem(
        "Monitoring", lambda agency: reverse("monitoring-overview", args=[agency.slug]),
        lambda user, agency: user.has_perm("monitoring.view", agency), ("monitoring",), order=42,
        group="Moderation"))
