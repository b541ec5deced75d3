"""Write services for the credential vault.

Design principle: a credential's value passes through here and nowhere else, and never leaves
as anything but ciphertext, except once to the custodian who asked for it with a reason. It is
never logged, never put in an audit value, a notice, an exception message or a debug page
(``sensitive_variables`` hides every local of these functions and of what they call).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from socialgov.accounts.models import Account
from socialgov.accounts.vault import selectors
from socialgov.accounts.vault.keyring import UnreadableSecret, keyring
from socialgov.accounts.vault.models import Custodian, Reveal, Secret, SecretKind, SecretVersion
from socialgov.accounts.vault.passwords import check_password, length_of
from socialgov.accounts.vault.rules import require_vault
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Person
from socialgov.agencies.selectors import person_of
from socialgov.core.audit import audit_record
from socialgov.core.services import notify

MAX_VALUE = 10_000   # recovery codes and tokens; passwords have their own limit (passwords.MAX_LENGTH)


def vault_url(account: Account) -> str:
    return reverse("vault-account", args=[account.agency.slug, account.pk])


def _lock_account(account: Account) -> Account:
    return Account.objects.select_for_update().select_related("agency", "department").get(pk=account.pk)


def _actor_name(actor) -> str:
    if actor is None:
        return "socialgov (system)"
    person = person_of(actor)
    return person.full_name if person else actor.get_username()


# --- secrets ----------------------------------------------------------------------------------

@sensitive_variables()
def secret_create(*, actor, account: Account, kind: str, label: str, value: str, note: str = "") -> SecretVersion:
    """A new secret of the account, with its first value. Custodians only."""
    label = label.strip()
    with transaction.atomic():
        locked = _lock_account(account)
        require_vault(actor, "vault.set_secret", locked)
        _check_open(locked)
        if kind not in SecretKind.values:
            raise ValidationError({"kind": f"{kind!r} is not a kind of secret the vault keeps."})
        if not label:
            raise ValidationError({"label": "Name the secret (for example “Main sign-in” or “Scheduling tool "
                                            "token”)."})
        if Secret.objects.filter(account=locked, kind=kind, label__iexact=label).exists():
            raise ValidationError({"label": f"This account already has a {SecretKind(kind).label.lower()} named "
                                            f"“{label}”: change that one instead."})
        secret = Secret.objects.create(account=locked, kind=kind, label=label[:100])
        return _add_version(actor, secret, value, note)


@sensitive_variables()
def secret_change(*, actor, secret: Secret, value: str, note: str = "") -> SecretVersion:
    """A new value for a secret; the old one is kept for the record, never shown again (KY-03)."""
    with transaction.atomic():
        locked_account = _lock_account(secret.account)
        require_vault(actor, "vault.set_secret", locked_account)
        _check_open(locked_account)
        locked = Secret.objects.select_for_update(of=("self",)).select_related("current").get(pk=secret.pk)
        locked.account = locked_account
        return _add_version(actor, locked, value, note)


def _check_open(account: Account) -> None:
    if account.status == AccountStatus.DECOMMISSIONED:
        raise ValidationError("This account is decommissioned: its credentials are kept for the record and "
                              "cannot change.")


@sensitive_variables()
def _add_version(actor, secret: Secret, value: str, note: str) -> SecretVersion:
    _validate_value(secret, value)
    number = (secret.current.number if secret.current else 0) + 1
    version = SecretVersion(secret=secret, number=number, set_by=actor, note=note.strip()[:300])
    ring = keyring()
    version.ciphertext, version.key_id = ring.encrypt(value, context=str(version.context)), ring.primary_id
    version.save()
    secret.current = version
    secret.save(update_fields=["current"])
    audit_record(action="vault.secret.set", actor=actor, target=secret, agency_id=secret.account.agency_id,
                 before={"version": number - 1} if number > 1 else None,
                 after={"account_id": secret.account_id, "kind": secret.kind, "label": secret.label,
                        "version": number, "note": version.note})
    _report_change(actor, secret, version)
    return version


@sensitive_variables()
def _validate_value(secret: Secret, value: str) -> None:
    if secret.kind == SecretKind.PASSWORD:
        refusals = check_password(value, min_length=selectors.password_min_length(secret.account.agency),
                                  context=selectors.password_context(secret.account))
        if refusals:
            raise ValidationError({"value": [str(refusal) for refusal in refusals]})
    elif not value.strip():
        raise ValidationError({"value": f"Enter the {secret.kind_words}."})
    elif length_of(value) > MAX_VALUE:
        raise ValidationError({"value": f"Use at most {MAX_VALUE} characters."})
    if _used_before(secret, value):
        raise ValidationError({"value": "Reused: this is the value it has now or had before. A change must be a "
                                        "new value nobody has seen."})


@sensitive_variables()
def _used_before(secret: Secret, value: str) -> bool:
    """Compare with every earlier value (each opened in memory only); an unreadable one is skipped
    here and reported by ``vault check``."""
    ring = keyring()
    for version in SecretVersion.objects.filter(secret=secret).only("ciphertext", "context"):
        try:
            if ring.decrypt(version.ciphertext, context=str(version.context)) == value:
                return True
        except UnreadableSecret:
            continue
    return False


def _report_change(actor, secret: Secret, version: SecretVersion) -> None:
    """NJ-13: every change of login credentials is reported to the web/content team or CTO/CIO
    (the pack's ``credentials_changed``), and the other custodians are told. Never the value."""
    account = secret.account
    what = f"{secret.kind_words} “{secret.label}”"
    when = timezone.localtime(version.set_at).strftime("%Y-%m-%d %H:%M %Z")
    body = (f"{_actor_name(actor)} set version {version.number} of the {what} of {account} "
            f"({selectors.platform_name(account)}) on {when}."
            + (f" Note: {version.note}" if version.note else "")
            + " The value itself is only in the vault; custodians can reveal it there, with a reason.")
    recipients = [*selectors.change_report_recipients(account), *selectors.custodian_users(account, exclude=actor)]
    notify(recipients=[u for u in recipients if actor is None or u.pk != actor.pk], event="vault.secret.changed",
           subject=f"Credentials changed: {what} of {account}", body=body, url=vault_url(account),
           agency_id=account.agency_id)


@sensitive_variables()
def secret_reveal(*, actor, secret: Secret, reason: str) -> str:
    """The current value, for a custodian who says why; audited and told to the other custodians.
    A value that does not open is audited too, and raises UnreadableSecret naming the secret."""
    reason = reason.strip()
    if actor is None:
        raise PermissionDenied("Only a custodian, signed in, can see a credential: never the system itself.")
    with transaction.atomic():
        locked = (Secret.objects.select_for_update(of=("self",)).select_related("current", "account__agency")
                  .get(pk=secret.pk))
        require_vault(actor, "vault.reveal_secret", locked.account)
        if not reason:
            raise ValidationError({"reason": "Say why you need to see it (for example “posting the storm update "
                                             "from the field”)."})
        if locked.current is None:
            raise ValidationError("This secret has no value yet.")
        value = _open_or_record(actor, locked, reason)
        if value is not None:
            _record_reveal(actor, locked, reason)
    if value is None:
        raise UnreadableSecret(f"Secret #{locked.pk} ({locked}) could not be decrypted: its stored value fails its "
                               "integrity check. The custodians have been told; set a new value.")
    return value


@sensitive_variables()
def _open_or_record(actor, secret: Secret, reason: str) -> str | None:
    version = secret.current
    try:
        return keyring().decrypt(version.ciphertext, context=str(version.context))
    except UnreadableSecret as exc:
        audit_record(action="vault.secret.unreadable", actor=actor, target=secret, agency_id=secret.account.agency_id,
                     after={"version": version.number, "problem": str(exc), "reason": reason})
        notify(recipients=selectors.custodian_users(secret.account), event="vault.secret.unreadable",
               subject=f"Cannot decrypt the {secret.kind_words} “{secret.label}” of {secret.account}",
               body=f"Secret #{secret.pk}, version {version.number}: {exc}. Set a new value, and ask the system "
                    "administrator to run `socialgov vault check`.",
               url=vault_url(secret.account), agency_id=secret.account.agency_id)
        return None


def _record_reveal(actor, secret: Secret, reason: str) -> None:
    person = person_of(actor)
    Reveal.objects.create(version=secret.current, person=person, reason=reason[:500])
    audit_record(action="vault.secret.reveal", actor=actor, target=secret, agency_id=secret.account.agency_id,
                 after={"account_id": secret.account_id, "kind": secret.kind, "label": secret.label,
                        "version": secret.current.number, "reason": reason[:500]})
    notify(recipients=selectors.custodian_users(secret.account, exclude=actor), event="vault.secret.revealed",
           subject=f"{person.full_name} revealed the {secret.kind_words} “{secret.label}” of "
                   f"{secret.account}",
           body=f"Reason given: {reason[:500]}", url=vault_url(secret.account), agency_id=secret.account.agency_id)


# --- custodians -------------------------------------------------------------------------------

def custodian_add(*, actor, account: Account, person: Person) -> Custodian:
    """KY-02: one more person of the agency who holds the account's credentials."""
    with transaction.atomic():
        locked = _lock_account(account)
        require_vault(actor, "vault.manage_custodians", locked)
        _check_candidate(actor, locked, person)
        custodian = Custodian.objects.create(account=locked, person=person, added_by=actor)
        audit_record(action="vault.custodian.add", actor=actor, target=custodian, agency_id=locked.agency_id,
                     after={"account_id": locked.pk, "person_id": person.pk, "person": person.full_name})
        _tell_custodians(locked, actor, person, added=True)
    return custodian


def _check_candidate(actor, account: Account, person: Person) -> None:
    if person.agency_id != account.agency_id or not person.active:
        raise ValidationError({"person": "Choose an active person of this agency."})
    if person.user_id is None or not person.user.is_active:
        raise ValidationError({"person": f"{person} has no working sign-in, so could not reach the credentials."})
    # Separation of duties: nobody gives themselves the credentials.
    if actor is not None and person.user_id == actor.pk:
        raise ValidationError({"person": "You cannot make yourself a custodian: another access approver or an "
                                         "agency administrator must."})
    if Custodian.objects.current().filter(account=account, person=person).exists():
        raise ValidationError({"person": f"{person} already holds the credentials of this account."})


def custodian_remove(*, actor, custodian: Custodian, reason: str) -> Custodian:
    """End a custodianship (kept as history). The last one who can still act is not removed while
    the account has secrets: the credentials would be with nobody (KY-02)."""
    with transaction.atomic():
        locked_account = _lock_account(custodian.account)
        require_vault(actor, "vault.manage_custodians", locked_account)
        if not reason.strip():
            raise ValidationError({"reason": "Say why this person no longer holds the credentials."})
        locked = Custodian.objects.select_for_update(of=("self",)).select_related("person__user").get(pk=custodian.pk)
        if locked.removed_at is not None:
            raise ValidationError("This person is no longer a custodian.")
        _check_not_last(locked_account, locked)
        locked.removed_at, locked.removed_by, locked.removal_reason = timezone.now(), actor, reason.strip()[:500]
        locked.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        audit_record(action="vault.custodian.remove", actor=actor, target=locked, agency_id=locked_account.agency_id,
                     after={"account_id": locked_account.pk, "person_id": locked.person_id,
                            "person": locked.person.full_name, "reason": locked.removal_reason})
        _tell_custodians(locked_account, actor, locked.person, added=False)
    return locked


def _check_not_last(account: Account, custodian: Custodian) -> None:
    others = Custodian.objects.effective().filter(account=account).exclude(pk=custodian.pk)
    can_act = Custodian.objects.effective().filter(pk=custodian.pk).exists()
    if can_act and not others.exists() and account.secrets.exists():
        raise ValidationError(f"{custodian.person} is the only custodian who can still reach this account's "
                              "credentials. Add another custodian first.")


def _tell_custodians(account: Account, actor, person: Person, *, added: bool) -> None:
    count = selectors.effective_custodian_count(account)
    warning = "" if count >= 2 else (f" The account now has {count} custodian(s): KY-02 asks that credentials "
                                     "never stay with one person only. Add another.")
    verb = "now holds" if added else "no longer holds"
    recipients = [*selectors.custodian_users(account, exclude=actor), person.user]
    notify(recipients=[u for u in recipients if u is not None and (actor is None or u.pk != actor.pk)],
           event="vault.custodian.added" if added else "vault.custodian.removed",
           subject=f"{person.full_name} {verb} the credentials of {account}",
           body=f"Changed by {_actor_name(actor)}.{warning}", url=vault_url(account), agency_id=account.agency_id)


# --- keys -------------------------------------------------------------------------------------

def keys_rotate(*, actor=None, batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt every stored version (current and old) under the newest key, in batches, each its
    own transaction; idempotent. Audited with counts only. Returns the counts."""
    ring = keyring()
    counts = {"checked": 0, "rotated": 0, "already_newest": 0, "unreadable": 0}
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(SecretVersion.objects.select_for_update().filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            for version in batch:
                counts[_rotate_one(ring, version)] += 1
        if not batch:
            break
        counts["checked"] += len(batch)
        last_pk = batch[-1].pk
    audit_record(action="vault.keys.rotate", actor=actor, after=counts)
    return counts


def _rotate_one(ring, version: SecretVersion) -> str:
    ident = ring.key_id_of(version.ciphertext)
    if ident is None:
        return "unreadable"
    if ident == ring.primary_id and version.key_id == ident:
        return "already_newest"
    if ident != ring.primary_id:
        version.ciphertext = ring.rotate(version.ciphertext)
    version.key_id, version.reencrypted_at = ring.primary_id, timezone.now()
    version.save(update_fields=["ciphertext", "key_id", "reencrypted_at"])
    return "rotated"
