"""Named permission predicates for the registry of approved accounts.

The roles come from the pack in force (socialgov.accounts.policy): who may request, who reviews,
who activates, who designates administrators. Separation of duties reads as one line below:
a reviewer may decide a step only if it is not their own request.
"""

from __future__ import annotations

import rules

from socialgov.accounts import policy, selectors
from socialgov.agencies.models import Agency
from socialgov.agencies.roles import Role
from socialgov.agencies.rules import is_agency_member, is_superuser
from socialgov.agencies.selectors import agency_id_of, has_role, has_role_anywhere, person_of, roles_of


def _pack(obj) -> dict | None:
    return selectors.pack_of(obj if isinstance(obj, Agency) else obj.agency)


@rules.predicate
def may_request(user, agency=None) -> bool:
    """The pack's ``requested_by`` roles; when it names none, anyone in the agency but a read-only auditor."""
    if agency is None or person_of(user) is None or person_of(user).agency_id != agency_id_of(agency):
        return False
    roles = policy.requested_by(_pack(agency))
    if roles:
        return has_role_anywhere(user, agency.pk, *roles)
    return bool(set(roles_of(user, agency.pk)) - {Role.AUDITOR})


@rules.predicate
def is_requester(user, account=None) -> bool:
    return account is not None and account.requested_by_id is not None and account.requested_by_id == user.pk


@rules.predicate
def can_see_account(user, account=None) -> bool:
    return account is not None and (account.status != "draft" or account.requested_by_id == user.pk)


@rules.predicate
def is_step_reviewer(user, account=None) -> bool:
    return account is not None and selectors.may_decide_step(user, account)


@rules.predicate
def is_activator(user, account=None) -> bool:
    return account is not None and has_role(user, account, *policy.activation_roles(_pack(account)))


@rules.predicate
def is_designator(user, account=None) -> bool:
    return account is not None and has_role(user, account, *policy.administrator_designators(_pack(account)))


@rules.predicate
def is_access_party(user, account=None) -> bool:
    return account is not None and selectors.is_access_party(user, account)


@rules.predicate
def is_acknowledged_administrator(user, account=None) -> bool:
    return account is not None and selectors.is_acknowledged_administrator(user, account)


@rules.predicate
def is_designated_person(user, designation=None) -> bool:
    person = person_of(user)
    return designation is not None and person is not None and designation.person_id == person.pk


@rules.predicate
def is_terms_reviewer(user, review=None) -> bool:
    return review is not None and has_role(user, review.account, review.assigned_role)


@rules.predicate
def is_decommission_director(user, account=None) -> bool:
    """NJ-19: the pack's ``approvals.decommission`` direction role (default: the agency head)."""
    from socialgov.accounts.services.decommission import director_roles

    return account is not None and has_role(user, account, *director_roles(account))


@rules.predicate
def is_decommission_step_party(user, step=None) -> bool:
    """NJ-19: the role the step was copied with from the pack (the records officer may also confirm the capture)."""
    from socialgov.accounts.services.decommission import may_do_step

    return step is not None and may_do_step(user, step)


rules.add_perm("accounts.view_registry", is_superuser | is_agency_member)
rules.add_perm("accounts.view_account", is_superuser | (is_agency_member & can_see_account))
rules.add_perm("accounts.request", may_request)
rules.add_perm("accounts.edit_request", is_requester)
# Separation of duties: nobody approves their own request.
rules.add_perm("accounts.decide_step", is_step_reviewer & ~is_requester)
rules.add_perm("accounts.activate", is_activator)
# NJ-09: the agency head designates administrators; LAC-04: the department's access party manages access.
rules.add_perm("accounts.designate_administrator", is_designator | is_access_party)
rules.add_perm("accounts.manage_access", is_access_party)
rules.add_perm("accounts.acknowledge_designation", is_designated_person)
# NJ-09: an administrator has rights on the account only once they acknowledged the designation.
rules.add_perm("accounts.administer", is_acknowledged_administrator)
rules.add_perm("accounts.edit_texts", is_acknowledged_administrator | is_activator)
rules.add_perm("accounts.record_terms", is_acknowledged_administrator | is_activator)
rules.add_perm("accounts.review_terms", is_terms_reviewer)
rules.add_perm("accounts.suspend", is_designator | is_access_party)
# NJ-19: the agency head directs decommissioning; each later step is done by the role the pack names.
rules.add_perm("accounts.decommission_direct", is_decommission_director)
rules.add_perm("accounts.decommission_step", is_decommission_step_party)
