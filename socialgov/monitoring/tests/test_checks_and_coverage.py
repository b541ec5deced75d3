"""Recording checks, coverage (designee, interim monitor), missed-check detection and alerts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from socialgov.core.models import AuditEvent, Notification
from socialgov.monitoring import selectors, services
from socialgov.monitoring.models import MissedCheck, MonitoringCheck
from socialgov.monitoring.tests.conftest import active_account

NY = ZoneInfo("America/New_York")


def at(y, mo, d, h=12, mi=0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=NY)


def check(world, account, persona, when, how="manual"):
    with time_machine.travel(when, tick=False):
        return services.monitoring_check_record(account=account, by=world.user(persona), how=how)


def alerted(event="monitoring.missed") -> set[str]:
    return set(Notification.objects.filter(event=event).values_list("recipient__username", flat=True))


# --- the seam and manual checks ------------------------------------------------------------------

@pytest.mark.requirement("LCCS-07")
def test_the_pio_records_a_check_as_the_responsible_person_and_it_is_audited(world, lccs, account):
    c = services.monitoring_check_record(account=account, by=world.user("pio"), how="manual", note="All fine.")
    assert (c.checked_by, c.how, c.capacity, c.note) == (world.user("pio"), "manual", "responsible", "All fine.")
    event = AuditEvent.objects.get(action="monitoring.check.record")
    assert event.after["capacity"] == "responsible" and event.agency_id == world.agency.pk


def test_a_queue_worked_by_someone_else_is_recorded_with_their_capacity(world, lccs, account):
    c = services.monitoring_check_record(account=account, by=world.user("moderator"))
    assert c.how == "queue" and c.capacity == "other" and not c.was_responsible


def test_only_the_responsible_or_covering_person_records_a_check_by_hand(world, lccs, account):
    with pytest.raises(PermissionDenied):
        services.monitoring_check_record(account=account, by=world.user("moderator"), how="manual")
    outsider = world.user("outsider")
    with pytest.raises(PermissionDenied):
        services.monitoring_check_record(account=account, by=outsider, how="queue")
    assert not MonitoringCheck.objects.exists()


def test_bad_input_is_refused_by_name(world, lccs, account):
    with pytest.raises(ValidationError) as err:
        services.monitoring_check_record(account=account, by=world.user("pio"), how="telepathy")
    assert "how" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.monitoring_check_record(account=account, by=world.user("pio"), how="manual", note="x" * 501)
    assert "note" in err.value.message_dict


@pytest.mark.requirement("NJ-11")
def test_under_nj_the_acknowledged_account_administrator_is_responsible(world, nj, account):
    c = services.monitoring_check_record(account=account, by=world.user("account_administrator"), how="manual")
    assert c.capacity == "responsible"
    with pytest.raises(PermissionDenied):  # NJ does not make the PIO responsible
        services.monitoring_check_record(account=account, by=world.user("pio"), how="manual")


# --- coverage --------------------------------------------------------------------------------------

@pytest.mark.requirement("LCCS-07")
def test_the_pio_names_a_designee_for_vacation_who_then_monitors(world, lccs, account):
    today = selectors.today(world.agency)
    cover = services.coverage_appoint(actor=world.user("pio"), agency=world.agency, kind="designee",
                                      person=world.person("moderator"), starts_on=today,
                                      ends_on=today + timedelta(days=7), reason="Vacation")
    c = services.monitoring_check_record(account=account, by=world.user("moderator"), how="manual")
    assert c.capacity == "designee" and c.coverage == cover
    assert AuditEvent.objects.filter(action="monitoring.coverage.designee").exists()
    assert "t-moderator" in alerted("monitoring.coverage.designee")


@pytest.mark.requirement("LCCS-07")
def test_the_executive_director_appoints_an_interim_monitor_with_a_reason(world, lccs, account):
    today = selectors.today(world.agency)
    head, pio = world.user("agency_head"), world.user("pio")
    kwargs = dict(agency=world.agency, kind="interim", person=world.person("communications_director"),
                  starts_on=today, ends_on=today + timedelta(days=14))
    with pytest.raises(ValidationError) as err:
        services.coverage_appoint(actor=head, reason=" ", **kwargs)
    assert "reason" in err.value.message_dict
    with pytest.raises(PermissionDenied):  # the PIO names designees, not interim monitors
        services.coverage_appoint(actor=pio, reason="PIO ill", **kwargs)
    cover = services.coverage_appoint(actor=head, reason="The PIO is ill and cannot name a designee.", **kwargs)
    assert cover.get_kind_display() == "Interim monitor appointed by the executive director"
    c = services.monitoring_check_record(account=account, by=world.user("communications_director"), how="manual")
    assert c.capacity == "interim"


def test_only_the_responsible_role_names_a_designee(world, lccs):
    today = selectors.today(world.agency)
    with pytest.raises(PermissionDenied):
        services.coverage_appoint(actor=world.user("moderator"), agency=world.agency, kind="designee",
                                  person=world.person("moderator"), starts_on=today, ends_on=today, reason="x")


def test_coverage_dates_must_make_sense(world, lccs):
    today = selectors.today(world.agency)
    with pytest.raises(ValidationError) as err:
        services.coverage_appoint(actor=world.user("pio"), agency=world.agency, kind="designee",
                                  person=world.person("moderator"), starts_on=today, ends_on=today - timedelta(days=2),
                                  reason="Leave")
    assert "ends_on" in err.value.message_dict


def test_an_ended_coverage_no_longer_lets_the_designee_record(world, lccs, account):
    today = selectors.today(world.agency)
    cover = services.coverage_appoint(actor=world.user("pio"), agency=world.agency, kind="designee",
                                      person=world.person("moderator"), starts_on=today, ends_on=today,
                                      reason="Leave")
    services.coverage_end(actor=world.user("pio"), coverage=cover)
    with pytest.raises(PermissionDenied):
        services.monitoring_check_record(account=account, by=world.user("moderator"), how="manual")


# --- missed checks ------------------------------------------------------------------------------------

@pytest.mark.requirement("LCCS-07")
def test_a_missed_weekday_is_recorded_and_alerts_the_pio_and_the_executive_director_once(world, lccs):
    account = active_account(world, activated_at=at(2026, 3, 1))
    for h in (9, 15):
        check(world, account, "pio", at(2026, 3, 2, h))  # Monday met
    check(world, account, "pio", at(2026, 3, 3, 9))  # Tuesday: one of two
    missed = services.missed_checks_sweep(now=at(2026, 3, 4, 8), days_back=3)
    # Sunday 1 March is a weekend cut short by the activation that day: missed, 0 of 1.
    assert [(m.day, m.expected, m.found) for m in missed] == [(date(2026, 3, 1), 1, 0), (date(2026, 3, 3), 2, 1)]
    assert alerted() == {"t-pio", "t-agency-head"}
    tuesday = MissedCheck.objects.get(day=date(2026, 3, 3))
    assert tuesday.alerted_at is not None and {a["as"] for a in tuesday.alerted} == {"responsible", "agency head"}
    assert AuditEvent.objects.filter(action="monitoring.missed.record").count() == 2
    sent = Notification.objects.count()
    assert services.missed_checks_sweep(now=at(2026, 3, 4, 9), days_back=3) == []
    assert Notification.objects.count() == sent  # alerted once, not twice


@pytest.mark.requirement("LCCS-07")
def test_a_day_the_designee_covered_counts_as_met(world, lccs):
    account = active_account(world, activated_at=at(2026, 3, 1))
    with time_machine.travel(at(2026, 3, 2, 8), tick=False):
        services.coverage_appoint(actor=world.user("pio"), agency=world.agency, kind="designee",
                                  person=world.person("moderator"), starts_on=date(2026, 3, 2),
                                  ends_on=date(2026, 3, 3), reason="Vacation")
    for h in (9, 15):
        c = check(world, account, "moderator", at(2026, 3, 2, h))
        assert c.capacity == "designee"
    assert services.missed_checks_sweep(now=at(2026, 3, 3, 8), days_back=1) == []
    assert selectors.evaluate(account, date(2026, 3, 2), date(2026, 3, 2), now=at(2026, 3, 3))[0].status == "met"


def test_nothing_is_missed_before_the_account_was_activated(world, lccs):
    active_account(world, activated_at=at(2026, 3, 4, 10))
    assert services.missed_checks_sweep(now=at(2026, 3, 4, 20), days_back=14) == []


@pytest.mark.requirement("NJ-11")
def test_nj_a_day_without_a_check_is_detected_and_alerts_the_administrators_and_the_agency_head(world, nj):
    account = active_account(world, activated_at=at(2026, 10, 30))
    check(world, account, "account_administrator", at(2026, 10, 30))
    check(world, account, "account_administrator", at(2026, 11, 1))
    missed = services.missed_checks_sweep(now=at(2026, 11, 2, 8), days_back=5)
    assert [(m.day, m.expected, m.found) for m in missed] == [(date(2026, 10, 31), 1, 0)]
    assert alerted() == {"t-account-administrator", "t-agency-head"}
    assert services.missed_checks_sweep(now=at(2026, 11, 2, 9), days_back=5) == []


@pytest.mark.requirement("NJ-11")
def test_the_sweep_command_records_and_reports(world, nj, capsys):
    active_account(world, activated_at=at(2026, 10, 30))
    with time_machine.travel(at(2026, 11, 2, 8), tick=False):
        call_command("monitoring", "sweep", "--days", "3")
    out = capsys.readouterr().out
    assert "missed on 2026-10-30" in out and "missed on 2026-11-01" in out
    with time_machine.travel(at(2026, 11, 2, 9), tick=False):
        call_command("monitoring", "sweep", "--days", "3")
    assert "No newly missed monitoring." in capsys.readouterr().out


def test_the_sweep_task_runs(world, nj):
    from socialgov.monitoring.tasks import missed_checks_sweep_task

    active_account(world, activated_at=at(2026, 10, 30))
    with time_machine.travel(at(2026, 11, 1, 8), tick=False):
        ids = missed_checks_sweep_task.call()
    assert len(ids) == 2  # 30 and 31 October
