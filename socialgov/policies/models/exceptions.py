"""Exception requests (LAC-09, KY-11): what is asked, the chain it goes through, the notes of
the conferral, every transition, and the register of exemptions granted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from socialgov.policies.workflows import ExceptionState


class ExceptionRequest(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="exception_requests")
    department = models.ForeignKey("agencies.Department", on_delete=models.PROTECT, related_name="+",
                                   help_text="The requesting department.")
    route = models.CharField(max_length=60)
    # The route as the pack in force said when the request was made: a later pack cannot change
    # the chain of a request already under way.
    route_data = models.JSONField()
    title = models.CharField(max_length=200)
    scope = models.TextField()
    justification = models.TextField()
    impacts = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    costs = models.TextField(blank=True)
    timeframes = models.TextField(blank=True)
    expires_on = models.DateField()
    state = models.CharField(max_length=12, choices=ExceptionState.choices, default=ExceptionState.IN_REVIEW)
    step = models.PositiveSmallIntegerField(default=0)  # index into route_data["chain"]
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    # KY-11: COT may pass any costs resulting from the exemption to the agency.
    costs_passed_to_agency = models.BooleanField(null=True, blank=True)
    cost_note = models.CharField(max_length=500, blank=True)
    # LAC-09: the CIO notifies the chief executive of every exemption granted.
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    notice_sent_to = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["agency", "state", "expires_on"])]

    def __str__(self) -> str:
        return f"Exception request #{self.pk}: {self.title}"

    @property
    def chain(self) -> list[dict]:
        return list(self.route_data.get("chain", []))

    @property
    def current_step(self) -> dict | None:
        chain = self.chain
        return chain[self.step] if self.state == ExceptionState.IN_REVIEW and self.step < len(chain) else None

    @property
    def expired(self) -> bool:
        return self.state == ExceptionState.GRANTED and self.expires_on < timezone.localdate()

    @property
    def is_last_step(self) -> bool:
        return self.step >= len(self.chain) - 1


class ExceptionTransition(models.Model):
    """One move of a request through its lifecycle: who, which step, from and to, and why."""

    request = models.ForeignKey(ExceptionRequest, on_delete=models.PROTECT, related_name="transitions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    step_name = models.CharField(max_length=60, blank=True)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, choices=ExceptionState.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} -> {self.to_state}"


class ExceptionNote(models.Model):
    """The reviewer confers with the requesting department (LAC-09): a thread of notes."""

    request = models.ForeignKey(ExceptionRequest, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note on exception request #{self.request_id}"
