"""Exception requests and the register of exemptions (LAC-09, KY-11)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.agencies.views import agency_view
from socialgov.policies import parameters, selectors, services
from socialgov.policies.forms import (
    ApproveStepForm,
    ExceptionForm,
    NoteForm,
    ReasonForm,
    RegisterFilterForm,
    ResubmitForm,
)
from socialgov.policies.models import ExceptionRequest
from socialgov.policies.services.exceptions import CONTENT_FIELDS
from socialgov.policies.views._helpers import posted, require_perm, run_service


def _request(request: HttpRequest, agency, pk: int) -> ExceptionRequest:
    return get_object_or_404(selectors.exceptions_visible_to(request.user).filter(agency=agency), pk=pk)


def _routes(agency) -> dict:
    return parameters.exception_routes(selectors.pack_data(agency))


@agency_view("policies.view_exceptions")
def exceptions(request: HttpRequest, agency) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None, agency=agency, routes=_routes(agency))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.register(request.user, state=data.get("state", ""), route=data.get("route", ""),
                              department=data.get("department"), expiry=data.get("expiry", ""),
                              query=data.get("q", "")).filter(agency=agency)
    return render(request, "policies/exceptions.html", {
        "agency": agency, "form": form, "page_obj": Paginator(rows, 50).get_page(request.GET.get("page")),
        "can_request": request.user.has_perm("policies.request_exception", agency)})


@agency_view("policies.request_exception")
def exception_create(request: HttpRequest, agency) -> HttpResponse:
    routes = _routes(agency)
    form = ExceptionForm(posted(request), agency=agency, routes=routes)
    if request.method == "POST":
        created = run_service(request, form, lambda data: services.exception_request_submit(
            actor=request.user, agency=agency, **data), "Exception request submitted for review.")
        if created:
            return redirect("policies-exception", agency.slug, created.pk)
    return render(request, "policies/exception_form.html", {
        "agency": agency, "form": form, "routes": _route_rows(agency, routes)})


def _route_rows(agency, routes: dict) -> list[dict]:
    pack = selectors.pack_data(agency)
    return [{"key": key, "description": r["description"], "cite": r.get("cite", ""),
             "steps": [(parameters.role_label(pack, s["role"]) if s.get("role") else s["name"], s["purpose"])
                       for s in r.get("chain", [])]} for key, r in routes.items()]


@agency_view("policies.view_exceptions")
def exception_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    item = _request(request, agency, pk)
    pack = selectors.pack_data(agency)
    step = item.current_step
    can_act = request.user.has_perm("policies.act_on_exception", item)
    return render(request, "policies/exception_detail.html", {
        "agency": agency, "item": item, "expired": item.expired,
        "step_label": parameters.role_label(pack, step["role"]) if step and step.get("role") else "",
        "chain": [(s, parameters.role_label(pack, s["role"]) if s.get("role") else "") for s in item.chain],
        "transitions": item.transitions.select_related("actor__person"),
        "notes": item.notes.select_related("author__person"),
        "can_act": can_act, "can_confer": request.user.has_perm("policies.confer_on_exception", item),
        "can_resubmit": request.user.has_perm("policies.resubmit_exception", item),
        "can_withdraw": request.user.has_perm("policies.withdraw_exception", item),
        "approve_form": _approve_form(item), "reason_form": ReasonForm(), "note_form": NoteForm(),
        "notified_by": parameters.role_label(pack, item.route_data["notified_by"])
        if item.route_data.get("notified_by") else ""})


def _approve_form(item: ExceptionRequest, data=None) -> ApproveStepForm:
    return ApproveStepForm(data, last_step=item.is_last_step,
                           costs_question=item.is_last_step and bool(item.route_data.get("costs_passed_to_agency")))


def _act(request: HttpRequest, agency, pk: int, form, call, success: str) -> HttpResponse:
    item = _request(request, agency, pk)
    require_perm(request, "policies.act_on_exception", item)
    form = form(item)
    if not run_service(request, form, lambda data: call(actor=request.user, request=item, **data), success):
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("policies-exception", agency.slug, pk)


@require_POST
@agency_view("policies.view_exceptions")
def exception_approve(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _act(request, agency, pk, lambda item: _approve_form(item, request.POST),
                services.exception_approve_step, "Your approval is recorded.")


@require_POST
@agency_view("policies.view_exceptions")
def exception_deny(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _act(request, agency, pk, lambda item: ReasonForm(request.POST), services.exception_deny,
                "The exception is denied.")


@require_POST
@agency_view("policies.view_exceptions")
def exception_return(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _act(request, agency, pk, lambda item: ReasonForm(request.POST), services.exception_return,
                "The request is returned to the requesting department.")


@agency_view("policies.view_exceptions")
def exception_resubmit(request: HttpRequest, agency, pk: int) -> HttpResponse:
    item = _request(request, agency, pk)
    require_perm(request, "policies.resubmit_exception", item)
    initial = {name: getattr(item, name) for name in CONTENT_FIELDS}
    form = ResubmitForm(posted(request), agency=agency, initial=initial)
    if request.method == "POST" and run_service(request, form, lambda data: services.exception_resubmit(
            actor=request.user, request=item, **data), "Request resubmitted."):
        return redirect("policies-exception", agency.slug, pk)
    return render(request, "policies/exception_resubmit.html", {"agency": agency, "item": item, "form": form})


@require_POST
@agency_view("policies.view_exceptions")
def exception_withdraw(request: HttpRequest, agency, pk: int) -> HttpResponse:
    item = _request(request, agency, pk)
    require_perm(request, "policies.withdraw_exception", item)
    run_service(request, ReasonForm(request.POST),
                lambda data: services.exception_withdraw(actor=request.user, request=item, **data),
                "Request withdrawn.") or messages.error(request, "Say why the request is withdrawn.")
    return redirect("policies-exception", agency.slug, pk)


@require_POST
@agency_view("policies.view_exceptions")
def exception_note(request: HttpRequest, agency, pk: int) -> HttpResponse:
    item = _request(request, agency, pk)
    require_perm(request, "policies.confer_on_exception", item)
    run_service(request, NoteForm(request.POST),
                lambda data: services.exception_note_add(actor=request.user, request=item, **data),
                "Note added.") or messages.error(request, "Write the note before adding it.")
    return redirect("policies-exception", agency.slug, pk)
