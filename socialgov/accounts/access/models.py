"""Employees' access to social media for professional use (LAC-07, DCFS-07, LAC-06).

An employee asks for access (which platforms, what for, during working hours or on department
equipment); their supervisor or department head approves once the required acknowledgements and
training are done; the grant records who authorized it and can be revoked with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from socialgov.accounts.access.workflows import AccessState


class AccessRequest(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="access_requests")
    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="access_requests")
    department = models.ForeignKey("agencies.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", help_text="The requester's department when they asked.")
    platforms = models.CharField(max_length=300, help_text="Which social media sites or services.")
    purpose = models.TextField()
    working_hours = models.BooleanField(default=False)
    department_equipment = models.BooleanField(default=False)
    state = models.CharField(max_length=12, choices=AccessState.choices, default=AccessState.REQUESTED)
    requested_at = models.DateTimeField(default=timezone.now)
    # DCFS-07: the grant records the authorizing supervisor.
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_by_relation = models.CharField(max_length=40, blank=True)  # "supervisor" or "department head"
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # LAC-06: the acknowledgements on record when access was granted.
    acknowledgements = models.JSONField(default=list, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [models.UniqueConstraint(
            fields=["person"], condition=Q(state="requested"), name="access_one_waiting_request_per_person")]

    def __str__(self) -> str:
        return f"Access request #{self.pk} ({self.person})"

    @property
    def uses(self) -> list[str]:
        return [label for flag, label in ((self.working_hours, "during working hours"),
                                          (self.department_equipment, "on department equipment")) if flag]
