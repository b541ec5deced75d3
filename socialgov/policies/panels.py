"""Dashboard panels and navigation for policy, training, conduct and exceptions."""

from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import has_role, has_role_anywhere, person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register
from socialgov.policies import selectors
from socialgov.policies.selectors.exceptions import may_request, sees_whole_register
from socialgov.policies.selectors.reports import handler_roles


def _missing_pack(user) -> list:
    person = person_of(user)
    return [] if selectors.pack_in_force(person.agency) else [person.agency]


def _is_person(user) -> bool:
    return person_of(user) is not None


def _oversees(user) -> bool:
    person = person_of(user)
    return person is not None and selectors.can_see_overview(user, person.agency)


def _outstanding(user) -> list:
    return selectors.outstanding_of(person_of(user))


def _deals_with_exceptions(user) -> bool:
    agency = person_of(user).agency
    return (sees_whole_register(user, agency) or may_request(user, agency)
            or selectors.exceptions_visible_to(user).exists())


def _handles_reports(user) -> bool:
    person = person_of(user)
    return person is not None and has_role_anywhere(user, person.agency_id, *handler_roles(person.agency))


def register_panels() -> None:
    register(Panel(
        key="policy-pack", title="Policy pack", template="policies/panel_pack.html",
        items=_missing_pack, order=15,
        applies_to=lambda user: person_of(user) is not None and has_role(user, person_of(user).agency,
                                                                          Role.AGENCY_ADMIN),
        empty_text="Your agency's policy pack is in force. If none were, adopting one would be listed here."))
    register(Panel(
        key="acknowledgements", title="Policies to acknowledge", template="policies/panel_acknowledgements.html",
        items=_outstanding, applies_to=_is_person, order=12,
        empty_text="You have acknowledged every policy document that concerns you. A new document, or a new "
                   "version of one, will be listed here."))
    register(Panel(
        key="acknowledgements-overdue", title="Overdue acknowledgements", order=25,
        template="policies/panel_acknowledgements_overdue.html", items=selectors.overdue_for_overseer,
        applies_to=_oversees,
        empty_text="No one you oversee is overdue. People who have not acknowledged a policy document in time "
                   "will be listed here."))
    register(Panel(
        key="exceptions-waiting", title="Exception requests waiting for you", order=30,
        template="policies/panel_exceptions.html", items=selectors.waiting_for,
        applies_to=lambda user: _is_person(user) and _deals_with_exceptions(user),
        empty_text="No exception request waits for you. Requests at your step, or returned to you, will be "
                   "listed here."))
    register(Panel(
        key="exemptions-expiring", title="Exemptions nearing expiry", order=31,
        template="policies/panel_exemptions_expiring.html", items=selectors.expiring_for,
        applies_to=lambda user: _is_person(user) and _deals_with_exceptions(user),
        empty_text="No exemption you requested or reviewed ends within 30 days. Those that do, or have just "
                   "expired, will be listed here."))
    register(Panel(
        key="violation-reports", title="Reports of possible violations", order=32,
        template="policies/panel_reports.html", items=selectors.open_reports_for,
        applies_to=_handles_reports,
        empty_text="No open report waits for you. Reports of possible violations that you handle will be "
                   "listed here until they are closed."))
    register(Panel(
        key="policy-review", title="Policy review", order=33, template="policies/panel_review.html",
        items=selectors.review_due_for,
        applies_to=lambda user: _is_person(user) and user.has_perm("policies.record_review", person_of(user).agency),
        empty_text="The policy's review is up to date. When the next review nears its due date, or is overdue, "
                   "it will be shown here."))
    _register_navigation()


def _register_navigation() -> None:
    """A few items: exceptions, reviews and documents are pages of Policy (and wait on the dashboard)."""
    navigation.register(navigation.NavItem(
        "Policy", lambda agency: reverse("policy", args=[agency.slug]), lambda user, agency: True,
        ("policy", "policies-documents", "policies-document", "policies-version", "policies-reviews",
         "policies-exceptions", "policies-exception"), order=60, group="Policy"))
    navigation.register(navigation.NavItem(
        "Training", lambda agency: reverse("policies-training", args=[agency.slug]), lambda user, agency: True,
        ("policies-training",), order=62, group="Policy"))
    navigation.register(navigation.NavItem(
        "Conduct", lambda agency: reverse("policies-conduct", args=[agency.slug]), lambda user, agency: True,
        ("policies-conduct", "policies-spokespersons", "policies-spokesperson", "policies-reports",
         "policies-report"), order=64, group="Policy"))
