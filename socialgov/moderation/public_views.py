"""The public transparency report (no sign-in): aggregates of moderation decisions, no text, no authors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from socialgov.agencies.models import Agency
from socialgov.moderation import selectors
from socialgov.moderation.forms import ReportFilterForm
from socialgov.moderation.views import _totals, transparency_csv_response


def _report(request: HttpRequest, slug: str):
    agency = get_object_or_404(Agency, slug=slug)
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return agency, form, selectors.transparency(agency, filters.get("since"), filters.get("until"), public=True)


@require_GET
def transparency(request: HttpRequest, slug: str) -> HttpResponse:
    agency, form, rows = _report(request, slug)
    return render(request, "moderation/transparency.html", {
        "agency": agency, "form": form, "rows": rows, "total": sum(r.count for r in rows),
        "by_outcome": _totals(rows, "outcome"), "by_category": _totals(rows, "category_title"), "public": True})


@require_GET
def transparency_csv(request: HttpRequest, slug: str) -> HttpResponse:
    agency, _, rows = _report(request, slug)
    return transparency_csv_response(agency, rows)
