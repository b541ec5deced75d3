"""List pages cost the same number of queries however many rows they show."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialgov.agencies import services
from socialgov.agencies.roles import Role
from socialgov.core.audit import audit_record


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _add_people(world, count: int) -> None:
    admin = world.user("agency_admin")
    for i in range(count):
        person = services.person_create(actor=admin, agency=world.agency, full_name=f"Extra Person {i}",
                                        email=f"extra{i}@example.gov", department=world.dept("programs"))
        services.membership_grant(actor=admin, person=person, role=Role.EMPLOYEE)


def test_people_page_queries_do_not_grow_with_people(client_as, world):
    client = client_as("pio")
    url = world.agency_url("people/")
    before = _queries(client, url)
    _add_people(world, 12)
    assert _queries(client, url) == before


def test_audit_page_queries_do_not_grow_with_events(client_as, world):
    client = client_as("auditor")
    before = _queries(client, "/audit/")
    for i in range(60):
        audit_record(action=f"test.many.{i}", agency_id=world.agency.pk, after={"i": i})
    assert _queries(client, "/audit/") == before
