"""Employee access to social media for professional use (LAC-07, DCFS-07, LAC-06)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.accounts.access import selectors, services
from socialgov.accounts.access.forms import AccessRequestForm, DecisionForm, DeclineForm, GrantFilterForm, RevokeForm
from socialgov.accounts.access.models import AccessRequest
from socialgov.agencies.views import agency_view
from socialgov.core.forms_util import add_service_errors


def _request(request: HttpRequest, agency, pk: int) -> AccessRequest:
    return get_object_or_404(selectors.requests_visible_to(request.user).filter(agency=agency), pk=pk)


@agency_view("access.view_access")
def access_home(request: HttpRequest, agency) -> HttpResponse:
    return render(request, "access/home.html", {
        "agency": agency, "mine": selectors.own_requests(request.user),
        "waiting": selectors.waiting_for(request.user),
        "can_request": request.user.has_perm("access.request_access", agency)})


@agency_view("access.request_access")
def access_request_create(request: HttpRequest, agency) -> HttpResponse:
    form = AccessRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.access_request_submit(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your request is sent to your supervisor and department head.")
            return redirect("access-request", agency.slug, created.pk)
    return render(request, "access/request_form.html", {"agency": agency, "form": form})


@agency_view("access.view_access")
def access_request_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    item = _request(request, agency, pk)
    approver = selectors.approver_relation(request.user, item)
    return render(request, "access/request_detail.html", {
        "agency": agency, "item": item, "approver": approver,
        "can_decide": request.user.has_perm("access.decide_request", item),
        "missing": services.missing_acknowledgements(item) if item.state == "requested" else [],
        "can_withdraw": request.user.has_perm("access.withdraw_request", item),
        "can_revoke": request.user.has_perm("access.revoke_grant", item),
        "approve_form": DecisionForm(), "decline_form": DeclineForm(), "revoke_form": RevokeForm(),
        "approvers": selectors.approvers_of(item)})


def _post(request: HttpRequest, agency, pk: int, perm: str, form_class: type[forms.Form] | None,
          call: Callable, success: str) -> HttpResponse:
    item = _request(request, agency, pk)
    if not request.user.has_perm(perm, item):
        raise PermissionDenied
    form = form_class(request.POST) if form_class else None
    try:
        if form is not None and not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        call(actor=request.user, request=item, **(form.cleaned_data if form else {}))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("access-request", agency.slug, pk)


@require_POST
@agency_view("access.view_access")
def access_request_approve(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _post(request, agency, pk, "access.decide_request", DecisionForm, services.access_request_approve,
                 "Access granted. The employee is told.")


@require_POST
@agency_view("access.view_access")
def access_request_decline(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _post(request, agency, pk, "access.decide_request", DeclineForm, services.access_request_decline,
                 "Request declined. The employee is told.")


@require_POST
@agency_view("access.view_access")
def access_request_withdraw(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _post(request, agency, pk, "access.withdraw_request", None, services.access_request_withdraw,
                 "Request withdrawn.")


@require_POST
@agency_view("access.view_access")
def access_grant_revoke(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _post(request, agency, pk, "access.revoke_grant", RevokeForm, services.access_grant_revoke,
                 "Access revoked. The employee and the approver are told.")


@agency_view("access.view_access")
def access_grants(request: HttpRequest, agency) -> HttpResponse:
    form = GrantFilterForm(request.GET or None, agency=agency)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.grants(request.user, department=data.get("department"), state=data.get("state", ""))
    return render(request, "access/grants.html", {
        "agency": agency, "form": form, "page_obj": Paginator(rows.filter(agency=agency), 50).get_page(
            request.GET.get("page"))})
