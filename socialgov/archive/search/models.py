"""Saved searches: a query, who saved it, when, how many results and a fingerprint of exactly which.

A saved search is what a records request is built on: re-running it later tells whether the
archive still answers it the same way (same result ids, same hash) or how it changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SavedSearch(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="saved_searches")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    name = models.CharField(max_length=200)
    query = models.JSONField()                      # SearchQuery.as_dict()
    created_at = models.DateTimeField(default=timezone.now)
    result_count = models.PositiveIntegerField()
    # SHA-256 of the sorted "record_id:version_id" lines of every matching result (services.result_ids_hash).
    result_ids_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "-created_at"])]

    def __str__(self) -> str:
        return f"saved search {self.name!r}"


class SavedSearchRun(models.Model):
    """One re-run of a saved search: who, when, what it found, and whether that differs from when saved."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.PROTECT, related_name="runs")
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    run_at = models.DateTimeField(default=timezone.now)
    result_count = models.PositiveIntegerField()
    result_ids_hash = models.CharField(max_length=64)
    differs = models.BooleanField()

    class Meta:
        ordering = ["-run_at", "-pk"]

    def __str__(self) -> str:
        return f"run of {self.saved_search} at {self.run_at:%Y-%m-%d %H:%M}"
