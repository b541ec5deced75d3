"""LAC-08: each account's compliance with the policy, against the pack's deadline.

New or expanded use complies at once; an account established before the policy (``existing_use``)
has until the pack's ``compliance.existing_use_deadline`` (at once when the pack sets none).
What "complies" means is the list of checks below, each tied to the requirement it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from socialgov.accounts import policy
from socialgov.accounts.models import Account, AccountTextKind
from socialgov.accounts.workflows import AccountStatus

S = AccountStatus
IN_USE = (S.ACTIVATED, S.SUSPENDED, S.DECOMMISSIONING)
APPROVED_OR_LATER = (S.APPROVED, *IN_USE)
ENDED = (S.DECOMMISSIONED, S.REJECTED)


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    requirement: str


@dataclass(frozen=True)
class Compliance:
    status: str                     # compliant | due | overdue | not_in_use
    checks: tuple[Check, ...]
    deadline: date | None           # when it must comply (None: not in use)

    @property
    def label(self) -> str:
        if self.status == "due":
            return f"Must comply by {self.deadline:%Y-%m-%d}"
        return {"compliant": "Compliant", "overdue": "Overdue", "not_in_use": "Not in use yet"}[self.status]

    @property
    def missing(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def _facts(account: Account) -> dict[str, bool]:
    """The annotations of selectors.with_compliance_facts, or the same facts by query."""
    if hasattr(account, "has_ack_admin"):
        return {k: getattr(account, k) for k in ("has_ack_admin", "has_terms", "has_statement", "has_notice")}
    return {
        "has_ack_admin": account.administrators.filter(removed_at__isnull=True, acknowledged_at__isnull=False).exists(),
        "has_terms": account.terms.exists(),
        "has_statement": account.texts.filter(kind=AccountTextKind.MODERATION_STATEMENT).exists(),
        "has_notice": account.texts.filter(kind=AccountTextKind.COMMENT_NOTICE).exists(),
    }


def checks(account: Account, pack: dict | None) -> tuple[Check, ...]:
    facts = _facts(account)
    found = [
        Check("Approved through the account request review", account.status in APPROVED_OR_LATER, "NJ-06"),
        Check("Confirmed as an official agency-branded account", account.official_branded, "KY-01"),
        Check("Branding checklist verified (logo, consistent look and feel)",
              account.branding_logo and account.branding_look_and_feel, "LCCS-05"),
        Check("Platform terms of service recorded", facts["has_terms"], "KY-04"),
        Check("Moderation statement recorded", facts["has_statement"], "NJ-10"),
        Check("At least one administrator who acknowledged the designation", facts["has_ack_admin"], "NJ-09"),
    ]
    if policy.text(pack, "comment_notice"):
        found.append(Check("Comment notice recorded", facts["has_notice"], "LCCS-10"))
    return tuple(found)


def in_use(account: Account) -> bool:
    return account.status in IN_USE or (account.existing_use and account.status not in ENDED)


def account_compliance(account: Account, pack: dict | None, today: date) -> Compliance:
    found = checks(account, pack)
    if not in_use(account):
        return Compliance("not_in_use", found, None)
    deadline = policy.existing_use_deadline(pack) if account.existing_use else None
    if deadline is None:
        # New use complies at once: from the day it went live, any gap is overdue.
        deadline = timezone.localdate(account.activated_at or account.created_at)
        late = True
    else:
        late = today > deadline
    if all(c.ok for c in found):
        return Compliance("compliant", found, deadline)
    return Compliance("overdue" if late else "due", found, deadline)
