"""One account: its page, the review decisions, activation, suspension."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from socialgov.accounts import platforms, policy, selectors, services
from socialgov.accounts.compliance import account_compliance
from socialgov.accounts.forms import ActivationForm, DesignateForm, ReasonForm, RejectForm, ReviewDecisionForm
from socialgov.accounts.models import Account, AccountTextKind
from socialgov.accounts.services.administrators import DESIGNABLE
from socialgov.accounts.services.requests import missing_fields
from socialgov.accounts.vault.rules import may as vault_may
from socialgov.accounts.views._common import load_account, run
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.roles import DesignationKind
from socialgov.agencies.selectors import ROLE_LABELS, person_of
from socialgov.agencies.views import agency_view

S = AccountStatus
DESIGNATION_LABELS = {**dict(DesignationKind.choices), "supervisor": "The requester's supervisor"}


def _review(account: Account):
    review = account.reviews.first()
    steps = list(review.steps.select_related("decided_by", "decided_by__person")) if review else []
    for step in steps:
        step.title = step.name.replace("_", " ").capitalize()
        step.who = ROLE_LABELS.get(step.role) or DESIGNATION_LABELS.get(step.designation, step.designation)
        step.consulted = ", ".join(ROLE_LABELS.get(role, role) for role in step.consults)
    return review, steps


def _current_reviewers(account: Account, steps) -> list[str]:
    step = next((s for s in steps if s.status == "in_progress"), None)
    if step is None or account.status not in (S.SUBMITTED, S.UNDER_REVIEW):
        return []
    users = selectors.step_reviewers(account, step).exclude(pk=account.requested_by_id).select_related("person")
    return [u.person.full_name for u in users]


def _permissions(user, account: Account) -> dict[str, bool]:
    perms = ("edit_request", "decide_step", "activate", "designate_administrator", "edit_texts", "record_terms",
             "suspend")
    return {f"can_{p}": user.has_perm(f"accounts.{p}", account) for p in perms}


def detail_context(request: HttpRequest, agency, account: Account, **forms) -> dict:
    pack = selectors.pack_of(agency)
    review, steps = _review(account)
    person = person_of(request.user)
    administrators = account.administrators.select_related("person", "designated_by", "removed_by")
    return {
        "agency": agency, "account": account, "platform": platforms.get(account.platform),
        "category": policy.categories(pack).get(account.platform_category, account.platform_category),
        "review": review, "steps": steps, "current_reviewers": _current_reviewers(account, steps),
        "compliance": account_compliance(account, pack, timezone.localdate()),
        "missing": missing_fields(account, pack) if account.status == S.DRAFT else {},
        "communication_types": [label for key, label in policy.COMMUNICATION_TYPES
                                if key in account.communication_types],
        "extras": [(spec.get("label", spec["key"]), account.extra.get(spec["key"], ""))
                   for spec in policy.request_fields(pack) if spec["key"] not in policy.KNOWN_FIELDS],
        "administrators": [d for d in administrators if d.removed_at is None],
        "former_administrators": [d for d in administrators if d.removed_at is not None],
        "mine": next((d for d in administrators if person and d.person_id == person.pk and d.removed_at is None
                      and d.acknowledged_at is None), None),
        "terms": list(account.terms.select_related("review", "recorded_by")),
        "comply_with": policy.comply_with(pack),
        "can_open_vault": vault_may(request.user, "vault.view_vault", account),
        "statement": selectors.current_text(account, AccountTextKind.MODERATION_STATEMENT),
        "notice": selectors.current_text(account, AccountTextKind.COMMENT_NOTICE),
        "approve_form": forms.get("approve_form") or ReviewDecisionForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "designate_form": forms.get("designate_form") or DesignateForm(agency=agency, initial={
            "person": account.proposed_administrators.exclude(
                pk__in=[d.person_id for d in administrators if d.removed_at is None]).first()}),
        "suspend_form": forms.get("suspend_form") or ReasonForm(),
        **(perms := _permissions(request.user, account)),
        "can_designate_now": perms["can_designate_administrator"] and account.status in DESIGNABLE,
    }


@agency_view("accounts.view_registry")
def account_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk)
    return render(request, "accounts/account_detail.html", detail_context(request, agency, account))


def _decide(request: HttpRequest, agency, pk: int, form_class, form_key: str, call, success: str) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.decide_step")
    form = form_class(request.POST)
    if run(request, form, lambda data: call(actor=request.user, account=account, **data), success):
        return redirect("accounts-detail", agency.slug, account.pk)
    account.refresh_from_db()
    return render(request, "accounts/account_detail.html", detail_context(request, agency, account,
                                                                         **{form_key: form}))


@require_POST
@agency_view("accounts.view_registry")
def review_begin(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.decide_step")
    try:
        services.review_begin(actor=request.user, account=account)
        messages.success(request, "The request is under review. The requester has been told.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts-detail", agency.slug, account.pk)


@require_POST
@agency_view("accounts.view_registry")
def review_approve(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _decide(request, agency, pk, ReviewDecisionForm, "approve_form", services.review_step_approve,
                   "Approved. The next reviewer, or the activator once the request is approved, has been notified.")


@require_POST
@agency_view("accounts.view_registry")
def review_reject(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _decide(request, agency, pk, RejectForm, "reject_form", services.review_step_reject,
                   "Rejected. The requester and the people the policy names have been told why.")


@agency_view("accounts.view_registry")
def activate(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.activate")
    if account.status != S.APPROVED:
        messages.error(request, "Only an approved request can be activated.")
        return redirect("accounts-detail", agency.slug, account.pk)
    pack = selectors.pack_of(agency)
    form = ActivationForm(request.POST or None, account=account, pack=pack)
    if request.method == "POST" and run(
            request, form, lambda data: services.account_activate(actor=request.user, account=account, **data),
            f"{account.name} is active and in the registry. The people the policy names have been told."):
        return redirect("accounts-detail", agency.slug, account.pk)
    return render(request, "accounts/activate.html", {
        "agency": agency, "account": account, "form": form, "platform": platforms.get(account.platform),
        "has_notice": bool(policy.text(pack, "comment_notice"))})


@require_POST
@agency_view("accounts.view_registry")
def suspend(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.suspend")
    form = ReasonForm(request.POST)
    if not run(request, form, lambda d: services.account_suspend(actor=request.user, account=account, **d),
               f"{account.name} is suspended."):
        return render(request, "accounts/account_detail.html",
                      detail_context(request, agency, account, suspend_form=form))
    return redirect("accounts-detail", agency.slug, account.pk)


@require_POST
@agency_view("accounts.view_registry")
def reinstate(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.suspend")
    try:
        services.account_reinstate(actor=request.user, account=account)
        messages.success(request, f"{account.name} is active again.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts-detail", agency.slug, account.pk)
