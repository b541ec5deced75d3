"""Keeping a credential off every page it does not belong on.

Django hides ``sensitive_variables`` and ``sensitive_post_parameters`` only when DEBUG is off;
a vault page hides them always, because a development server's debug page or a misconfigured
production one must not show a credential either. Every vault page is also ``no-store``.
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

SECRET_FIELDS = ("value", "password")


class VaultExceptionReporterFilter(SafeExceptionReporterFilter):
    """Cleanses error reports (debug page, error e-mails) whatever DEBUG says."""

    def is_active(self, request) -> bool:
        return True


def vault_page(view):
    """A vault page: never cached, and its error reports never carry a credential."""

    @never_cache
    @sensitive_post_parameters(*SECRET_FIELDS)
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.exception_reporter_filter = VaultExceptionReporterFilter()
        return _call_hidden(view, request, *args, **kwargs)

    return wrapper


@sensitive_variables()
def _call_hidden(view, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    # Every frame below this one (the view, the form, the service, the key ring) shows no locals.
    return view(request, *args, **kwargs)
