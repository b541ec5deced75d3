"""Reports of possible violations of the policy (DCFS-09, DCFS-10, KY-10).

Design principle: retaliation is prohibited, so the reporter's identity is stored with the
report but shown only to the roles that handle reports (never for an anonymous report), and
every view of a report is written to the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from socialgov.policies.workflows import ReportState


class DisciplinaryOutcome(models.TextChoices):
    NO_ACTION = "no_action", "No disciplinary action"
    COUNSELING = "counseling", "Counseling or coaching"
    VERBAL_WARNING = "verbal_warning", "Verbal warning"
    WRITTEN_WARNING = "written_warning", "Written warning"
    SUSPENSION = "suspension", "Suspension"
    TERMINATION = "termination", "Dismissal or discharge"
    REFERRED = "referred", "Referred to human resources or another authority"


class ViolationReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="violation_reports")
    department = models.ForeignKey("agencies.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", help_text="The department concerned.")
    subject = models.ForeignKey("agencies.Person", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", help_text="Who the report is about, when known.")
    who = models.CharField(max_length=300, blank=True)
    what = models.TextField()
    where = models.CharField(max_length=500)
    occurred_on = models.DateField()
    evidence = models.TextField(blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    anonymous = models.BooleanField(default=False)
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.RECEIVED)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    finding = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=DisciplinaryOutcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        # Never the reporter: this text lands in the audit trail's target description.
        return f"Violation report #{self.pk}"


class ReportTransition(models.Model):
    report = models.ForeignKey(ViolationReport, on_delete=models.PROTECT, related_name="transitions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, choices=ReportState.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} -> {self.to_state}"
