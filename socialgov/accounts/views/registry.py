"""NJ-08 and LAC-08: the internal registry with its filters, compliance and CSV export."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from socialgov.accounts import platforms, selectors
from socialgov.accounts.compliance import account_compliance
from socialgov.accounts.forms import RegistryFilterForm
from socialgov.agencies.views import agency_view

CSV_COLUMNS = ["Name", "Platform", "Type of social media", "Department", "Status", "Handle", "URL", "Purpose",
               "Submitted", "Active since", "Compliance", "Compliance deadline", "Missing for compliance"]


def _filtered(request: HttpRequest, agency) -> tuple[RegistryFilterForm, object]:
    form = RegistryFilterForm(request.GET or None, agency=agency)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, selectors.registry(request.user, agency, **{k: v for k, v in filters.items() if v})


def _with_compliance(agency, accounts) -> list[tuple]:
    pack, today = selectors.pack_of(agency), timezone.localdate()
    return [(account, account_compliance(account, pack, today)) for account in accounts]


@agency_view("accounts.view_registry")
def registry(request: HttpRequest, agency) -> HttpResponse:
    form, accounts = _filtered(request, agency)
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/registry.html", {
        "agency": agency, "form": form, "page_obj": page, "rows": _with_compliance(agency, page),
        "can_request": request.user.has_perm("accounts.request", agency),
    })


def _cell(value) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: quote it (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@agency_view("accounts.view_registry")
def registry_csv(request: HttpRequest, agency) -> HttpResponse:
    _, accounts = _filtered(request, agency)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{agency.slug}-registry-of-accounts.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for account, compliance in _with_compliance(agency, accounts):
        writer.writerow([_cell(v) for v in (
            account.name, platforms.get(account.platform).name, account.platform_category,
            account.department.name, account.get_status_display(), account.handle, account.url, account.purpose,
            account.submitted_at and timezone.localdate(account.submitted_at),
            account.activated_at and timezone.localdate(account.activated_at),
            compliance.label, compliance.deadline, "; ".join(c.label for c in compliance.missing))])
    return response
