"""The Moderation nav items and the dashboard panels: waiting cases (urgent first), removals to approve."""

from __future__ import annotations

from django.urls import reverse

from socialgov.accounts.selectors import pack_of
from socialgov.agencies.selectors import person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register
from socialgov.moderation import policy, selectors


def _agency(user):
    person = person_of(user)
    return person.agency if person else None


def _applies(user) -> bool:
    agency = _agency(user)
    return agency is not None and selectors.may_view_queue(user, agency)


class OpenCases(list):
    """The first waiting cases, with the counts the default queue shows (``waiting``, ``urgent``) and the
    low-severity ones it leaves out (``low``)."""

    waiting = 0
    urgent = 0
    low = 0


def _open_cases(user) -> list:
    agency = _agency(user)
    cases = OpenCases(selectors.queue(user, agency)[:10])
    counts = selectors.open_counts(user, agency)
    cases.waiting, cases.urgent, cases.low = counts["waiting"], counts["urgent"], counts["low"]
    return cases


def _removals_apply(user) -> bool:
    """Moderators of an agency whose pack requires a second person (or who have a removal to approve)."""
    if not _applies(user):
        return False
    agency = _agency(user)
    if selectors.removals_to_approve(user, agency).exists():
        return True
    return policy.second_person(pack_of(agency)) and bool(selectors.moderated_accounts(user, agency))


def _removals(user) -> list:
    return list(selectors.removals_to_approve(user, _agency(user))[:10])


PANEL = Panel(key="moderation-open-cases", title="Comments waiting for moderation",
              template="moderation/panel_cases.html", items=_open_cases, count=lambda user, cases: cases.waiting,
              applies_to=_applies, order=40,
              empty_text="No flagged comment waits for a decision. Comments the classifiers flag on accounts you "
                         "moderate appear here, urgent ones first.")

REMOVALS_PANEL = Panel(key="moderation-removals-to-approve", title="Removals waiting for your approval",
                       template="moderation/panel_removals.html", items=_removals, applies_to=_removals_apply,
                       count=lambda user, items: selectors.removals_to_approve(user, _agency(user)).count(),
                       order=41, empty_text="No removal waits for your approval. The pack requires a second "
                                            "person for removals: those decided by another moderator of your "
                                            "accounts appear here.")


def register_panels() -> None:
    register(PANEL)
    register(REMOVALS_PANEL)
    navigation.register(navigation.NavItem(
        "Moderation queue", lambda agency: reverse("moderation-queue", args=[agency.slug]),
        lambda user, agency: selectors.may_view_queue(user, agency), ("moderation-queue", "moderation-case"),
        order=40, group="Moderation"))
    navigation.register(navigation.NavItem(
        "Transparency report", lambda agency: reverse("moderation-transparency", args=[agency.slug]),
        lambda user, agency: True, ("moderation-transparency",), order=41, group="Moderation"))
