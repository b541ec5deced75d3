"""Policy documents, their versions, and people's acknowledgements of them.

Design principle: what a person acknowledged can always be shown exactly as they saw it. A
version is immutable once published (services refuse to change it); an acknowledgement names
one version and is never changed or removed; a new version asks again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from socialgov.policies.workflows import VersionState

DEFAULT_DUE_DAYS = 30


class DocumentSource(models.TextChoices):
    PACK = "pack", "Policy pack in force"
    AGENCY = "agency", "Uploaded by the agency"


class PolicyDocument(models.Model):
    """Something people must read and acknowledge (a policy, board policies and training, rules of
    personal use), with who must acknowledge it (DCFS-11, LCCS-12, LAC-06)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="policy_documents")
    key = models.SlugField(max_length=60, allow_unicode=False)
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=10, choices=DocumentSource.choices, default=DocumentSource.AGENCY)
    # Role keys; "employee" means every staff member, whatever else they hold.
    audience_roles = models.JSONField(default=list, blank=True)
    # Employment types (KY-12); empty means every employment type.
    audience_employment_types = models.JSONField(default=list, blank=True)
    audience_description = models.CharField(max_length=500, blank=True)
    before_access = models.BooleanField(default=False, help_text="Acknowledged before access is granted (LAC-06).")
    training = models.BooleanField(default=False, help_text="Training on roles and responsibilities goes with it.")
    due_days = models.PositiveIntegerField(default=DEFAULT_DUE_DAYS)
    cite = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["agency", "key"], name="policy_document_key_unique")]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=100, blank=True, help_text="For example: pack la-county-dcfs 1.1.0.")
    state = models.CharField(max_length=12, choices=VersionState.choices, default=VersionState.DRAFT)
    body = models.TextField(blank=True)
    points = models.JSONField(default=list, blank=True)       # the rules acknowledged, in the policy's words
    documents = models.JSONField(default=list, blank=True)    # the documents it covers, as the pack names them
    change_note = models.CharField(max_length=500, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_content_type = models.CharField(max_length=100, blank=True)
    file_data = models.BinaryField(null=True, blank=True, editable=False)
    file_sha256 = models.CharField(max_length=64, blank=True)
    content_sha256 = models.CharField(max_length=64)
    pack_adoption = models.ForeignKey("policies.PackAdoption", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="document_versions")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique"),
            models.UniqueConstraint(fields=["document"], condition=Q(state="published"),
                                    name="document_one_published_version"),
        ]

    def __str__(self) -> str:
        return f"{self.document.title}, version {self.number}"

    @property
    def has_file(self) -> bool:
        return bool(self.file_sha256)


class Acknowledgement(models.Model):
    """A person acknowledged one version (and, for training documents, completed the training)."""

    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="acknowledgements")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    acknowledged_at = models.DateTimeField(default=timezone.now)
    training_completed_on = models.DateField(null=True, blank=True)
    statement = models.TextField()  # the words the person affirmed, as shown to them

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [models.UniqueConstraint(fields=["person", "version"], name="acknowledgement_once_per_version")]

    def __str__(self) -> str:
        return f"{self.person} acknowledged {self.version}"
