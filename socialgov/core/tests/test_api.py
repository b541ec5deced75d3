"""The read API: token authentication, the same visibility as the UI, a published schema."""

from __future__ import annotations

from django.utils import timezone

from socialgov.core.models import ApiToken
from socialgov.core.services import api_token_create, api_token_revoke


def _get(client, url, token):
    return client.get(url, HTTP_AUTHORIZATION=f"Token {token}")


def test_token_reads_only_its_users_agency(client, world):
    _, token = api_token_create(user=world.user("pio"), name="reports")
    response = _get(client, "/api/v1/people/", token)
    assert response.status_code == 200
    agencies = {row["agency"] for row in response.json()["results"]}
    assert agencies == {world.agency.pk}
    assert _get(client, f"/api/v1/agencies/{world.other.pk}/", token).status_code == 404


def test_token_is_stored_only_as_a_digest(world):
    _, token = api_token_create(user=world.user("pio"), name="reports")
    stored = ApiToken.objects.get(user=world.user("pio"))
    assert token not in {stored.digest, stored.prefix} and stored.digest != token
    assert token.startswith(stored.prefix)


def test_revoked_and_expired_tokens_are_refused(client, world):
    row, token = api_token_create(user=world.user("pio"), name="old")
    api_token_revoke(user=world.user("pio"), token=row)
    assert _get(client, "/api/v1/agencies/", token).status_code == 401
    row2, token2 = api_token_create(user=world.user("pio"), name="short", expires_at=timezone.now())
    assert _get(client, "/api/v1/agencies/", token2).status_code == 401


def test_token_of_a_person_who_left_stops_working(client, world):
    from socialgov.agencies.services import person_deactivate

    _, token = api_token_create(user=world.user("employee"), name="mine")
    person_deactivate(actor=None, person=world.person("employee"), reason="left")
    assert _get(client, "/api/v1/agencies/", token).status_code == 401


def test_openapi_schema_is_published_and_lists_the_endpoints(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    text = response.content.decode()
    for path in ("/api/v1/agencies/", "/api/v1/departments/", "/api/v1/people/", "/api/v1/memberships/"):
        assert path in text


def test_person_payload_carries_employment_type_and_no_password(client, world):
    _, token = api_token_create(user=world.user("agency_admin"), name="x")
    body = _get(client, f"/api/v1/people/{world.person('moderator').pk}/", token).json()
    assert body["employment_type"] == "temporary"
    assert "password" not in str(body).lower()


def test_resending_the_token_form_does_not_mint_a_second_token(client_as, world):
    client = client_as("pio")
    first = client.post("/settings/tokens/", {"name": "nightly export"})
    again = client.post("/settings/tokens/", {"name": "nightly export"})
    assert "sg_" in first.content.decode() and first["Cache-Control"] == "no-store"
    assert "already have an active token" in again.content.decode()
    assert ApiToken.objects.filter(user=world.user("pio"), name="nightly export").count() == 1
