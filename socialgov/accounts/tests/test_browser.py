"""The registry of approved accounts in a real browser: the whole path as the real personas under
the New Jersey framework (NJ-05 request -> NJ-06 review -> NJ-07 activation -> NJ-08 public lookup),
and every account page axe-clean, empty and with errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from socialgov.accounts.models import Account
from socialgov.accounts.tests.conftest import adopt, build_scene
from socialgov.core.testing import World, assert_axe_clean, sign_in

pytestmark = pytest.mark.browser

AGENCY = "/agencies/test-agency"
PUBLIC = "/public/test-agency"



def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def tick(page: Page, label: str) -> None:
    """Tick a USWDS checkbox as a person does: by its label (the input itself is drawn by CSS)."""
    page.locator("main label.usa-checkbox__label", has_text=label).click()



def submit_past_browser_checks(page: Page, button: str) -> None:
    """Submit with the browser's own checks off, so the server's messages are what is shown."""
    page.locator("main form[method=post]").last.evaluate("form => form.noValidate = true")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=button, exact=True).click()


@pytest.fixture
def nj_world(world: World) -> World:
    adopt(world, "new-jersey")
    return world


# --- the whole path -------------------------------------------------------------------------

def liaison_requests(page: Page) -> None:
    sign_in(page, "t-account-administrator")
    nav = page.get_by_role("navigation", name="Primary")
    nav.get_by_role("button", name="Accounts").click()
    nav.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("link", name="Request a new site/service").click()
    assert_axe_clean(page)
    page.get_by_label("Name of the site/service").fill("Youth Services on Mastodon")
    page.get_by_label("Sponsoring department").select_option(label="Youth Services")
    page.get_by_label(re.compile(r"^Platform\b")).select_option(label="Mastodon")
    page.get_by_label("Purpose and types of communications").fill("News and events of youth programs.")
    tick(page, "Announcements")
    tick(page, "Interactional posts")
    page.get_by_label("Justification").fill("Young people are on Mastodon; reaching them is our mission.")
    page.get_by_label("Link to the terms of service (TOS)").fill("https://mastodon.social/terms")
    page.get_by_label("Proposed agency site/service administrator(s)").select_option(label="Ari Alvarez")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit request").click()
    expect(page.get_by_role("status")).to_contain_text("Request submitted")
    expect(page.locator("main .sg-status")).to_have_text("Submitted")
    assert_axe_clean(page)
    sign_out(page)


def director_approves(page: Page) -> None:
    sign_in(page, "t-communications-director")
    waiting = page.get_by_role("region", name=re.compile("Account requests waiting for your review"))
    waiting.get_by_role("link", name="Youth Services on Mastodon").click()
    page.get_by_role("button", name="Begin the review").click()
    expect(page.locator("main .sg-status")).to_have_text("Under review")
    assert_axe_clean(page)
    page.get_by_label("Comment (optional)").fill("Aligned with the mission and the agency's branding.")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator("main .sg-status")).to_have_text("Approved")
    expect(page.locator("main .usa-process-list")).to_contain_text("by Morgan Moore")
    sign_out(page)


def liaison_activates(page: Page) -> None:
    sign_in(page, "t-account-administrator")
    page.get_by_role("region", name=re.compile("Approved accounts to activate")).get_by_role(
        "link", name="Youth Services on Mastodon").click()
    page.get_by_role("link", name="Activate the account").click()
    assert_axe_clean(page)
    page.get_by_label("Type of social media (technology category)").select_option(label="Blogging/Microblogging")
    page.get_by_label("Profile address (URL)").fill("https://mastodon.social/@TestCountyYouth")
    page.get_by_label("Handle").fill("@TestCountyYouth@mastodon.social")
    tick(page, "This is an official agency-branded account")
    tick(page, "It uses the agency's logo")
    tick(page, "It has the agency's consistent look and feel")
    page.get_by_label("Terms of service version or date").fill("2024-03")
    page.get_by_label("Terms of service reviewed on").fill("2026-01-15")
    page.get_by_label("Moderation statement").fill("We remove spam, threats and personal information.")
    page.get_by_role("button", name="Activate").click()
    expect(page.locator("main .sg-status")).to_have_text("Active")
    assert_axe_clean(page)
    sign_out(page)


@pytest.mark.requirement("NJ-05", "NJ-06", "NJ-07", "NJ-08")
def test_liaison_requests_director_approves_liaison_activates_public_finds_it_official(page: Page,
                                                                                     nj_world: World) -> None:
    liaison_requests(page)
    director_approves(page)
    liaison_activates(page)
    page.goto(f"{PUBLIC}/accounts/")
    expect(page.get_by_role("table")).to_contain_text("Youth Services on Mastodon")
    page.get_by_role("link", name="Check whether an account is official").click()
    page.get_by_label("Account address or handle").fill("https://MASTODON.social/@testcountyyouth/")
    page.get_by_role("button", name="Check").click()
    expect(page.locator("#lookup-answer h2")).to_have_text("Official")
    assert_axe_clean(page)
    page.get_by_label("Account address or handle").fill("https://mastodon.social/@TestCountyYouth_fake")
    page.get_by_role("button", name="Check").click()
    expect(page.locator("#lookup-answer h2")).to_have_text("Not in the registry")
    account = Account.objects.get(name="Youth Services on Mastodon")
    assert (account.status, account.activated_by.username) == ("activated", "t-account-administrator")


# --- every page is axe-clean ----------------------------------------------------------------

@dataclass
class Visit:
    persona: str | None
    reach: Callable[[Page, World], None]


def acct(world: World, key: str) -> Account:
    return {a.name: a for a in world.agency.accounts.all()}[{
        "draft": "Draft request", "submitted": "Submitted request", "under_review": "Request under review",
        "approved": "Approved request", "rejected": "Rejected request", "active": "Active account",
        "suspended": "Suspended account"}[key]]


def go(path: Callable[[World], str] | str) -> Callable[[Page, World], None]:
    return lambda page, world: page.goto(path(world) if callable(path) else path)


def one(key: str, rest: str = "") -> Callable[[World], str]:
    return lambda w: f"{AGENCY}/accounts/{acct(w, key).pk}/{rest}"


def go_and_submit(path, button: str, fill: dict[str, str] | None = None):
    def reach(page: Page, world: World) -> None:
        go(path)(page, world)
        for selector, value in (fill or {}).items():
            page.fill(selector, value)
        submit_past_browser_checks(page, button)
        expect(page.locator(".usa-error-message").first).to_be_visible()

    return reach


def lookup(query: str):
    return go(lambda w: f"{PUBLIC}/accounts/lookup/?q={query}")


LIAISON, DIRECTOR, HEAD = "t-account-administrator", "t-communications-director", "t-agency-head"
PAGES: dict[str, Visit] = {
    "registry": Visit("t-auditor", go(f"{AGENCY}/accounts/")),
    "registry-filtered-empty": Visit("t-auditor", go(f"{AGENCY}/accounts/?platform=youtube")),
    "request-new": Visit(LIAISON, go(f"{AGENCY}/accounts/new/")),
    "request-new-errors": Visit(LIAISON, go_and_submit(f"{AGENCY}/accounts/new/", "Save draft")),
    "request-submit-incomplete": Visit(LIAISON, go_and_submit(
        f"{AGENCY}/accounts/new/", "Submit request", {"#id_name": "Incomplete request"})),
    "request-edit": Visit(LIAISON, go(one("draft", "edit/"))),
    "draft": Visit(LIAISON, go(one("draft"))),
    "submitted": Visit(DIRECTOR, go(one("submitted"))),
    "under-review": Visit(DIRECTOR, go(one("under_review"))),
    "reject-without-reason": Visit(DIRECTOR, go_and_submit(one("under_review"), "Reject")),
    "approved": Visit(HEAD, go(one("approved"))),
    "rejected": Visit(LIAISON, go(one("rejected"))),
    "active": Visit(HEAD, go(one("active"))),
    "suspended": Visit(HEAD, go(one("suspended"))),
    "suspend-without-reason": Visit(HEAD, go_and_submit(one("active"), "Suspend the account")),
    "activate": Visit(LIAISON, go(one("approved", "activate/"))),
    "activate-errors": Visit(LIAISON, go_and_submit(one("approved", "activate/"), "Activate")),
    "acknowledge": Visit("t-moderator", go(lambda w: f"{one('active')(w)}administrators/"
                                               f"{acct(w, 'active').administrators.get().pk}/acknowledge/")),
    "acknowledge-errors": Visit("t-moderator", go_and_submit(
        lambda w: f"{one('active')(w)}administrators/{acct(w, 'active').administrators.get().pk}/acknowledge/",
        "Acknowledge")),
    "terms-record": Visit(LIAISON, go(one("active", "terms/"))),
    "terms-record-errors": Visit(LIAISON, go_and_submit(one("active", "terms/"), "Record the new terms")),
    "terms-review": Visit(DIRECTOR, go(lambda w: f"{one('active')(w)}terms/reviews/"
                                              f"{acct(w, 'active').terms_reviews.get().pk}/")),
    "terms-review-errors": Visit(DIRECTOR, go_and_submit(
        lambda w: f"{one('active')(w)}terms/reviews/{acct(w, 'active').terms_reviews.get().pk}/",
        "Record the review")),
    "text-edit": Visit(LIAISON, go(one("active", "texts/moderation_statement/"))),
    "text-edit-errors": Visit(LIAISON, go_and_submit(one("active", "texts/comment_notice/"), "Save new version",
                                                     {"#id_text": ""})),
    "dashboard-director": Visit(DIRECTOR, go("/")),
    "dashboard-head": Visit(HEAD, go("/")),
    "dashboard-moderator": Visit("t-moderator", go("/")),
    "public-registry": Visit(None, go(f"{PUBLIC}/accounts/")),
    "public-account": Visit(None, go(lambda w: f"{PUBLIC}/accounts/{acct(w, 'active').pk}/")),
    "public-lookup": Visit(None, go(f"{PUBLIC}/accounts/lookup/")),
    "public-lookup-official": Visit(None, lookup("https://mastodon.social/@TestCountyYouth")),
    "public-lookup-not-in-registry": Visit(None, lookup("@nobody@mastodon.social")),
    "public-lookup-errors": Visit(None, lookup("https://x.com/someone/status/1")),
}


@pytest.mark.parametrize("name", PAGES)
def test_account_page_is_axe_clean(page: Page, nj_world: World, name: str) -> None:
    build_scene(nj_world)
    visit = PAGES[name]
    if visit.persona:
        sign_in(page, visit.persona)
    visit.reach(page, nj_world)
    assert page.locator("main h1").count() == 1
    assert_axe_clean(page)


@pytest.mark.requirement("NJ-09")
def test_designated_administrator_acknowledges_from_the_dashboard(page: Page, nj_world: World) -> None:
    build_scene(nj_world)
    sign_in(page, "t-moderator")
    page.get_by_role("region", name=re.compile("Administrator designations to acknowledge")).get_by_role(
        "link", name="Active account").click()
    expect(page.locator("main")).to_contain_text("Posting a moderation statement")
    tick(page, "I have read these responsibilities")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_role("status")).to_contain_text("You are an administrator of Active account")
    expect(page.get_by_role("link", name="Change the moderation statement")).to_be_visible()
