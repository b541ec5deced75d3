"""Read API for policy documents, acknowledgements, spokespersons, exceptions and reviews (same
selectors as the UI). Reports of possible violations are not offered here: every view of one must
be audited and its reporter withheld, which the web pages do."""

from __future__ import annotations

from rest_framework import serializers

from socialgov.core.api import VisibleReadOnlyViewSet
from socialgov.policies import selectors
from socialgov.policies.models import Acknowledgement, ExceptionRequest, PolicyDocument, PolicyReview, Spokesperson
from socialgov.policies.workflows import VersionState


class PolicyDocumentSerializer(serializers.ModelSerializer):
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = PolicyDocument
        fields = ["id", "agency", "key", "title", "source", "audience_roles", "audience_employment_types",
                  "audience_description", "before_access", "training", "due_days", "active", "current_version"]

    def get_current_version(self, document: PolicyDocument) -> dict | None:
        version = next((v for v in document.versions.all() if v.state == VersionState.PUBLISHED), None)
        if version is None:
            return None
        return {"number": version.number, "label": version.label, "published_at": version.published_at,
                "content_sha256": version.content_sha256, "points": version.points, "documents": version.documents}


class AcknowledgementSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="version.document.key", read_only=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = Acknowledgement
        fields = ["id", "person", "document", "version_number", "acknowledged_at", "training_completed_on"]


class SpokespersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Spokesperson
        fields = ["id", "agency", "person", "name", "scope", "authorized_by", "authorized_at", "revoked_at",
                  "revoke_reason"]


class ExceptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExceptionRequest
        fields = ["id", "agency", "department", "route", "title", "scope", "justification", "impacts", "risks",
                  "costs", "timeframes", "expires_on", "state", "step", "requested_by", "requested_at",
                  "decided_by", "decided_at", "decision_reason", "costs_passed_to_agency", "cost_note",
                  "notice_sent_at", "notice_sent_to"]


class PolicyReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyReview
        fields = ["id", "agency", "reviewed_on", "reviewed_by", "reviewers", "outcome", "notes", "next_due",
                  "recorded_at"]



class PolicyDocumentViewSet(VisibleReadOnlyViewSet):
    serializer_class = PolicyDocumentSerializer

    @staticmethod
    def selector(user):
        return selectors.documents_visible_to(user).prefetch_related("versions")


class AcknowledgementViewSet(VisibleReadOnlyViewSet):
    serializer_class = AcknowledgementSerializer
    selector = staticmethod(selectors.acknowledgements_visible_to)


class SpokespersonViewSet(VisibleReadOnlyViewSet):
    serializer_class = SpokespersonSerializer
    selector = staticmethod(selectors.spokespersons_visible_to)


class ExceptionViewSet(VisibleReadOnlyViewSet):
    serializer_class = ExceptionSerializer
    selector = staticmethod(selectors.exceptions_visible_to)


class PolicyReviewViewSet(VisibleReadOnlyViewSet):
    serializer_class = PolicyReviewSerializer

    selector = staticmethod(selectors.policy_reviews_visible_to)


ROUTES = [
    ("policy-documents", PolicyDocumentViewSet, "api-policy-document"),
    ("policy-acknowledgements", AcknowledgementViewSet, "api-policy-acknowledgement"),
    ("policy-spokespersons", SpokespersonViewSet, "api-policy-spokesperson"),
    ("policy-exceptions", ExceptionViewSet, "api-policy-exception"),
    ("policy-reviews", PolicyReviewViewSet, "api-policy-review"),
]
