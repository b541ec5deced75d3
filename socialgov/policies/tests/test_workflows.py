"""Every lifecycle of the policies app, tried for every pair of states: allowed or refused."""

from __future__ import annotations

import itertools
import re

import pytest
from django.core.exceptions import ValidationError

from socialgov.policies.workflows import (
    EXCEPTION_TRANSITIONS,
    REPORT_TRANSITIONS,
    VERSION_TRANSITIONS,
    ExceptionState,
    ReportState,
    VersionState,
    can_transition,
    check_transition,
)

V, E, R = VersionState, ExceptionState, ReportState

ALLOWED = {
    "version": {(V.DRAFT, V.PUBLISHED), (V.DRAFT, V.DISCARDED), (V.PUBLISHED, V.SUPERSEDED)},
    "exception": {(E.IN_REVIEW, E.IN_REVIEW), (E.IN_REVIEW, E.RETURNED), (E.IN_REVIEW, E.GRANTED),
                  (E.IN_REVIEW, E.DENIED), (E.IN_REVIEW, E.WITHDRAWN), (E.RETURNED, E.IN_REVIEW),
                  (E.RETURNED, E.WITHDRAWN)},
    "report": {(R.RECEIVED, R.UNDER_REVIEW), (R.UNDER_REVIEW, R.SUBSTANTIATED), (R.UNDER_REVIEW, R.UNSUBSTANTIATED),
               (R.SUBSTANTIATED, R.CLOSED)},
}
LIFECYCLES = {"version": (VERSION_TRANSITIONS, V), "exception": (EXCEPTION_TRANSITIONS, E),
              "report": (REPORT_TRANSITIONS, R)}
PAIRS = [(name, a, b) for name, (_, states) in LIFECYCLES.items()
         for a, b in itertools.product(states.values, repeat=2)]


@pytest.mark.parametrize("lifecycle, source, target", PAIRS)
def test_every_transition_is_allowed_or_refused_as_the_table_says(lifecycle, source, target):
    table, states = LIFECYCLES[lifecycle]
    allowed = (source, target) in ALLOWED[lifecycle]
    assert can_transition(table, source, target) is allowed
    if allowed:
        check_transition(table, states, source, target)
    else:
        with pytest.raises(ValidationError, match=re.escape(states(target).label)):
            check_transition(table, states, source, target)


@pytest.mark.parametrize("lifecycle", LIFECYCLES)
def test_every_state_has_a_row_in_its_table(lifecycle):
    table, states = LIFECYCLES[lifecycle]
    assert set(table) == set(states.values)


def test_terminal_states_allow_nothing():
    assert all(not VERSION_TRANSITIONS[s] for s in (V.SUPERSEDED, V.DISCARDED))
    assert all(not EXCEPTION_TRANSITIONS[s] for s in (E.GRANTED, E.DENIED, E.WITHDRAWN))
    assert all(not REPORT_TRANSITIONS[s] for s in (R.UNSUBSTANTIATED, R.CLOSED))
