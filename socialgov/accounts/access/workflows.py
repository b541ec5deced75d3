"""The lifecycle of an employee's professional-use access to social media (LAC-07, DCFS-07).
Pure Python: the states and the allowed transitions, tested for every pair."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class AccessState(models.TextChoices):
    REQUESTED = "requested", "Waiting for approval"
    GRANTED = "granted", "Granted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REVOKED = "revoked", "Revoked"


ACCESS_TRANSITIONS: dict[str, frozenset[str]] = {
    AccessState.REQUESTED: frozenset({AccessState.GRANTED, AccessState.DECLINED, AccessState.WITHDRAWN}),
    AccessState.GRANTED: frozenset({AccessState.REVOKED}),
    AccessState.DECLINED: frozenset(),
    AccessState.WITHDRAWN: frozenset(),
    AccessState.REVOKED: frozenset(),
}


def can_transition(source: str, target: str) -> bool:
    return target in ACCESS_TRANSITIONS.get(source, frozenset())


def check_transition(source: str, target: str) -> None:
    if not can_transition(source, target):
        raise ValidationError(f"This cannot be done now: the request is “{AccessState(source).label}”, and "
                              f"cannot become “{AccessState(target).label}”.")
