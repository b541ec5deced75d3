"""Permission matrix: the conduct page, authorized spokespersons, reports of possible violations."""

from __future__ import annotations

from datetime import date

import pytest

from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix
from socialgov.policies import services
from socialgov.policies.tests.makers import make_report

MEMBERS = set(PERSONA_KEYS)
# DCFS-04: the agency head for anyone; the department head for their department (the employee's).
AUTHORIZERS = {"agency_head", "department_head"}
# A report about the moderator (communications), made by the employee: the agency head and legal counsel
# handle it; auditors read it; the reporter follows it. Nobody else knows it exists.
READERS = {"agency_head", "legal_counsel", "auditor", "employee"}
HANDLERS = {"agency_head", "legal_counsel"}


def _grant(w) -> str:
    grant = services.spokesperson_authorize(actor=None, person=w.person("employee"), scope="Events")
    return w.agency_url(f"conduct/spokespersons/{grant.pk}/revoke/")


def _report(w, rest: str = "", state: str = "received") -> str:
    report = make_report(w)
    if state in ("under_review", "substantiated"):
        report = services.violation_report_start_review(actor=None, report=report)
    if state == "substantiated":
        report = services.violation_report_record_finding(actor=None, report=report, substantiated=True,
                                                         finding="Found.")
    return w.agency_url(f"conduct/reports/{report.pk}/{rest}")


def _handled(**kwargs) -> dict:
    """For acting on a report: the handlers may; other readers are refused; the rest get 404."""
    return {"denied": 404, "outsider": 404, "method": "post", "ok": 302,
            "overrides": {"auditor": 403, "employee": 403}, **kwargs}


REPORT = {"what": "Posted a client's photo.", "where": "Instagram", "occurred_on": date(2026, 1, 5)}

ROWS = [
    Row("policies-conduct", lambda w: w.agency_url("conduct/"), MEMBERS, outsider=404),
    Row("policies-spokespersons", lambda w: w.agency_url("conduct/spokespersons/"), MEMBERS, outsider=404),
    Row("policies-spokespersons", lambda w: w.agency_url("conduct/spokespersons/"), AUTHORIZERS, outsider=404,
        method="post", ok=302, data=lambda w: {"person": w.person("employee").pk, "scope": "Adoption events"}),
    Row("policies-spokesperson-revoke", _grant, AUTHORIZERS, outsider=404, method="post", ok=302,
        data={"reason": "Role changed"}),
    Row("policies-reports", lambda w: w.agency_url("conduct/reports/"), MEMBERS, outsider=404),
    Row("policies-report-new", lambda w: w.agency_url("conduct/reports/new/"), MEMBERS, outsider=404),
    Row("policies-report-new", lambda w: w.agency_url("conduct/reports/new/"), MEMBERS, outsider=404,
        method="post", ok=302, data=REPORT),
    Row("policies-report", _report, READERS, denied=404, outsider=404),
    Row("policies-report-review", lambda w: _report(w, "review/"), HANDLERS, **_handled()),
    Row("policies-report-finding", lambda w: _report(w, "finding/", "under_review"), HANDLERS,
        **_handled(data={"substantiated": "yes", "finding": "Found."})),
    Row("policies-report-close", lambda w: _report(w, "close/", "substantiated"), HANDLERS,
        **_handled(data={"outcome": "written_warning"})),
]

API = "/api/v1/"


def _spokesperson_api(w) -> str:
    grant = services.spokesperson_authorize(actor=None, person=w.person("pio"), scope="Media")
    return f"{API}policy-spokespersons/{grant.pk}/"


API_ROWS = [
    Row("api-policy-spokesperson-list", lambda w: f"{API}policy-spokespersons/", MEMBERS | {"outsider"},
        anonymous=401),
    Row("api-policy-spokesperson-detail", _spokesperson_api, MEMBERS, outsider=404, anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])


def test_the_head_of_the_department_concerned_reads_a_report_about_it(client, world):
    def youth_services_report(w) -> str:
        report = make_report(w, reporter="pio", subject=None, department="youth-services")
        return w.agency_url(f"conduct/reports/{report.pk}/")

    readers = {"agency_head", "legal_counsel", "auditor", "pio", "department_head"}
    assert_matrix(client, world, [Row("policies-report", youth_services_report, readers, denied=404, outsider=404)])
