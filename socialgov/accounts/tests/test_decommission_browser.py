"""NJ-19 in a real browser: the agency head directs, the administrator is refused until the
archive's final capture exists, then confirms each step; the CTO/CIO updates the registry; the
public registry and lookup say the account is decommissioned. Every page axe-clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from socialgov.accounts import platforms
from socialgov.accounts.models import Account
from socialgov.accounts.tests.conftest import adopt
from socialgov.accounts.tests.test_browser import assert_axe_clean, sign_in, sign_out
from socialgov.accounts.tests.test_decommission import job
from socialgov.accounts.vault.tests.factories import vault_account
from socialgov.core.testing import World

pytestmark = pytest.mark.browser

PUBLIC = "/public/test-agency"


def _account(world: World) -> Account:
    adopt(world, "new-jersey")
    account = vault_account(world)
    Account.objects.filter(pk=account.pk).update(lookup_key=platforms.identify(account.url)[0].lookup_key)
    return Account.objects.get(pk=account.pk)


def _confirm(page: Page, note: str, button: str) -> None:
    page.get_by_label(re.compile("^(Note|How the account was deactivated)")).fill(note)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=button).click()


@pytest.mark.requirement("NJ-19")
def test_head_directs_administrator_captures_and_deactivates_cio_updates_registry(page: Page, world: World):
    account = _account(world)
    detail = f"/agencies/test-agency/accounts/{account.pk}/"

    sign_in(page, "t-agency-head")
    page.goto(detail)
    expect(page.locator("#decommissioning")).to_be_visible()
    page.get_by_role("link", name="How decommissioning works").click()
    assert_axe_clean(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Direct the decommissioning").click()
    expect(page.locator("main .usa-error-message")).to_have_text("Say why the account is no longer needed.")
    assert_axe_clean(page)
    page.get_by_label("Why is the account no longer needed?").fill("The program it served has ended.")
    with page.expect_navigation():
        page.get_by_role("button", name="Direct the decommissioning").click()
    expect(page.locator("main .sg-status")).to_have_text("Decommissioning")
    expect(page.locator("#decommission-next")).to_contain_text("Ari Alvarez")
    sign_out(page)

    sign_in(page, "t-account-administrator")
    page.goto(detail)
    expect(page.locator(".usa-step-indicator__segment--current")).to_contain_text("Final capture")
    assert_axe_clean(page)
    page.get_by_role("link", name="The decommissioning steps and their record").click()
    expect(page.locator("#capture-problem")).to_contain_text("has no import of this account since the direction")
    _confirm(page, "Captured.", "Confirm the final capture")
    expect(page.locator("main .usa-alert--error")).to_contain_text("has no import of this account")
    assert_axe_clean(page)

    job(account)  # the archive imported the account's final export
    page.goto(f"{detail}decommission/")
    expect(page.locator("main")).to_contain_text("A complete final capture is in the archive")
    _confirm(page, "Final export imported; counts checked.", "Confirm the final capture")
    expect(page.get_by_role("status")).to_contain_text("The final capture is confirmed")
    assert_axe_clean(page)
    _confirm(page, "Password changed, sessions ended, deactivated.", "Confirm the deactivation")
    page.locator("main label.usa-radio__label", has_text="Flagged for deletion").click()
    _confirm(page, "Flagged in the platform's settings.", "Confirm the content removal")
    assert_axe_clean(page)
    _confirm(page, "Credentials to be retired.", "Send the final list of credentials")
    expect(page.locator("#decommission-next")).to_contain_text("Casey Chen")
    expect(page.locator("main form[method=post]")).to_have_count(0)  # not the administrator's step
    sign_out(page)

    sign_in(page, "t-cio")
    page.goto(f"{detail}decommission/")
    expect(page.locator("#step-credentials_report")).to_contain_text("Password “Main sign-in”")
    _confirm(page, "Documented on the registry with the web team.", "Record the registry update")
    expect(page.locator("main .sg-status")).to_have_text("Decommissioned")
    expect(page.locator("#decommission-next")).to_contain_text("Every step is done")
    assert_axe_clean(page)
    page.goto(detail)
    expect(page.locator(".usa-step-indicator__segment--complete")).to_have_count(6)
    assert_axe_clean(page)
    sign_out(page)

    page.goto(f"{PUBLIC}/accounts/")
    expect(page.locator("main")).to_contain_text("Decommissioned accounts")
    expect(page.get_by_role("table").last).to_contain_text("Decommissioned on")
    assert_axe_clean(page)
    page.goto(f"{PUBLIC}/accounts/lookup/")
    page.get_by_label("Account address or handle").fill(account.url)
    page.get_by_role("button", name="Check").click()
    expect(page.locator("#lookup-answer h2")).to_contain_text("no longer official")
    assert_axe_clean(page)
