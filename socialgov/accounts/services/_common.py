"""Helpers every account service shares: lock, move through the lifecycle table, tell the people
the policy names."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.urls import reverse

from socialgov.accounts import policy, selectors
from socialgov.accounts.models import Account
from socialgov.accounts.workflows import AccountStatus, can_transition
from socialgov.agencies.selectors import users_with_role
from socialgov.core.audit import audit_record
from socialgov.core.services import notify

STATUS_FIELDS = ("status", "submitted_at", "decided_at", "activated_at", "suspended_at", "decommissioned_at")


def lock(account: Account) -> Account:
    # Lock the account row only, not the agency and department it is read with.
    return Account.objects.select_for_update(of=("self",)).select_related("agency", "department").get(pk=account.pk)


def move(account: Account, target: str) -> None:
    """Change the status if the lifecycle table allows it; otherwise say what the account is now."""
    if not can_transition(account.status, target):
        raise ValidationError(
            f"This account is {account.get_status_display().lower()}: it cannot become "
            f"{AccountStatus(target).label.lower()} from here.")
    account.status = target


def account_url(account: Account) -> str:
    return reverse("accounts-detail", args=[account.agency.slug, account.pk])


def role_holders(account: Account, roles: Iterable[str]) -> list:
    return [user for role in roles for user in users_with_role(account.agency, role, account.department)]


def tell(account: Account, *, event: str, recipients: Iterable, subject: str, body: str = "") -> None:
    notify(recipients=list(recipients), event=event, subject=subject, body=body, url=account_url(account),
           agency_id=account.agency_id)


def tell_policy(account: Account, *, event: str, subject: str, body: str = "", also: Iterable = ()) -> None:
    """Notify the roles the pack's ``notifications.<event>`` names, plus ``also`` (e.g. the requester)."""
    roles = policy.notified_roles(selectors.pack_of(account.agency), event)
    tell(account, event=f"accounts.{event}", recipients=[*role_holders(account, roles), *also],
         subject=subject, body=body)


def audit(action: str, *, actor, account: Account, before: dict | None = None, after: dict | None = None,
          target=None) -> None:
    audit_record(action=action, actor=actor, target=target or account, agency_id=account.agency_id,
                 before=before, after=after)
