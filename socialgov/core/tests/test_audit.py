"""The audit trail is append-only and tamper-evident: changes made behind the application's
back, through raw SQL, are found and named by ``socialgov verify audit``."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from socialgov.core.audit import audit_record, verify_chain
from socialgov.core.models import AppendOnlyError, AuditEvent


def _without_guard(sql: str, params: list) -> None:
    """Run ``sql`` the way an attacker with database rights would: with the trigger out of the way."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute(sql, params)
            cursor.execute("CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
                           "BEGIN SELECT RAISE(ABORT, 'append-only'); END;")


@pytest.fixture
def events(world):
    made = [audit_record(action=f"test.event.{i}", after={"n": i}, agency_id=world.agency.pk) for i in range(5)]
    return made


def _verify_output() -> tuple[bool, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify", "audit", stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


def test_untouched_chain_verifies(events):
    report = verify_chain()
    assert report.ok, report.problems
    ok, output = _verify_output()
    assert ok and "audit chain OK" in output


def test_edited_value_is_named(events):
    target = events[2]
    _without_guard("UPDATE core_auditevent SET after = %s WHERE id = %s", ['{"n": 999}', target.pk])
    ok, output = _verify_output()
    assert not ok
    assert f"altered: event #{target.seq}" in output


def test_removed_event_is_named(events):
    target = events[2]
    _without_guard("DELETE FROM core_auditevent WHERE id = %s", [target.pk])
    report = verify_chain()
    assert report.first_problem.kind == "removed"
    assert report.first_problem.seq == target.seq + 1
    assert f"seq {target.seq}" in report.first_problem.detail


def test_inserted_event_is_named(events):
    """A forged event slipped in after #k, linked to #k, shifts nothing: #k+1 still links to #k."""
    anchor = events[1]
    seq = anchor.seq + 1
    # Make room as an attacker would, by moving the later events up one place.
    _without_guard("UPDATE core_auditevent SET seq = seq + 1000000 WHERE seq > %s", [anchor.seq])
    _without_guard("UPDATE core_auditevent SET seq = seq - 1000000 + 1 WHERE seq > %s", [anchor.seq + 999999])
    forged = AuditEvent(seq=seq, actor_label="intruder", action="agencies.person.create",
                        prev_hash=anchor.hash, hash="f" * 64, occurred_at=anchor.occurred_at)
    from socialgov.core.audit import event_hash

    forged.hash = event_hash(forged)
    forged.save()
    report = verify_chain()
    kinds = {(p.kind, p.seq) for p in report.problems}
    assert ("inserted", seq) in kinds


def test_events_cut_off_the_end_are_detected(events):
    last = events[-1]
    _without_guard("DELETE FROM core_auditevent WHERE id = %s", [last.pk])
    report = verify_chain()
    assert any(p.kind == "truncated" and p.seq == last.seq for p in report.problems)


def test_application_refuses_to_change_or_delete_events(events):
    event = AuditEvent.objects.get(pk=events[0].pk)
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_database_trigger_refuses_update(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'x' WHERE id = %s", [events[0].pk])


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the DELETE trigger is PostgreSQL's")
def test_postgresql_trigger_refuses_delete(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[0].pk])


def test_secrets_never_reach_audit_values(world):
    event = audit_record(action="test.secret", agency_id=world.agency.pk,
                         after={"password": "hunter2-hunter2", "nested": {"api_token": "sg_abc", "name": "ok"},
                                "recovery_codes": ["1111", "2222"]})
    stored = AuditEvent.objects.get(pk=event.pk)
    text = str(stored.after)
    assert "hunter2" not in text and "sg_abc" not in text and "1111" not in text
    assert stored.after["nested"]["name"] == "ok"


def test_ordinary_words_that_contain_pass_are_not_redacted(world):
    event = audit_record(action="test.costs", agency_id=world.agency.pk,
                         after={"costs_passed_to_agency": True, "passport_office": "no", "pass": "x"})
    stored = AuditEvent.objects.get(pk=event.pk).after
    assert stored["costs_passed_to_agency"] is True and stored["passport_office"] == "no"
    assert stored["pass"] == "[redacted]"


def test_every_event_records_actor_request_and_address(client_as, world):
    client = client_as("agency_admin")
    dept = world.agency.departments.get(slug="programs")
    response = client.post(f"/agencies/{world.agency.slug}/departments/new/",
                           {"name": "Adoption Services", "parent": dept.pk}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="agencies.department.create").order_by("-seq").first()
    assert event.actor == world.user("agency_admin")
    assert event.ip_address == "203.0.113.9"
    assert event.request_id == response["X-Request-ID"]
    assert event.after["name"] == "Adoption Services"
    assert event.via == "web"
