"""The lifecycle of an account in the registry of approved sites/services, as a table.

Pure Python: no ORM. Services ask ``can_transition`` before they change an account's status,
and the table is tested for every pair of states."""

from __future__ import annotations

from django.db import models


class AccountStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    ACTIVATED = "activated", "Active"
    SUSPENDED = "suspended", "Suspended"
    DECOMMISSIONING = "decommissioning", "Decommissioning"
    DECOMMISSIONED = "decommissioned", "Decommissioned"


S = AccountStatus

# NJ-05..NJ-07 and NJ-19, in order. A request can be withdrawn to draft until it is decided; a
# rejected one goes back to draft so the requester can answer the reason and submit again; a
# decommissioned account is final (its records stay).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.UNDER_REVIEW, S.DRAFT}),
    S.UNDER_REVIEW: frozenset({S.APPROVED, S.REJECTED, S.DRAFT}),
    S.APPROVED: frozenset({S.ACTIVATED}),
    S.REJECTED: frozenset({S.DRAFT}),
    S.ACTIVATED: frozenset({S.SUSPENDED, S.DECOMMISSIONING}),
    S.SUSPENDED: frozenset({S.ACTIVATED, S.DECOMMISSIONING}),
    S.DECOMMISSIONING: frozenset({S.DECOMMISSIONED}),
    S.DECOMMISSIONED: frozenset(),
}

# Statuses in which the account is (or was) a live official presence the public may check.
REGISTERED = frozenset({S.ACTIVATED, S.SUSPENDED, S.DECOMMISSIONING, S.DECOMMISSIONED})
# Statuses of a request still on its way to a decision.
OPEN_REQUEST = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW})


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


class ReviewStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled"


class StepStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for an earlier step"
    IN_PROGRESS = "in_progress", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SKIPPED = "skipped", "Not needed"
    CANCELLED = "cancelled", "Cancelled"


# --- NJ-19: decommissioning, a separate table ------------------------------------------------

class DecommissionStage(models.TextChoices):
    """The steps of NJ-19 (Flow E), in the order they must happen."""

    DIRECTION = "direction", "Direction"
    COPY_CONTENT = "copy_content", "Final capture"
    DEACTIVATION = "deactivation", "Deactivation"
    CONTENT_REMOVAL = "content_removal", "Content deleted or flagged"
    CREDENTIALS_REPORT = "credentials_report", "Credentials reported"
    REGISTRY_UPDATE = "registry_update", "Registry updated"


D = DecommissionStage
DECOMMISSION_ORDER: tuple[str, ...] = (D.DIRECTION, D.COPY_CONTENT, D.DEACTIVATION, D.CONTENT_REMOVAL,
                                       D.CREDENTIALS_REPORT, D.REGISTRY_UPDATE)
# The last step done -> the one step that may be done next. Nothing is deleted before everything is
# archived: deactivation and content removal wait for the final capture.
DECOMMISSION_NEXT: dict[str | None, str | None] = {
    None: D.DIRECTION,
    D.DIRECTION: D.COPY_CONTENT,
    D.COPY_CONTENT: D.DEACTIVATION,
    D.DEACTIVATION: D.CONTENT_REMOVAL,
    D.CONTENT_REMOVAL: D.CREDENTIALS_REPORT,
    D.CREDENTIALS_REPORT: D.REGISTRY_UPDATE,
    D.REGISTRY_UPDATE: None,
}


def decommission_may_follow(last_done: str | None, step: str) -> bool:
    """May ``step`` be done when ``last_done`` is the last step done (None: nothing yet)?"""
    return DECOMMISSION_NEXT.get(last_done) == step
