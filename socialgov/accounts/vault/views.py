"""Vault pages. Thin: load, check the permission, call the service, render. Every page is
``vault_page`` (never cached; error reports never carry a credential)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from socialgov.accounts.models import Account
from socialgov.accounts.vault import selectors, services
from socialgov.accounts.vault.forms import CustodianAddForm, CustodianRemoveForm, RevealForm, SecretForm
from socialgov.accounts.vault.keyring import UnreadableSecret
from socialgov.accounts.vault.models import ADD_LABELS, Custodian, SecretKind
from socialgov.accounts.vault.rules import may
from socialgov.accounts.vault.secrecy import vault_page
from socialgov.agencies.selectors import agencies_visible_to
from socialgov.core.forms_util import add_service_errors


def account_vault_view(perm: str):
    """Load the agency (404 unless visible) and its account (404 unless it is the agency's), and
    refuse (403) unless the user holds ``perm`` on the account."""

    def decorator(view):
        @login_required
        @vault_page
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, account_pk: int, *args, **kwargs) -> HttpResponse:
            agency = get_object_or_404(agencies_visible_to(request.user), slug=slug)
            account = get_object_or_404(Account.objects.filter(agency=agency).select_related("agency", "department"),
                                        pk=account_pk)
            if not may(request.user, perm, account):
                raise PermissionDenied
            return view(request, account, *args, **kwargs)

        return wrapper

    return decorator


def _trail(account: Account) -> list[tuple[str, str]]:
    """Breadcrumbs up to the account's own page (when the registry's pages are installed)."""
    try:
        return [("Accounts", reverse("accounts-registry", args=[account.agency.slug])),
                (account.name, reverse("accounts-detail", args=[account.agency.slug, account.pk]))]
    except NoReverseMatch:
        return []


def _page(request: HttpRequest, template: str, account: Account, **context) -> HttpResponse:
    vault = reverse("vault-account", args=[account.agency.slug, account.pk])
    trail = [*_trail(account), *([("Credential vault", vault)] if not template.endswith("vault.html") else [])]
    return render(request, f"vault/{template}", {"agency": account.agency, "account": account, "trail": trail,
                                                 "platform": selectors.platform_name(account), **context})


@account_vault_view("vault.view_vault")
def vault_account(request: HttpRequest, account: Account) -> HttpResponse:
    days = selectors.rotation_days(account.agency)
    rotation = {item.secret.pk: item for item in selectors.rotation_items(Account.objects.filter(pk=account.pk))}
    versions = selectors.versions_of(account)
    secrets = [{"secret": secret, "due_at": selectors.due_at(secret, days), "rotation": rotation.get(secret.pk),
                "versions": versions.get(secret.pk, [])} for secret in selectors.secrets_of(account)]
    return _page(request, "vault.html", account, secrets=secrets, custodians=selectors.custodians_of(account),
                 custodian_count=selectors.effective_custodian_count(account), rotation_days=days,
                 kinds=list(ADD_LABELS.items()), can_set=may(request.user, "vault.set_secret", account),
                 can_manage=may(request.user, "vault.manage_custodians", account))


@account_vault_view("vault.set_secret")
def secret_create(request: HttpRequest, account: Account, kind: str) -> HttpResponse:
    if kind not in SecretKind.values:
        raise Http404("No such kind of secret.")
    form = SecretForm(request.POST or None, kind=kind, with_label=True,
                      min_length=selectors.password_min_length(account.agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.secret_create(actor=request.user, account=account, kind=kind, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{SecretKind(kind).label} saved, encrypted. The people the policy names "
                                      "have been told it changed (never the value).")
            return redirect("vault-account", account.agency.slug, account.pk)
    return _page(request, "secret_form.html", account, form=form, heading=ADD_LABELS[kind], secret=None)


@account_vault_view("vault.set_secret")
def secret_change(request: HttpRequest, account: Account, secret_pk: int) -> HttpResponse:
    secret = get_object_or_404(account.secrets.select_related("current"), pk=secret_pk)
    form = SecretForm(request.POST or None, kind=secret.kind, with_label=False,
                      min_length=selectors.password_min_length(account.agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.secret_change(actor=request.user, secret=secret, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"New {secret.kind_words} saved, encrypted; the old one is kept "
                                      "for the record and never shown.")
            return redirect("vault-account", account.agency.slug, account.pk)
    return _page(request, "secret_form.html", account, form=form, secret=secret,
                 heading=f"Change the {secret.kind_words} “{secret.label}”")


@account_vault_view("vault.reveal_secret")
def secret_reveal(request: HttpRequest, account: Account, secret_pk: int) -> HttpResponse:
    secret = get_object_or_404(account.secrets.select_related("current"), pk=secret_pk)
    form = RevealForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            value = services.secret_reveal(actor=request.user, secret=secret, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except UnreadableSecret as exc:
            problem = str(exc)
        else:
            return _page(request, "reveal_value.html", account, secret=secret, value=value)
    return _page(request, "reveal_form.html", account, secret=secret, form=form, problem=problem)


@account_vault_view("vault.manage_custodians")
def custodians(request: HttpRequest, account: Account) -> HttpResponse:
    form = CustodianAddForm(request.POST or None, candidates=selectors.custodian_candidates(account))
    if request.method == "POST" and form.is_valid():
        try:
            added = services.custodian_add(actor=request.user, account=account, person=form.cleaned_data["person"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{added.person.full_name} now holds the credentials of {account.name}.")
            return redirect("vault-custodians", account.agency.slug, account.pk)
    return _page(request, "custodians.html", account, form=form, custodians=selectors.custodians_of(account),
                 history=account.custodians.filter(removed_at__isnull=False).select_related("person", "removed_by"),
                 custodian_count=selectors.effective_custodian_count(account), remove_form=CustodianRemoveForm())


@require_POST
@account_vault_view("vault.manage_custodians")
def custodian_remove(request: HttpRequest, account: Account, custodian_pk: int) -> HttpResponse:
    custodian = get_object_or_404(Custodian.objects.current().filter(account=account).select_related("person"),
                                  pk=custodian_pk)
    form = CustodianRemoveForm(request.POST)
    if form.is_valid():
        try:
            services.custodian_remove(actor=request.user, custodian=custodian, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        messages.error(request, f"{custodian.person.full_name} was not removed: " + "; ".join(
            str(error) for errors in form.errors.values() for error in errors))
    else:
        messages.success(request, f"{custodian.person.full_name} no longer holds the credentials.")
    return redirect("vault-custodians", account.agency.slug, account.pk)


@login_required
@vault_page
def rotation(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's credentials needing rotation: schedules run out, and values someone who left could see."""
    agency = get_object_or_404(agencies_visible_to(request.user), slug=slug)
    if not may(request.user, "vault.view_rotation", agency):
        raise PermissionDenied
    accounts = selectors.vault_accounts_visible_to(request.user).filter(agency=agency)
    return render(request, "vault/rotation.html", {
        "agency": agency, "items": selectors.rotation_items(accounts), "gaps": selectors.custodian_gaps(accounts),
        "rotation_days": selectors.rotation_days(agency)})
