"""The decision table: what a case takes in each status and outcome (pure Python, every pair)."""

from __future__ import annotations

import pytest

from socialgov.moderation.workflows import CaseStatus, DecisionKind, Outcome, allowed_decisions, may_reopen

D = DecisionKind
FATE = {D.KEEP, D.HIDE, D.REMOVE, D.ESCALATE, D.NOTIFY}
EXPECTED = {
    (CaseStatus.OPEN, Outcome.NONE): FATE, (CaseStatus.OPEN, Outcome.KEPT): FATE,
    (CaseStatus.OPEN, Outcome.RESTORED): FATE,
    (CaseStatus.OPEN, Outcome.HIDDEN): {D.RESTORE, D.REMOVE, D.ESCALATE, D.NOTIFY},
    (CaseStatus.OPEN, Outcome.REMOVED): {D.RESTORE, D.ESCALATE, D.NOTIFY},
    # Closed: only restoring a hidden or removed comment; everything else needs a reopen first.
    (CaseStatus.CLOSED, Outcome.NONE): set(), (CaseStatus.CLOSED, Outcome.KEPT): set(),
    (CaseStatus.CLOSED, Outcome.RESTORED): set(),
    (CaseStatus.CLOSED, Outcome.HIDDEN): {D.RESTORE}, (CaseStatus.CLOSED, Outcome.REMOVED): {D.RESTORE},
    **{(CaseStatus.PENDING_APPROVAL, o): {D.APPROVE_REMOVAL, D.DECLINE_REMOVAL, D.ESCALATE} for o in Outcome},
}


@pytest.mark.parametrize(("status", "outcome", "kind"),
                         [(s, o, k) for s in CaseStatus for o in Outcome for k in DecisionKind])
def test_every_decision_in_every_state_is_allowed_or_refused(status, outcome, kind):
    assert (kind in allowed_decisions(status, outcome)) == (kind in EXPECTED[(status, outcome)])


@pytest.mark.parametrize("status", list(CaseStatus))
def test_only_a_closed_case_is_reopened_and_reopen_is_never_a_plain_decision(status):
    assert may_reopen(status) == (status == CaseStatus.CLOSED)
    assert all(D.REOPEN not in allowed_decisions(status, o) for o in Outcome)
