"""The moderation API: cases with their findings and decisions, read-only, visibility-filtered."""

from __future__ import annotations

from rest_framework import serializers

from socialgov.agencies.selectors import person_of
from socialgov.core.api import VisibleReadOnlyViewSet
from socialgov.moderation import selectors
from socialgov.moderation.models import Case, Decision, Finding


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["label", "category", "score", "start", "end", "explanation", "classifier", "classifier_version",
                  "severity", "version"]


class DecisionSerializer(serializers.ModelSerializer):
    moderator = serializers.CharField(source="moderator.username", default=None, read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "kind", "state", "category", "requirements", "pack_name", "pack_version", "pack_rule",
                  "findings", "moderator", "reason", "notify_author", "escalated_to", "told_at",
                  "referral_reference", "decided_at", "effective_at"]


class CaseSerializer(serializers.ModelSerializer):
    text = serializers.CharField(source="version.text", read_only=True)
    findings = FindingSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = ["id", "account", "record", "version", "status", "outcome", "severity", "labels", "categories",
                  "assigned_to", "opened_at", "updated_at", "closed_at", "urgent_notified_at", "escalated_at", "text",
                  "findings", "decisions"]


def cases_for_api(user):
    person = person_of(user)
    if person is None:
        return Case.objects.none()
    return selectors.cases_visible_to(user, person.agency).prefetch_related("findings", "decisions__moderator")


class CaseViewSet(VisibleReadOnlyViewSet):
    """Moderation cases the caller may see (the accounts they moderate; everything for oversight roles)."""

    serializer_class = CaseSerializer
    selector = staticmethod(cases_for_api)


ROUTES = [("moderation/cases", CaseViewSet, "api-moderation-case")]
