"""Archive search pages: the search form and results, saved searches, confidential labels."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.accounts.selectors import accounts_visible_to
from socialgov.agencies.views import agency_view
from socialgov.archive.models import Record
from socialgov.archive.search import selectors, services
from socialgov.archive.search.forms import LabelForm, SaveSearchForm, SearchForm
from socialgov.archive.selectors import records_visible_to
from socialgov.archive.services.labels import current_label, record_label_add, record_label_lift
from socialgov.core.forms_util import add_service_errors

PER_PAGE = 25


def search_form(request: HttpRequest, agency, data: QueryDict | None) -> SearchForm:
    accounts = accounts_visible_to(request.user).filter(agency=agency).order_by("name")
    platforms = sorted({a.platform for a in accounts})
    return SearchForm(data, accounts=accounts, platforms=platforms)


def query_string(query: services.SearchQuery) -> str:
    """The search page's query string for ``query`` (links from saved searches back to the page)."""
    data = query.as_dict()
    params = [("q", data["text"]), *[("account", a) for a in data["account_ids"]],
              *[("platform", p) for p in data["platforms"]], ("author", data["author"]),
              *[("kind", k) for k in data["kinds"]], ("date_from", data["date_from"] or ""),
              ("date_to", data["date_to"] or ""), ("versions", data["versions"]), ("deleted", data["deleted"]),
              ("edited", data["edited"]), ("hidden", data["hidden"])]
    return urlencode([(k, v) for k, v in params if v not in ("", None)])


def _page_number(request: HttpRequest) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


@agency_view("archive.view_records")
def archive_search(request: HttpRequest, agency) -> HttpResponse:
    asked = any(request.GET.get(k) for k in SearchForm.base_fields)
    form = search_form(request, agency, request.GET if asked else None)
    results = None
    if asked and form.is_valid() and form.query is not None:
        results = services.search(request.user, form.query, page=_page_number(request), per_page=PER_PAGE,
                                  agency=agency, order=form.cleaned_data.get("order") or "newest")
    return render(request, "search/search.html", {
        "agency": agency, "form": form, "results": results, "asked": asked,
        "save_form": SaveSearchForm(), "can_save": request.user.has_perm("search.save_search", agency),
        "hidden_params": [(k, v) for k, values in request.GET.lists() if k not in ("page", "order") for v in values]})


@require_POST
@agency_view("search.save_search")
def archive_search_save(request: HttpRequest, agency) -> HttpResponse:
    form = search_form(request, agency, request.POST)
    save_form = SaveSearchForm(request.POST)
    if form.is_valid() and form.query is not None and save_form.is_valid():
        try:
            saved = services.saved_search_create(actor=request.user, agency=agency,
                                                 name=save_form.cleaned_data["name"], query=form.query)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Search saved: {saved.result_count} results, with a fingerprint of "
                                      f"exactly which.")
            return redirect("archive-saved-search", agency.slug, saved.pk)
    else:
        problems = [str(e) for f in (form, save_form) for errors in f.errors.values() for e in errors]
        messages.error(request, "The search was not saved: " + " ".join(problems))
    keep = request.POST.copy()
    for name in ("csrfmiddlewaretoken", "name"):
        keep.pop(name, None)
    return redirect(f"{request.path.removesuffix('save/')}?{keep.urlencode()}")


@agency_view("archive.view_records")
def archive_saved_searches(request: HttpRequest, agency) -> HttpResponse:
    rows = selectors.saved_searches_visible_to(request.user).filter(agency=agency)
    return render(request, "search/saved_list.html", {"agency": agency, "saved_searches": rows})


def _saved(request: HttpRequest, agency, pk: int):
    return get_object_or_404(selectors.saved_searches_visible_to(request.user).filter(agency=agency), pk=pk)


@agency_view("archive.view_records")
def archive_saved_search(request: HttpRequest, agency, pk: int) -> HttpResponse:
    saved = _saved(request, agency, pk)
    query = services.SearchQuery.from_dict(saved.query)
    runs = list(selectors.runs_of(saved)[:50])
    results = services.search(request.user, query, page=_page_number(request), per_page=PER_PAGE, agency=agency)
    return render(request, "search/saved_detail.html", {
        "agency": agency, "saved": saved, "query": query, "runs": runs, "latest": runs[0] if runs else None,
        "results": results, "search_querystring": query_string(query),
        "can_rerun": request.user.has_perm("search.save_search", agency)})


@require_POST
@agency_view("search.save_search")
def archive_saved_search_rerun(request: HttpRequest, agency, pk: int) -> HttpResponse:
    saved = _saved(request, agency, pk)
    run = services.saved_search_rerun(actor=request.user, saved=saved)
    if run.differs:
        messages.warning(request, f"Results changed since saved: {saved.result_count} then, {run.result_count} now.")
    else:
        messages.success(request, f"Same results as when saved ({run.result_count}).")
    return redirect("archive-saved-search", agency.slug, saved.pk)


def _label_post(request: HttpRequest, agency, pk: int, call, success: str) -> HttpResponse:
    record = get_object_or_404(records_visible_to(request.user).filter(account__agency=agency), pk=pk)
    if not request.user.has_perm("search.label_records", record.account):
        raise PermissionDenied
    form = LabelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": form.errors.get("reason", ["Say why."])})
        call(actor=request.user, record=record, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        add_service_errors(form, exc)
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, success)
    target = selectors.record_url(agency.slug, record.pk)
    back = request.POST.get("next", "")
    if back.startswith(f"/agencies/{agency.slug}/") and "//" not in back:
        target = back
    return redirect(target or "archive-search", *([] if target else [agency.slug]))


@require_POST
@agency_view("archive.view_records")
def archive_record_label(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _label_post(request, agency, pk, record_label_add,
                       "Labelled confidential: only the roles the policy names can see this record now.")


@require_POST
@agency_view("archive.view_records")
def archive_record_unlabel(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _label_post(request, agency, pk, record_label_lift,
                       "Confidential label lifted: everyone in the agency can see this record again.")


def label_context(user, record: Record) -> dict:
    """What ``search/_label_form.html`` needs beside ``record`` (the record page may pass it)."""
    return {"label": current_label(record), "can_label": user.has_perm("search.label_records", record.account)}
