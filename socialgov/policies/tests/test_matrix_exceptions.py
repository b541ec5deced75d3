"""Permission matrix: exception requests and the register (the default route: the CIO reviews, the
agency head approves), and policy reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix
from socialgov.policies import services
from socialgov.policies.tests.makers import make_exception

MEMBERS = set(PERSONA_KEYS)
REQUESTERS = {"department_head", "diso", "cio", "ciso", "communications_director", "pio", "agency_head",
              "agency_admin"}
# A request of the programs department, made by its head: the register's readers and the requester.
READERS = {"agency_admin", "agency_head", "cio", "ciso", "auditor", "legal_counsel", "department_head"}
CONFERRERS = {"department_head", "cio", "agency_head"}  # the department and the people of the chain


def _request(w, rest: str = "", state: str = "in_review") -> str:
    request = make_exception(w)
    if state == "returned":
        request = services.exception_return(actor=w.user("cio"), request=request, reason="More")
    return w.agency_url(f"exceptions/{request.pk}/{rest}")


def _acting(allowed: set[str], **kwargs) -> dict:
    """Readers who may not act are refused (403); everyone else does not see the request (404)."""
    refused = READERS - allowed
    return {"denied": 404, "outsider": 404, "overrides": dict.fromkeys(refused, 403), **kwargs}


NEW = {"route": "policy", "title": "Tool", "scope": "S", "justification": "J", "impacts": "I", "risks": "R",
       "costs": "C", "timeframes": "T"}

ROWS = [
    Row("policies-exceptions", lambda w: w.agency_url("exceptions/"), MEMBERS, outsider=404),
    Row("policies-exception-new", lambda w: w.agency_url("exceptions/new/"), REQUESTERS, outsider=404),
    Row("policies-exception-new", lambda w: w.agency_url("exceptions/new/"), REQUESTERS, outsider=404,
        method="post", ok=302, data=lambda w: NEW | {"department": w.dept("programs").pk,
                                                     "expires_on": timezone.localdate() + timedelta(days=30)}),
    Row("policies-exception", _request, READERS, denied=404, outsider=404),
    Row("policies-exception-approve", lambda w: _request(w, "approve/"), {"cio"},
        **_acting({"cio"}, method="post", ok=302)),
    Row("policies-exception-deny", lambda w: _request(w, "deny/"), {"cio"},
        **_acting({"cio"}, method="post", ok=302, data={"reason": "No"})),
    Row("policies-exception-return", lambda w: _request(w, "return/"), {"cio"},
        **_acting({"cio"}, method="post", ok=302, data={"reason": "More"})),
    Row("policies-exception-resubmit", lambda w: _request(w, "resubmit/", "returned"), {"department_head"},
        **_acting({"department_head"})),
    Row("policies-exception-resubmit", lambda w: _request(w, "resubmit/", "returned"), {"department_head"},
        **_acting({"department_head"}, method="post", ok=302, data={
            **{k: v for k, v in NEW.items() if k != "route"}, "expires_on": date.today() + timedelta(days=30)})),
    Row("policies-exception-withdraw", lambda w: _request(w, "withdraw/"), {"department_head"},
        **_acting({"department_head"}, method="post", ok=302, data={"reason": "Not needed"})),
    Row("policies-exception-note", lambda w: _request(w, "notes/"), CONFERRERS,
        **_acting(CONFERRERS, method="post", ok=302, data={"body": "Question"})),
    Row("policies-reviews", lambda w: w.agency_url("policy/reviews/"), MEMBERS, outsider=404),
    Row("policies-reviews", lambda w: w.agency_url("policy/reviews/"), {"agency_head", "agency_admin"},
        outsider=404, method="post", ok=302,
        data=lambda w: {"reviewed_on": timezone.localdate(), "outcome": "no_change"}),
]

API = "/api/v1/"


def _review_api(w) -> str:
    review = services.policy_review_record(actor=None, agency=w.agency, reviewed_on=timezone.localdate(),
                                           outcome="no_change")
    return f"{API}policy-reviews/{review.pk}/"


API_ROWS = [
    Row("api-policy-exception-list", lambda w: f"{API}policy-exceptions/", MEMBERS | {"outsider"}, anonymous=401),
    Row("api-policy-exception-detail", lambda w: f"{API}policy-exceptions/{make_exception(w).pk}/", READERS,
        denied=404, outsider=404, anonymous=401),
    Row("api-policy-review-list", lambda w: f"{API}policy-reviews/", MEMBERS | {"outsider"}, anonymous=401),
    Row("api-policy-review-detail", _review_api, MEMBERS, outsider=404, anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])
