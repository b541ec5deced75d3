"""NJ-09: the agency head designates each account's administrators, stating their responsibilities;
an administrator has no rights on the account until acknowledging the designation; adding or
removing one repeats the notice."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from socialgov.accounts import policy, selectors
from socialgov.accounts.models import Account, AdministratorDesignation
from socialgov.accounts.services._common import audit, lock, tell, tell_policy
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Person
from socialgov.core.permissions import require

S = AccountStatus
DESIGNABLE = (S.APPROVED, S.ACTIVATED, S.SUSPENDED)


def administrator_designate(*, actor, account: Account, person: Person) -> AdministratorDesignation:
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.designate_administrator", account)
        if account.status not in DESIGNABLE:
            raise ValidationError("Administrators are designated for approved or active accounts.")
        if person.agency_id != account.agency_id or not person.active:
            raise ValidationError({"person": "Designate an active person of this agency."})
        if selectors.current_administrators(account).filter(person=person).exists():
            raise ValidationError({"person": f"{person} is already an administrator of this account."})
        designation = AdministratorDesignation.objects.create(
            account=account, person=person, designated_by=actor,
            responsibilities=policy.responsibilities(selectors.pack_of(account.agency)))
        audit("accounts.administrator.designate", actor=actor, account=account, target=designation,
              after={"person_id": person.pk, "person": person.full_name})
        _repeat_notice(account, "administrator_designated", f"{person.full_name} designated as administrator of "
                       f"{account.name}", also=[person.user] if person.user_id else [])
    return designation


def _repeat_notice(account: Account, event: str, subject: str, also=()) -> None:
    """The designation notice, repeated to the policy's people whenever the administrators change."""
    current = selectors.current_administrators(account)
    names = ", ".join(f"{d.person.full_name}{'' if d.acknowledged_at else ' (not yet acknowledged)'}"
                      for d in current) or "none"
    duties = "\n".join(f"- {item}" for item in policy.responsibilities(selectors.pack_of(account.agency)))
    tell_policy(account, event=event, subject=subject, also=also,
                body=f"Administrators of {account.name} now: {names}.\n\nAn administrator's responsibilities:\n"
                     f"{duties}")


def administrator_acknowledge(*, actor, designation: AdministratorDesignation) -> AdministratorDesignation:
    with transaction.atomic():
        designation = AdministratorDesignation.objects.select_for_update(of=("self",)).select_related(
            "account", "account__agency", "person").get(pk=designation.pk)
        require(actor, "accounts.acknowledge_designation", designation)
        if designation.removed_at is not None:
            raise ValidationError("This designation has ended.")
        if designation.acknowledged_at is not None:
            raise ValidationError("You have already acknowledged this designation.")
        designation.acknowledged_at = timezone.now()
        designation.save(update_fields=["acknowledged_at"])
        audit("accounts.administrator.acknowledge", actor=actor, account=designation.account, target=designation,
              after={"person_id": designation.person_id, "responsibilities": designation.responsibilities})
        if designation.designated_by_id:
            tell(designation.account, event="accounts.administrator.acknowledged",
                 recipients=[designation.designated_by],
                 subject=f"{designation.person.full_name} acknowledged the designation for "
                         f"{designation.account.name}")
    return designation


def administrator_remove(*, actor, designation: AdministratorDesignation, reason: str) -> AdministratorDesignation:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the administrator is removed."})
    with transaction.atomic():
        account = lock(designation.account)
        require(actor, "accounts.designate_administrator", account)
        designation = AdministratorDesignation.objects.select_for_update(of=("self",)).select_related(
            "person").get(pk=designation.pk)
        if designation.removed_at is not None:
            raise ValidationError("This administrator has already been removed.")
        designation.removed_at, designation.removed_by = timezone.now(), actor
        designation.removal_reason = reason.strip()
        designation.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        audit("accounts.administrator.remove", actor=actor, account=account, target=designation,
              after={"person_id": designation.person_id, "reason": designation.removal_reason})
        person = designation.person
        _repeat_notice(account, "administrator_removed", f"{person.full_name} is no longer an administrator of "
                       f"{account.name}", also=[person.user] if person.user_id else [])
    return designation
