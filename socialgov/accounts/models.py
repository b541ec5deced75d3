"""The registry of approved social media sites/services (NJ-08) and how an account gets there."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from socialgov.accounts import platforms
from socialgov.accounts.workflows import AccountStatus, DecommissionStage, ReviewStatus, StepStatus


class Account(models.Model):
    """One site/service: first a request (NJ-05), then, once approved and activated, a registry entry."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="accounts")
    department = models.ForeignKey("agencies.Department", on_delete=models.PROTECT, related_name="accounts")
    name = models.CharField(max_length=200)
    # A key of socialgov.accounts.platforms.PLATFORMS; platforms are a registry, not model constants.
    platform = models.CharField(max_length=40)
    status = models.CharField(max_length=30, choices=AccountStatus.choices, default=AccountStatus.DRAFT,
                              db_index=True)

    # NJ-05: what a request to establish a site/service records.
    platform_category = models.CharField(max_length=40, blank=True)  # NJ-02 key ("type of social media")
    purpose = models.TextField(blank=True)
    communication_types = models.JSONField(default=list, blank=True)
    justification = models.TextField(blank=True)
    terms_of_service_url = models.URLField(max_length=500, blank=True)
    proposed_administrators = models.ManyToManyField("agencies.Person", blank=True, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # LCCS-02: whether the agency had no account on this platform when the request was submitted.
    new_platform = models.BooleanField(default=False)
    rejection_reason = models.TextField(blank=True)
    # Answers to request fields a pack adds beyond NJ-05's (key -> text).
    extra = models.JSONField(default=dict, blank=True)

    # NJ-07 / KY-01: what activation establishes.
    handle = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    lookup_key = models.CharField(max_length=300, blank=True, db_index=True)
    official_branded = models.BooleanField(default=False)
    branding_logo = models.BooleanField(default=False)
    branding_look_and_feel = models.BooleanField(default=False)
    branding_verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    branding_verified_at = models.DateTimeField(null=True, blank=True)
    # LAC-08: established before the policy took effect, so it has until the pack's deadline to comply.
    existing_use = models.BooleanField(default=False)

    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    suspended_at = models.DateTimeField(null=True, blank=True)
    decommissioned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["platform", "lookup_key"])]

    def __str__(self) -> str:
        return self.name

    @property
    def platform_name(self) -> str:
        known = platforms.PLATFORMS.get(self.platform)
        return known.name if known else self.platform


class AccountReview(models.Model):
    """Wagtail's WorkflowState: one review of one request, its chain copied from the pack in force."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.IN_PROGRESS)
    pack_name = models.CharField(max_length=100, blank=True)
    pack_version = models.CharField(max_length=40, blank=True)
    pack_sha256 = models.CharField(max_length=64, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["account"], condition=Q(status=ReviewStatus.IN_PROGRESS),
                                    name="account_one_active_review"),
        ]

    def __str__(self) -> str:
        return f"Review of {self.account} ({self.get_status_display()})"


class AccountReviewStep(models.Model):
    """Wagtail's TaskState: one step of the chain and its decision."""

    review = models.ForeignKey(AccountReview, on_delete=models.PROTECT, related_name="steps")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    role = models.CharField(max_length=40, blank=True)
    designation = models.CharField(max_length=40, blank=True)
    designee = models.BooleanField(default=False)
    consults = models.JSONField(default=list, blank=True)
    purpose = models.TextField(blank=True)
    cite = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=StepStatus.choices, default=StepStatus.WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "position"], name="account_review_step_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class AdministratorDesignation(models.Model):
    """NJ-09: the agency head designates an administrator, who has no rights until acknowledging it."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="administrators")
    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="account_designations")
    responsibilities = models.JSONField(default=list)
    designated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    designated_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    removal_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["account", "designated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "person"], condition=Q(removed_at__isnull=True),
                                    name="account_one_current_designation_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} administers {self.account}"


class TermsOfService(models.Model):
    """KY-04: the platform terms an account is bound by; each recorded change is kept."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="terms")
    url = models.URLField(max_length=500)
    version = models.CharField(max_length=100)
    reviewed_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["account", "-recorded_at", "-pk"]
        get_latest_by = "recorded_at"

    def __str__(self) -> str:
        return f"{self.account} terms {self.version}"


class TermsReview(models.Model):
    """KY-04: a recorded change of terms opens a review task for the person who must look at it."""

    terms = models.OneToOneField(TermsOfService, on_delete=models.PROTECT, related_name="review")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="terms_reviews")
    assigned_role = models.CharField(max_length=40, default="agency_head")
    assigned_to = models.ForeignKey("agencies.Person", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    due_on = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Review of {self.terms}"


class AccountTextKind(models.TextChoices):
    COMMENT_NOTICE = "comment_notice", "Comment notice"
    MODERATION_STATEMENT = "moderation_statement", "Moderation statement"


class AccountText(models.Model):
    """LCCS-10 / NJ-10: the comment notice and moderation statement; every version is kept."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="texts")
    kind = models.CharField(max_length=30, choices=AccountTextKind.choices)
    version = models.PositiveIntegerField()
    text = models.TextField()
    source = models.CharField(max_length=200, blank=True)  # e.g. "pack lucas-county-cs 1.0.0" when copied
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["account", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["account", "kind", "version"], name="account_text_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version} for {self.account}"


class Decommission(models.Model):
    """NJ-19 (Flow E): the decommissioning of one account, directed by the agency head; its steps
    are copied from the pack in force when it is directed."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="decommissions")
    reason = models.TextField()
    pack_name = models.CharField(max_length=100, blank=True)
    pack_version = models.CharField(max_length=40, blank=True)
    directed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    directed_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-directed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["account"], name="account_one_decommission"),
        ]

    def __str__(self) -> str:
        return f"Decommissioning of {self.account}"

    @property
    def progress_view(self) -> dict:
        """What a page shows of the progress: each step's state, the current one and its number."""
        from socialgov.accounts.services.decommission import decommission_progress

        progress = decommission_progress(self)
        current = next((v for v in progress if v.state == "current"), None)
        return {"progress": progress, "current": current,
                "position": progress.index(current) + 1 if current else len(progress)}


class DecommissionStep(models.Model):
    """One step of NJ-19: who must do it (the pack's role), who did, when, their note and evidence."""

    decommission = models.ForeignKey(Decommission, on_delete=models.PROTECT, related_name="steps")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=30, choices=DecommissionStage.choices)
    role = models.CharField(max_length=40)
    purpose = models.TextField(blank=True)
    cite = models.CharField(max_length=300, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    # What the step established: the final capture's job, hashes and counts; the credential list.
    evidence = models.JSONField(default=dict, blank=True)
    import_job = models.ForeignKey("archive.ImportJob", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["decommission", "position"]
        constraints = [
            models.UniqueConstraint(fields=["decommission", "name"], name="decommission_step_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_name_display()} of {self.decommission.account}"
