"""The policies pages in a real browser: every page axe-clean (forms empty and with errors), the
disclaimer copied with one click, and a violation report made and handled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from socialgov.core.testing import World, assert_axe_clean, sign_in
from socialgov.policies import services
from socialgov.policies.models import DocumentVersion, ExceptionRequest, PolicyDocument, ViolationReport
from socialgov.policies.packlib import load_pack
from socialgov.policies.tests.makers import adopt, make_document, make_exception, make_report

pytestmark = pytest.mark.browser

AGENCY = "/agencies/test-agency"



def submit_past_browser_checks(page: Page, button: str, form: str = "main form[method=post]") -> None:
    """Submit with the browser's own required-field checks off, so the server's errors are shown."""
    page.locator(form).filter(has=page.get_by_role("button", name=button)).first.evaluate(
        "form => form.noValidate = true")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=button).click()



# --- what each page needs ------------------------------------------------------------------------

def _dcfs(world: World) -> World:
    if not PolicyDocument.objects.filter(agency=world.agency).exists():
        adopt(world, "la-county-dcfs")
    return world


def _version(world: World) -> DocumentVersion:
    return DocumentVersion.objects.get(document__agency=_dcfs(world).agency, state="published")


def _draft(world: World) -> str:
    version = make_document(world, publish=False, title="Live video rules")
    return f"{AGENCY}/policy/documents/{version.document.pk}/versions/{version.number}/"


def _lac_training(world: World) -> str:
    adopt(world, "la-county-cio")
    version = DocumentVersion.objects.get(document__key="board_policies", state="published")
    return f"{AGENCY}/training/{version.pk}/acknowledge/"


def _report(world: World, state: str = "received") -> str:
    report = make_report(_dcfs(world))
    if state != "received":
        report = services.violation_report_start_review(actor=world.user("agency_head"), report=report)
    if state == "substantiated":
        report = services.violation_report_record_finding(actor=world.user("agency_head"), report=report,
                                                         substantiated=True, finding="The logo was used.")
    return f"{AGENCY}/conduct/reports/{report.pk}/"


def _exception(world: World, state: str = "in_review") -> ExceptionRequest:
    request = make_exception(world)
    if state == "returned":
        request = services.exception_return(actor=world.user("cio"), request=request, reason="Add the costs.")
    if state == "granted":
        request = services.exception_approve_step(actor=world.user("cio"), request=request)
        request = services.exception_approve_step(actor=world.user("agency_head"), request=request,
                                                  expires_on=timezone.localdate() + timedelta(days=10))
    return request


@dataclass
class Visit:
    persona: str
    path: Callable[[World], str]
    submit: str | None = None   # a button to press with the browser's checks off, to show the errors
    form: str = "main form[method=post]"


def at(rest: str) -> Callable[[World], str]:
    return lambda world: f"{AGENCY}/{rest}"


def with_pack(rest: str) -> Callable[[World], str]:
    return lambda world: (_dcfs(world), f"{AGENCY}/{rest}")[1]


PAGES: dict[str, Visit] = {
    "policy-with-review-overdue": Visit("t-employee", lambda w: (adopt(w, "kentucky-cot"), f"{AGENCY}/policy/")[1]),
    "reviews": Visit("t-agency-head", lambda w: (adopt(w, "kentucky-cot"), f"{AGENCY}/policy/reviews/")[1]),
    "reviews-errors": Visit("t-agency-head", at("policy/reviews/"), "Record the review"),
    "documents": Visit("t-pio", with_pack("policy/documents/")),
    "document-new": Visit("t-pio", at("policy/documents/new/")),
    "document-new-errors": Visit("t-pio", at("policy/documents/new/"), "Add document"),
    "document": Visit("t-pio", lambda w: f"{AGENCY}/policy/documents/{_version(w).document.pk}/"),
    "version-new": Visit("t-pio", lambda w: f"{AGENCY}/policy/documents/{_version(w).document.pk}/versions/new/"),
    "version-new-errors": Visit("t-pio", lambda w: f"{AGENCY}/policy/documents/{_version(w).document.pk}/versions/new/",
                                "Save draft"),
    "version-published": Visit("t-employee", lambda w: f"{AGENCY}/policy/documents/{_version(w).document.pk}/"
                                                       f"versions/1/"),
    "version-draft": Visit("t-pio", _draft),
    "training": Visit("t-employee", with_pack("training/")),
    "training-empty": Visit("t-legal-counsel", with_pack("training/")),
    "acknowledge": Visit("t-employee", lambda w: f"{AGENCY}/training/{_version(w).pk}/acknowledge/"),
    "acknowledge-errors": Visit("t-employee", lambda w: f"{AGENCY}/training/{_version(w).pk}/acknowledge/",
                                "Acknowledge"),
    "acknowledge-training-errors": Visit("t-employee", _lac_training, "Acknowledge"),
    "training-overview": Visit("t-department-head", with_pack("training/overview/")),
    "conduct": Visit("t-employee", with_pack("conduct/")),
    "conduct-without-pack": Visit("t-employee", at("conduct/")),
    "spokespersons": Visit("t-agency-head", with_pack("conduct/spokespersons/")),
    "spokespersons-errors": Visit("t-agency-head", at("conduct/spokespersons/"), "Authorize"),
    "reports": Visit("t-legal-counsel", lambda w: (_report(w), f"{AGENCY}/conduct/reports/")[1]),
    "report-new": Visit("t-employee", with_pack("conduct/reports/new/")),
    "report-new-errors": Visit("t-employee", with_pack("conduct/reports/new/"), "Send the report"),
    "report-received": Visit("t-agency-head", _report),
    "report-under-review": Visit("t-agency-head", lambda w: _report(w, "under_review")),
    "report-substantiated": Visit("t-agency-head", lambda w: _report(w, "substantiated")),
    "report-as-auditor": Visit("t-auditor", _report),
    "report-as-reporter": Visit("t-employee", _report),
    "exceptions": Visit("t-cio", lambda w: (_exception(w, "granted"), f"{AGENCY}/exceptions/")[1]),
    "exception-new": Visit("t-department-head", at("exceptions/new/")),
    "exception-new-errors": Visit("t-department-head", at("exceptions/new/"), "Submit the request"),
    "exception-to-review": Visit("t-cio", lambda w: f"{AGENCY}/exceptions/{_exception(w).pk}/"),
    "exception-granted": Visit("t-department-head", lambda w: f"{AGENCY}/exceptions/{_exception(w, 'granted').pk}/"),
    "exception-resubmit": Visit("t-department-head",
                                lambda w: f"{AGENCY}/exceptions/{_exception(w, 'returned').pk}/resubmit/"),
    "exception-resubmit-errors": Visit("t-department-head",
                                       lambda w: f"{AGENCY}/exceptions/{_exception(w, 'returned').pk}/resubmit/",
                                       "Resubmit"),
    "dashboard-with-panels": Visit("t-department-head", lambda w: (_exception(w, "granted"), _dcfs(w), "/")[2]),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_axe_clean(page: Page, world: World, name: str) -> None:
    visit = PAGES[name]
    path = visit.path(world)
    sign_in(page, visit.persona)
    assert page.goto(path).status == 200
    if visit.submit:
        fields = page.locator("main form[method=post] input:not([type=hidden]), main form[method=post] textarea")
        for i in range(fields.count()):
            if fields.nth(i).get_attribute("type") not in ("checkbox", "radio", "file"):
                fields.nth(i).fill("")
        submit_past_browser_checks(page, visit.submit, visit.form)
        expect(page.locator(".usa-error-message, .usa-alert--error").first).to_be_visible()
    assert_axe_clean(page)


@pytest.mark.requirement("DCFS-06")
def test_the_disclaimer_is_copied_with_one_click(browser, live_server, world: World) -> None:
    _dcfs(world)
    context = browser.new_context(base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        sign_in(page, "t-moderator")
        page.goto(f"{AGENCY}/conduct/")
        page.get_by_role("button", name="Copy the disclaimer").click()
        expect(page.get_by_role("status").filter(has_text="copied")).to_have_text("The disclaimer is copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == load_pack("la-county-dcfs").get("texts.disclaimer.text")
    finally:
        context.close()


@pytest.mark.requirement("DCFS-09")
@pytest.mark.requirement("DCFS-10")
def test_an_employee_reports_and_legal_counsel_handles_it(page: Page, world: World) -> None:
    _dcfs(world)
    sign_in(page, "t-employee")
    page.goto(f"{AGENCY}/conduct/reports/new/")
    expect(page.locator("main")).to_contain_text("The Department prohibits taking negative action")
    page.get_by_label("Who, if they work here").select_option(label="Mo Martin")
    page.get_by_label("What happened").fill("Used the agency logo to promote a candidate.")
    page.get_by_label("Where").fill("Personal Facebook profile")
    page.get_by_label("When").fill(str(timezone.localdate()))
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report #")
    report = ViolationReport.objects.get()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "t-legal-counsel")
    page.goto(f"{AGENCY}/conduct/reports/{report.pk}/")
    expect(page.locator("dt:text-is('Reported by') + dd")).to_have_text("Emery Evans")
    page.get_by_role("button", name="Start the review").click()
    page.get_by_text("A violation was found: record the non-compliance").click()  # USWDS: the label is the target
    page.get_by_label("What the review found").fill("The logo was used on a campaign post.")
    page.get_by_role("button", name="Record the finding").click()
    page.get_by_label("Disciplinary outcome").select_option(label="Written warning")
    page.get_by_role("button", name="Record and close").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Closed: disciplinary outcome recorded")
    assert_axe_clean(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "t-auditor")
    page.goto(f"{AGENCY}/conduct/reports/{report.pk}/")
    expect(page.locator("dt:text-is('Reported by') + dd")).to_have_text("Withheld")
    expect(page.locator("main")).not_to_contain_text("Emery Evans")
