"""Named permission predicates for employee access (LAC-07, DCFS-07)."""

from __future__ import annotations

import rules

from socialgov.accounts.access import selectors
from socialgov.accounts.access.workflows import AccessState
from socialgov.agencies.roles import Role
from socialgov.agencies.rules import is_agency_member, role_predicate


@rules.predicate
def is_requester(user, request=None) -> bool:
    return request is not None and request.person.user_id == user.pk


@rules.predicate
def approves(user, request=None) -> bool:
    """The requester's supervisor or department head — never the requester."""
    return request is not None and selectors.approver_relation(user, request) is not None


@rules.predicate
def sees_request(user, request=None) -> bool:
    return request is not None and selectors.requests_visible_to(user).filter(pk=request.pk).exists()


@rules.predicate
def is_waiting(user, request=None) -> bool:
    return request is not None and request.state == AccessState.REQUESTED


@rules.predicate
def is_granted(user, request=None) -> bool:
    return request is not None and request.state == AccessState.GRANTED


@rules.predicate
def has_a_person(user, agency=None) -> bool:
    return is_agency_member(user, agency)


is_agency_head = role_predicate(Role.AGENCY_HEAD)

rules.add_perm("access.view_access", is_agency_member)
rules.add_perm("access.request_access", has_a_person)
rules.add_perm("access.view_request", sees_request)
rules.add_perm("access.decide_request", is_waiting & approves & ~is_requester)
rules.add_perm("access.withdraw_request", is_waiting & is_requester)
# Those who may grant access may take it away, and the agency head may too (for anyone).
rules.add_perm("access.revoke_grant", is_granted & ~is_requester & (approves | is_agency_head))
