"""The read API lists through the same selectors as the pages."""

from __future__ import annotations

from socialgov.policies import services
from socialgov.policies.tests.makers import make_document, make_exception


def _ids(client_as, persona: str, path: str) -> list[int]:
    response = client_as(persona).get(f"/api/v1/{path}/")
    assert response.status_code == 200
    body = response.json()
    return [row["id"] for row in (body["results"] if isinstance(body, dict) else body)]


def test_exception_requests_are_listed_only_to_those_who_may_see_them(client_as, world):
    request = make_exception(world)
    assert _ids(client_as, "cio", "policy-exceptions") == [request.pk]
    assert _ids(client_as, "employee", "policy-exceptions") == []


def test_acknowledgements_are_ones_own_unless_one_oversees_them(client_as, world):
    version = make_document(world)
    ack = services.acknowledgement_record(actor=world.user("pio"), version=version)
    assert _ids(client_as, "pio", "policy-acknowledgements") == [ack.pk]
    assert _ids(client_as, "agency_admin", "policy-acknowledgements") == [ack.pk]
    assert _ids(client_as, "employee", "policy-acknowledgements") == []


def test_documents_carry_their_version_in_force(client_as, world):
    version = make_document(world)
    row = client_as("employee").get(f"/api/v1/policy-documents/{version.document.pk}/").json()
    assert row["current_version"]["number"] == 1
    assert row["current_version"]["content_sha256"] == version.content_sha256
