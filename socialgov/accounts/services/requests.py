"""NJ-05: requests to establish a site/service — draft, submit (complete or refused field by field),
withdraw, revise after a rejection."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from socialgov.accounts import platforms, policy, selectors
from socialgov.accounts.models import Account
from socialgov.accounts.services._common import audit, lock, move, tell, tell_policy
from socialgov.accounts.services.review import cancel_review, start_review
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Agency, Department, Person
from socialgov.core.audit import snapshot
from socialgov.core.permissions import require

S = AccountStatus
FIELDS = ("name", "department_id", "platform", "platform_category", "purpose", "communication_types",
          "justification", "terms_of_service_url", "existing_use", "extra")
# Where each NJ-05 key is answered on the form (and where its error is shown).
FORM_FIELD = {"platform_type": "platform_category"}
COMMUNICATION_KEYS = {key for key, _ in policy.COMMUNICATION_TYPES}


def account_request_create(*, actor, agency: Agency, department: Department, name: str, platform: str,
                           **answers) -> Account:
    """Start a draft request; it may be incomplete until it is submitted."""
    require(actor, "accounts.request", agency)
    with transaction.atomic():
        account = Account(agency=agency, requested_by=actor)
        administrators = _apply(account, department=department, name=name, platform=platform, **answers)
        account.save()
        account.proposed_administrators.set(administrators)
        audit("accounts.request.create", actor=actor, account=account, after=_snapshot(account))
    return account


def account_request_update(*, actor, account: Account, department: Department, name: str, platform: str,
                           **answers) -> Account:
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.edit_request", account)
        if account.status != S.DRAFT:
            raise ValidationError("Only a draft request can be changed. Withdraw it first to change it.")
        before = _snapshot(account)
        administrators = _apply(account, department=department, name=name, platform=platform, **answers)
        account.save()
        account.proposed_administrators.set(administrators)
        audit("accounts.request.update", actor=actor, account=account, before=before, after=_snapshot(account))
    return account


def _apply(account: Account, *, department: Department, name: str, platform: str, platform_category: str = "",
           purpose: str = "", communication_types=(), justification: str = "", terms_of_service_url: str = "",
           proposed_administrators=(), existing_use: bool = False, extra: dict | None = None) -> list[Person]:
    """Check the answers' shape (not yet completeness) and set them on the account."""
    pack = selectors.pack_of(account.agency)
    errors = _shape_errors(account.agency, pack, department, name, platform, platform_category,
                           communication_types, terms_of_service_url, proposed_administrators)
    if errors:
        raise ValidationError(errors)
    account.department, account.name, account.platform = department, name.strip(), platform
    account.platform_category = platform_category or platforms.get(platform).category
    account.purpose, account.justification = purpose.strip(), justification.strip()
    chosen = set(communication_types or ())
    account.communication_types = [key for key, _ in policy.COMMUNICATION_TYPES if key in chosen]
    account.terms_of_service_url, account.existing_use = terms_of_service_url.strip(), bool(existing_use)
    known = {f["key"] for f in policy.request_fields(pack)} - policy.KNOWN_FIELDS
    account.extra = {k: str(v).strip() for k, v in (extra or {}).items() if k in known}
    return list(proposed_administrators)


def _shape_errors(agency, pack, department, name, platform, category, communication_types, tos_url,
                  administrators) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = "Give the site/service a name, for example “Youth Services on Instagram”."
    if department is None or department.agency_id != agency.pk:
        errors["department"] = "Choose the department of this agency that sponsors the site/service."
    if platform not in platforms.PLATFORMS:
        errors["platform"] = f"{platform!r} is not a platform socialgov knows; choose “Other” and say which."
    if category and category not in policy.categories(pack):
        errors["platform_category"] = f"{category!r} is not one of the policy's types of social media."
    if set(communication_types or ()) - COMMUNICATION_KEYS:
        errors["communication_types"] = "Choose the types of communications from the list."
    if tos_url:
        try:
            URLValidator(schemes=["http", "https"])(tos_url.strip())
        except ValidationError:
            errors["terms_of_service_url"] = "Enter the full address of the terms of service, starting https://."
    if any(p.agency_id != agency.pk or not p.active for p in administrators or ()):
        errors["proposed_administrators"] = "Propose only active people of this agency."
    return errors


