"""Authorized spokespersons (DCFS-04) and policy reviews (KY-13)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Spokesperson(models.Model):
    """DCFS-04: an employee explicitly authorized to speak for the agency; revocable, kept as history."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="spokespersons")
    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="spokesperson_authorizations")
    scope = models.CharField(max_length=500, help_text="What they may speak about, and where.")
    authorized_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    authorized_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    revoke_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["revoked_at", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["person"], condition=Q(revoked_at__isnull=True),
                                               name="spokesperson_one_current_authorization")]

    def __str__(self) -> str:
        return f"{self.person} (spokesperson)"

    @property
    def department(self):
        return self.person.department


class ReviewOutcome(models.TextChoices):
    NO_CHANGE = "no_change", "Reviewed: no changes needed"
    CHANGES_NEEDED = "changes_needed", "Reviewed: changes needed"
    REVISED = "revised", "Reviewed and revised"


class PolicyReview(models.Model):
    """KY-13: one review of the policy in force, and when the next one is due."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="policy_reviews")
    pack_adoption = models.ForeignKey("policies.PackAdoption", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewers = models.CharField(max_length=300, blank=True, help_text="Who took part, e.g. the organizations.")
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices)
    notes = models.TextField(blank=True)
    next_due = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"Policy review of {self.reviewed_on:%Y-%m-%d}"
