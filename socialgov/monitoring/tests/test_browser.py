"""Monitoring in a real browser under the LCCS pack: the overview, recording a check, the compliance
report with its calendar, coverage, and an advertising incident (an error, then saved) — axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from socialgov.core.testing import World, assert_axe_clean, sign_in
from socialgov.monitoring import services
from socialgov.monitoring.tests.conftest import active_account

pytestmark = pytest.mark.browser

MON = "/agencies/test-agency/monitoring/"




@pytest.mark.requirement("LCCS-07")
@pytest.mark.requirement("LCCS-06")
def test_monitoring_pages_in_the_browser(page: Page, world: World, lccs):
    account = active_account(world, "Agency on Mastodon")
    services.missed_checks_sweep(days_back=7)  # nothing was checked: last week shows missed days
    sign_in(page, "t-pio")

    page.goto("/")
    expect(page.get_by_role("heading", name="Accounts with missed monitoring this week")).to_be_visible()
    assert_axe_clean(page)

    page.goto(MON)
    expect(page.get_by_role("heading", name="Monitoring of the agency's pages", level=1)).to_be_visible()
    assert_axe_clean(page)
    page.get_by_label("Note about the check of Agency on Mastodon (optional)").fill("Quiet morning.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record a check of Agency on Mastodon").click()
    expect(page.get_by_text("Check of Agency on Mastodon recorded")).to_be_visible()
    expect(page.get_by_role("row", name="Agency on Mastodon")).to_contain_text("by Pat Park")
    assert_axe_clean(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Compliance report for Agency on Mastodon").click()
    expect(page.locator("caption").first).to_contain_text("checks done of checks required, each day")
    expect(page.get_by_role("columnheader", name="Monday")).to_have_count(page.locator("table.sg-calendar").count())
    assert_axe_clean(page)

    page.goto(MON + "coverage/")
    expect(page.get_by_role("heading", name="Name a designee for leave or vacation")).to_be_visible()
    assert_axe_clean(page)

    page.goto(MON + "incidents/new/")
    assert_axe_clean(page)
    page.get_by_label("Account").select_option(label=account.name)
    page.get_by_label("Seen at").fill("2026-01-05T09:30")
    page.get_by_label("The advertisement").fill("A payday-loan advertisement next to the adoption post.")
    page.locator("main form").evaluate("form => form.noValidate = true")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the incident").click()
    expect(page.get_by_text("Say where the advertisement appeared.")).to_be_visible()
    assert_axe_clean(page)
    page.get_by_label("Where it appeared").fill("https://mastodon.social/@agency")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the incident").click()
    expect(page.get_by_role("heading", name="Advertisement on Agency on Mastodon")).to_be_visible()
    assert_axe_clean(page)
    page.get_by_label("What happened").select_option(label="Reported to the provider")
    page.get_by_label("How the provider was contacted").fill("The platform's ad report form")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the follow-up").click()
    expect(page.get_by_text("Follow-up recorded.")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("The platform's ad report form")
    assert_axe_clean(page)

    page.goto(MON + "incidents/")
    assert_axe_clean(page)
