"""Reads for the credential vault: who may see which accounts, custodians, rotation due.

Nothing here decrypts a value except ``keys_check``, which only reports whether each one opens.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from socialgov.accounts import policy
from socialgov.accounts.models import Account
from socialgov.accounts.platforms import PLATFORMS
from socialgov.accounts.selectors import pack_of
from socialgov.accounts.vault.keyring import UnreadableSecret, keyring
from socialgov.accounts.vault.models import Custodian, Reveal, Secret, SecretKind, SecretVersion
from socialgov.accounts.vault.passwords import NIST_FLOOR, Context
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Department, Designation, Person
from socialgov.agencies.roles import DesignationKind, Role
from socialgov.agencies.selectors import person_of, roles_of, users_with_role

S = AccountStatus
# Accounts that exist on their platform, so their credentials must be held and kept fresh.
LIVE = (S.APPROVED, S.ACTIVATED, S.SUSPENDED, S.DECOMMISSIONING)
# Rotated on a schedule (KY-03); recovery codes are replaced when used up or seen by a leaver.
SCHEDULED_KINDS = (SecretKind.PASSWORD, SecretKind.API_TOKEN)
OVERSEER_ROLES = (Role.AGENCY_ADMIN, Role.CIO, Role.CISO, Role.AUDITOR)
# NJ-13 when the pack in force is silent: the framework's own recipients.
DEFAULT_CHANGE_REPORT_ROLES = [Role.WEB_CONTENT_TEAM, Role.CIO]


# --- who may see what -------------------------------------------------------------------------

def is_custodian(user, account: Account) -> bool:
    person = person_of(user)
    return person is not None and Custodian.objects.effective().filter(account=account, person=person).exists()


def vault_accounts_visible_to(user) -> QuerySet[Account]:
    """Accounts whose vault page the user may open: those they hold the credentials of, those
    their department's access party is them for (LAC-04), and all of them for overseers."""
    person = person_of(user)
    if person is None:
        return Account.objects.none()
    accounts = Account.objects.filter(agency_id=person.agency_id).select_related("agency", "department")
    departments = _departments_overseen(user, person.agency_id)
    custodian_of = Custodian.objects.effective().filter(person=person).values("account_id")
    return accounts.filter(Q(department_id__in=departments) | Q(pk__in=custodian_of))


def _departments_overseen(user, agency_id: int) -> list[int]:
    """Departments where the user is an overseer or the access party, walking the tree in memory."""
    parents = dict(Department.objects.filter(agency_id=agency_id).values_list("pk", "parent_id"))
    approvers = dict(Designation.objects.current().filter(
        department__agency_id=agency_id, kind=DesignationKind.ACCESS_APPROVER).values_list(
        "department_id", "person__user_id"))
    held = roles_of(user, agency_id)
    return [dept for dept in parents if _oversees(user.pk, dept, parents, approvers, held)]


def _oversees(user_id: int, dept: int, parents: dict, approvers: dict, held: dict) -> bool:
    chain = _chain(dept, parents)
    if any(held.get(role, set()) & {None, *chain} for role in OVERSEER_ROLES):
        return True
    # Mirrors accounts.selectors.is_access_party: the nearest designated access approver, else CIO/DISO.
    nearest = next((d for d in chain if d in approvers), None)
    if nearest is not None:
        return approvers[nearest] == user_id
    return any(held.get(role, set()) & {None, *chain} for role in (Role.CIO, Role.DISO))


def _chain(dept: int | None, parents: dict) -> list[int]:
    chain = []
    while dept is not None and dept not in chain:
        chain.append(dept)
        dept = parents.get(dept)
    return chain


def secrets_visible_to(user) -> QuerySet[Secret]:
    """Secrets (metadata only) of the accounts whose vault the user may see."""
    return (Secret.objects.filter(account__in=vault_accounts_visible_to(user))
            .select_related("account", "current", "current__set_by"))


# --- one account ------------------------------------------------------------------------------

def secrets_of(account: Account) -> QuerySet[Secret]:
    return account.secrets.select_related("current", "current__set_by__person").order_by("kind", "label")


