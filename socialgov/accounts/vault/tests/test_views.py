"""Vault pages as a custodian, an approver and an administrator see them (KY-02, KY-03, NJ-13)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialgov.accounts.vault import services
from socialgov.accounts.vault.models import Custodian, SecretKind, SecretVersion
from socialgov.accounts.vault.tests.factories import CODES, NEW_PASSWORD, PASSWORD, make_account, vault_account
from socialgov.agencies.services import person_deactivate


def _url(account, rest: str = "") -> str:
    return f"/agencies/{account.agency.slug}/accounts/{account.pk}/vault/{rest}"


def _text(response) -> str:
    return response.content.decode()


def test_vault_page_lists_secrets_versions_and_due_dates_never_values(client_as, world, account):
    services.secret_change(actor=world.user("pio"), secret=account.secrets.get(), value=NEW_PASSWORD,
                           note="scheduled change")
    page = _text(client_as("auditor").get(_url(account)))
    assert "Main sign-in" in page and "scheduled change" in page and "2 (current)" in page
    assert "Pat Park" in page and "Ari Alvarez" in page
    assert PASSWORD not in page and NEW_PASSWORD not in page
    assert "Reveal" not in page and "Change<" not in page, "an auditor sees metadata only"


@pytest.mark.requirement("KY-02")
def test_vault_page_warns_while_one_person_holds_the_credentials(client_as, world, account):
    assert "never with one person only" not in _text(client_as("pio").get(_url(account)))
    services.custodian_remove(actor=world.user("diso"), custodian=Custodian.objects.get(
        account=account, person=world.person("pio")), reason="moved")
    page = _text(client_as("account_administrator").get(_url(account)))
    assert "Only one person holds these credentials" in page and "never with one person only" in page


@pytest.mark.requirement("KY-02")
def test_dashboard_warns_of_accounts_with_fewer_than_two_custodians(client_as, world):
    account = make_account(world)
    page = _text(client_as("diso").get("/"))
    assert "Accounts with fewer than two credential custodians" in page and account.name in page
    assert "nobody holds its credentials" in page
    assert "Accounts with fewer than two credential custodians" not in _text(client_as("employee").get("/"))


@pytest.mark.requirement("KY-03")
def test_a_refused_password_says_which_rule_and_is_not_shown_back(client_as, world, account):
    response = client_as("pio").post(_url(account, f"{account.secrets.get().pk}/change/"),
                                     {"value": "county news password", "note": ""})
    page = _text(response)
    assert response.status_code == 200
    assert "Context-specific word: It contains “county”, from the agency&#x27;s name." in page
    assert "county news password" not in page
    assert account.secrets.get().current.number == 1


@pytest.mark.requirement("KY-03")
def test_the_password_form_states_the_checks_and_no_composition_rules(client_as, world, account):
    page = _text(client_as("pio").get(_url(account, "new/password/")))
    assert "At least 15 characters" in page and "Nothing else is required" in page
    assert 'autocomplete="new-password"' in page and 'type="password"' in page


@pytest.mark.requirement("NJ-13")
def test_adding_recovery_codes_through_the_page_reports_the_change(client_as, world, account):
    response = client_as("account_administrator").post(_url(account, "new/recovery_codes/"),
                                                       {"label": "Main sign-in", "value": CODES, "note": "new phone"})
    assert response.status_code == 302
    notices = world.user("cio").notifications.filter(event="vault.secret.changed", subject__contains="recovery codes")
    assert notices.count() == 1 and "Ari Alvarez set version 1" in notices.get().body


@pytest.mark.requirement("KY-02")
def test_reveal_shows_the_value_once_on_a_page_that_is_not_stored(client_as, world, account):
    client = client_as("pio")
    form = client.get(_url(account, f"{account.secrets.get().pk}/reveal/"))
    assert PASSWORD not in _text(form) and "no-store" in form["Cache-Control"]
    missing = client.post(_url(account, f"{account.secrets.get().pk}/reveal/"), {"reason": ""})
    assert PASSWORD not in _text(missing) and "This field is required" in _text(missing)
    shown = client.post(_url(account, f"{account.secrets.get().pk}/reveal/"), {"reason": "posting the storm update"})
    assert shown.status_code == 200 and PASSWORD in _text(shown)
    assert "no-store" in shown["Cache-Control"] and "private" in shown["Cache-Control"]
    assert PASSWORD not in _text(client.get(_url(account)))


@pytest.mark.requirement("KY-02")
def test_a_tampered_value_shows_an_error_naming_the_secret_not_a_crash(client_as, world, account):
    secret = account.secrets.get()
    token = secret.current.ciphertext
    SecretVersion.objects.filter(pk=secret.current_id).update(ciphertext=token[:-5] + "AAAAA")
    response = client_as("pio").post(_url(account, f"{secret.pk}/reveal/"), {"reason": "posting"})
    page = _text(response)
    assert response.status_code == 200 and f"Secret #{secret.pk}" in page and "cannot be shown" in page
    assert token[:-5] not in page
    assert client_as("pio").get(_url(account)).status_code == 200, "the vault page never decrypts"


def test_custodians_page_adds_and_removes_with_a_reason(client_as, world, account):
    client = client_as("diso")
    added = client.post(_url(account, "custodians/"), {"person": world.person("web_content_team").pk})
    assert added.status_code == 302
    page = _text(client.get(_url(account, "custodians/")))
    assert "Wren Walker" in page and "now holds the credentials" in page
    pio = Custodian.objects.get(account=account, person=world.person("pio"))
    client.post(_url(account, f"custodians/{pio.pk}/remove/"), {"reason": "moved to another unit"})
    page = _text(client.get(_url(account, "custodians/")))
    assert "moved to another unit" in page and "no longer holds the credentials" in page


def test_removing_the_last_custodian_is_refused_with_a_message(client_as, world, account):
    client = client_as("agency_admin")
    for persona in ("pio", "account_administrator"):
        custodian = Custodian.objects.get(account=account, person=world.person(persona))
        response = client.post(_url(account, f"custodians/{custodian.pk}/remove/"), {"reason": "moved"}, follow=True)
    assert "Add another custodian first" in _text(response)
    assert Custodian.objects.current().filter(account=account).count() == 1


def test_a_custodian_cannot_be_added_twice_or_by_themselves(client_as, world, account):
    page = _text(client_as("diso").post(_url(account, "custodians/"), {"person": world.person("diso").pk}))
    assert "cannot make yourself a custodian" in page


@pytest.mark.requirement("KY-02")
def test_people_who_left_are_listed_on_the_rotation_page_and_dashboards(client_as, world, account):
    person_deactivate(actor=None, person=world.person("pio"), reason="left the agency")
    page = _text(client_as("agency_admin").get(world.agency_url("vault/rotation/")))
    assert account.name in page and "Pat Park could see it and left" in page
    for persona in ("agency_admin", "account_administrator"):
        dashboard = _text(client_as(persona).get("/"))
        assert "Credentials to change" in dashboard and "Pat Park could see it and left" in dashboard, persona
    vault = _text(client_as("account_administrator").get(_url(account)))
    assert "change now" in vault and "left " in vault


@pytest.mark.requirement("KY-03")
def test_overdue_rotation_is_on_the_rotation_page(client_as, world, account):
    set_at = account.secrets.get().current.set_at
    with time_machine.travel(set_at + timedelta(days=366)):
        page = _text(client_as("pio").get(world.agency_url("vault/rotation/")))
        assert "overdue" in page and "Main sign-in" in page


def test_rotation_page_shows_only_the_accounts_a_custodian_holds(client_as, world, account):
    other = make_account(world, "Programs on Bluesky", department="programs")
    services.custodian_add(actor=None, account=other, person=world.person("web_content_team"))
    services.secret_create(actor=None, account=other, kind=SecretKind.PASSWORD, label="Main sign-in",
                           value=NEW_PASSWORD)
    person_deactivate(actor=None, person=world.person("web_content_team"), reason="left")
    assert "Programs on Bluesky" not in _text(client_as("pio").get(world.agency_url("vault/rotation/")))
    assert "Programs on Bluesky" in _text(client_as("agency_admin").get(world.agency_url("vault/rotation/")))


def test_vault_page_query_count_does_not_grow_with_secrets(client_as, world, account):
    client = client_as("auditor")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(account)).status_code == 200
        return len(queries)

    one = count()
    for label in ("A", "B", "C", "D"):
        services.secret_create(actor=None, account=account, kind=SecretKind.API_TOKEN, label=label,
                               value=f"token-{label}-0123456789")
        services.secret_change(actor=None, secret=account.secrets.get(label=label), value=f"token-{label}-9876543210")
    assert count() == one


def test_demo_account_helper_is_idempotent(world):
    assert vault_account(world) == vault_account(world)


def test_account_page_links_to_the_vault_only_for_those_who_may_open_it(client, world):
    """The registry's account page shows the way into the vault to custodians, not to everyone."""
    from socialgov.accounts.vault.rules import may

    account = vault_account(world)
    assert may(world.user("pio"), "vault.view_vault", account)  # a custodian
    url = f"/agencies/{world.agency.slug}/accounts/{account.pk}/"
    for persona in ("employee", "agency_admin", "pio", "account_administrator"):
        client.force_login(world.user(persona))
        shown = "Credential vault" in client.get(url).content.decode()
        assert shown == may(world.user(persona), "vault.view_vault", account), persona