def _snapshot(account: Account) -> dict:
    data = snapshot(account, FIELDS)
    if account.pk:
        data["proposed_administrator_ids"] = sorted(account.proposed_administrators.values_list("pk", flat=True))
    return data


def account_request_submit(*, actor, account: Account) -> Account:
    """NJ-05: a complete request is sent to the people the policy names and its review starts;
    an incomplete one is refused, naming each missing field."""
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.edit_request", account)
        if account.status != S.DRAFT:
            raise ValidationError("This request has already been submitted.")
        _check_complete(account, selectors.pack_of(account.agency))
        account.new_platform = _platform_is_new(account)
        move(account, S.SUBMITTED)
        account.submitted_at = timezone.now()
        account.save()
        audit("accounts.request.submit", actor=actor, account=account, before={"status": S.DRAFT},
              after={"status": S.SUBMITTED, "new_platform": account.new_platform})
        tell_policy(account, event="account_requested",
                    subject=f"Request to establish a site/service: {account.name}", body=_summary(account))
        start_review(actor=actor, account=account)
    return account


def missing_fields(account: Account, pack: dict | None) -> dict[str, str]:
    """Each required request field the account does not answer, with what to do about it."""
    errors: dict[str, str] = {}
    for spec in policy.request_fields(pack):
        if spec.get("required"):
            errors |= _missing(account, spec)
    return errors


def _check_complete(account: Account, pack: dict | None) -> None:
    errors = missing_fields(account, pack)
    if errors:
        raise ValidationError(errors)


def _missing(account: Account, spec: dict) -> dict[str, str]:
    key, label = spec["key"], spec.get("label", spec["key"])
    if key == "agency":
        return {}
    if key == "purpose":
        errors = {} if account.purpose else {"purpose": f"{label}: say what the site/service is for."}
        if not account.communication_types:
            errors["communication_types"] = "Choose at least one type of communications the site/service will carry."
        return errors
    answered = {
        "platform_type": account.platform_category,
        "justification": account.justification,
        "terms_of_service_url": account.terms_of_service_url,
        "proposed_administrators": account.pk and account.proposed_administrators.exists(),
    }.get(key, account.extra.get(key))
    if answered:
        return {}
    hints = {
        "platform_type": "choose the type of social media this site/service is.",
        "justification": "explain why the agency needs it and how it serves the mission.",
        "terms_of_service_url": "give the address of the platform's terms of service.",
        "proposed_administrators": "propose at least one administrator.",
    }
    return {FORM_FIELD.get(key, key if key in policy.KNOWN_FIELDS else f"extra_{key}"):
            f"{label}: {hints.get(key, 'this is required.')}"}


def _platform_is_new(account: Account) -> bool:
    """LCCS-02: a platform is new to the agency when none of its accounts there was approved or is in use."""
    if account.platform == "other":
        return True
    used = (S.APPROVED, S.ACTIVATED, S.SUSPENDED, S.DECOMMISSIONING)
    return not Account.objects.filter(agency=account.agency, platform=account.platform, status__in=used).exclude(
        pk=account.pk).exists()


def _summary(account: Account) -> str:
    return (f"{account.department.name} requests “{account.name}” on {platforms.get(account.platform).name}.\n"
            f"Purpose: {account.purpose}\nJustification: {account.justification}")


def account_request_withdraw(*, actor, account: Account) -> Account:
    """The requester takes a submitted request back to draft; its review is cancelled."""
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.edit_request", account)
        before = account.status
        if before not in (S.SUBMITTED, S.UNDER_REVIEW):
            raise ValidationError("Only a request waiting for review can be withdrawn.")
        reviewers = cancel_review(account)
        move(account, S.DRAFT)
        account.submitted_at = None
        account.save()
        audit("accounts.request.withdraw", actor=actor, account=account, before={"status": before},
              after={"status": S.DRAFT})
        tell(account, event="accounts.request.withdrawn", recipients=reviewers,
             subject=f"Request withdrawn: {account.name}", body="You no longer need to review it.")
    return account


def account_request_reopen(*, actor, account: Account) -> Account:
    """After a rejection the requester may revise the request and submit it again."""
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.edit_request", account)
        move(account, S.DRAFT)
        account.submitted_at = account.decided_at = None
        account.save()
        audit("accounts.request.reopen", actor=actor, account=account, before={"status": S.REJECTED},
              after={"status": S.DRAFT})
    return account
