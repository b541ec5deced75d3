"""LCCS-07 / NJ-11: monitoring checks, coverage and missed checks; LCCS-06: advertising incidents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from socialgov.monitoring.workflows import CheckHow, CoverageKind, FollowUpAction, IncidentStatus


class MonitoringCheck(models.Model):
    """Someone looked at an account's page and its comments (LCCS-07 "view agency pages"; NJ-11)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="monitoring_checks")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    checked_at = models.DateTimeField(default=timezone.now, db_index=True)
    how = models.CharField(max_length=20, choices=CheckHow.choices, default=CheckHow.QUEUE)
    note = models.CharField(max_length=500, blank=True)
    # In what capacity the person checked, at that time: "responsible", "designee", "interim" or "other".
    capacity = models.CharField(max_length=20, default="other")
    coverage = models.ForeignKey("Coverage", null=True, blank=True, on_delete=models.PROTECT, related_name="checks")

    class Meta:
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["account", "checked_at"])]

    def __str__(self) -> str:
        return f"{self.account} checked at {self.checked_at:%Y-%m-%d %H:%M}"

    @property
    def was_responsible(self) -> bool:
        """Was the person the responsible or covering person when they checked?"""
        return self.capacity in ("responsible", "designee", "interim")


class Coverage(models.Model):
    """LCCS-07: a designee for leave or vacation, or an interim monitor the agency head appoints."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="monitoring_coverages")
    # None: every account of the agency.
    account = models.ForeignKey("accounts.Account", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="monitoring_coverages")
    kind = models.CharField(max_length=20, choices=CoverageKind.choices)
    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="monitoring_coverages")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=500)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="monitoring_coverage_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person} ({self.starts_on} to {self.ends_on})"


class MissedCheck(models.Model):
    """A day (or a weekend period) that ended without the checks the schedule asks for; alerted once."""

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="missed_checks")
    day = models.DateField()  # the day, or the last day of a periodic run (e.g. the Sunday)
    period_start = models.DateField()
    expected = models.PositiveSmallIntegerField()
    found = models.PositiveSmallIntegerField()
    recorded_at = models.DateTimeField(default=timezone.now)
    alerted_at = models.DateTimeField(null=True, blank=True)
    alerted = models.JSONField(default=list, blank=True)  # [{"user_id":…, "name":…, "as":…}]

    class Meta:
        ordering = ["-day", "account"]
        constraints = [models.UniqueConstraint(fields=["account", "day"], name="monitoring_missed_once_per_day")]

    def __str__(self) -> str:
        return f"{self.account}: {self.found} of {self.expected} checks on {self.day}"


def incident_upload_to(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"monitoring/ads/{instance.account.agency_id}/{timezone.now():%Y%m%d%H%M%S%f}.{ext}"


class AdvertisingIncident(models.Model):
    """LCCS-06: an inappropriate advertisement seen next to agency content, and the follow-up."""

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT, related_name="advertising_incidents")
    seen_at = models.DateTimeField()
    where = models.CharField(max_length=500, help_text="The address of the page, or where on it.")
    ad_description = models.TextField()
    screenshot = models.FileField(upload_to=incident_upload_to, blank=True, max_length=300)
    screenshot_type = models.CharField(max_length=40, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.OPEN,
                              db_index=True)
    provider_reported_at = models.DateTimeField(null=True, blank=True)
    provider_report_how = models.CharField(max_length=200, blank=True)
    provider_reference = models.CharField(max_length=200, blank=True)
    provider_response = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-seen_at", "-pk"]

    def __str__(self) -> str:
        return f"Advertisement on {self.account} seen {self.seen_at:%Y-%m-%d}"


class IncidentFollowUp(models.Model):
    """One entry of an incident's follow-up log."""

    incident = models.ForeignKey(AdvertisingIncident, on_delete=models.PROTECT, related_name="follow_ups")
    action = models.CharField(max_length=20)  # reported / response / resolved / closed / note
    status_after = models.CharField(max_length=20, choices=IncidentStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")
    text = models.TextField(blank=True)
    how = models.CharField(max_length=200, blank=True)
    reference = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} ({self.at:%Y-%m-%d})"

    @property
    def action_label(self) -> str:
        return dict(FollowUpAction.choices).get(self.action, "Incident recorded" if self.action == "recorded"
                                                else self.action)
