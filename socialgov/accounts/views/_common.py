"""What every account page shares: loading the account the user may see, running a service."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from socialgov.accounts import selectors
from socialgov.accounts.models import Account
from socialgov.core.forms_util import add_service_errors


def load_account(request: HttpRequest, agency, pk: int, perm: str = "accounts.view_account") -> Account:
    """The account of ``agency`` the user may see (404 otherwise), refused (403) without ``perm``."""
    account = get_object_or_404(selectors.accounts_visible_to(request.user).filter(agency=agency), pk=pk)
    if not request.user.has_perm(perm, account):
        raise PermissionDenied
    return account


def run(request: HttpRequest, form, call: Callable[[dict], object], success: str) -> bool:
    """Validate ``form``, call the service with its data; show the outcome. True when it worked."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, success)
    return True


def errors_as_message(request: HttpRequest, form) -> None:
    messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
