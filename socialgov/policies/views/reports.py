"""Reports of possible violations (DCFS-09, DCFS-10, KY-10). Every page load of a report is audited;
the reporter's identity is shown only to those the policy lets see it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.agencies.views import agency_view
from socialgov.policies import parameters, selectors, services
from socialgov.policies.forms import CloseReportForm, FindingForm, ReportForm, StartReviewForm
from socialgov.policies.models import ViolationReport
from socialgov.policies.selectors.reports import WITHHELD
from socialgov.policies.views._helpers import posted, require_perm, run_service


def _retaliation(agency) -> dict:
    rule, cite = parameters.anti_retaliation(selectors.pack_data(agency))
    return {"anti_retaliation": rule, "anti_retaliation_cite": cite}


def _report(request: HttpRequest, agency, pk: int) -> ViolationReport:
    report = get_object_or_404(selectors.reports_visible_to(request.user).filter(agency=agency), pk=pk)
    require_perm(request, "policies.view_report", report)
    return report


@agency_view("policies.view_reports")
def reports(request: HttpRequest, agency) -> HttpResponse:
    rows = list(selectors.reports_visible_to(request.user).filter(agency=agency)[:200])
    if rows:
        services.violation_reports_listed(actor=request.user, reports=rows)
    return render(request, "policies/reports.html", {
        "agency": agency, "reports": rows, **_retaliation(agency),
        "can_report": request.user.has_perm("policies.report_violation", agency)})


@agency_view("policies.report_violation")
def report_create(request: HttpRequest, agency) -> HttpResponse:
    allowed = parameters.anonymous_reports_allowed(selectors.pack_data(agency))
    form = ReportForm(posted(request), agency=agency, anonymous_allowed=allowed)
    if request.method == "POST":
        report = run_service(request, form, lambda data: services.violation_report_submit(
            actor=request.user, agency=agency, **data), "Thank you. Your report is recorded and sent to the people "
                                                         "who handle reports.")
        if report:
            return redirect("policies-report", agency.slug, report.pk)
    return render(request, "policies/report_form.html", {
        "agency": agency, "form": form, "handlers": _handler_labels(agency), **_retaliation(agency)})


def _handler_labels(agency) -> list[str]:
    pack = selectors.pack_data(agency)
    return [parameters.role_label(pack, role) + (" of the department concerned" if role == "department_head" else "")
            for role in parameters.report_handler_roles(pack)]


@agency_view("policies.view_reports")
def report_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    report = _report(request, agency, pk)
    reporter = selectors.reporter_shown(request.user, report)
    services.violation_report_viewed(actor=request.user, report=report,
                                     reporter_shown=reporter != WITHHELD)
    handles = request.user.has_perm("policies.handle_report", report)
    only_reporter = report.reporter_id == request.user.pk and not handles
    return render(request, "policies/report_detail.html", {
        "agency": agency, "report": report, "reporter": reporter, "handles": handles, "is_reporter": only_reporter,
        # The reporter follows the status; the history (who handled it, the findings) is for the others.
        "transitions": [] if only_reporter else report.transitions.select_related("actor__person"),
        "review_form": StartReviewForm(), "finding_form": FindingForm(), "close_form": CloseReportForm(),
        **_retaliation(agency)})


def _report_post(request: HttpRequest, agency, pk: int, form_class, call, success: str) -> HttpResponse:
    report = _report(request, agency, pk)
    require_perm(request, "policies.handle_report", report)
    form = form_class(request.POST)
    if not run_service(request, form, lambda data: call(actor=request.user, report=report, **data), success):
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("policies-report", agency.slug, pk)


@require_POST
@agency_view("policies.view_reports")
def report_review(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _report_post(request, agency, pk, StartReviewForm, services.violation_report_start_review,
                        "The report is under review.")


@require_POST
@agency_view("policies.view_reports")
def report_finding(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _report_post(request, agency, pk, FindingForm, services.violation_report_record_finding,
                        "The finding is recorded.")


@require_POST
@agency_view("policies.view_reports")
def report_close(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _report_post(request, agency, pk, CloseReportForm, services.violation_report_close,
                        "The disciplinary outcome is recorded and the report is closed.")
