"""Moderation cases: what the classifiers found in a captured comment, and what people decided.

Design principle: classifiers advise, people decide, and every decision can be checked later —
it keeps the pack rule it applied, the findings and scores it saw, who decided and why. A removal
never loses the comment: the preserved copy is written first, in the same transaction (NJ-18).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from socialgov.moderation.workflows import CaseStatus, DecisionKind, DecisionState, Outcome, Severity


class Case(models.Model):
    """One captured comment or reply flagged by the classifiers; one open case per record."""

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="moderation_cases")
    record = models.ForeignKey("archive.Record", on_delete=models.PROTECT, related_name="moderation_cases")
    version = models.ForeignKey("archive.RecordVersion", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.NONE, blank=True)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.NORMAL)
    severity_rank = models.PositiveSmallIntegerField(default=2)  # 0 = urgent: the queue's first key
    labels = models.JSONField(default=list)
    categories = models.JSONField(default=list)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Urgent cases: who was told at once, and the escalation a person recorded (who, when, referral).
    urgent_notified_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["severity_rank", "opened_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["record"], condition=~Q(status=CaseStatus.CLOSED),
                                               name="moderation_one_open_case_per_record")]
        indexes = [models.Index(fields=["account", "status", "severity_rank", "opened_at"])]

    def __str__(self) -> str:
        return f"Case {self.pk} ({self.get_severity_display()}) on {self.record}"


class Finding(models.Model):
    """What one classifier saw in one version of the comment (``socialgov.classifiers.Finding``)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="findings")
    version = models.ForeignKey("archive.RecordVersion", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(max_length=80)
    category = models.CharField(max_length=80)
    score = models.FloatField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    explanation = models.TextField()
    classifier = models.CharField(max_length=80)
    classifier_version = models.CharField(max_length=40, blank=True)
    severity = models.CharField(max_length=10, default="normal")
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "version", "start", "-score", "pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.score:.2f}) at {self.start}-{self.end}"

    def snapshot(self) -> dict:
        return {"label": self.label, "category": self.category, "score": round(self.score, 4), "start": self.start,
                "end": self.end, "classifier": self.classifier, "classifier_version": self.classifier_version,
                "version_id": self.version_id}


class Decision(models.Model):
    """One decision on a case, with everything needed to check it later."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    state = models.CharField(max_length=10, choices=DecisionState.choices, default=DecisionState.DONE)
    category = models.CharField(max_length=80, blank=True)
    requirements = models.JSONField(default=list, blank=True)
    pack_name = models.CharField(max_length=100, blank=True)
    pack_version = models.CharField(max_length=40, blank=True)
    pack_rule = models.CharField(max_length=300, blank=True)
    findings = models.JSONField(default=list, blank=True)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    reason = models.TextField()
    notify_author = models.BooleanField(default=False)
    author_notice = models.TextField(blank=True)
    # Escalation: who was told, when, and the referral reference (urgent cases must have one).
    escalated_to = models.CharField(max_length=500, blank=True)
    told_at = models.DateTimeField(null=True, blank=True)
    referral_reference = models.CharField(max_length=200, blank=True)
    # A removal the pack requires a second person for: the removal it approves or declines.
    approves = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    effective_at = models.DateTimeField(null=True, blank=True)   # when it took effect (transparency month)

    class Meta:
        ordering = ["case", "decided_at", "pk"]
        indexes = [models.Index(fields=["kind", "effective_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on case {self.case_id}"


class PreservedCopy(models.Model):
    """NJ-18: the removed comment with its metadata, kept before anything is removed."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="preserved_copies")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="preserved_copy")
    record = models.ForeignKey("archive.Record", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey("archive.RecordVersion", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(max_length=40)
    platform_item_id = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True)
    author_id = models.CharField(max_length=200, blank=True)
    author_handle = models.CharField(max_length=200, blank=True)
    author_name = models.CharField(max_length=300, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True)
    markup = models.TextField(blank=True)
    markup_format = models.CharField(max_length=40, blank=True)
    raw_sha256 = models.CharField(max_length=64)
    raw_media_type = models.CharField(max_length=100, blank=True)
    version_hash = models.CharField(max_length=64)
    record_series = models.CharField(max_length=200)
    retention_note = models.TextField(blank=True)
    preserved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    preserved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-preserved_at", "-pk"]

    def __str__(self) -> str:
        return f"Preserved copy of {self.platform} {self.platform_item_id}"


class TaskKind(models.TextChoices):
    PLATFORM_REMOVE = "platform_remove", "Remove the comment on the platform"
    PLATFORM_HIDE = "platform_hide", "Hide the comment on the platform"
    PLATFORM_RESTORE = "platform_restore", "Restore the comment on the platform"
    AUTHOR_NOTICE = "author_notice", "Send the notice to the author"


class ManualTask(models.Model):
    """What a person must do on the platform (no connector acts there yet), confirmed when done."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="tasks")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="tasks")
    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=TaskKind.choices)
    body = models.TextField(blank=True)   # the author notice's text, for AUTHOR_NOTICE
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["done_at", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (case {self.case_id})"