def versions_of(account: Account) -> dict[int, list[SecretVersion]]:
    """Every version of every secret of the account, newest first (metadata: never a value)."""
    grouped: dict[int, list[SecretVersion]] = defaultdict(list)
    rows = SecretVersion.objects.filter(secret__account=account).select_related("set_by__person").defer("ciphertext")
    for version in rows.order_by("secret_id", "-number"):
        grouped[version.secret_id].append(version)
    return grouped


def custodians_of(account: Account) -> QuerySet[Custodian]:
    return account.custodians.current().select_related("person", "person__user", "added_by")


def custodian_users(account: Account, *, exclude=None) -> list:
    """The sign-ins of the account's effective custodians (for notices), without ``exclude``."""
    rows = Custodian.objects.effective().filter(account=account).select_related("person__user")
    return [c.person.user for c in rows if exclude is None or c.person.user_id != exclude.pk]


def custodian_candidates(account: Account) -> QuerySet[Person]:
    """People who may become custodians: active in the agency, with a working sign-in, not one already."""
    current = custodians_of(account).values("person_id")
    return (Person.objects.filter(agency_id=account.agency_id, active=True, user__is_active=True)
            .exclude(pk__in=current).order_by("full_name"))


def effective_custodian_count(account: Account) -> int:
    return Custodian.objects.effective().filter(account=account).count()


@dataclass(frozen=True)
class CustodianGap:
    account: Account
    count: int


def custodian_gaps(accounts: QuerySet[Account]) -> list[CustodianGap]:
    """KY-02: live accounts whose credentials fewer than two people of the agency can reach."""
    effective = Q(custodians__removed_at__isnull=True, custodians__person__active=True,
                  custodians__person__user__is_active=True)
    rows = (accounts.filter(status__in=LIVE).annotate(held_by=Count("custodians", filter=effective))
            .filter(held_by__lt=2).select_related("agency", "department"))
    return [CustodianGap(account, account.held_by) for account in rows]


# --- what the policy says ---------------------------------------------------------------------

def _pack_value(agency, key: str) -> int | None:
    value = ((pack_of(agency) or {}).get("credentials") or {}).get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def password_min_length(agency) -> int:
    """KY-03: the pack's ``credentials.password_min_length`` if it says, else the setting (15)."""
    value = _pack_value(agency, "password_min_length") or settings.VAULT_PASSWORD_MIN_LENGTH
    return max(value, NIST_FLOOR)


def rotation_days(agency) -> int:
    """KY-03: the pack's ``credentials.rotate_every_days`` if it says, else the setting (365)."""
    return _pack_value(agency, "rotate_every_days") or settings.VAULT_ROTATION_DAYS


def platform_name(account: Account) -> str:
    platform = PLATFORMS.get(account.platform)
    return platform.name if platform else account.platform


def password_context(account: Account) -> Context:
    """The words an attacker would try first for this account (NIST SP 800-63B's context-specific words)."""
    platform = PLATFORMS.get(account.platform)
    return Context.of([
        (account.agency.name, "the agency's name"), (account.agency.short_name, "the agency's short name"),
        (account.agency.slug, "the agency's web address"), (account.department.name, "the department's name"),
        (account.platform, "the platform"), (platform.name if platform else "", "the platform"),
        (account.handle, "the account's handle"), (account.name, "the account's name"),
        ("socialgov", "this system's name"),
    ])


def change_report_recipients(account: Account) -> list:
    """NJ-13: who is told of every change of login credentials (the pack's ``credentials_changed``)."""
    roles = policy.notified_roles(pack_of(account.agency), "credentials_changed") or DEFAULT_CHANGE_REPORT_ROLES
    users = get_user_model().objects.none()
    for role in roles:
        users |= users_with_role(account.agency, role, account.department)
    return list(users.distinct())


# --- rotation ---------------------------------------------------------------------------------

@dataclass
class RotationItem:
    """A secret whose current value should change: its schedule ran out, or someone who could
    see it has left the agency (KY-02/KY-03)."""

    secret: Secret
    due_at: datetime | None
    overdue: bool
    people_left: list[Person] = field(default_factory=list)

    @property
    def account(self) -> Account:
        return self.secret.account


