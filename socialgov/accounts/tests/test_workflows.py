"""The account lifecycle table, every pair of states: allowed or refused."""

from __future__ import annotations

import itertools

import pytest

from socialgov.accounts.workflows import TRANSITIONS, AccountStatus, can_transition

S = AccountStatus

ALLOWED = {
    (S.DRAFT, S.SUBMITTED),                 # NJ-05: the request is sent
    (S.SUBMITTED, S.UNDER_REVIEW),          # a reviewer of the first step begins the review
    (S.SUBMITTED, S.DRAFT),                 # the requester withdraws it
    (S.UNDER_REVIEW, S.DRAFT),              # ... also once the review began
    (S.UNDER_REVIEW, S.APPROVED),           # NJ-06 / LAC-01 / LCCS-02: the last step approves
    (S.UNDER_REVIEW, S.REJECTED),           # any step rejects, with a reason
    (S.REJECTED, S.DRAFT),                  # the requester revises it
    (S.APPROVED, S.ACTIVATED),              # NJ-07: the liaison activates it
    (S.ACTIVATED, S.SUSPENDED),
    (S.SUSPENDED, S.ACTIVATED),
    (S.ACTIVATED, S.DECOMMISSIONING),       # NJ-19: the agency head directs it
    (S.SUSPENDED, S.DECOMMISSIONING),
    (S.DECOMMISSIONING, S.DECOMMISSIONED),  # only after the final capture
}
PAIRS = list(itertools.product(S.values, repeat=2))


@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_transition_is_allowed_only_if_listed(current, target):
    assert can_transition(current, target) == ((current, target) in ALLOWED)


def test_table_names_every_state_and_only_states():
    assert set(TRANSITIONS) == set(S.values)
    assert all(set(targets) <= set(S.values) for targets in TRANSITIONS.values())


def test_decommissioned_is_final_and_nothing_returns_to_submitted_but_a_draft():
    assert not TRANSITIONS[S.DECOMMISSIONED]
    assert {a for a, b in ALLOWED if b == S.SUBMITTED} == {S.DRAFT}


def test_an_account_is_never_activated_without_approval():
    assert {a for a, b in ALLOWED if b == S.ACTIVATED} == {S.APPROVED, S.SUSPENDED}
