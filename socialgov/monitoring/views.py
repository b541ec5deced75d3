"""Monitoring pages: the overview, recording a check, coverage, the compliance report, advertising
incidents (LCCS-06, LCCS-07, NJ-11)."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.accounts.models import Account
from socialgov.agencies.views import agency_view
from socialgov.core.forms_util import add_service_errors
from socialgov.monitoring import selectors, services, workflows
from socialgov.monitoring.forms import CheckForm, CoverageForm, FollowUpForm, IncidentForm, PeriodForm
from socialgov.monitoring.models import AdvertisingIncident
from socialgov.monitoring.workflows import CoverageKind

VIEW = "monitoring.view"


def _account(request: HttpRequest, agency, pk: int) -> Account:
    return get_object_or_404(selectors.accounts_visible(request.user, agency), pk=pk)


@agency_view(VIEW)
def overview(request: HttpRequest, agency) -> HttpResponse:
    schedule = selectors.schedule_of(agency)
    day = selectors.today(agency)
    rows = selectors.overview(request.user, agency)
    return render(request, "monitoring/overview.html", {
        "agency": agency, "schedule": schedule, "rows": rows, "today": day,
        "responsible_label": selectors.responsible_label(schedule),
        "week_days": [day - timedelta(days=day.weekday()) + timedelta(days=i) for i in range(7)],
        "missed": selectors.missed_this_week(request.user, agency),
        "covers": selectors.coverages_in_force(agency, day),
        "may_appoint": request.user.has_perm("monitoring.appoint_designee", agency)
        or request.user.has_perm("monitoring.appoint_interim", agency),
        "may_report_incident": request.user.has_perm("monitoring.report_incident", agency),
        "check_form": CheckForm()})


@require_POST
@agency_view(VIEW)
def check_record(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = _account(request, agency, pk)
    if not request.user.has_perm("monitoring.record_check", account):
        raise PermissionDenied
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The check was not recorded: " + "; ".join(
            str(e) for errors in form.errors.values() for e in errors))
        return redirect("monitoring-overview", agency.slug)
    try:
        check = services.monitoring_check_record(account=account, by=request.user, how="manual",
                                                 note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, "The check was not recorded: " + "; ".join(exc.messages))
    else:
        when = check.checked_at.astimezone(selectors.agency_tz(agency))
        messages.success(request, f"Check of {account.name} recorded at {when:%H:%M}.")
    return redirect("monitoring-overview", agency.slug)


# --- coverage ----------------------------------------------------------------------------------------

@agency_view(VIEW)
def coverage(request: HttpRequest, agency) -> HttpResponse:
    user = request.user
    allowed = {CoverageKind.DESIGNEE: user.has_perm("monitoring.appoint_designee", agency),
               CoverageKind.INTERIM: user.has_perm("monitoring.appoint_interim", agency)}
    forms = {kind: CoverageForm(agency=agency, kind=kind) for kind, ok in allowed.items() if ok}
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in CoverageKind.values or not allowed.get(kind):
            raise PermissionDenied
        form = forms[kind] = CoverageForm(request.POST, agency=agency, kind=kind)
        if form.is_valid():
            data = form.cleaned_data
            try:
                cover = services.coverage_appoint(actor=user, agency=agency, kind=kind, person=data["person"],
                                                  account=data["account"], starts_on=data["starts_on"],
                                                  ends_on=data["ends_on"], reason=data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"{cover.person.full_name} appointed: {cover.get_kind_display()}, "
                                          f"{cover.starts_on} to {cover.ends_on}.")
                return redirect("monitoring-coverage", agency.slug)
    schedule = selectors.schedule_of(agency)
    coverages = selectors.coverages_visible(user, agency)
    day = selectors.today(agency)
    return render(request, "monitoring/coverage.html", {
        "agency": agency, "schedule": schedule, "forms": forms, "today": day,
        "responsible_label": selectors.responsible_label(schedule),
        "designee_form": forms.get(CoverageKind.DESIGNEE), "interim_form": forms.get(CoverageKind.INTERIM),
        "current": [c for c in coverages if c.ended_at is None and c.ends_on >= day],
        "past": [c for c in coverages if c.ended_at is not None or c.ends_on < day][:50],
        "may_end": {c.pk for c in coverages if user.has_perm("monitoring.end_coverage", c)}})


@require_POST
@agency_view(VIEW)
def coverage_end(request: HttpRequest, agency, cpk: int) -> HttpResponse:
    cover = get_object_or_404(selectors.coverages_visible(request.user, agency), pk=cpk)
    if not request.user.has_perm("monitoring.end_coverage", cover):
        raise PermissionDenied
    try:
        services.coverage_end(actor=request.user, coverage=cover)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"The coverage by {cover.person.full_name} has ended.")
    return redirect("monitoring-coverage", agency.slug)


# --- the compliance report -------------------------------------------------------------------------------

def _period(request: HttpRequest, agency) -> tuple[PeriodForm, date, date]:
    day = selectors.today(agency)
    default_start = day.replace(day=1)
    form = PeriodForm(request.GET or None, initial={"start": default_start, "end": day})
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default_start, day


def _report(request: HttpRequest, agency, pk: int):
    account = _account(request, agency, pk)
    form, start, end = _period(request, agency)
    results = selectors.evaluate(account, start, end)
    return account, form, start, end, results


@agency_view(VIEW)
def report(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account, form, start, end, results = _report(request, agency, pk)
    return render(request, "monitoring/report.html", {
        "agency": agency, "account": account, "form": form, "start": start, "end": end,
        "schedule": selectors.schedule_of(agency), "months": selectors.month_weeks(results),
        "totals": workflows.totals(results), "checks": selectors.checks_in(account, start, end),
        "missed": selectors.missed_visible(request.user, agency).filter(account=account, day__gte=start,
                                                                         day__lte=end),
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "accounts": selectors.accounts_visible(request.user, agency), "query": request.GET.urlencode()})


def _safe(value) -> str:
    """Formula-safe CSV cell: a leading = + - @ (or tab/CR) is neutralised with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@agency_view(VIEW)
