"""NJ-05: drafting, submitting, withdrawing and revising a request."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from socialgov.accounts import selectors, services
from socialgov.accounts.forms import RequestForm
from socialgov.accounts.models import Account
from socialgov.accounts.views._common import load_account
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.selectors import person_of
from socialgov.agencies.views import agency_view
from socialgov.core.forms_util import add_service_errors

SUBMIT = "submit"


def _render(request: HttpRequest, agency, form: RequestForm, account: Account | None) -> HttpResponse:
    return render(request, "accounts/request_form.html", {"agency": agency, "form": form, "account": account})


def _data_of(account: Account) -> dict:
    """The account's answers as form data, to show a refused submission on the form."""
    data = {"name": account.name, "department": account.department_id, "platform": account.platform,
            "platform_category": account.platform_category, "purpose": account.purpose,
            "communication_types": account.communication_types, "justification": account.justification,
            "terms_of_service_url": account.terms_of_service_url, "existing_use": account.existing_use or "",
            "proposed_administrators": list(account.proposed_administrators.values_list("pk", flat=True))}
    return data | {f"extra_{k}": v for k, v in account.extra.items()}


def _submit(request: HttpRequest, agency, account: Account) -> HttpResponse:
    """Submit; when the request is incomplete, show each missing field on the form."""
    try:
        services.account_request_submit(actor=request.user, account=account)
    except ValidationError as exc:
        form = RequestForm(_data_of(account), agency=agency, pack=selectors.pack_of(agency))
        form.is_valid()
        add_service_errors(form, exc)
        messages.info(request, "Your answers are kept as a draft. Complete the marked fields and submit again.")
        return _render(request, agency, form, account)
    messages.success(request, "Request submitted. The people the policy names have been notified.")
    return redirect("accounts-detail", agency.slug, account.pk)


def _save(request: HttpRequest, agency, form: RequestForm, account: Account | None) -> Account | None:
    try:
        if account is None:
            return services.account_request_create(actor=request.user, agency=agency, **form.service_kwargs())
        return services.account_request_update(actor=request.user, account=account, **form.service_kwargs())
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _form_page(request: HttpRequest, agency, account: Account | None) -> HttpResponse:
    person = person_of(request.user)
    initial = _data_of(account) if account else {"department": person and person.department_id}
    form = RequestForm(request.POST or None, initial=initial, agency=agency, pack=selectors.pack_of(agency))
    if request.method == "POST" and form.is_valid():
        saved = _save(request, agency, form, account)
        if saved is not None and SUBMIT in request.POST:
            return _submit(request, agency, saved)
        if saved is not None:
            messages.success(request, "Draft saved. Submit it when every required field is answered.")
            return redirect("accounts-detail", agency.slug, saved.pk)
    return _render(request, agency, form, account)


@agency_view("accounts.request")
def request_create(request: HttpRequest, agency) -> HttpResponse:
    return _form_page(request, agency, None)


@agency_view("accounts.view_registry")
def request_edit(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.edit_request")
    if account.status != AccountStatus.DRAFT:
        messages.error(request, "Only a draft request can be changed.")
        return redirect("accounts-detail", agency.slug, account.pk)
    return _form_page(request, agency, account)


@require_POST
@agency_view("accounts.view_registry")
def request_submit(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _submit(request, agency, load_account(request, agency, pk, "accounts.edit_request"))


def _simple_post(request: HttpRequest, agency, pk: int, call, success: str) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.edit_request")
    try:
        call(actor=request.user, account=account)
        messages.success(request, success)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts-detail", agency.slug, account.pk)


@require_POST
@agency_view("accounts.view_registry")
def request_withdraw(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _simple_post(request, agency, pk, services.account_request_withdraw,
                        "Request withdrawn: it is a draft again and its review was cancelled.")


@require_POST
@agency_view("accounts.view_registry")
def request_reopen(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _simple_post(request, agency, pk, services.account_request_reopen,
                        "The request is a draft again: revise it and submit it.")
