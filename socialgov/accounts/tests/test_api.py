"""The accounts API: the same services, permissions and messages as the pages."""

from __future__ import annotations

import pytest

from socialgov.accounts.models import Account
from socialgov.core.services import api_token_create


@pytest.fixture
def call(client, world, nj):
    tokens: dict[str, str] = {}

    def send(persona: str, method: str, url: str, body: dict | None = None):
        if persona not in tokens:
            tokens[persona] = api_token_create(user=world.user(persona), name="accounts api test")[1]
        token = tokens[persona]
        return getattr(client, method)(f"/api/v1/accounts/{url}", body or {}, content_type="application/json",
                                       HTTP_AUTHORIZATION=f"Token {token}")

    return send


@pytest.mark.requirement("NJ-05")
def test_request_drafted_completed_and_submitted_through_the_api(call, world):
    created = call("account_administrator", "post", "", {
        "name": "Youth on YouTube", "department": world.dept("youth-services").pk, "platform": "youtube"})
    assert created.status_code == 201
    pk = created.json()["id"]
    refused = call("account_administrator", "post", f"{pk}/submit/")
    assert refused.status_code == 400
    assert set(refused.json()) == {"purpose", "communication_types", "justification", "terms_of_service_url",
                                   "proposed_administrators"}
    patched = call("account_administrator", "patch", f"{pk}/", {
        "purpose": "Explainer videos.", "communication_types": ["video_audio"], "justification": "Mission.",
        "terms_of_service_url": "https://www.youtube.com/t/terms",
        "proposed_administrators": [world.person("account_administrator").pk]})
    assert patched.status_code == 200 and patched.json()["name"] == "Youth on YouTube"
    submitted = call("account_administrator", "post", f"{pk}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted.json()["review_steps"][0]["name"] == "mission_review"


@pytest.mark.requirement("NJ-06")
def test_review_decided_through_the_api_with_the_same_rules(call, world):
    from socialgov.accounts.tests.conftest import submitted

    pk = submitted(world).pk
    assert call("account_administrator", "post", f"{pk}/begin/").status_code == 403  # own request
    assert call("communications_director", "post", f"{pk}/begin/").status_code == 200
    refused = call("communications_director", "post", f"{pk}/reject/", {"reason": ""})
    assert refused.status_code == 400 and "reason" in refused.json()
    assert call("communications_director", "post", f"{pk}/approve/", {"comment": "Fits."}).json()["status"] == (
        "approved")
    assert Account.objects.get(pk=pk).reviews.get().steps.get().comment == "Fits."


def test_api_lists_only_what_the_caller_may_see(call, world):
    from socialgov.accounts.tests.conftest import draft

    draft(world)
    assert call("account_administrator", "get", "").json()["count"] == 1
    assert call("agency_head", "get", "").json()["count"] == 0  # someone else's draft


def test_openapi_schema_lists_the_accounts_endpoints(client):
    text = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content.decode()
    assert "/api/v1/accounts/{id}/submit/" in text and "/api/v1/accounts/{id}/approve/" in text
