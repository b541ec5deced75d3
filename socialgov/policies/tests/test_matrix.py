"""Permission matrix for the policy pages."""

from __future__ import annotations

import pytest

from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

ROWS = [
    Row("policy", lambda w: w.agency_url("policy/"), set(PERSONA_KEYS), outsider=404),
    Row("policy-adopt", lambda w: w.agency_url("policy/adopt/"), {"agency_admin"}, outsider=404),
    Row("policy-adopt", lambda w: w.agency_url("policy/adopt/"), {"agency_admin"}, outsider=404, method="post",
        data={"pack": "lucas-county-cs", "confirm": "on"}, ok=302),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])
