"""Keeping an account in order: administrators (NJ-09), terms of service (KY-04), texts (NJ-10, LCCS-10)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.accounts import selectors, services
from socialgov.accounts.forms import (
    TEXT_KINDS,
    AcknowledgeForm,
    DesignateForm,
    ReasonForm,
    TermsForm,
    TermsReviewForm,
    TextForm,
)
from socialgov.accounts.models import AdministratorDesignation
from socialgov.accounts.views._common import errors_as_message, load_account, run
from socialgov.agencies.views import agency_view


@require_POST
@agency_view("accounts.view_registry")
def administrator_designate(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.designate_administrator")
    form = DesignateForm(request.POST, agency=agency)
    if not run(request, form, lambda d: services.administrator_designate(actor=request.user, account=account, **d),
               "Administrator designated. They have no rights on the account until they acknowledge it."):
        errors_as_message(request, form)
    return redirect("accounts-detail", agency.slug, account.pk)


def _designation(request: HttpRequest, agency, pk: int, dpk: int) -> AdministratorDesignation:
    account = load_account(request, agency, pk)
    return get_object_or_404(account.administrators.select_related("person", "account", "designated_by"), pk=dpk)


@agency_view("accounts.view_registry")
def administrator_acknowledge(request: HttpRequest, agency, pk: int, dpk: int) -> HttpResponse:
    """NJ-09: the administrator reads the responsibilities and acknowledges them."""
    designation = _designation(request, agency, pk, dpk)
    if not request.user.has_perm("accounts.acknowledge_designation", designation):
        raise PermissionDenied
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and run(
            request, form, lambda d: services.administrator_acknowledge(actor=request.user, designation=designation),
            f"Acknowledged. You are an administrator of {designation.account.name}."):
        return redirect("accounts-detail", agency.slug, pk)
    return render(request, "accounts/acknowledge.html", {
        "agency": agency, "account": designation.account, "designation": designation, "form": form})


@require_POST
@agency_view("accounts.view_registry")
def administrator_remove(request: HttpRequest, agency, pk: int, dpk: int) -> HttpResponse:
    designation = _designation(request, agency, pk, dpk)
    if not request.user.has_perm("accounts.designate_administrator", designation.account):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not run(request, form, lambda d: services.administrator_remove(actor=request.user, designation=designation,
                                                                      **d),
               f"{designation.person.full_name} is no longer an administrator; the notice was repeated."):
        errors_as_message(request, form)
    return redirect("accounts-detail", agency.slug, pk)


@agency_view("accounts.view_registry")
def terms_record(request: HttpRequest, agency, pk: int) -> HttpResponse:
    """KY-04: record a change of the platform's terms of service."""
    account = load_account(request, agency, pk, "accounts.record_terms")
    form = TermsForm(request.POST or None, initial={"url": getattr(selectors.current_terms(account), "url", "")})
    if request.method == "POST" and run(
            request, form, lambda d: services.terms_record(actor=request.user, account=account, **d),
            "New terms recorded. A review has been assigned to the person who decides on the account's use."):
        return redirect("accounts-detail", agency.slug, account.pk)
    return render(request, "accounts/terms_form.html", {
        "agency": agency, "account": account, "form": form, "terms": account.terms.select_related("recorded_by")})


@agency_view("accounts.view_registry")
def terms_review(request: HttpRequest, agency, pk: int, rpk: int) -> HttpResponse:
    account = load_account(request, agency, pk)
    review = get_object_or_404(account.terms_reviews.select_related("terms", "account", "completed_by"), pk=rpk)
    can_review = request.user.has_perm("accounts.review_terms", review)
    form = TermsReviewForm(request.POST or None)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        if run(request, form, lambda d: services.terms_review_complete(actor=request.user, review=review, **d),
               "Review recorded."):
            return redirect("accounts-detail", agency.slug, account.pk)
    return render(request, "accounts/terms_review.html", {
        "agency": agency, "account": account, "review": review, "form": form, "can_review": can_review,
        "previous": account.terms.filter(recorded_at__lt=review.terms.recorded_at).first()})


@agency_view("accounts.view_registry")
def text_edit(request: HttpRequest, agency, pk: int, kind: str) -> HttpResponse:
    """NJ-10 / LCCS-10: a new version of the moderation statement or comment notice; every version is kept."""
    if kind not in TEXT_KINDS:
        raise Http404
    account = load_account(request, agency, pk, "accounts.edit_texts")
    versions = account.texts.filter(kind=kind).select_related("created_by")
    form = TextForm(request.POST or None, initial={"text": getattr(versions.first(), "text", "")})
    if request.method == "POST" and run(
            request, form,
            lambda d: services.account_text_update(actor=request.user, account=account, kind=kind, **d),
            f"New version of the {TEXT_KINDS[kind].lower()} saved."):
        return redirect("accounts-detail", agency.slug, account.pk)
    return render(request, "accounts/text_form.html", {
        "agency": agency, "account": account, "form": form, "kind": kind, "kind_label": TEXT_KINDS[kind],
        "versions": versions})
