"""NJ-07 and after: the liaison activates an approved account (KY-01 official branding, LCCS-05
branding checklist, KY-04 terms of service, NJ-10/LCCS-10 texts); suspension; later changes of
terms (each opening a review task) and of the texts (each a new version, every version kept)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from socialgov.accounts import platforms, policy, selectors
from socialgov.accounts.models import Account, AccountText, AccountTextKind, TermsOfService, TermsReview
from socialgov.accounts.services._common import audit, lock, move, role_holders, tell, tell_policy
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Person
from socialgov.core.permissions import require
from socialgov.policies.selectors import pack_in_force

S = AccountStatus
TERMS_REVIEW_DAYS = 30
ACTIVATION_FIELDS = ("platform_category", "handle", "url", "lookup_key", "official_branded", "branding_logo",
                     "branding_look_and_feel")


def account_activate(*, actor, account: Account, url: str, handle: str = "", platform_category: str = "",
                     official_branded: bool = False, branding_logo: bool = False,
                     branding_look_and_feel: bool = False, terms_url: str = "", terms_version: str = "",
                     terms_reviewed_on: date | None = None, moderation_statement: str = "",
                     comment_notice: str = "") -> Account:
    """NJ-07: activate an approved account and confirm it to the people the policy names."""
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.activate", account)
        move(account, S.ACTIVATED)
        pack = selectors.pack_of(account.agency)
        identity, errors = _identity(account, url, handle)
        errors |= _activation_errors(pack, platform_category, official_branded, branding_logo,
                                     branding_look_and_feel, moderation_statement, comment_notice)
        errors |= _terms_errors(terms_url, terms_version, terms_reviewed_on, prefix="terms_")
        if errors:
            raise ValidationError(errors)
        _set_activated(account, actor, identity, platform_category, official_branded, branding_logo,
                       branding_look_and_feel)
        TermsOfService.objects.create(account=account, url=terms_url.strip(), version=terms_version.strip(),
                                      reviewed_on=terms_reviewed_on, recorded_by=actor)
        _add_text(account, actor, AccountTextKind.MODERATION_STATEMENT, moderation_statement, pack)
        if comment_notice.strip():
            _add_text(account, actor, AccountTextKind.COMMENT_NOTICE, comment_notice, pack)
        audit("accounts.account.activate", actor=actor, account=account, before={"status": S.APPROVED},
              after={"status": S.ACTIVATED, **{f: getattr(account, f) for f in ACTIVATION_FIELDS},
                     "terms_version": terms_version.strip()})
        tell_policy(account, event="account_activated", subject=f"Activated: {account.name}",
                    body=f"{account.name} is active at {account.url} and is in the registry of approved "
                         f"social media sites/services.")
    return account


def _identity(account: Account, url: str, handle: str) -> tuple[platforms.Identity | None, dict[str, str]]:
    """The account at ``url`` on the request's platform, or what is wrong with the URL and handle."""
    platform = platforms.get(account.platform)
    try:
        identity = platform.identify(url)
    except platforms.NotRecognised as exc:
        return None, {"url": str(exc)}
    if handle.strip() and platform.from_handle is not None:
        try:
            named = platform.identify(handle)
        except platforms.NotRecognised as exc:
            return None, {"handle": str(exc)}
        if named.lookup_key != identity.lookup_key:
            return None, {"handle": f"The handle {handle.strip()} is not the account at {identity.url}."}
    taken = Account.objects.filter(lookup_key=identity.lookup_key, status__in=selectors.OFFICIAL).exclude(
        pk=account.pk).select_related("agency").first()
    if taken is not None:
        return None, {"url": f"{identity.url} is already registered as “{taken.name}” of {taken.agency.name}."}
    return identity, {}


def _activation_errors(pack, category, official, logo, look, statement, notice) -> dict[str, str]:
    errors: dict[str, str] = {}
    if category not in policy.categories(pack):
        errors["platform_category"] = "Choose the platform's technology category."
    if not official:
        errors["official_branded"] = ("Confirm this is an official, agency-branded account: personal accounts are "
                                      "never registered as official.")
    if not logo:
        errors["branding_logo"] = "Verify the account uses the agency's logo before activating it."
    if not look:
        errors["branding_look_and_feel"] = "Verify the account has the agency's consistent look and feel."
    if not statement.strip():
        errors["moderation_statement"] = "Record the moderation statement posted where the public can comment."
    if policy.text(pack, "comment_notice") and not notice.strip():
        errors["comment_notice"] = "Record the notice posted before every comments section."
    return errors


def _terms_errors(url: str, version: str, reviewed_on, prefix: str = "") -> dict[str, str]:
    errors: dict[str, str] = {}
    try:
        URLValidator(schemes=["http", "https"])((url or "").strip())
    except ValidationError:
        errors[f"{prefix}url"] = "Enter the address of the platform's terms of service, starting https://."
    if not (version or "").strip():
        errors[f"{prefix}version"] = "Enter the version or date the platform gives its terms of service."
    if reviewed_on is None:
        errors[f"{prefix}reviewed_on"] = "Enter the date the terms of service were reviewed."
    elif reviewed_on > timezone.localdate():
        errors[f"{prefix}reviewed_on"] = "The review date cannot be in the future."
    return errors


