"""The accounts API: requests and their review, through the same services and predicates as the UI."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from socialgov.accounts import platforms, policy, selectors, services
from socialgov.accounts.models import Account, AccountReviewStep
from socialgov.agencies.models import Department, Person
from socialgov.agencies.selectors import person_of


class StepSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username", default=None, read_only=True)

    class Meta:
        model = AccountReviewStep
        fields = ["position", "name", "role", "designation", "purpose", "cite", "status", "decided_by",
                  "decided_at", "comment"]


class AccountSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.username", default=None, read_only=True)
    review_steps = serializers.SerializerMethodField()

    class Meta:
        model = Account
        fields = ["id", "agency", "department", "name", "platform", "platform_category", "status", "purpose",
                  "communication_types", "justification", "terms_of_service_url", "proposed_administrators",
                  "existing_use", "extra", "new_platform", "requested_by", "submitted_at", "decided_at",
                  "rejection_reason", "handle", "url", "activated_at", "review_steps"]

    def get_review_steps(self, account: Account) -> list[dict]:
        reviews = list(account.reviews.all())  # prefetched, newest first
        return StepSerializer(reviews[0].steps.all(), many=True).data if reviews else []


class RequestInputSerializer(serializers.Serializer):
    """NJ-05's answers; completeness is checked when the request is submitted."""

    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.none())
    name = serializers.CharField(max_length=200)
    platform = serializers.ChoiceField(choices=platforms.choices())
    platform_category = serializers.CharField(required=False, allow_blank=True, default="")
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    communication_types = serializers.ListField(child=serializers.ChoiceField(choices=policy.COMMUNICATION_TYPES),
                                                required=False, default=list)
    justification = serializers.CharField(required=False, allow_blank=True, default="")
    terms_of_service_url = serializers.URLField(required=False, allow_blank=True, default="")
    proposed_administrators = serializers.PrimaryKeyRelatedField(many=True, required=False, default=list,
                                                                 queryset=Person.objects.none())
    existing_use = serializers.BooleanField(required=False, default=False)
    extra = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency)
        self.fields["proposed_administrators"].child_relation.queryset = Person.objects.filter(agency=agency)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


def _call(service, **kwargs):
    """Run a service; its ValidationError becomes a 400 naming the fields, PermissionDenied a 403."""
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}) from exc


class AccountViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Accounts the caller may see; POST drafts a request, PATCH changes a draft, and the actions
    submit, withdraw, begin the review, approve its current step and reject it."""

    serializer_class = AccountSerializer

    def get_queryset(self):
        return selectors.accounts_visible_to(self.request.user).select_related("requested_by").prefetch_related(
            "proposed_administrators", "reviews__steps__decided_by").order_by("pk")

    def _answers(self, agency, partial_of: Account | None = None) -> dict:
        data = self.request.data
        if partial_of is not None:
            current = AccountSerializer(partial_of).data
            data = {k: current[k] for k in RequestInputSerializer._declared_fields if k in current} | dict(data)
        serializer = RequestInputSerializer(data=data, agency=agency)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def create(self, request, *args, **kwargs):
        person = person_of(request.user)
        if person is None:
            raise PermissionDenied("Only people of an agency can request an account.")
        account = _call(services.account_request_create, actor=request.user, agency=person.agency,
                        **self._answers(person.agency))
        return Response(AccountSerializer(account).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        account = self.get_object()
        updated = _call(services.account_request_update, actor=request.user, account=account,
                        **self._answers(account.agency, partial_of=account))
        return Response(AccountSerializer(updated).data)

    def _act(self, service, body_serializer=None, **extra):
        account = self.get_object()
        data = {}
        if body_serializer is not None:
            body = body_serializer(data=self.request.data)
            body.is_valid(raise_exception=True)
            data = body.validated_data
        result = _call(service, actor=self.request.user, account=account, **data, **extra)
        return Response(AccountSerializer(result).data)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(services.account_request_submit)

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._act(services.account_request_withdraw)

    @action(detail=True, methods=["post"])
    def begin(self, request, pk=None):
        return self._act(services.review_begin)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(services.review_step_approve, CommentSerializer)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._act(services.review_step_reject, ReasonSerializer)


ROUTES = [("accounts", AccountViewSet, "api-account")]
