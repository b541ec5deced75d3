"""Shared pieces of the /api/v1/ read endpoints."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from rest_framework import viewsets


class VisibleReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and retrieve exactly what the app's ``*_visible_to(user)`` selector lets the user see,
    so the API can never show more than the pages do."""

    selector: Callable[..., QuerySet]

    def get_queryset(self) -> QuerySet:
        return type(self).selector(self.request.user).order_by("pk")
