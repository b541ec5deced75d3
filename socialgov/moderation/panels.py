"""The Moderation nav items and the dashboard panel: open cases, urgent ones first."""

from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.selectors import person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register
from socialgov.moderation import selectors


def _agency(user):
    person = person_of(user)
    return person.agency if person else None


def _applies(user) -> bool:
    agency = _agency(user)
    return agency is not None and selectors.may_view_queue(user, agency)


class OpenCases(list):
    """The first waiting cases, with the counts of all of them (``all``, ``urgent``)."""

    all = 0
    urgent = 0


def _open_cases(user) -> list:
    agency = _agency(user)
    cases = OpenCases(selectors.queue(user, agency)[:10])
    counts = selectors.open_counts(user, agency)
    cases.all, cases.urgent = counts["all"], counts["urgent"]
    return cases


PANEL = Panel(key="moderation-open-cases", title="Comments waiting for moderation",
              template="moderation/panel_cases.html", items=_open_cases, applies_to=_applies, order=40,
              empty_text="No flagged comment waits for a decision. Comments the classifiers flag on accounts you "
                         "moderate appear here, urgent ones first.")


def register_panels() -> None:
    register(PANEL)
    navigation.register(navigation.NavItem(
        "Moderation queue", lambda agency: reverse("moderation-queue", args=[agency.slug]),
        lambda user, agency: selectors.may_view_queue(user, agency), ("moderation-queue", "moderation-case"),
        order=40, group="Moderation"))
    navigation.register(navigation.NavItem(
        "Transparency report", lambda agency: reverse("moderation-transparency", args=[agency.slug]),
        lambda user, agency: True, ("moderation-transparency",), order=41, group="Moderation"))
