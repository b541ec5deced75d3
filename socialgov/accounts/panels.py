"""The Accounts nav item and the dashboard panels: what waits for whom in the account lifecycle."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from socialgov.accounts import policy, selectors
from socialgov.accounts.compliance import account_compliance
from socialgov.agencies.roles import DesignationKind, Role
from socialgov.agencies.selectors import has_role, has_role_anywhere, person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register


def _agency(user):
    person = person_of(user)
    return person.agency if person else None


def _pack(user) -> dict | None:
    return selectors.pack_of(_agency(user))


def _holds(user, *roles: str) -> bool:
    agency = _agency(user)
    return agency is not None and has_role_anywhere(user, agency.pk, *roles)


def _access_party_roles(user) -> bool:
    """NJ-09 designators, LAC-04 CIOs/DISOs and anyone holding a department's access designation."""
    person = person_of(user)
    return person is not None and (
        _holds(user, Role.CIO, Role.DISO, *policy.administrator_designators(_pack(user)))
        or person.designations.current().filter(kind=DesignationKind.ACCESS_APPROVER).exists())


def _reviews(user) -> list:
    return selectors.reviews_waiting_for(user) if _agency(user) else []


def _reviewer(user) -> bool:
    chain = policy.review_chain(_pack(user)) if _agency(user) else []
    return _holds(user, *[s.role for s in chain if s.role]) or any(s.designation for s in chain)


def _activations(user) -> list:
    agency = _agency(user)
    return [a for a in selectors.activations_waiting(agency) if user.has_perm("accounts.activate", a)]


def _without_administrator(user) -> list:
    agency = _agency(user)
    return [a for a in selectors.accounts_without_administrator(agency)
            if user.has_perm("accounts.designate_administrator", a)]


def _designations(user) -> list:
    return list(selectors.designations_waiting_for(user))


def _may_be_designated(user) -> bool:
    person = person_of(user)
    return person is not None and (_holds(user, Role.ACCOUNT_ADMINISTRATOR) or person.account_designations.exists())


def _terms_reviews(user) -> list:
    return [r for r in selectors.terms_reviews_due(_agency(user)) if has_role(user, r.account, r.assigned_role)]


def _terms_reviewer(user) -> bool:
    return _agency(user) is not None and _holds(user, policy.terms_review_role(_pack(user)))


def _must_act_on(user, account) -> bool:
    return (has_role(user, account, Role.AGENCY_HEAD, Role.DEPARTMENT_HEAD)
            or user.has_perm("accounts.designate_administrator", account)
            or selectors.is_acknowledged_administrator(user, account))


def _overdue(user) -> list:
    agency = _agency(user)
    pack, today = selectors.pack_of(agency), timezone.localdate()
    accounts = selectors.with_compliance_facts(selectors.accounts_visible_to(user).filter(agency=agency))
    return [a for a in accounts if account_compliance(a, pack, today).status == "overdue" and _must_act_on(user, a)]


def _compliance_concerned(user) -> bool:
    return _holds(user, Role.AGENCY_HEAD, Role.DEPARTMENT_HEAD) or _access_party_roles(user) or _may_be_designated(
        user)


PANELS = [
    Panel(key="accounts-reviews", title="Account requests waiting for your review",
          template="accounts/panel_accounts.html", items=_reviews, applies_to=_reviewer, order=30,
          empty_text="No request to establish a site/service waits for your decision. When one reaches your step "
                     "of the review, it will be listed here."),
    Panel(key="accounts-activations", title="Approved accounts to activate",
          template="accounts/panel_accounts.html", items=_activations, order=31,
          applies_to=lambda user: _holds(user, *policy.activation_roles(_pack(user))) if _agency(user) else False,
          empty_text="No approved request waits for activation. Approved requests you may activate appear here."),
    Panel(key="accounts-no-administrator", title="Accounts without an acknowledged administrator",
          template="accounts/panel_accounts.html", items=_without_administrator, applies_to=_access_party_roles,
          order=32, empty_text="Every approved or active account has an administrator who acknowledged the "
                               "designation. An account that loses its last one will be listed here."),
    Panel(key="accounts-designations", title="Administrator designations to acknowledge",
          template="accounts/panel_designations.html", items=_designations, applies_to=_may_be_designated,
          order=33, empty_text="You have no designation to acknowledge. When you are designated an account's "
                               "administrator, it will wait here for your acknowledgement."),
    Panel(key="accounts-terms-reviews", title="Terms-of-service reviews due",
          template="accounts/panel_terms.html", items=_terms_reviews, applies_to=_terms_reviewer, order=34,
          empty_text="No change of a platform's terms of service waits for your review. Recorded changes assigned "
                     "to you appear here."),
    Panel(key="accounts-compliance", title="Accounts overdue for compliance",
          template="accounts/panel_accounts.html", items=_overdue, applies_to=_compliance_concerned, order=35,
          empty_text="No account you are responsible for is past its compliance deadline. Overdue accounts will "
                     "be listed here."),
]


def register_panels() -> None:
    for panel in PANELS:
        register(panel)
    navigation.register(navigation.NavItem(
        "Accounts", lambda agency: reverse("accounts-registry", args=[agency.slug]),
        lambda user, agency: True, ("accounts",), order=30, group="Accounts"))
