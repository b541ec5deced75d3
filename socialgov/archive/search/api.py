"""Search API: ``/api/v1/archive-search/`` (the search page's filters as parameters) and saved searches
(read, and ``POST .../rerun/``). Same services and selectors as the pages, so it never shows more."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import QueryDict
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from socialgov.accounts.selectors import accounts_visible_to
from socialgov.archive.search import selectors, services
from socialgov.archive.search.forms import SearchForm
from socialgov.archive.search.models import SavedSearch, SavedSearchRun
from socialgov.core.api import VisibleReadOnlyViewSet


def _hit(hit: services.Hit) -> dict:
    record, version = hit.record, hit.version
    return {"record_id": record.pk, "version_id": version.pk, "version_number": version.number,
            "is_current": hit.is_current, "is_deleted": hit.is_deleted, "is_hidden": hit.is_hidden,
            "account_id": record.account_id, "platform": record.platform, "kind": record.kind,
            "platform_item_id": record.platform_item_id, "author_handle": record.author_handle,
            "author_name": record.author_name, "created_at": record.created_at, "url": record.url,
            "captured_at": version.captured_at, "snippet_html": str(hit.snippet_html)}


def _form_data(params: QueryDict) -> QueryDict:
    """Comma-separated lists are accepted too: ?platform=x,mastodon."""
    data = params.copy()
    for name in ("account", "platform", "kind"):
        values = [v.strip() for value in params.getlist(name) for v in value.split(",") if v.strip()]
        data.setlist(name, values)
    return data


class ArchiveSearchViewSet(viewsets.ViewSet):
    """GET ``?q=words&account=1&platform=x&author=&kind=post&date_from=2026-01-01&date_to=&versions=current|all
    &deleted=include|exclude|only&edited=...&hidden=...&order=newest|relevance&page=1&per_page=25``.
    A query that cannot be run answers 400 with the field at fault."""

    def list(self, request):
        accounts = accounts_visible_to(request.user)
        form = SearchForm(_form_data(request.query_params), accounts=accounts,
                          platforms=sorted({a.platform for a in accounts}))
        if not form.is_valid() or form.query is None:
            return Response({"errors": {name: [str(e) for e in errors] for name, errors in form.errors.items()}},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            page = int(request.query_params.get("page", 1))
            per_page = int(request.query_params.get("per_page", 25))
        except ValueError:
            return Response({"errors": {"page": ["page and per_page are whole numbers."]}},
                            status=status.HTTP_400_BAD_REQUEST)
        results = services.search(request.user, form.query, page=page, per_page=per_page,
                                  order=form.cleaned_data.get("order") or "newest")
        return Response({"count": results.total, "page": results.page, "per_page": results.per_page,
                         "num_pages": results.num_pages, "terms": results.terms,
                         "results": [_hit(hit) for hit in results.hits]})


class SavedSearchRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = SavedSearchRun
        fields = ["id", "run_by", "run_at", "result_count", "result_ids_hash", "differs"]


class SavedSearchSerializer(serializers.ModelSerializer):
    runs = SavedSearchRunSerializer(many=True, read_only=True)

    class Meta:
        model = SavedSearch
        fields = ["id", "agency", "name", "query", "created_by", "created_at", "result_count", "result_ids_hash",
                  "runs"]


class SavedSearchViewSet(VisibleReadOnlyViewSet):
    selector = selectors.saved_searches_visible_to
    serializer_class = SavedSearchSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("runs")

    @action(detail=True, methods=["post"])
    def rerun(self, request, pk=None):
        saved = self.get_object()
        try:
            run = services.saved_search_rerun(actor=request.user, saved=saved)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(SavedSearchRunSerializer(run).data, status=status.HTTP_201_CREATED)


ROUTES = [("archive-search", ArchiveSearchViewSet, "api-archive-search"),
          ("saved-searches", SavedSearchViewSet, "api-saved-search")]
