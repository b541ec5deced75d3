"""Read API for employee access requests and grants (same selectors as the UI)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from socialgov.accounts.access import selectors
from socialgov.accounts.access.models import AccessRequest


class AccessRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessRequest
        fields = ["id", "agency", "person", "department", "platforms", "purpose", "working_hours",
                  "department_equipment", "state", "requested_at", "decided_by", "decided_by_relation",
                  "decided_at", "decision_note", "acknowledgements", "ended_by", "ended_at", "end_reason"]


class AccessRequestViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AccessRequestSerializer

    def get_queryset(self):
        return selectors.requests_visible_to(self.request.user).order_by("pk")


ROUTES = [("access-requests", AccessRequestViewSet, "api-access-request")]
