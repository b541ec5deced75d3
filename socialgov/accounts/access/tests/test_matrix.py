"""Permission matrix for employee access pages and the read API."""

from __future__ import annotations

import pytest

from socialgov.accounts.access import services
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

MEMBERS = set(PERSONA_KEYS)
# The employee's request (youth services): those who oversee access, the head of programs, and the employee.
READERS = {"agency_admin", "agency_head", "cio", "ciso", "diso", "auditor", "department_head", "employee"}


def _request(w, rest: str = "", state: str = "requested") -> str:
    request = services.access_request_submit(actor=w.user("employee"), agency=w.agency, platforms="LinkedIn",
                                             purpose="Recruitment posts")
    if state == "granted":
        request = services.access_request_approve(actor=w.user("department_head"), request=request)
    return w.agency_url(f"access/{request.pk}/{rest}")


def _acting(allowed: set[str], **kwargs) -> dict:
    return {"denied": 404, "outsider": 404, "method": "post", "ok": 302,
            "overrides": dict.fromkeys(READERS - allowed, 403), **kwargs}


ROWS = [
    Row("access", lambda w: w.agency_url("access/"), MEMBERS, outsider=404),
    Row("access-request-new", lambda w: w.agency_url("access/new/"), MEMBERS, outsider=404),
    Row("access-request-new", lambda w: w.agency_url("access/new/"), MEMBERS, outsider=404, method="post", ok=302,
        data={"platforms": "YouTube", "purpose": "Training videos"}),
    Row("access-grants", lambda w: w.agency_url("access/grants/"), MEMBERS, outsider=404),
    Row("access-request", _request, READERS, denied=404, outsider=404),
    Row("access-request-approve", lambda w: _request(w, "approve/"), {"department_head"},
        **_acting({"department_head"})),
    Row("access-request-decline", lambda w: _request(w, "decline/"), {"department_head"},
        **_acting({"department_head"}, data={"note": "Not work-related"})),
    Row("access-request-withdraw", lambda w: _request(w, "withdraw/"), {"employee"}, **_acting({"employee"})),
    Row("access-grant-revoke", lambda w: _request(w, "revoke/", "granted"), {"department_head", "agency_head"},
        **_acting({"department_head", "agency_head"}, data={"reason": "Left the unit"})),
]

API = "/api/v1/"
API_ROWS = [
    Row("api-access-request-list", lambda w: f"{API}access-requests/", MEMBERS | {"outsider"}, anonymous=401),
    Row("api-access-request-detail", lambda w: API + _request(w).replace(w.agency_url("access/"), "access-requests/"),
        READERS, denied=404, outsider=404, anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])
