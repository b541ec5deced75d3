"""The moderation queue, a case with its thread and findings, decisions, tasks, the transparency report."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from socialgov.accounts.models import Account, AccountTextKind
from socialgov.accounts.selectors import current_text, pack_of
from socialgov.agencies.views import agency_view
from socialgov.core.forms_util import add_service_errors
from socialgov.moderation import policy, selectors, services
from socialgov.moderation.forms import (
    ApprovalForm,
    AssignForm,
    DecisionForm,
    QueueFilterForm,
    ReopenForm,
    ReportFilterForm,
    TaskDoneForm,
)
from socialgov.moderation.models import Case, ManualTask
from socialgov.moderation.workflows import MODERATOR_DECISIONS, DecisionKind, Severity, allowed_decisions, may_reopen

# Keyboard: the decision buttons' access keys (and the page's single-key shortcuts, see shortcuts.js).
SHORTCUTS = {DecisionKind.KEEP: "k", DecisionKind.HIDE: "h", DecisionKind.REMOVE: "r", DecisionKind.RESTORE: "s",
             DecisionKind.ESCALATE: "e", DecisionKind.NOTIFY: "n"}


@agency_view("moderation.view_queue")
def queue(request: HttpRequest, agency) -> HttpResponse:
    accounts = Account.objects.filter(pk__in=[a.pk for a in selectors.moderated_accounts(request.user, agency)]) \
        if not selectors.is_overseer(request.user, agency) else Account.objects.filter(agency=agency)
    moderators = _moderators(agency, accounts)
    form = QueueFilterForm(request.GET or None, accounts=accounts.order_by("name"), moderators=moderators)
    filters = {k: v for k, v in (form.cleaned_data if form.is_bound and form.is_valid() else {}).items() if v}
    cases = selectors.queue(request.user, agency, **filters)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    account = filters.get("account")
    statement = current_text(account, AccountTextKind.MODERATION_STATEMENT) if account else None
    low_hidden = not filters.get("low") and not filters.get("severity") and not filters.get("to_approve")
    return render(request, "moderation/queue.html", {
        "agency": agency, "form": form, "page_obj": page, "cases": page.object_list, "account": account,
        "statement": statement, "counts": selectors.open_counts(request.user, agency), "filters": filters,
        "low_hidden": low_hidden, "low_count": selectors.queue(request.user, agency, **{
            **filters, "severity": Severity.LOW}).count() if low_hidden else 0,
        "low_toggle": _query(request, low=None if filters.get("low") else "1"),
        "to_approve_count": selectors.removals_to_approve(request.user, agency).count(),
        "may_mark_reviewed": account is not None and request.user.has_perm("moderation.review_queue", account),
    })


def _query(request: HttpRequest, **changes) -> str:
    """The current query string with ``changes`` (None removes the key), back to the first page."""
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return "?" + query.urlencode()


def _moderators(agency, accounts):
    from django.contrib.auth import get_user_model

    moderators = selectors.moderators_of_accounts(agency, accounts)
    return get_user_model().objects.filter(pk__in=moderators.values("pk")).select_related("person").order_by(
        "person__full_name")


def _case(request: HttpRequest, agency, pk: int) -> Case:
    case = get_object_or_404(selectors.cases_visible_to(request.user, agency), pk=pk)
    if not request.user.has_perm("moderation.view_case", case):
        raise PermissionDenied
    return case


def _case_context(request, agency, case: Case, form=None, approval_form=None, reopen_form=None) -> dict:
    pack = pack_of(agency)
    findings = list(case.findings.select_related("version"))
    current = [f for f in findings if f.version_id == case.version_id]
    may_decide = request.user.has_perm("moderation.decide", case)
    allowed = allowed_decisions(case.status, case.outcome)
    pending = selectors.pending_approvals(case)
    if form is None:
        category = case.categories[0] if len(case.categories) == 1 else ""
        notice = policy.author_notice(pack, "removal").replace("{account}", case.account.name).replace(
            "{category}", policy.category_title(category) if category else "see the policy")
        form = DecisionForm(initial={"category": category, "author_notice": notice})
    buttons = [(k, DecisionKind(k).label, SHORTCUTS.get(k, "")) for k in MODERATOR_DECISIONS if k in allowed]
    return {
        "agency": agency, "case": case, "record": case.record, "version": case.version,
        "text": selectors.highlighted(case.version.text, current), "here": f"Case {case.pk}",
        "findings": [(f, case.version.text[f.start:f.end]) for f in current],
        "earlier_findings": [f for f in findings if f.version_id != case.version_id],
        "thread": selectors.thread(case), "decisions": case.decisions.select_related("moderator__person"),
        "tasks": case.tasks.select_related("done_by__person"), "preserved": case.preserved_copies.all(),
        "statement": current_text(case.account, AccountTextKind.MODERATION_STATEMENT),
        "form": form, "buttons": buttons if may_decide else [], "may_decide": may_decide,
        "pending": pending, "approval_form": approval_form or ApprovalForm(),
        "may_approve": may_decide and pending is not None and pending.moderator_id != request.user.pk,
        "second_person": policy.second_person(pack), "urgent_procedure": policy.urgent_procedure(pack),
        "notices": {"removal": policy.author_notice(pack, "removal"), "hide": policy.author_notice(pack, "hide")},
        "task_form": TaskDoneForm(), "may_reopen": may_decide and may_reopen(case.status),
        "reopen_form": reopen_form or ReopenForm(),
        "assign_form": AssignForm(initial={"assignee": case.assigned_to_id},
                                  moderators=selectors.moderators_of(case.account).select_related("person")),
    }


@agency_view("moderation.view_queue")
def case_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    case = _case(request, agency, pk)
    return render(request, "moderation/case.html", _case_context(request, agency, case))


@require_POST
@agency_view("moderation.view_queue")
def case_decide(request: HttpRequest, agency, pk: int) -> HttpResponse:
    case = _case(request, agency, pk)
    if not request.user.has_perm("moderation.decide", case):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.case_decide(actor=request.user, case=case, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _done_message(decision))
            return redirect("moderation-case", agency.slug, case.pk)
    response = render(request, "moderation/case.html", _case_context(request, agency, case, form=form))
    response.status_code = 400
    return response


def _done_message(decision) -> str:
    if decision.state == "pending":
        return "Removal recorded. The pack requires a second person: it takes effect once another moderator approves."
    return {
        DecisionKind.REMOVE: "Removed. The comment was preserved with its metadata first; a task asks the account "
                             "administrators to remove it on the platform.",
        DecisionKind.HIDE: "Hidden. A task asks the account administrators to hide it on the platform; it can be "
                           "restored.",
        DecisionKind.RESTORE: "Restored. A task asks the account administrators to restore it on the platform.",
        DecisionKind.KEEP: "Kept. The case is closed.",
        DecisionKind.ESCALATE: "Escalation recorded.",
        DecisionKind.NOTIFY: "Notice recorded. A task asks the account administrators to send it to the author.",
    }.get(decision.kind, "Decision recorded.")


@require_POST
@agency_view("moderation.view_queue")
def case_approve(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _case_form_post(
        request, agency, pk, ApprovalForm, "approval_form", "Second approval recorded.",
        lambda case, data: services.case_decide(actor=request.user, case=case, kind=data["kind"],
                                                reason=data["reason"]))


@require_POST
@agency_view("moderation.view_queue")
def case_reopen(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _case_form_post(
        request, agency, pk, ReopenForm, "reopen_form",
        "Case reopened. It is back in the queue; decide it again below.",
        lambda case, data: services.case_reopen(actor=request.user, case=case, reason=data["reason"]))


def _case_form_post(request: HttpRequest, agency, pk: int, form_class, form_name: str, done: str,
                    act) -> HttpResponse:
    """A case-page form that calls one service: on success a message and back to the case; else the page, 400."""
    case = _case(request, agency, pk)
    if not request.user.has_perm("moderation.decide", case):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(case, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("moderation-case", agency.slug, case.pk)
    response = render(request, "moderation/case.html", _case_context(request, agency, case, **{form_name: form}))
    response.status_code = 400
    return response


@require_POST
@agency_view("moderation.view_queue")
def case_assign(request: HttpRequest, agency, pk: int) -> HttpResponse:
    case = _case(request, agency, pk)
    if not request.user.has_perm("moderation.decide", case):
        raise PermissionDenied
    form = AssignForm(request.POST, moderators=selectors.moderators_of(case.account))
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
    else:
        assignee = form.cleaned_data["assignee"]
        services.case_assign(actor=request.user, case=case, assignee=assignee)
        messages.success(request, f"Assigned to {assignee.person.full_name}." if assignee else "Unassigned.")
    return redirect("moderation-case", agency.slug, case.pk)


@require_POST
@agency_view("moderation.view_queue")
def task_done(request: HttpRequest, agency, pk: int, tpk: int) -> HttpResponse:
    case = _case(request, agency, pk)
    task = get_object_or_404(ManualTask.objects.select_related("account", "case"), case=case, pk=tpk)
    if not request.user.has_perm("moderation.complete_task", task):
        raise PermissionDenied
    form = TaskDoneForm(request.POST)
    if form.is_valid():
        try:
            services.task_complete(actor=request.user, task=task, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, f"Confirmed: {task.get_kind_display().lower()} — done.")
    return redirect("moderation-case", agency.slug, case.pk)


@require_POST
@agency_view("moderation.view_queue")
def queue_reviewed(request: HttpRequest, agency, account_pk: int) -> HttpResponse:
    account = get_object_or_404(Account.objects.filter(agency=agency), pk=account_pk)
    if not request.user.has_perm("moderation.review_queue", account):
        raise PermissionDenied
    services.queue_reviewed(actor=request.user, account=account)
    messages.success(request, f"The queue of {account.name} is marked as reviewed.")
    return redirect(reverse("moderation-queue", args=[agency.slug]) + f"?account={account.pk}")


# --- transparency ---------------------------------------------------------------------------------

CSV_COLUMNS = ["Month", "Account", "Platform", "Policy category", "Category key", "Outcome", "Decisions"]


def _report(request: HttpRequest, agency):
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, selectors.transparency(agency, filters.get("since"), filters.get("until"))


@agency_view("moderation.view_transparency")
def transparency(request: HttpRequest, agency) -> HttpResponse:
    form, rows = _report(request, agency)
    return render(request, "moderation/transparency.html", {
        "agency": agency, "form": form, "rows": rows, "total": sum(r.count for r in rows),
        "by_outcome": _totals(rows, "outcome"), "by_category": _totals(rows, "category_title"), "public": False})


def _totals(rows, attr: str) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[getattr(row, attr)] = totals.get(getattr(row, attr), 0) + row.count
    return sorted(totals.items())


def _cell(value) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: quote it (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def transparency_csv_response(agency, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{agency.slug}-moderation-transparency.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([_cell(v) for v in (r.month, r.account, r.platform, r.category_title, r.category, r.outcome,
                                            r.count)])
    return response


@agency_view("moderation.view_transparency")
def transparency_csv(request: HttpRequest, agency) -> HttpResponse:
    _, rows = _report(request, agency)
    return transparency_csv_response(agency, rows)

