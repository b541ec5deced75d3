"""Test data for the vault: a live account of the test agency, its custodians and secrets."""

from __future__ import annotations

from django.utils import timezone

from socialgov.accounts.models import Account
from socialgov.accounts.vault import services
from socialgov.accounts.vault.models import Custodian, Secret, SecretKind
from socialgov.accounts.workflows import AccountStatus
from socialgov.core.testing import World

PASSWORD = "orchid lantern gravel mosaic"          # accepted by every check
NEW_PASSWORD = "velvet harbor quietly juggles plums"
CODES = "4f1c-9a2e\n77b0-c3d1\n0e9d-5b6a"
TOKEN = "tok_live_9Xv2qLr7sWm3Kd8pZ"
CUSTODIANS = ("account_administrator", "pio")


def make_account(world: World, name: str = "County News on Mastodon", *, department: str = "communications",
                 status: str = AccountStatus.ACTIVATED, **fields) -> Account:
    account = Account.objects.filter(agency=world.agency, name=name).first()
    if account is None:
        account = Account.objects.create(
            agency=world.agency, department=world.dept(department), name=name, platform="mastodon",
            status=status, handle="@countynews@mastodon.social", url="https://mastodon.social/@countynews",
            activated_at=timezone.now(), **fields)
    return account


def add_custodians(account: Account, world: World, *personas: str) -> list[Custodian]:
    held = set(Custodian.objects.current().filter(account=account).values_list("person_id", flat=True))
    return [services.custodian_add(actor=None, account=account, person=world.person(p))
            for p in personas if world.person(p).pk not in held]


def vault_account(world: World) -> Account:
    """The test account held by the account administrator and the PIO, with a password set."""
    account = make_account(world)
    add_custodians(account, world, *CUSTODIANS)
    password(account, world)
    return account


def password(account: Account, world: World) -> Secret:
    existing = Secret.objects.filter(account=account, kind=SecretKind.PASSWORD, label="Main sign-in").first()
    if existing:
        return existing
    services.secret_create(actor=world.user("account_administrator"), account=account, kind=SecretKind.PASSWORD,
                           label="Main sign-in", value=PASSWORD)
    return Secret.objects.get(account=account, kind=SecretKind.PASSWORD, label="Main sign-in")
