"""Read API for the vault: metadata only (which secrets exist, their versions and rotation dates).
No endpoint ever returns a value; revealing one is a custodian's page with a reason."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from socialgov.accounts.vault import selectors
from socialgov.accounts.vault.models import Secret


class SecretSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="current.number", default=None, read_only=True)
    changed_at = serializers.DateTimeField(source="current.set_at", default=None, read_only=True)
    changed_by = serializers.CharField(source="current.set_by.username", default=None, read_only=True)
    rotation_due_at = serializers.SerializerMethodField()

    class Meta:
        model = Secret
        fields = ["id", "account", "kind", "label", "version", "changed_at", "changed_by", "rotation_due_at",
                  "created_at"]

    def get_rotation_due_at(self, secret: Secret) -> str | None:
        days = self.context.setdefault("rotation_days", {})
        if secret.account.agency_id not in days:
            days[secret.account.agency_id] = selectors.rotation_days(secret.account.agency)
        due = selectors.due_at(secret, days[secret.account.agency_id])
        return due.isoformat() if due else None


class SecretViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SecretSerializer

    def get_queryset(self):
        return selectors.secrets_visible_to(self.request.user).select_related("account__agency").order_by("pk")


ROUTES = [("vault-secrets", SecretViewSet, "api-vault-secret")]
