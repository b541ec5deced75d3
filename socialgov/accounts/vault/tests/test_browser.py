"""The vault in a real browser: every page axe-clean (empty, with errors, with warnings), and a
custodian's walk-through: a refused password, an accepted one, a reveal with a reason (KY-02/03)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from socialgov.accounts.vault import services
from socialgov.accounts.vault.models import Custodian, SecretVersion
from socialgov.accounts.vault.tests.factories import PASSWORD, make_account, vault_account
from socialgov.agencies.services import person_deactivate
from socialgov.core.testing import World, assert_axe_clean, sign_in

pytestmark = pytest.mark.browser



def submit_past_browser_checks(page: Page, button: str) -> None:
    page.locator("main form[method=post].usa-form--large").last.evaluate("form => form.noValidate = true")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=button, exact=True).click()



def vault(world: World, rest: str = "") -> str:
    account = vault_account(world)
    return f"/agencies/{world.agency.slug}/accounts/{account.pk}/vault/{rest}"


def secret(world: World, rest: str) -> str:
    return vault(world, f"{vault_account(world).secrets.get().pk}/{rest}")


# --- what each visit sets up and shows ------------------------------------------------------------

def go(path: Callable[[World], str]) -> Callable[[Page, World], None]:
    return lambda page, world: page.goto(path(world))


def go_and_submit(path: Callable[[World], str], button: str, fill: dict | None = None) -> Callable[[Page, World], None]:
    def reach(page: Page, world: World) -> None:
        page.goto(path(world))
        for selector, value in (fill or {}).items():
            page.fill(selector, value)
        submit_past_browser_checks(page, button)
        expect(page.locator(".usa-error-message, .usa-alert--error").first).to_be_visible()

    return reach


def one_custodian(page: Page, world: World) -> None:
    url = vault(world)
    services.custodian_remove(actor=None, custodian=Custodian.objects.get(
        account=vault_account(world), person=world.person("pio")), reason="moved")
    page.goto(url)
    expect(page.get_by_role("heading", name="Only one person holds these credentials")).to_be_visible()


def revealed(page: Page, world: World) -> None:
    page.goto(secret(world, "reveal/"))
    page.fill("#id_reason", "posting the storm update")
    with page.expect_navigation():
        page.get_by_role("button", name="Reveal", exact=True).click()
    expect(page.locator("pre.sg-secret")).to_have_text(PASSWORD)


def tampered(page: Page, world: World) -> None:
    version = vault_account(world).secrets.get().current
    SecretVersion.objects.filter(pk=version.pk).update(ciphertext=version.ciphertext[:-5] + "AAAAA")
    page.goto(secret(world, "reveal/"))
    page.fill("#id_reason", "posting")
    with page.expect_navigation():
        page.get_by_role("button", name="Reveal", exact=True).click()
    expect(page.get_by_role("heading", name="This secret cannot be shown")).to_be_visible()


def someone_left(page: Page, world: World) -> None:
    vault_account(world)
    person_deactivate(actor=None, person=world.person("pio"), reason="left the agency")
    page.goto(f"/agencies/{world.agency.slug}/vault/rotation/")
    expect(page.locator("main")).to_contain_text("Pat Park could see it and left")


def custodians_with_history(page: Page, world: World) -> None:
    url = vault(world, "custodians/")
    services.custodian_add(actor=None, account=vault_account(world), person=world.person("web_content_team"))
    services.custodian_remove(actor=None, custodian=Custodian.objects.get(
        account=vault_account(world), person=world.person("pio")), reason="moved to another unit")
    page.goto(url)
    expect(page.locator("main")).to_contain_text("moved to another unit")


def dashboard_with_gap(page: Page, world: World) -> None:
    make_account(world, "Programs on Bluesky", department="programs")
    vault_account(world)
    page.goto("/")
    expect(page.locator("main")).to_contain_text("nobody holds its credentials")


@dataclass
class Visit:
    persona: str
    reach: Callable[[Page, World], None]


CUSTODIAN, APPROVER, ADMIN, AUDITOR = "t-pio", "t-diso", "t-agency-admin", "t-auditor"
PAGES: dict[str, Visit] = {
    "vault": Visit(CUSTODIAN, go(vault)),
    "vault-auditor": Visit(AUDITOR, go(vault)),
    "vault-one-custodian": Visit(ADMIN, one_custodian),
    "secret-new-password": Visit(CUSTODIAN, go(lambda w: vault(w, "new/password/"))),
    "secret-new-password-errors": Visit(CUSTODIAN, go_and_submit(lambda w: vault(w, "new/password/"), "Save",
                                                                 {"#id_label": "Backup", "#id_value": "short"})),
    "secret-new-codes": Visit(CUSTODIAN, go(lambda w: vault(w, "new/recovery_codes/"))),
    "secret-new-codes-errors": Visit(CUSTODIAN, go_and_submit(lambda w: vault(w, "new/recovery_codes/"), "Save")),
    "secret-change": Visit(CUSTODIAN, go(lambda w: secret(w, "change/"))),
    "secret-change-errors": Visit(CUSTODIAN, go_and_submit(lambda w: secret(w, "change/"), "Save",
                                                           {"#id_value": "county news forever"})),
    "reveal": Visit(CUSTODIAN, go(lambda w: secret(w, "reveal/"))),
    "reveal-errors": Visit(CUSTODIAN, go_and_submit(lambda w: secret(w, "reveal/"), "Reveal")),
    "reveal-value": Visit(CUSTODIAN, revealed),
    "reveal-tampered": Visit(CUSTODIAN, tampered),
    "custodians": Visit(APPROVER, go(lambda w: vault(w, "custodians/"))),
    "custodians-with-history": Visit(APPROVER, custodians_with_history),
    "secret-new-token": Visit(CUSTODIAN, go(lambda w: vault(w, "new/api_token/"))),
    "custodians-errors": Visit(APPROVER, go_and_submit(lambda w: vault(w, "custodians/"), "Add custodian")),
    "rotation-empty": Visit(ADMIN, go(lambda w: (vault_account(w), f"/agencies/{w.agency.slug}/vault/rotation/")[1])),
    "rotation-someone-left": Visit(ADMIN, someone_left),
    "dashboard-vault-panels": Visit(APPROVER, dashboard_with_gap),
}


@pytest.mark.parametrize("name", PAGES)
def test_vault_page_is_axe_clean(page: Page, world: World, name: str) -> None:
    visit = PAGES[name]
    sign_in(page, visit.persona)
    visit.reach(page, world)
    assert_axe_clean(page)


@pytest.mark.requirement("KY-03")
def test_custodian_sets_a_password_after_a_refusal_and_reveals_it(page: Page, world: World) -> None:
    url = vault(world)
    sign_in(page, CUSTODIAN)
    page.goto(url)
    page.get_by_role("link", name="Add a password").click()
    page.fill("#id_label", "Backup sign-in")
    page.fill("#id_value", "abcdefghijklmnopqrst")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".usa-error-message")).to_contain_text("Sequential: It is mostly runs of consecutive")
    expect(page.locator("#id_value")).to_have_value("")
    page.fill("#id_value", "copper kettle whistles at dawn")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/vault/$"))
    expect(page.locator("main")).to_contain_text("Backup sign-in")
    expect(page.locator("main")).not_to_contain_text("copper kettle")
    page.get_by_role("link", name="Reveal password Backup sign-in").click()
    page.fill("#id_reason", "signing in from the emergency operations centre")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Reveal", exact=True).click()
    assert "no-store" in navigation.value.headers["cache-control"]
    expect(page.locator("pre.sg-secret")).to_have_text("copper kettle whistles at dawn")
