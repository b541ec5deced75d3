"""Reads of saved searches: every list takes the user and returns only what that user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from socialgov.agencies.selectors import agencies_visible_to
from socialgov.archive.search.models import SavedSearch, SavedSearchRun


def saved_searches_visible_to(user) -> QuerySet[SavedSearch]:
    """The saved searches of the agencies the user belongs to (all of them for system administrators)."""
    return SavedSearch.objects.filter(agency__in=agencies_visible_to(user)).select_related(
        "agency", "created_by__person")


def runs_of(saved: SavedSearch) -> QuerySet[SavedSearchRun]:
    return saved.runs.select_related("run_by__person")


def record_url(agency_slug: str, record_id: int) -> str | None:
    """The record's page (``archive-record``), or None while the archive has no record page."""
    try:
        return reverse("archive-record", args=[agency_slug, record_id])
    except NoReverseMatch:
        return None
