"""What the policies views share: run a form through a service, and show its errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from socialgov.core.forms_util import add_service_errors


def run_service(request: HttpRequest, form: forms.Form, call: Callable[[dict], Any], success: str) -> Any | None:
    """Validate ``form`` and call the service with its data; the service's ValidationError is shown on
    the form. Returns the service's result, or None when something was wrong."""
    if not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, success)
    return result if result is not None else True


def run_action(request: HttpRequest, call: Callable[[], Any], success: str) -> bool:
    """A POST with no form (publish, start a review): a refusal is shown as a message."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True


def require_perm(request: HttpRequest, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def posted(request: HttpRequest, *, files: bool = False):
    """The submitted data of a POST (even an empty one, so the form shows what is missing), else None."""
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST
