"""The lifecycle of employee access, tried for every pair of states."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError

from socialgov.accounts.access.workflows import ACCESS_TRANSITIONS, AccessState, can_transition, check_transition

S = AccessState
ALLOWED = {(S.REQUESTED, S.GRANTED), (S.REQUESTED, S.DECLINED), (S.REQUESTED, S.WITHDRAWN), (S.GRANTED, S.REVOKED)}


@pytest.mark.parametrize("source, target", list(itertools.product(S.values, repeat=2)))
def test_every_transition_is_allowed_or_refused_as_the_table_says(source, target):
    allowed = (source, target) in ALLOWED
    assert can_transition(source, target) is allowed
    if allowed:
        check_transition(source, target)
    else:
        with pytest.raises(ValidationError, match="This cannot be done now"):
            check_transition(source, target)


def test_every_state_has_a_row_and_the_ends_allow_nothing():
    assert set(ACCESS_TRANSITIONS) == set(S.values)
    assert all(not ACCESS_TRANSITIONS[s] for s in (S.DECLINED, S.WITHDRAWN, S.REVOKED))
