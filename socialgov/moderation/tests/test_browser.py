"""Moderation in a real browser: a captured comment with a phone number and an insult is flagged,
removed by the moderator, preserved with its metadata, and counted in the transparency report."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from socialgov.archive.models import Record
from socialgov.archive.services.ingest import ingest_snapshots
from socialgov.core.testing import assert_axe_clean, sign_in
from socialgov.moderation import services
from socialgov.moderation.models import Case, PreservedCopy
from socialgov.moderation.tests.conftest import (
    CHILD_ABUSE,
    LINK_ONLY,
    PHONE_AND_INSULT,
    adopt,
    item,
    make_account,
    post,
)

pytestmark = pytest.mark.browser




@pytest.mark.requirement("NJ-18")
def test_a_flagged_comment_is_removed_preserved_and_reported(page: Page, world):
    adopt(world, "new-jersey")
    account = make_account(world)
    ingest_snapshots(account=account, snapshots=[post(), item("c-1", PHONE_AND_INSULT),
                                                 item("c-2", "Thanks for the update!")])

    sign_in(page, "t-moderator")
    panel = page.get_by_role("region", name=re.compile("Comments waiting for moderation"))
    panel.get_by_role("link", name="Open the moderation queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    assert_axe_clean(page)
    page.get_by_role("link", name=re.compile(r"Call me at")).click()

    expect(page.locator("#comment-text mark").first).to_have_text("(419) 555-0134")
    expect(page.locator("main")).to_contain_text("Summer programs open Monday")
    expect(page.get_by_role("table")).to_contain_text("pii.phone")
    expect(page.get_by_role("table")).to_contain_text("personal_attack")
    assert_axe_clean(page)
    page.get_by_text("Keyboard shortcuts").click()
    expect(page.locator("#keyboard-help")).to_contain_text("remove")

    # Keyboard: "r" moves the focus to the Remove button (it never presses it).
    page.locator("h1").click()
    page.keyboard.press("r")
    expect(page.get_by_role("button", name="Remove", exact=True)).to_be_focused()

    page.get_by_label("Policy category").select_option("pii")
    page.get_by_label(re.compile("^Reason")).fill("A private phone number and a personal attack.")
    with page.expect_navigation():
        page.get_by_role("button", name="Remove", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("preserved with its metadata first")
    preserved = page.get_by_role("region", name="Preserved copy (NJ-18)")
    expect(preserved).to_contain_text("Citizen1")
    expect(preserved).to_contain_text("facebook-html")
    expect(preserved).to_contain_text("Routine Commentary/Dialogue")
    assert_axe_clean(page)

    copy = PreservedCopy.objects.get()
    assert copy.text == PHONE_AND_INSULT and copy.author_handle == "citizen1"
    assert Record.objects.get(platform_item_id="c-1").status == "removed"

    page.goto("/agencies/test-agency/moderation/transparency/")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Personally identifiable information")
    expect(table).to_contain_text("Removed")
    expect(table).to_contain_text(account.name)
    expect(page.locator("main")).not_to_contain_text("555-0134")
    assert_axe_clean(page)


def test_an_urgent_report_must_be_escalated_before_it_is_removed(page: Page, world):
    adopt(world, "lucas-county-cs")
    account = make_account(world)
    ingest_snapshots(account=account, snapshots=[post(), item("c-9", CHILD_ABUSE)])

    sign_in(page, "t-pio")
    panel = page.get_by_role("region", name=re.compile("Comments waiting for moderation"))
    expect(panel).to_contain_text("1 urgent")
    panel.get_by_role("link", name=re.compile("Comment by citizen1")).click()
    alert = page.get_by_role("region", name="Possible report of child abuse or neglect")
    expect(alert).to_contain_text("419-213-CARE (2273)")
    assert_axe_clean(page)

    page.get_by_label("Policy category").select_option("child_abuse_report")
    page.get_by_label(re.compile("^Reason")).fill("Not for this page.")
    with page.expect_navigation():
        page.get_by_role("button", name="Remove", exact=True).click()
    expect(page.locator("main [role=alert]")).to_contain_text("record the escalation first")
    assert_axe_clean(page)  # the page with its errors
    assert Record.objects.get(platform_item_id="c-9").status == "present"

    page.get_by_label(re.compile("^Reason")).fill("Reported to the hotline at once.")
    page.get_by_label(re.compile("^Escalated to")).fill("LCCS hotline 419-213-2273, intake worker")
    page.get_by_label(re.compile("^Referral reference")).fill("INT-2026-0412")
    with page.expect_navigation():
        page.get_by_role("button", name="Escalate", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Escalation recorded")
    expect(page.get_by_role("region", name="Decisions")).to_contain_text("referral INT-2026-0412")


def test_a_removal_waiting_for_approval_is_found_approved_and_the_closed_case_reopened(page: Page, world):
    adopt(world, "new-jersey", removal_requires_second_person=True)
    account = make_account(world)
    ingest_snapshots(account=account, snapshots=[post(), item("c-1", PHONE_AND_INSULT),
                                                 item("l-1", LINK_ONLY, author="l1")])
    case = Case.objects.get(record__platform_item_id="c-1")
    services.case_decide(actor=world.user("moderator"), case=case, kind="remove", category="pii",
                         reason="A private phone number.")

    sign_in(page, "t-pio")
    panel = page.get_by_role("region", name=re.compile("Removals waiting for your approval"))
    panel.get_by_role("link", name="All removals waiting for your approval").click()
    expect(page.get_by_role("link", name="Removals waiting for your approval (1)")).to_have_attribute(
        "aria-current", "page")
    assert_axe_clean(page)
    page.get_by_role("link", name="Waiting cases").click()
    expect(page.get_by_role("link", name="Show low severity (1)")).to_be_visible()
    assert_axe_clean(page)
    page.get_by_role("link", name="Show low severity (1)").click()
    expect(page.get_by_role("table")).to_contain_text("https://example.org/info")
    page.get_by_role("link", name=re.compile("Call me at")).click()

    page.get_by_label("Reason (second person)").fill("Agreed: a private number.")
    with page.expect_navigation():
        page.get_by_role("button", name="Approve the removal").click()
    reopen = page.get_by_role("region", name="Reopen the case")
    expect(reopen).to_contain_text("This case is closed (removed)")
    assert_axe_clean(page)
    page.get_by_label("Reason for reopening").fill("The author says it is the agency's number.")
    with page.expect_navigation():
        page.get_by_role("button", name="Reopen the case").click()
    expect(page.get_by_role("status")).to_contain_text("Case reopened")
    expect(page.get_by_role("region", name="Decisions")).to_contain_text("Reopen the case")
    assert_axe_clean(page)
