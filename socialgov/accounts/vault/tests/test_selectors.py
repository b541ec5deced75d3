"""Rotation due (KY-03 schedules) and credentials seen by people who left (KY-02), computed on
read; who sees which vault."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from socialgov.accounts.models import Account
from socialgov.accounts.selectors import is_access_party
from socialgov.accounts.vault import selectors, services
from socialgov.accounts.vault.models import Custodian, SecretKind
from socialgov.accounts.vault.panels import _rotation_for
from socialgov.accounts.vault.tests.factories import CODES, NEW_PASSWORD, add_custodians
from socialgov.agencies.services import person_deactivate
from socialgov.core.testing import PERSONA_KEYS

DAY = timedelta(days=1)


def _items(account):
    return {(item.secret.kind, item.overdue, tuple(p.full_name for p in item.people_left))
            for item in selectors.rotation_items(Account.objects.filter(pk=account.pk))}


def _leave(world, persona):
    person_deactivate(actor=None, person=world.person(persona), reason="left the agency")


@pytest.mark.requirement("KY-03")
def test_a_password_is_due_for_change_after_the_scheduled_days(world, account):
    services.secret_create(actor=world.user("pio"), account=account, kind=SecretKind.RECOVERY_CODES, label="Main",
                           value=CODES)
    set_at = account.secrets.get(kind=SecretKind.PASSWORD).current.set_at
    assert selectors.due_at(account.secrets.get(kind=SecretKind.PASSWORD), 365) == set_at + 365 * DAY
    with time_machine.travel(set_at + 364 * DAY):
        assert _items(account) == set()
    with time_machine.travel(set_at + 366 * DAY):
        assert _items(account) == {("password", True, ())}, "recovery codes have no schedule"


@pytest.mark.requirement("KY-03")
def test_changing_the_password_clears_the_overdue_rotation(world, account):
    set_at = account.secrets.get(kind=SecretKind.PASSWORD).current.set_at
    with time_machine.travel(set_at + 400 * DAY):
        services.secret_change(actor=world.user("pio"), secret=account.secrets.get(kind=SecretKind.PASSWORD),
                               value=NEW_PASSWORD, note="scheduled change")
        assert _items(account) == set()


@pytest.mark.requirement("KY-03")
def test_overdue_rotations_are_on_the_custodians_dashboard(world, account):
    set_at = account.secrets.get(kind=SecretKind.PASSWORD).current.set_at
    with time_machine.travel(set_at + 366 * DAY):
        assert [item.secret.label for item in _rotation_for(world.user("pio"))] == ["Main sign-in"]
        assert _rotation_for(world.user("web_content_team")) == []


@pytest.mark.requirement("KY-02")
def test_when_a_custodian_leaves_every_secret_of_the_account_is_listed_until_changed(world, account):
    services.secret_create(actor=world.user("pio"), account=account, kind=SecretKind.RECOVERY_CODES, label="Main",
                           value=CODES)
    _leave(world, "pio")
    assert _items(account) == {("password", False, ("Pat Park",)), ("recovery_codes", False, ("Pat Park",))}
    for persona in ("account_administrator", "agency_admin"):
        assert len(_rotation_for(world.user(persona))) == 2, f"on the {persona}'s dashboard"
    services.secret_change(actor=world.user("account_administrator"),
                           secret=account.secrets.get(kind=SecretKind.PASSWORD), value=NEW_PASSWORD, note="Pat left")
    assert _items(account) == {("recovery_codes", False, ("Pat Park",))}


@pytest.mark.requirement("KY-02")
def test_a_former_custodian_who_revealed_and_later_left_is_counted(world, account):
    services.secret_reveal(actor=world.user("pio"), secret=account.secrets.get(), reason="posting")
    services.custodian_remove(actor=world.user("agency_admin"), custodian=Custodian.objects.get(
        account=account, person=world.person("pio")), reason="moved to another unit")
    add_custodians(account, world, "web_content_team")
    assert _items(account) == set()
    _leave(world, "pio")
    assert _items(account) == {("password", False, ("Pat Park",))}


@pytest.mark.requirement("KY-02")
def test_someone_who_never_saw_the_current_value_does_not_trigger_a_change(world, bare_account):
    add_custodians(bare_account, world, "pio", "web_content_team")
    services.custodian_remove(actor=world.user("agency_admin"), custodian=Custodian.objects.get(
        account=bare_account, person=world.person("web_content_team")), reason="moved")
    add_custodians(bare_account, world, "account_administrator")
    services.secret_create(actor=world.user("pio"), account=bare_account, kind=SecretKind.PASSWORD,
                           label="Main sign-in", value=NEW_PASSWORD)
    _leave(world, "web_content_team")
    assert _items(bare_account) == set(), "removed before the password existed"


@pytest.mark.requirement("KY-02")
def test_a_leaver_who_set_the_value_counts_even_after_their_custodianship_ended(world, bare_account):
    add_custodians(bare_account, world, "pio", "account_administrator")
    version = services.secret_create(actor=world.user("pio"), account=bare_account, kind=SecretKind.PASSWORD,
                                     label="Main sign-in", value=NEW_PASSWORD)
    # As if their custodianship had ended just before: only having typed the value links them to it.
    Custodian.objects.filter(account=bare_account, person=world.person("pio")).update(
        removed_at=version.set_at - timedelta(seconds=1))
    _leave(world, "pio")
    assert _items(bare_account) == {("password", False, ("Pat Park",))}


def test_draft_and_decommissioned_accounts_are_not_listed(world, account):
    _leave(world, "pio")
    for status in ("draft", "decommissioned"):
        Account.objects.filter(pk=account.pk).update(status=status)
        assert _items(account) == set()
        assert selectors.custodian_gaps(Account.objects.filter(pk=account.pk)) == []


@pytest.mark.parametrize("persona", [*PERSONA_KEYS, "outsider"])
def test_vault_list_agrees_with_the_page_permission(world, account, bare_account, persona):
    from socialgov.accounts.vault.rules import may

    user = world.user(persona)
    visible = set(selectors.vault_accounts_visible_to(user))
    for acct in (account, bare_account):
        assert (acct in visible) == may(user, "vault.view_vault", acct), (persona, acct)


@pytest.mark.parametrize("persona", ["cio", "diso", "agency_admin", "pio"])
def test_access_party_mirror_matches_the_registry(world, account, persona):
    """The vault's in-memory walk of designations agrees with accounts.selectors.is_access_party."""
    from socialgov.agencies.models import Designation

    user = world.user(persona)
    in_memory = account.department_id in selectors._departments_overseen(user, world.agency.pk)
    overseer = persona in ("cio", "agency_admin")
    assert in_memory == (is_access_party(user, account) or overseer)
    Designation.objects.filter(department__agency=world.agency).update(ended_at=timezone.now())
    in_memory = account.department_id in selectors._departments_overseen(user, world.agency.pk)
    assert in_memory == (is_access_party(user, account) or overseer)
