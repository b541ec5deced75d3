"""Demo data: each live demo account gets two credential custodians (its administrator and the
PIO or web content team) and a generated password and recovery codes. Idempotent."""

from __future__ import annotations

import secrets
import string

from django.db import transaction

from socialgov.accounts.models import Account
from socialgov.accounts.vault import selectors, services
from socialgov.accounts.vault.models import Custodian, Secret, SecretKind
from socialgov.accounts.vault.passwords import check_password
from socialgov.agencies.models import Person
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import users_with_role

CUSTODIAN_ROLES = (Role.ACCOUNT_ADMINISTRATOR, Role.PIO, Role.WEB_CONTENT_TEAM)
ALPHABET = string.ascii_letters + string.digits + "-_.!@#%+="


def build(*, agency, pack, prefix: str) -> None:
    for account in Account.objects.filter(agency=agency, status__in=selectors.LIVE).select_related(
            "agency", "department"):
        with transaction.atomic():
            _custodians(account)
            _secrets(account)


def _custodians(account: Account) -> None:
    held = set(Custodian.objects.current().filter(account=account).values_list("person_id", flat=True))
    for person in _candidates(account):
        if len(held) >= 2:
            return
        if person.pk not in held:
            services.custodian_add(actor=None, account=account, person=person)
            held.add(person.pk)


def _candidates(account: Account) -> list[Person]:
    """The account's own administrators first, then the holders of the custodian roles."""
    administrators = [d.person for d in account.administrators.filter(removed_at__isnull=True).select_related("person")]
    by_role = [user.person for role in CUSTODIAN_ROLES
               for user in users_with_role(account.agency, role, account.department).select_related("person")]
    return [p for p in [*administrators, *by_role] if p.active and p.user_id]


def _secrets(account: Account) -> None:
    if not Secret.objects.filter(account=account, kind=SecretKind.PASSWORD).exists():
        services.secret_create(actor=None, account=account, kind=SecretKind.PASSWORD, label="Main sign-in",
                               value=strong_password(account), note="demo data")
    if not Secret.objects.filter(account=account, kind=SecretKind.RECOVERY_CODES).exists():
        services.secret_create(actor=None, account=account, kind=SecretKind.RECOVERY_CODES, label="Main sign-in",
                               value=recovery_codes(), note="demo data")


def strong_password(account: Account, length: int = 24) -> str:
    """Random characters until the vault's own checks accept them (a random run may look sequential)."""
    context = selectors.password_context(account)
    while True:
        candidate = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if not check_password(candidate, min_length=selectors.password_min_length(account.agency), context=context):
            return candidate


def recovery_codes(count: int = 10) -> str:
    return "\n".join(f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(count))
