"""Permission matrix for the account pages, the public registry and the API (the NJ pack in force:
the site/service administrator requests and activates, the communications director reviews, the
agency head designates administrators, the DISO is each department's access approver)."""

from __future__ import annotations

import pytest

from socialgov.accounts.models import Account
from socialgov.accounts.tests.conftest import build_scene, complete_answers
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

MEMBERS = set(PERSONA_KEYS)
EVERYONE = MEMBERS | {"outsider"}
LIAISON = {"account_administrator"}
REVIEWER = {"communications_director"}
DESIGNATORS = {"agency_head", "diso"}  # NJ-09's agency head; LAC-04's access approver of Youth Services
NOT_REQUESTER = {p: 404 for p in MEMBERS - LIAISON}  # a draft is visible to its requester only


def acct(w, key: str) -> Account:
    names = {"draft": "Draft request", "submitted": "Submitted request", "under_review": "Request under review",
             "approved": "Approved request", "rejected": "Rejected request", "active": "Active account",
             "suspended": "Suspended account"}
    return w.agency.accounts.get(name=names[key])


def url(key: str, rest: str = ""):
    return lambda w: w.agency_url(f"accounts/{acct(w, key).pk}/{rest}")


def designation(w):
    return acct(w, "active").administrators.get()


def terms_review(w):
    return acct(w, "active").terms_reviews.get()


def new_request(w) -> dict:
    answers = complete_answers(w)
    return {"name": "Matrix request", "department": answers["department"].pk, "platform": "x", "save": "1"}


ROWS = [
    Row("accounts-registry", lambda w: w.agency_url("accounts/"), MEMBERS, outsider=404),
    Row("accounts-registry-csv", lambda w: w.agency_url("accounts/registry.csv"), MEMBERS, outsider=404),
    Row("accounts-request-create", lambda w: w.agency_url("accounts/new/"), LIAISON, outsider=404),
    Row("accounts-request-create", lambda w: w.agency_url("accounts/new/"), LIAISON, outsider=404, method="post",
        data=new_request, ok=302),
    Row("accounts-detail", url("active"), MEMBERS, outsider=404),
    Row("accounts-detail", url("draft"), LIAISON, outsider=404, overrides=NOT_REQUESTER),
    Row("accounts-request-edit", url("draft", "edit/"), LIAISON, outsider=404, overrides=NOT_REQUESTER),
    Row("accounts-request-submit", url("draft", "submit/"), LIAISON, method="post", ok=302, outsider=404,
        overrides=NOT_REQUESTER),
    Row("accounts-request-withdraw", url("submitted", "withdraw/"), LIAISON, method="post", ok=302, outsider=404),
    Row("accounts-request-reopen", url("rejected", "reopen/"), LIAISON, method="post", ok=302, outsider=404),
    Row("accounts-review-begin", url("submitted", "begin/"), REVIEWER, method="post", ok=302, outsider=404),
    Row("accounts-review-approve", url("under_review", "approve/"), REVIEWER, method="post", ok=302, outsider=404),
    Row("accounts-review-reject", url("under_review", "reject/"), REVIEWER, method="post", ok=302, outsider=404,
        data={"reason": "No."}),
    Row("accounts-activate", url("approved", "activate/"), LIAISON, outsider=404),
    Row("accounts-suspend", url("active", "suspend/"), DESIGNATORS, method="post", ok=302, outsider=404,
        data={"reason": "Compromised."}),
    Row("accounts-reinstate", url("suspended", "reinstate/"), DESIGNATORS, method="post", ok=302, outsider=404),
    Row("accounts-administrator-designate", url("active", "administrators/"), DESIGNATORS, method="post", ok=302,
        outsider=404, data=lambda w: {"person": w.person("pio").pk}),
    Row("accounts-administrator-acknowledge",
        lambda w: w.agency_url(f"accounts/{acct(w, 'active').pk}/administrators/{designation(w).pk}/acknowledge/"),
        {"moderator"}, outsider=404),
    Row("accounts-administrator-remove",
        lambda w: w.agency_url(f"accounts/{acct(w, 'active').pk}/administrators/{designation(w).pk}/remove/"),
        DESIGNATORS, method="post", ok=302, outsider=404, data={"reason": "Left the unit."}),
    Row("accounts-terms-record", url("active", "terms/"), LIAISON, outsider=404),
    Row("accounts-terms-review",
        lambda w: w.agency_url(f"accounts/{acct(w, 'active').pk}/terms/reviews/{terms_review(w).pk}/"),
        MEMBERS, outsider=404),
    Row("accounts-terms-review",
        lambda w: w.agency_url(f"accounts/{acct(w, 'active').pk}/terms/reviews/{terms_review(w).pk}/"),
        REVIEWER, method="post", ok=302, outsider=404, data={"outcome": "Acceptable."}),
    Row("accounts-text-edit", url("active", "texts/moderation_statement/"), LIAISON, outsider=404),
    # Public pages: no sign-in, the same for everyone.
    *[Row(name, path, EVERYONE, anonymous=200) for name, path in (
        ("accounts-public-registry", lambda w: f"/public/{w.agency.slug}/accounts/"),
        ("accounts-public-feed", lambda w: f"/public/{w.agency.slug}/accounts.json"),
        ("accounts-public-lookup", lambda w: f"/public/{w.agency.slug}/accounts/lookup/?q=%40njgov"),
        ("accounts-public-lookup-json", lambda w: f"/public/{w.agency.slug}/accounts/lookup.json?q=%40njgov"),
        ("accounts-public-account", lambda w: f"/public/{w.agency.slug}/accounts/{acct(w, 'active').pk}/"),
    )],
    Row("accounts-public-account", lambda w: f"/public/{w.agency.slug}/accounts/{acct(w, 'approved').pk}/",
        set(), denied=404, outsider=404, anonymous=404),  # not in the registry: not public
]

API = "/api/v1/accounts/"


def api(key: str, rest: str = ""):
    return lambda w: f"{API}{acct(w, key).pk}/{rest}"


API_ROWS = [
    Row("api-account-list", lambda w: API, EVERYONE, anonymous=401),
    # The outsider drafts in their own agency, which has no pack: any member may request there.
    Row("api-account-list", lambda w: API, LIAISON | {"outsider"}, method="post", ok=201, anonymous=401,
        data=lambda w: {"name": "API request", "department": w.dept("programs").pk, "platform": "youtube"},
        overrides={"outsider": 400}),  # ... but not for a department of another agency
    Row("api-account-detail", api("active"), MEMBERS, outsider=404, anonymous=401),
    Row("api-account-submit", api("draft", "submit/"), LIAISON, method="post", outsider=404, anonymous=401,
        overrides=NOT_REQUESTER),
    Row("api-account-withdraw", api("submitted", "withdraw/"), LIAISON, method="post", outsider=404,
        anonymous=401),
    Row("api-account-begin", api("submitted", "begin/"), REVIEWER, method="post", outsider=404, anonymous=401),
    Row("api-account-approve", api("under_review", "approve/"), REVIEWER, method="post", outsider=404,
        anonymous=401),
    Row("api-account-reject", api("under_review", "reject/"), REVIEWER, method="post", outsider=404,
        anonymous=401, data={"reason": "No."}),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}-{r.url.__name__}")
def test_permission_matrix(client, world, nj, row):
    build_scene(world)
    assert_matrix(client, world, [row])