def report_csv(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account, form, start, end, results = _report(request, agency, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="monitoring-{account.pk}-{start}-{end}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    writer = csv.writer(response)
    writer.writerow(["account", "date", "weekday", "required", "done", "periodic", "period", "period_required",
                     "period_done", "status"])
    for r in results:
        writer.writerow([_safe(account.name), r.day.isoformat(), r.day.strftime("%A"), r.required, r.done,
                         "yes" if r.periodic else "no",
                         f"{r.period_start}..{r.period_end}" if r.periodic else "",
                         r.period_required if r.periodic else "", r.period_done if r.periodic else "",
                         workflows.DayStatus(r.status).label])
    return response


# --- advertising incidents (LCCS-06) -----------------------------------------------------------------------

@agency_view(VIEW)
def incidents(request: HttpRequest, agency) -> HttpResponse:
    return render(request, "monitoring/incidents.html", {
        "agency": agency, "incidents": selectors.incidents_visible(request.user, agency),
        "may_report": request.user.has_perm("monitoring.report_incident", agency)})


@agency_view("monitoring.report_incident")
def incident_create(request: HttpRequest, agency) -> HttpResponse:
    form = IncidentForm(request.POST or None, request.FILES or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.incident_create(actor=request.user, account=data["account"], seen_at=data["seen_at"],
                                                where=data["where"], ad_description=data["ad_description"],
                                                screenshot=data["screenshot"] or None)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("account", "You may not record incidents for this account.")
        else:
            messages.success(request, "Incident recorded. Next, report it to the provider and record that here.")
            return redirect("monitoring-incident", agency.slug, incident.pk)
    return render(request, "monitoring/incident_form.html", {"agency": agency, "form": form})


def _incident(request: HttpRequest, agency, ipk: int) -> AdvertisingIncident:
    return get_object_or_404(selectors.incidents_visible(request.user, agency), pk=ipk)


@agency_view(VIEW)
def incident_detail(request: HttpRequest, agency, ipk: int) -> HttpResponse:
    incident = _incident(request, agency, ipk)
    may_follow_up = request.user.has_perm("monitoring.follow_up_incident", incident)
    actions = workflows.actions_for(incident.status)
    form = FollowUpForm(request.POST or None, actions=actions) if may_follow_up and actions else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.incident_follow_up(actor=request.user, incident=incident, action=data["action"],
                                            text=data["text"], how=data["how"], reference=data["reference"],
                                            at=data["at"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Follow-up recorded.")
                return redirect("monitoring-incident", agency.slug, incident.pk)
    return render(request, "monitoring/incident_detail.html", {
        "agency": agency, "incident": incident, "form": form,
        "follow_ups": incident.follow_ups.select_related("by")})


@agency_view(VIEW)
def incident_screenshot(request: HttpRequest, agency, ipk: int) -> HttpResponse:
    incident = _incident(request, agency, ipk)
    if not incident.screenshot or incident.screenshot_type not in services.SCREENSHOT_TYPES:
        raise Http404
    response = FileResponse(incident.screenshot.open("rb"), content_type=incident.screenshot_type)
    response["X-Content-Type-Options"] = "nosniff"
    ext = services.SCREENSHOT_TYPES[incident.screenshot_type]
    response["Content-Disposition"] = f'inline; filename="ad-{incident.pk}.{ext}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

