"""The monitoring API: the checks the caller may see, and recording one (e.g. from a connector or a
script run by the responsible person), through the same service and predicates as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from socialgov.accounts.models import Account
from socialgov.agencies.selectors import agencies_visible_to
from socialgov.monitoring import selectors, services
from socialgov.monitoring.models import MonitoringCheck
from socialgov.monitoring.workflows import CheckHow


class CheckSerializer(serializers.ModelSerializer):
    checked_by = serializers.CharField(source="checked_by.username", default=None, read_only=True)

    class Meta:
        model = MonitoringCheck
        fields = ["id", "account", "checked_by", "checked_at", "how", "capacity", "note"]


class CheckInputSerializer(serializers.Serializer):
    account = serializers.PrimaryKeyRelatedField(queryset=Account.objects.none())
    how = serializers.ChoiceField(choices=CheckHow.choices, default=CheckHow.MANUAL)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.filter(agency__in=agencies_visible_to(user),
                                                                 status__in=selectors.MONITORED)


class MonitoringCheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Checks the caller may see, newest first; POST records a check now (LCCS-07, NJ-11)."""

    serializer_class = CheckSerializer

    def get_queryset(self):
        return selectors.checks_visible_to(self.request.user).order_by("-checked_at", "-pk")

    def create(self, request, *args, **kwargs):
        body = CheckInputSerializer(data=request.data, user=request.user)
        body.is_valid(raise_exception=True)
        try:
            check = services.monitoring_check_record(by=request.user, **body.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}) \
                from exc
        return Response(CheckSerializer(check).data, status=status.HTTP_201_CREATED)


ROUTES = [("monitoring-checks", MonitoringCheckViewSet, "api-monitoring-check")]
