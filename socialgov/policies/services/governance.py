"""Authorized spokespersons (DCFS-04) and policy reviews (KY-13)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from socialgov.agencies.models import Agency, Person
from socialgov.agencies.selectors import users_with_role
from socialgov.core.audit import audit_record, snapshot
from socialgov.core.permissions import require
from socialgov.core.services import notify
from socialgov.policies import parameters
from socialgov.policies.models import PolicyReview, Spokesperson
from socialgov.policies.selectors.governance import add_months
from socialgov.policies.selectors.packs import pack_data, pack_in_force

REVIEW_FIELDS = ("reviewed_on", "reviewers", "outcome", "notes", "next_due", "pack_adoption_id")


def spokesperson_authorize(*, actor, person: Person, scope: str) -> Spokesperson:
    """DCFS-04: give ``person`` explicit permission to speak for the agency."""
    require(actor, "policies.authorize_spokesperson", person)
    if not scope.strip():
        raise ValidationError({"scope": "Say what they may speak about, and where."})
    if not person.active:
        raise ValidationError({"person": f"{person} is no longer active."})
    with transaction.atomic():
        Person.objects.select_for_update().get(pk=person.pk)
        if Spokesperson.objects.filter(person=person, revoked_at__isnull=True).exists():
            raise ValidationError({"person": f"{person} is already an authorized spokesperson; revoke that "
                                             "authorization first to change it."})
        grant = Spokesperson.objects.create(agency_id=person.agency_id, person=person, scope=scope.strip(),
                                            authorized_by=actor)
        audit_record(action="policies.spokesperson.authorize", actor=actor, target=grant,
                     agency_id=person.agency_id, after={"person_id": person.pk, "scope": grant.scope})
        if person.user_id:
            notify(recipients=[person.user], event="policies.spokesperson.authorize", agency_id=person.agency_id,
                   subject="You are authorized to speak for the agency", body=grant.scope,
                   url=f"/agencies/{person.agency.slug}/conduct/spokespersons/")
    return grant


def spokesperson_revoke(*, actor, spokesperson: Spokesperson, reason: str) -> Spokesperson:
    require(actor, "policies.authorize_spokesperson", spokesperson)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the authorization is revoked."})
    with transaction.atomic():
        locked = Spokesperson.objects.select_for_update(of=("self",)).select_related("person__user", "agency").get(
            pk=spokesperson.pk)
        if locked.revoked_at is not None:
            raise ValidationError("This authorization has already been revoked.")
        locked.revoked_at, locked.revoked_by, locked.revoke_reason = timezone.now(), actor, reason.strip()
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(action="policies.spokesperson.revoke", actor=actor, target=locked, agency_id=locked.agency_id,
                     before={"revoked_at": None},
                     after={"revoked_at": locked.revoked_at, "reason": locked.revoke_reason})
        if locked.person.user_id:
            notify(recipients=[locked.person.user], event="policies.spokesperson.revoke", agency_id=locked.agency_id,
                   subject="Your authorization to speak for the agency was revoked", body=locked.revoke_reason,
                   url=f"/agencies/{locked.agency.slug}/conduct/spokespersons/")
    return locked


def policy_review_record(*, actor, agency: Agency, reviewed_on: date, outcome: str, notes: str = "",
                         reviewers: str = "", next_due: date | None = None) -> PolicyReview:
    """KY-13: record a review of the policy in force; the next one is due within the pack's cadence."""
    require(actor, "policies.record_review", agency)
    rule = parameters.review_rule(pack_data(agency))
    next_due = _next_due(rule, reviewed_on, next_due)
    with transaction.atomic():
        Agency.objects.select_for_update().get(pk=agency.pk)
        review = PolicyReview(agency=agency, pack_adoption=pack_in_force(agency), reviewed_on=reviewed_on,
                              reviewed_by=actor, reviewers=reviewers.strip(), outcome=outcome, notes=notes.strip(),
                              next_due=next_due)
        review.full_clean(exclude=["reviewed_by"])
        review.save()
        audit_record(action="policies.review.record", actor=actor, target=review, agency_id=agency.pk,
                     after=snapshot(review, REVIEW_FIELDS))
        recipients = [u for role in parameters.review_roles(pack_data(agency)) for u in users_with_role(agency, role)]
        notify(recipients=[u for u in recipients if u != actor], event="policies.review.record", agency_id=agency.pk,
               subject=f"Policy review recorded ({review.get_outcome_display()})",
               body=f"Next review due by {next_due:%Y-%m-%d}." if next_due else "",
               url=f"/agencies/{agency.slug}/policy/reviews/")
    return review


def _next_due(rule: dict | None, reviewed_on: date, next_due: date | None) -> date | None:
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": "A review cannot be recorded before it happens."})
    latest = add_months(reviewed_on, rule["every_months"]) if rule else None
    if next_due is None:
        return latest
    if next_due <= reviewed_on:
        raise ValidationError({"next_due": "The next review must come after this one."})
    if latest is not None and next_due > latest:
        raise ValidationError({"next_due": f"The policy is reviewed at least every {rule['every_months']} months: "
                                           f"the next review is due by {latest:%Y-%m-%d} at the latest."})
    return next_due