def due_at(secret: Secret, days: int) -> datetime | None:
    if secret.kind not in SCHEDULED_KINDS or secret.current is None:
        return None
    return secret.current.set_at + timedelta(days=days)


def rotation_items(accounts: QuerySet[Account], *, now: datetime | None = None) -> list[RotationItem]:
    """Every secret of these live accounts that is overdue or was seen by someone who has left."""
    now = now or timezone.now()
    secrets = list(Secret.objects.filter(account__in=accounts.filter(status__in=LIVE), current__isnull=False)
                   .select_related("current", "account", "account__agency").order_by("account__name", "kind", "label"))
    exposures = _leaver_exposures(secrets, now)
    days_by_agency: dict[int, int] = {}
    items = []
    for secret in secrets:
        if secret.account.agency_id not in days_by_agency:
            days_by_agency[secret.account.agency_id] = rotation_days(secret.account.agency)
        days = days_by_agency[secret.account.agency_id]
        due = due_at(secret, days)
        item = RotationItem(secret, due, due is not None and due <= now, exposures.get(secret.pk, []))
        if item.overdue or item.people_left:
            items.append(item)
    return items


def _leaver_exposures(secrets: list[Secret], now: datetime) -> dict[int, list[Person]]:
    """secret id -> people who have left and could see its current value while they were here:
    they set it, revealed it, or were its custodian at some time after it was set."""
    account_ids = {s.account_id for s in secrets}
    held = defaultdict(list)
    for row in Custodian.objects.filter(account_id__in=account_ids, person__active=False).select_related("person"):
        held[row.account_id].append(row)
    revealed = defaultdict(set)
    for row in Reveal.objects.filter(version_id__in=[s.current_id for s in secrets], person__active=False):
        revealed[row.version_id].add(row.person_id)
    leavers = {p.pk: p for p in Person.objects.filter(
        Q(pk__in=[pid for ids in revealed.values() for pid in ids])
        | Q(user_id__in=[s.current.set_by_id for s in secrets if s.current.set_by_id]), active=False)}
    result: dict[int, list[Person]] = {}
    for secret in secrets:
        people = {c.person.pk: c.person for c in held[secret.account_id] if _saw(c, secret.current, now)}
        people |= {pid: leavers[pid] for pid in revealed[secret.current_id] if pid in leavers}
        people |= {p.pk: p for p in leavers.values() if p.user_id and p.user_id == secret.current.set_by_id}
        if people:
            result[secret.pk] = sorted(people.values(), key=lambda p: p.full_name)
    return result


def _saw(custodian: Custodian, version: SecretVersion, now: datetime) -> bool:
    """Was the custodian one while this version was current and they were still here?"""
    left = custodian.person.left_at or now
    until = min(custodian.removed_at or now, left)
    return custodian.added_at < until and version.set_at < until


# --- keys -------------------------------------------------------------------------------------

@dataclass
class KeyCheck:
    """What ``socialgov vault check`` found: which key opens each version, and which open with none."""

    by_key: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.unreadable


def keys_check() -> KeyCheck:
    """Open every stored version with the configured keys; name the key each uses and every
    version that does not open (tampered, moved, or under a key no longer configured)."""
    ring, report = keyring(), KeyCheck()
    rows = SecretVersion.objects.select_related("secret").order_by("pk")
    for version in rows.iterator(chunk_size=500):
        report.checked += 1
        where = f"secret #{version.secret_id} version {version.number} (#{version.pk})"
        try:
            ring.decrypt(version.ciphertext, context=str(version.context))
        except UnreadableSecret as exc:
            report.unreadable.append(f"{where}: UNREADABLE: {exc}")
            continue
        ident = ring.key_id_of(version.ciphertext)
        report.by_key[ident] = report.by_key.get(ident, 0) + 1
        label = "newest" if ident == ring.primary_id else f"older key #{ring.key_ids.index(ident) + 1}"
        report.lines.append(f"{where}: key {ident} ({label})")
    return report
