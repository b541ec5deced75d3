"""The monitoring pages as a user sees them."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialgov.monitoring import services
from socialgov.monitoring.models import AdvertisingIncident, Coverage, MonitoringCheck
from socialgov.monitoring.tests.conftest import active_account

NY = ZoneInfo("America/New_York")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def at(y, mo, d, h=12) -> datetime:
    return datetime(y, mo, d, h, tzinfo=NY)


@pytest.mark.requirement("LCCS-07")
def test_the_pio_records_a_check_from_the_overview(client_as, world, lccs):
    account = active_account(world, activated_at=at(2026, 3, 1))
    client = client_as("pio")
    with time_machine.travel(at(2026, 3, 4, 10), tick=False):  # a Wednesday
        page = client.get(world.agency_url("monitoring/")).content.decode()
        assert "Record a check" in page and "Not over yet<br>0 of 2" in page
        response = client.post(world.agency_url(f"monitoring/accounts/{account.pk}/check/"),
                               {"note": "Quiet day."}, follow=True)
    page = response.content.decode()
    assert "Check of Agency on Mastodon recorded at 10:00" in page and "Not over yet<br>1 of 2" in page
    c = MonitoringCheck.objects.get()
    assert (c.how, c.capacity, c.note) == ("manual", "responsible", "Quiet day.")


@pytest.mark.requirement("LCCS-07")
def test_missed_monitoring_is_visible_on_the_overview_the_report_and_the_dashboard(client_as, world, lccs):
    account = active_account(world, activated_at=at(2026, 3, 1))
    with time_machine.travel(at(2026, 3, 4, 8), tick=False):
        services.missed_checks_sweep(days_back=3)
        client = client_as("agency_head")
        overview = client.get(world.agency_url("monitoring/")).content.decode()
        assert "Missed monitoring this week" in overview and "0 of 2 checks on" in overview
        report = client.get(world.agency_url(f"monitoring/accounts/{account.pk}/report/"),
                            {"start": "2026-03-01", "end": "2026-03-31"}).content.decode()
        dashboard = client.get("/").content.decode()
    assert "<caption>March 2026: checks done of checks required, each day</caption>" in report
    assert "Missed</span><br>0 of 2" in report
    assert "Harper Hayes (agency head)" in report  # who was alerted
    assert "Accounts with missed monitoring this week" in dashboard and "Agency on Mastodon" in dashboard


def test_the_report_period_is_validated(client_as, world, lccs, account):
    page = client_as("auditor").get(world.agency_url(f"monitoring/accounts/{account.pk}/report/"),
                                    {"start": "2026-03-10", "end": "2026-03-01"}).content.decode()
    assert "“To” must be on or after “From”." in page


def test_the_csv_is_formula_safe(client_as, world, lccs):
    account = active_account(world, "=HYPERLINK(\"http://evil\")", activated_at=at(2026, 3, 1))
    with time_machine.travel(at(2026, 3, 4), tick=False):
        response = client_as("records_officer").get(
            world.agency_url(f"monitoring/accounts/{account.pk}/report.csv"),
            {"start": "2026-03-02", "end": "2026-03-03"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["account", "date", "weekday", "required", "done", "periodic"]
    assert rows[1][0].startswith("'=") and rows[1][1:5] == ["2026-03-02", "Monday", "2", "0"]
    assert rows[1][-1] == "Missed"


@pytest.mark.requirement("LCCS-07")
def test_the_executive_director_appoints_an_interim_monitor_from_the_coverage_page(client_as, world, lccs):
    client = client_as("agency_head")
    page = client.get(world.agency_url("monitoring/coverage/")).content.decode()
    assert "Appoint an interim monitor (executive director)" in page
    assert "Name a designee" not in page  # that is the PIO's
    today = timezone.localdate()
    data = {"kind": "interim", "interim-person": world.person("communications_director").pk,
            "interim-starts_on": today.isoformat(), "interim-ends_on": (today + timedelta(days=5)).isoformat(),
            "interim-reason": ""}
    page = client.post(world.agency_url("monitoring/coverage/"), data).content.decode()
    assert "Say why the coverage is needed." in page and not Coverage.objects.exists()
    data["interim-reason"] = "The PIO is in hospital."
    page = client.post(world.agency_url("monitoring/coverage/"), data, follow=True).content.decode()
    assert "Interim monitor appointed by the executive director" in page
    assert Coverage.objects.get().kind == "interim"


@pytest.mark.requirement("LCCS-06")
def test_an_incident_form_with_an_error_then_saved_then_followed_up(client_as, world, lccs, account):
    client = client_as("moderator")
    url = world.agency_url("monitoring/incidents/new/")
    data = {"account": account.pk, "seen_at": "", "where": "https://mastodon.social/@agency",
            "ad_description": "Casino ad."}
    page = client.post(url, data).content.decode()
    assert "Say when the advertisement was seen." in page and not AdvertisingIncident.objects.exists()
    data["seen_at"] = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    data["screenshot"] = SimpleUploadedFile("ad.png", PNG, content_type="image/png")
    page = client.post(url, data, follow=True).content.decode()
    incident = AdvertisingIncident.objects.get()
    assert "Incident recorded" in page and "Casino ad." in page
    pio = client_as("pio")
    page = pio.post(world.agency_url(f"monitoring/incidents/{incident.pk}/"),
                    {"action": "reported", "how": "", "text": ""}).content.decode()
    assert "Say how the provider was contacted" in page
    page = pio.post(world.agency_url(f"monitoring/incidents/{incident.pk}/"),
                    {"action": "reported", "how": "Ad report form", "reference": "R-9"}, follow=True).content.decode()
    assert "Reported to the provider" in page and "R-9" in page
    shot = pio.get(world.agency_url(f"monitoring/incidents/{incident.pk}/screenshot/"))
    assert shot["Content-Type"] == "image/png" and shot["X-Content-Type-Options"] == "nosniff"
    assert b"".join(shot.streaming_content).startswith(b"\x89PNG")


def test_the_responsible_persons_dashboard_lists_checks_due_today(client_as, world, nj):
    account = active_account(world, activated_at=at(2026, 3, 1))
    client = client_as("account_administrator")
    with time_machine.travel(at(2026, 3, 4, 10), tick=False):
        page = client.get("/").content.decode()
        assert "Your monitoring checks due today" in page and "Not over yet: 0 of 1" in page
        services.monitoring_check_record(account=account, by=world.user("account_administrator"))
        page = client.get("/").content.decode()
    assert "No check is due from you today" in page


def test_a_connector_records_a_check_through_the_api(client_as, world, nj, account):
    client = client_as("account_administrator")
    response = client.post("/api/v1/monitoring-checks/", {"account": account.pk, "how": "connector"})
    assert response.status_code == 201 and response.json()["capacity"] == "responsible"
    response = client.post("/api/v1/monitoring-checks/", {"account": account.pk, "how": "psychic"})
    assert response.status_code == 400 and "how" in response.json()
    listed = client.get("/api/v1/monitoring-checks/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["how"] for r in rows] == ["connector"]
