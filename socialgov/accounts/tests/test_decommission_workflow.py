"""NJ-19's order, as a table: every pair (last step done, step asked for), allowed or refused."""

from __future__ import annotations

import itertools

import pytest

from socialgov.accounts.workflows import (
    DECOMMISSION_NEXT,
    DECOMMISSION_ORDER,
    DecommissionStage,
    decommission_may_follow,
)

D = DecommissionStage
ALLOWED = {
    (None, D.DIRECTION),                          # the agency head directs it
    (D.DIRECTION, D.COPY_CONTENT),                # the final capture comes first ...
    (D.COPY_CONTENT, D.DEACTIVATION),             # ... then the account is deactivated, access blocked
    (D.DEACTIVATION, D.CONTENT_REMOVAL),          # ... then its content deleted or flagged
    (D.CONTENT_REMOVAL, D.CREDENTIALS_REPORT),    # the CTO/CIO gets the final credential list
    (D.CREDENTIALS_REPORT, D.REGISTRY_UPDATE),    # the registry shows it decommissioned
}
PAIRS = list(itertools.product([None, *D.values], D.values))


@pytest.mark.parametrize(("last", "step"), PAIRS)
def test_every_pair(last, step):
    assert decommission_may_follow(last, step) is ((last, step) in ALLOWED)


def test_the_order_is_nj_19s_and_ends():
    assert list(DECOMMISSION_ORDER) == [D.DIRECTION, D.COPY_CONTENT, D.DEACTIVATION, D.CONTENT_REMOVAL,
                                        D.CREDENTIALS_REPORT, D.REGISTRY_UPDATE]
    assert DECOMMISSION_NEXT[D.REGISTRY_UPDATE] is None
    assert set(DECOMMISSION_NEXT) == {None, *D.values}


def test_an_unknown_step_never_follows():
    assert not decommission_may_follow("nonsense", D.DIRECTION)
    assert not decommission_may_follow(None, "nonsense")