def _set_activated(account, actor, identity, category, official, logo, look) -> None:
    now = timezone.now()
    account.url, account.handle, account.lookup_key = identity.url, identity.handle, identity.lookup_key
    account.platform_category, account.official_branded = category, official
    account.branding_logo, account.branding_look_and_feel = logo, look
    account.branding_verified_by = account.activated_by = actor
    account.branding_verified_at = account.activated_at = now
    account.save()


def _add_text(account: Account, actor, kind: str, text: str, pack) -> AccountText:
    last = account.texts.filter(kind=kind).order_by("-version").first()
    text = text.strip().replace("\r\n", "\n")
    if last is not None and last.text == text:
        raise ValidationError({"text": "This is the text already in force; change it before saving."})
    adoption = pack_in_force(account.agency)
    source = policy.pack_label(adoption) if text == policy.text(pack, kind).strip() else ""
    return AccountText.objects.create(account=account, kind=kind, version=(last.version + 1) if last else 1,
                                      text=text, source=source, created_by=actor)


def account_text_update(*, actor, account: Account, kind: str, text: str) -> AccountText:
    """NJ-10 / LCCS-10: a new version of the moderation statement or comment notice; older ones are kept."""
    if kind not in AccountTextKind.values:
        raise ValidationError({"kind": "Choose the moderation statement or the comment notice."})
    if not (text or "").strip():
        raise ValidationError({"text": "The text cannot be empty."})
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.edit_texts", account)
        if account.status not in selectors.OFFICIAL:
            raise ValidationError("Texts are recorded when the account is activated.")
        version = _add_text(account, actor, kind, text, selectors.pack_of(account.agency))
        audit("accounts.text.update", actor=actor, account=account, target=version,
              after={"kind": kind, "version": version.version, "text": version.text})
    return version


def terms_record(*, actor, account: Account, url: str, version: str, reviewed_on: date | None,
                 note: str = "") -> TermsOfService:
    """KY-04: record a change of the platform's terms; it opens a review task for the person
    who has the final say on the account's use."""
    errors = _terms_errors(url, version, reviewed_on)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.record_terms", account)
        if account.status not in selectors.OFFICIAL:
            raise ValidationError("Terms of service are recorded for accounts in the registry.")
        current = selectors.current_terms(account)
        if current is not None and current.version == version.strip():
            raise ValidationError({"version": f"Version {current.version} is already recorded."})
        terms = TermsOfService.objects.create(account=account, url=url.strip(), version=version.strip(),
                                              reviewed_on=reviewed_on, note=note.strip(), recorded_by=actor)
        review = _open_terms_review(account, terms)
        audit("accounts.terms.record", actor=actor, account=account, target=terms,
              before={"version": current.version if current else None},
              after={"version": terms.version, "url": terms.url, "review_role": review.assigned_role,
                     "review_due_on": review.due_on})
    return terms


def _open_terms_review(account: Account, terms: TermsOfService) -> TermsReview:
    role = policy.terms_review_role(selectors.pack_of(account.agency))
    holders = role_holders(account, [role])
    person = Person.objects.filter(user__in=holders).order_by("full_name").first()
    review = TermsReview.objects.create(terms=terms, account=account, assigned_role=role, assigned_to=person,
                                        due_on=timezone.localdate() + timedelta(days=TERMS_REVIEW_DAYS))
    tell(account, event="accounts.terms.review", recipients=holders,
         subject=f"Terms of service changed: review {account.name}",
         body=f"{platforms.get(account.platform).name} changed its terms of service (version {terms.version}). "
              f"Review them by {review.due_on:%Y-%m-%d}.")
    return review


def terms_review_complete(*, actor, review: TermsReview, outcome: str) -> TermsReview:
    if not (outcome or "").strip():
        raise ValidationError({"outcome": "Say what the review found: can the account keep using the platform?"})
    with transaction.atomic():
        review = TermsReview.objects.select_for_update(of=("self",)).select_related(
            "account", "account__agency").get(pk=review.pk)
        require(actor, "accounts.review_terms", review)
        if review.completed_at is not None:
            raise ValidationError("This review is already done.")
        review.completed_at, review.completed_by, review.outcome = timezone.now(), actor, outcome.strip()
        review.save(update_fields=["completed_at", "completed_by", "outcome"])
        audit("accounts.terms.review_complete", actor=actor, account=review.account, target=review,
              after={"outcome": review.outcome})
    return review


def account_suspend(*, actor, account: Account, reason: str) -> Account:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the account is suspended."})
    return _set_suspension(actor, account, S.SUSPENDED, reason.strip())


def account_reinstate(*, actor, account: Account) -> Account:
    return _set_suspension(actor, account, S.ACTIVATED, "")


def _set_suspension(actor, account: Account, target: str, reason: str) -> Account:
    with transaction.atomic():
        account = lock(account)
        require(actor, "accounts.suspend", account)
        before = account.status
        move(account, target)
        account.suspended_at = timezone.now() if target == S.SUSPENDED else None
        account.save(update_fields=["status", "suspended_at"])
        action = "suspend" if target == S.SUSPENDED else "reinstate"
        audit(f"accounts.account.{action}", actor=actor, account=account, before={"status": before},
              after={"status": target, "reason": reason})
        admins = [d.person.user for d in selectors.current_administrators(account) if d.person.user_id]
        tell(account, event=f"accounts.account.{action}", recipients=admins,
             subject=f"{account.name} {'suspended' if reason else 'reinstated'}", body=reason)
    return account
