"""The credential vault: each account's secrets, every value they have had, who holds them.

Design principle: a value is stored only as ciphertext (see keyring.py), every change is a new
version and old versions are kept for the record but never shown, and only the account's
credential custodians can see the current value, each time with a reason that is audited.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class SecretKind(models.TextChoices):
    PASSWORD = "password", "Password"
    RECOVERY_CODES = "recovery_codes", "Recovery codes"
    API_TOKEN = "api_token", "API token"


# The kind as it reads inside a sentence ("the API token “Scheduler”").
KIND_WORDS = {SecretKind.PASSWORD: "password", SecretKind.RECOVERY_CODES: "recovery codes",
              SecretKind.API_TOKEN: "API token"}
ADD_LABELS = {SecretKind.PASSWORD: "Add a password", SecretKind.RECOVERY_CODES: "Add recovery codes",
              SecretKind.API_TOKEN: "Add an API token"}


class Secret(models.Model):
    """One credential of an account (its sign-in password, its recovery codes, an API token)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="secrets")
    kind = models.CharField(max_length=20, choices=SecretKind.choices)
    label = models.CharField(max_length=100)
    current = models.ForeignKey("SecretVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["account", "kind", "label"]
        constraints = [models.UniqueConstraint(fields=["account", "kind", "label"], name="vault_secret_unique_label")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} “{self.label}” of {self.account}"

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]


class SecretVersion(models.Model):
    """One value a secret has had. ``context`` binds the ciphertext to this row, so a ciphertext
    copied into another row does not open. ``key_id`` records the key it was last encrypted under."""

    secret = models.ForeignKey(Secret, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    context = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ciphertext = models.TextField()
    key_id = models.CharField(max_length=16, db_index=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)
    reencrypted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["secret", "-number"]
        constraints = [models.UniqueConstraint(fields=["secret", "number"], name="vault_version_number_unique")]

    def __str__(self) -> str:
        return f"version {self.number} of secret #{self.secret_id}"


class CustodianQuerySet(models.QuerySet):
    def current(self) -> CustodianQuerySet:
        return self.filter(removed_at__isnull=True)

    def effective(self) -> CustodianQuerySet:
        """Current custodians who can still act: active in the agency, with a working sign-in."""
        return self.current().filter(person__active=True, person__user__is_active=True)


class Custodian(models.Model):
    """KY-02: a person of the agency who holds an account's credentials on its behalf.
    Ended rows are the history of who held them when."""

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="custodians")
    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="custodianships")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.CharField(max_length=500, blank=True)

    objects = CustodianQuerySet.as_manager()

    class Meta:
        ordering = ["account", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "person"], condition=Q(removed_at__isnull=True),
                                    name="vault_one_current_custodianship"),
        ]

    def __str__(self) -> str:
        return f"{self.person} holds the credentials of {self.account}"


class Reveal(models.Model):
    """A custodian saw a value: who, which version, when and why (never the value)."""

    version = models.ForeignKey(SecretVersion, on_delete=models.PROTECT, related_name="reveals")
    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="secret_reveals")
    reason = models.CharField(max_length=500)
    revealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-revealed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} saw {self.version}"
