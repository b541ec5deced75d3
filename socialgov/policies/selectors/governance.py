"""Authorized spokespersons (DCFS-04) and the review status of the policy (KY-13)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from socialgov.agencies.models import Agency, Person
from socialgov.agencies.selectors import agencies_visible_to, has_role, person_of, users_with_role
from socialgov.policies import parameters
from socialgov.policies.models import PolicyReview, Spokesperson
from socialgov.policies.selectors.packs import pack_data

DUE_SOON_DAYS = 60


def spokespersons_visible_to(user) -> QuerySet[Spokesperson]:
    return Spokesperson.objects.filter(agency__in=agencies_visible_to(user)).select_related(
        "person__department", "authorized_by__person", "revoked_by__person")


def spokespersons_current(agency: Agency) -> QuerySet[Spokesperson]:
    return Spokesperson.objects.filter(agency=agency, revoked_at__isnull=True).select_related(
        "person__department", "authorized_by__person")


def spokespersons_by_role(agency: Agency) -> list[tuple[str, list[Person]]]:
    """LCCS-01: the roles the policy itself lets speak for the agency, with who holds them now."""
    pack = pack_data(agency)
    return [(parameters.role_label(pack, role),
             list(Person.objects.filter(user__in=users_with_role(agency, role)).order_by("full_name")))
            for role in parameters.spokesperson_roles(pack)]


def is_authorized_spokesperson(person: Person) -> bool:
    """DCFS-04: may this person speak for the agency? (explicitly authorized, or by role)."""
    if Spokesperson.objects.filter(person=person, revoked_at__isnull=True).exists():
        return True
    return any(person in holders for _, holders in spokespersons_by_role(person.agency))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReviewStatus:
    rule: dict[str, Any] | None
    last_review: PolicyReview | None
    last_reviewed: date | None
    next_due: date | None

    @property
    def overdue(self) -> bool:
        return self.next_due is not None and timezone.localdate() > self.next_due

    @property
    def due_soon(self) -> bool:
        return (self.next_due is not None and not self.overdue
                and self.next_due <= timezone.localdate() + timedelta(days=DUE_SOON_DAYS))

    @property
    def every_months(self) -> int | None:
        return (self.rule or {}).get("every_months")


def policy_reviews(agency: Agency) -> QuerySet[PolicyReview]:
    return PolicyReview.objects.filter(agency=agency).select_related("reviewed_by__person", "pack_adoption")


def policy_reviews_visible_to(user) -> QuerySet[PolicyReview]:
    return PolicyReview.objects.filter(agency__in=agencies_visible_to(user))


def review_status(agency: Agency) -> ReviewStatus:
    """KY-13: when the policy was last reviewed (a recorded review, else the pack's last_reviewed)
    and when the next review is due at the latest."""
    rule = parameters.review_rule(pack_data(agency))
    last = policy_reviews(agency).first()
    if last is not None:
        return ReviewStatus(rule, last, last.reviewed_on, last.next_due)
    last_reviewed = date.fromisoformat(rule["last_reviewed"]) if rule and rule.get("last_reviewed") else None
    next_due = add_months(last_reviewed, rule["every_months"]) if last_reviewed and rule else None
    return ReviewStatus(rule, None, last_reviewed, next_due)


def review_due_for(user) -> list[ReviewStatus]:
    """The dashboard's item for those who must act: the review, when overdue or due soon."""
    person = person_of(user)
    if person is None or not user.has_perm("policies.record_review", person.agency):
        return []
    status = review_status(person.agency)
    return [status] if status.overdue or status.due_soon else []


def may_record_review(user, agency: Agency) -> bool:
    return has_role(user, agency, *parameters.review_roles(pack_data(agency)))
