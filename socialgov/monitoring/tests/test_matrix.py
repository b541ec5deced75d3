"""Permission matrix for the monitoring pages, with the LCCS pack in force: the PIO monitors and
names designees (the moderator covers this week), the executive director (agency head) appoints
interim monitors; records officers and auditors read; people of another agency see nothing (404)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix
from socialgov.monitoring import selectors, services
from socialgov.monitoring.models import AdvertisingIncident, Coverage, MonitoringCheck
from socialgov.monitoring.tests.conftest import active_account

VIEWERS = {"agency_admin", "agency_head", "communications_director", "pio", "account_administrator", "moderator",
           "records_officer", "auditor"}
MONITORS = {"pio", "moderator"}  # the PIO, and the moderator covering as designee
REPORTERS = {"agency_head", "pio", "communications_director", "account_administrator", "moderator"}
FOLLOW_UP = {"pio", "moderator", "agency_head"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def build_scene(world) -> None:
    account = active_account(world, "Monitored account")
    today = selectors.today(world.agency)
    services.coverage_appoint(actor=world.user("pio"), agency=world.agency, kind="designee",
                              person=world.person("moderator"), starts_on=today, ends_on=today + timedelta(days=6),
                              reason="Vacation")
    services.incident_create(actor=world.user("pio"), account=account, seen_at=timezone.now(),
                             where="https://mastodon.social/@agency", ad_description="A gambling advertisement.",
                             screenshot=SimpleUploadedFile("a.png", PNG, content_type="image/png"))
    services.monitoring_check_record(account=account, by=world.user("pio"), how="manual")


def acct(w):
    return w.agency.accounts.get(name="Monitored account").pk


def inc(w):
    return AdvertisingIncident.objects.get(account__agency=w.agency).pk


def cov(w):
    return Coverage.objects.get(agency=w.agency).pk


def coverage_data(kind: str):
    def data(w):
        today = selectors.today(w.agency)
        return {"kind": kind, f"{kind}-person": w.person("communications_director").pk,
                f"{kind}-starts_on": today.isoformat(), f"{kind}-ends_on": (today + timedelta(days=3)).isoformat(),
                f"{kind}-reason": "Leave" if kind == "designee" else "The PIO is ill."}
    return data


ROWS = [
    Row("monitoring-overview", lambda w: w.agency_url("monitoring/"), VIEWERS, outsider=404),
    Row("monitoring-check-record", lambda w: w.agency_url(f"monitoring/accounts/{acct(w)}/check/"), MONITORS,
        method="post", ok=302, outsider=404),
    Row("monitoring-report", lambda w: w.agency_url(f"monitoring/accounts/{acct(w)}/report/"), VIEWERS,
        outsider=404),
    Row("monitoring-report-csv", lambda w: w.agency_url(f"monitoring/accounts/{acct(w)}/report.csv"), VIEWERS,
        outsider=404),
    Row("monitoring-coverage", lambda w: w.agency_url("monitoring/coverage/"), VIEWERS, outsider=404),
    Row("monitoring-coverage", lambda w: w.agency_url("monitoring/coverage/"), {"pio"}, method="post", ok=302,
        outsider=404, data=coverage_data("designee")),
    Row("monitoring-coverage", lambda w: w.agency_url("monitoring/coverage/"), {"agency_head"}, method="post",
        ok=302, outsider=404, data=coverage_data("interim")),
    Row("monitoring-coverage-end", lambda w: w.agency_url(f"monitoring/coverage/{cov(w)}/end/"),
        {"pio", "agency_head"}, method="post", ok=302, outsider=404),
    Row("monitoring-incidents", lambda w: w.agency_url("monitoring/incidents/"), VIEWERS, outsider=404),
    Row("monitoring-incident-create", lambda w: w.agency_url("monitoring/incidents/new/"), REPORTERS, outsider=404),
    Row("monitoring-incident", lambda w: w.agency_url(f"monitoring/incidents/{inc(w)}/"), VIEWERS, outsider=404),
    Row("monitoring-incident", lambda w: w.agency_url(f"monitoring/incidents/{inc(w)}/"), FOLLOW_UP,
        method="post", ok=302, outsider=404, data={"action": "note", "text": "Checked again."}),
    Row("monitoring-incident-screenshot", lambda w: w.agency_url(f"monitoring/incidents/{inc(w)}/screenshot/"),
        VIEWERS, outsider=404),
]


API = "/api/v1/monitoring-checks/"
MEMBERS = set(PERSONA_KEYS)


def one_check(w):
    return f"{API}{MonitoringCheck.objects.get(account__agency=w.agency).pk}/"


API_ROWS = [
    Row("api-monitoring-check-list", lambda w: API, MEMBERS | {"outsider"}, anonymous=401),
    # Recording by hand: the PIO and the covering designee; the outsider cannot name this agency's account.
    Row("api-monitoring-check-list", lambda w: API, MONITORS, method="post", ok=201, outsider=400, anonymous=401,
        data=lambda w: {"account": acct(w), "how": "manual", "note": "API"}),
    # A worked queue: anyone of the agency, recorded with their capacity.
    Row("api-monitoring-check-list", lambda w: API, MEMBERS, method="post", ok=201, outsider=400, anonymous=401,
        data=lambda w: {"account": acct(w), "how": "queue"}),
    Row("api-monitoring-check-detail", one_check, VIEWERS, denied=404, outsider=404, anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}-{r.url.__name__}")
def test_permission_matrix(client, world, lccs, row):
    build_scene(world)
    assert_matrix(client, world, [row])
