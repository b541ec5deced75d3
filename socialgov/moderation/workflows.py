"""The states of a moderation case and the decisions a moderator takes, as tables.

Pure Python: no ORM. Services ask :func:`allowed_decisions` before they record a decision."""

from __future__ import annotations

from django.db import models

from socialgov.classifiers.labels import LABELS, URGENT


class Severity(models.TextChoices):
    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    NORMAL = "normal", "Normal"
    LOW = "low", "Low"


# Queue order: urgent first.
SEVERITY_RANK = {Severity.URGENT: 0, Severity.HIGH: 1, Severity.NORMAL: 2, Severity.LOW: 3}

# Categories whose findings make a case high: threats, PII, confidential or case information, FTI.
HIGH_CATEGORIES = frozenset({"threat", "pii", "confidential_case_info", "federal_tax_info", "harmful_to_clients",
                             "harmful_to_staff"})
# Categories that on their own make a case low: a link or an off-topic remark.
LOW_CATEGORIES = frozenset({"off_topic", "spam_or_links"})


def severity_of(labels: list[str]) -> str:
    """urgent > high (threats, PII, confidential/case info, FTI) > normal > low."""
    if not labels:
        return Severity.LOW
    if any(label in LABELS and LABELS[label].severity == URGENT for label in labels):
        return Severity.URGENT
    categories = {LABELS[label].category if label in LABELS else label.partition(".")[0] for label in labels}
    if categories & HIGH_CATEGORIES:
        return Severity.HIGH
    if categories <= LOW_CATEGORIES:
        return Severity.LOW
    return Severity.NORMAL


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    PENDING_APPROVAL = "pending_approval", "Removal pending second approval"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    """Where the comment stands after the case's last decision."""

    NONE = "", "Not decided"
    KEPT = "kept", "Kept"
    HIDDEN = "hidden", "Hidden"
    REMOVED = "removed", "Removed"
    RESTORED = "restored", "Restored"


class DecisionKind(models.TextChoices):
    KEEP = "keep", "Keep"
    HIDE = "hide", "Hide (reversible)"
    REMOVE = "remove", "Remove"
    RESTORE = "restore", "Restore"
    ESCALATE = "escalate", "Escalate"
    NOTIFY = "notify", "Notify the author"
    APPROVE_REMOVAL = "approve_removal", "Approve the removal (second person)"
    DECLINE_REMOVAL = "decline_removal", "Decline the removal (second person)"
    REOPEN = "reopen", "Reopen the case"


class DecisionState(models.TextChoices):
    DONE = "done", "In effect"
    PENDING = "pending", "Pending second approval"
    DECLINED = "declined", "Declined by the second person"


D = DecisionKind
# What a moderator may decide, by case status and outcome. A removed comment is preserved and may be
# restored (the platform may allow re-posting it); a hidden one may be restored or removed.
_BY_OUTCOME: dict[str, frozenset[str]] = {
    Outcome.NONE: frozenset({D.KEEP, D.HIDE, D.REMOVE, D.ESCALATE, D.NOTIFY}),
    Outcome.KEPT: frozenset({D.KEEP, D.HIDE, D.REMOVE, D.ESCALATE, D.NOTIFY}),
    Outcome.RESTORED: frozenset({D.KEEP, D.HIDE, D.REMOVE, D.ESCALATE, D.NOTIFY}),
    Outcome.HIDDEN: frozenset({D.RESTORE, D.REMOVE, D.ESCALATE, D.NOTIFY}),
    Outcome.REMOVED: frozenset({D.RESTORE, D.ESCALATE, D.NOTIFY}),
}
# Decisions that end the case's open state (the comment's fate is decided).
CLOSING = frozenset({D.KEEP, D.HIDE, D.REMOVE, D.RESTORE})
# Decisions that change where the comment stands on the platform.
ACTING = frozenset({D.HIDE, D.REMOVE, D.RESTORE})
# The moderator's own decisions (the form's choices), in the order of the buttons.
MODERATOR_DECISIONS = (D.KEEP, D.HIDE, D.REMOVE, D.RESTORE, D.ESCALATE, D.NOTIFY)


# A closed case is decided: it takes no new decision except restoring a hidden or removed comment. Anything
# else (deciding again, escalating, notifying) needs the case reopened first, with a reason.
_ON_CLOSED: dict[str, frozenset[str]] = {Outcome.HIDDEN: frozenset({D.RESTORE}),
                                         Outcome.REMOVED: frozenset({D.RESTORE})}


def allowed_decisions(status: str, outcome: str) -> frozenset[str]:
    """The decisions a moderator may record (``REOPEN`` is its own action: :func:`may_reopen`)."""
    if status == CaseStatus.PENDING_APPROVAL:
        return frozenset({D.APPROVE_REMOVAL, D.DECLINE_REMOVAL, D.ESCALATE})
    if status == CaseStatus.CLOSED:
        return _ON_CLOSED.get(outcome, frozenset())
    return _BY_OUTCOME.get(outcome, frozenset())


def may_reopen(status: str) -> bool:
    return status == CaseStatus.CLOSED


OUTCOME_OF = {D.KEEP: Outcome.KEPT, D.HIDE: Outcome.HIDDEN, D.REMOVE: Outcome.REMOVED,
              D.RESTORE: Outcome.RESTORED}
