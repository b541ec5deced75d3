"""The fixed lifecycles of the policies app: document versions, exception requests and violation
reports. Pure Python: a state and the table of allowed transitions; services consult it before
every change, and the tests try every pair."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class VersionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published (in force)"
    SUPERSEDED = "superseded", "Superseded"
    DISCARDED = "discarded", "Discarded draft"


VERSION_TRANSITIONS: dict[str, frozenset[str]] = {
    VersionState.DRAFT: frozenset({VersionState.PUBLISHED, VersionState.DISCARDED}),
    VersionState.PUBLISHED: frozenset({VersionState.SUPERSEDED}),
    VersionState.SUPERSEDED: frozenset(),
    VersionState.DISCARDED: frozenset(),
}


class ExceptionState(models.TextChoices):
    """LAC-09 / KY-11. ``in_review`` moves through the route's chain of steps (the CIO's review,
    then the chief executive's approval; or the CISO's case-by-case decision)."""

    IN_REVIEW = "in_review", "In review"
    RETURNED = "returned", "Returned to the requesting department"
    GRANTED = "granted", "Granted"
    DENIED = "denied", "Denied"
    WITHDRAWN = "withdrawn", "Withdrawn"


EXCEPTION_TRANSITIONS: dict[str, frozenset[str]] = {
    # in_review -> in_review is a step of the chain passing the request on to the next step.
    ExceptionState.IN_REVIEW: frozenset({ExceptionState.IN_REVIEW, ExceptionState.RETURNED, ExceptionState.GRANTED,
                                         ExceptionState.DENIED, ExceptionState.WITHDRAWN}),
    ExceptionState.RETURNED: frozenset({ExceptionState.IN_REVIEW, ExceptionState.WITHDRAWN}),
    ExceptionState.GRANTED: frozenset(),
    ExceptionState.DENIED: frozenset(),
    ExceptionState.WITHDRAWN: frozenset(),
}


class ReportState(models.TextChoices):
    """DCFS-09 / KY-10: a possible violation, tracked to its outcome."""

    RECEIVED = "received", "Received"
    UNDER_REVIEW = "under_review", "Under review"
    SUBSTANTIATED = "substantiated", "Violation found (non-compliance recorded)"
    UNSUBSTANTIATED = "unsubstantiated", "Closed: no violation found"
    CLOSED = "closed", "Closed: disciplinary outcome recorded"


REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportState.RECEIVED: frozenset({ReportState.UNDER_REVIEW}),
    ReportState.UNDER_REVIEW: frozenset({ReportState.SUBSTANTIATED, ReportState.UNSUBSTANTIATED}),
    ReportState.SUBSTANTIATED: frozenset({ReportState.CLOSED}),
    ReportState.UNSUBSTANTIATED: frozenset(),
    ReportState.CLOSED: frozenset(),
}

OPEN_REPORT_STATES = (ReportState.RECEIVED, ReportState.UNDER_REVIEW, ReportState.SUBSTANTIATED)


def can_transition(table: dict[str, frozenset[str]], source: str, target: str) -> bool:
    return target in table.get(source, frozenset())


def check_transition(table: dict[str, frozenset[str]], choices: type[models.TextChoices], source: str,
                     target: str) -> None:
    """Refuse a transition the lifecycle does not allow, naming both states in words."""
    if not can_transition(table, source, target):
        raise ValidationError(
            f"This cannot be done now: it would move from “{choices(source).label}” to “{choices(target).label}”.")
