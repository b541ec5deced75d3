"""The app in a real browser, used as a person would: sign in, every page axe-clean, the
agency admin's walk-through (KY-12, LAC-03), notifications, and CSRF."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from socialgov.core.testing import World, assert_axe_clean, sign_in

pytestmark = pytest.mark.browser

AGENCY = "/agencies/test-agency"
ADMIN, AUDITOR = "t-agency-admin", "t-auditor"
NEW_DEPARTMENT = "Volunteer Outreach"
VOLUNTEER = {"name": "Val Ventura", "username": "t-volunteer", "password": "volunteer-pass-2026"}


# --- helpers --------------------------------------------------------------------------------


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def submit_past_browser_checks(page: Page, button: str = "Save") -> None:
    """Submit the main form with the browser's own required-field checks off, so the server's
    error messages (what a person sees when those checks do not run) are what is shown."""
    page.locator("main form[method=post]").last.evaluate("form => form.noValidate = true")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=button).click()



def department_pk(world: World, slug: str) -> int:
    return world.agency.departments.get(slug=slug).pk


def person_pk(world: World, persona: str) -> int:
    return world.person(persona).pk


# --- sign-in --------------------------------------------------------------------------------

def test_sign_in_lands_on_dashboard_with_name_and_roles(page: Page, world: World) -> None:
    sign_in(page, "t-pio")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Pat Park")
    expect(page.locator("main")).to_contain_text("Public information officer (PIO) — agency-wide")


def test_sign_out_returns_to_sign_in_page(page: Page, world: World) -> None:
    sign_in(page, "t-pio")
    sign_out(page)
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))


def test_wrong_password_shows_error_and_keeps_you_out(page: Page, world: World) -> None:
    sign_in(page, "t-pio", "not-the-password")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading")).to_have_text("You could not be signed in")
    expect(alert).to_contain_text("correct username and password")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


# --- every page is axe-clean ----------------------------------------------------------------

@dataclass
class Visit:
    """Who looks at a page and how they get it on screen."""

    persona: str | None
    reach: Callable[[Page, World], None]


def go(path: str | Callable[[World], str]) -> Callable[[Page, World], None]:
    return lambda page, world: page.goto(path(world) if callable(path) else path)


def go_and_submit(path: str | Callable[[World], str], button: str = "Save",
                  clear: str | None = None) -> Callable[[Page, World], None]:
    def reach(page: Page, world: World) -> None:
        go(path)(page, world)
        if clear:
            page.fill(clear, "")
        submit_past_browser_checks(page, button)
        expect(page.locator(".usa-error-message").first).to_be_visible()

    return reach


def wrong_password(page: Page, world: World) -> None:
    sign_in(page, "t-pio", "not-the-password")


def verify_chain(page: Page, world: World) -> None:
    page.goto("/audit/")
    page.get_by_role("button", name="Verify the chain now").click()
    expect(page.get_by_role("heading", name="The chain verifies")).to_be_visible()


def create_token(page: Page, world: World) -> None:
    page.goto("/settings/tokens/")
    page.fill("#id_name", "records export script")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_be_visible()


def programs(world: World) -> int:
    return department_pk(world, "programs")


PAGES: dict[str, Visit] = {
    "login": Visit(None, go("/accounts/login/")),
    "login-wrong-password": Visit(None, wrong_password),
    "dashboard": Visit(ADMIN, go("/")),
    "dashboard-employee": Visit("t-employee", go("/")),
    "notifications": Visit("t-pio", go("/notifications/")),
    "notifications-empty": Visit(ADMIN, go("/notifications/")),
    "audit": Visit(AUDITOR, go("/audit/")),
    "audit-filter-errors": Visit(AUDITOR, go("/audit/?since=2026-02-01&until=2026-01-01")),
    "audit-verify-result": Visit(AUDITOR, verify_chain),
    "password-change": Visit("t-employee", go("/accounts/password/")),
    "password-change-errors": Visit("t-employee", go_and_submit("/accounts/password/", "Change password")),
    "password-change-done": Visit("t-employee", go("/accounts/password/done/")),
    "tokens": Visit("t-employee", go("/settings/tokens/")),
    "tokens-errors": Visit("t-employee", go_and_submit("/settings/tokens/", "Create token")),
    "tokens-created": Visit("t-employee", create_token),
    "agencies": Visit(ADMIN, go("/agencies/")),
    "agency": Visit(ADMIN, go(f"{AGENCY}/")),
    "department-new": Visit(ADMIN, go(f"{AGENCY}/departments/new/")),
    "department-new-errors": Visit(ADMIN, go_and_submit(f"{AGENCY}/departments/new/")),
    "department": Visit(ADMIN, go(lambda w: f"{AGENCY}/departments/{programs(w)}/")),
    "department-edit": Visit(ADMIN, go(lambda w: f"{AGENCY}/departments/{programs(w)}/edit/")),
    "department-edit-errors": Visit(ADMIN, go_and_submit(
        lambda w: f"{AGENCY}/departments/{programs(w)}/edit/", clear="#id_name")),
    "people": Visit(ADMIN, go(f"{AGENCY}/people/")),
    "person-new": Visit(ADMIN, go(f"{AGENCY}/people/new/")),
    "person-new-errors": Visit(ADMIN, go_and_submit(f"{AGENCY}/people/new/")),
    "person": Visit(ADMIN, go(lambda w: f"{AGENCY}/people/{person_pk(w, 'moderator')}/")),
    "person-edit": Visit(ADMIN, go(lambda w: f"{AGENCY}/people/{person_pk(w, 'moderator')}/edit/")),
    "person-edit-errors": Visit(ADMIN, go_and_submit(
        lambda w: f"{AGENCY}/people/{person_pk(w, 'moderator')}/edit/", clear="#id_email")),
    "policy": Visit(ADMIN, go(f"{AGENCY}/policy/")),
    "policy-adopt": Visit(ADMIN, go(f"{AGENCY}/policy/adopt/")),
    "policy-adopt-preview": Visit(ADMIN, go(f"{AGENCY}/policy/adopt/?pack=lucas-county-cs")),
    "policy-adopt-unconfirmed": Visit(ADMIN, go_and_submit(f"{AGENCY}/policy/adopt/?pack=lucas-county-cs",
                                                           "Adopt this pack")),
    "not-found": Visit(ADMIN, go("/no-such-page/")),
    "not-found-anonymous": Visit(None, go("/no-such-page/")),
    "forbidden": Visit("t-employee", go("/audit/")),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_axe_clean(page: Page, world: World, name: str) -> None:
    visit = PAGES[name]
    if visit.persona:
        sign_in(page, visit.persona)
    visit.reach(page, world)
    assert_axe_clean(page)


def test_error_pages_answer_with_their_status(page: Page, world: World) -> None:
    sign_in(page, "t-employee")
    assert page.goto("/no-such-page/").status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert page.goto("/audit/").status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this")


def test_dashboard_is_axe_clean_on_a_phone_with_menu_open(browser, live_server, world: World) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        sign_in(page, ADMIN)
        assert_axe_clean(page)
        page.get_by_role("button", name="Menu").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        page.screenshot(path="/tmp/socialgov-dashboard-phone-menu.png", animations="disabled")
        assert_axe_clean(page)
        page.get_by_role("button", name="Close menu").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    finally:
        context.close()


def test_new_api_token_is_shown_only_once(page: Page, world: World) -> None:
    sign_in(page, "t-employee")
    create_token(page, world)
    token = page.locator("#new-token").inner_text()
    page.goto("/settings/tokens/")
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.locator("main table")).to_contain_text(token[:8])
    expect(page.locator("main")).not_to_contain_text(token)


# --- the agency admin's walk-through --------------------------------------------------------

def add_department(page: Page, name: str, parent: str) -> None:
    page.goto(f"{AGENCY}/")
    page.get_by_role("link", name="Add a department").click()
    page.get_by_label("Department name").fill(name)
    page.get_by_label("Part of").select_option(label=parent)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def add_volunteer(page: Page, department: str) -> None:
    page.goto(f"{AGENCY}/people/")
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Full name").fill(VOLUNTEER["name"])
    page.get_by_label("Work e-mail").fill("val.ventura@test-agency.example.gov")
    page.get_by_label("Job title").fill("Weekend community host")
    page.get_by_label("Employment type").select_option(label="Volunteer")
    page.get_by_label("Home department").select_option(label=department)
    page.get_by_label("Sign-in name").fill(VOLUNTEER["username"])
    page.get_by_label("Initial password").fill(VOLUNTEER["password"])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VOLUNTEER["name"])


def grant_role(page: Page, role: str, department: str) -> None:
    page.get_by_label(re.compile(r"^Role\b")).select_option(label=role)
    page.get_by_label("In department").select_option(label=department)
    page.get_by_role("button", name="Grant role").click()
    expect(page.get_by_role("status")).to_contain_text("Role granted.")


def designate(page: Page, department: str, kind: str, person: str) -> None:
    page.goto(f"{AGENCY}/")
    page.get_by_role("table").get_by_role("link", name=department, exact=True).click()
    page.get_by_label("Designation").select_option(label=kind)
    page.get_by_label("Person").select_option(label=person)
    page.get_by_label("Note").fill("Runs the volunteer moderation rota.")
    page.get_by_role("button", name="Designate").click()
    expect(page.get_by_role("status")).to_contain_text("Designation recorded.")


def admin_adds_and_designates_volunteer(page: Page) -> None:
    sign_in(page, ADMIN)
    add_department(page, NEW_DEPARTMENT, parent="Programs and Services")
    add_volunteer(page, NEW_DEPARTMENT)
    grant_role(page, "Moderator", NEW_DEPARTMENT)
    designate(page, NEW_DEPARTMENT, "Content moderator and administrator (LAC-03)", VOLUNTEER["name"])


@pytest.mark.requirement("KY-12")
@pytest.mark.requirement("LAC-03")
def test_admin_adds_volunteer_and_designates_them(page: Page, world: World) -> None:
    admin_adds_and_designates_volunteer(page)

    page.goto(f"{AGENCY}/people/")
    volunteer_row = page.get_by_role("row").filter(has_text=VOLUNTEER["name"])
    expect(volunteer_row.get_by_role("cell")).to_have_text(
        ["Weekend community host", "Volunteer", NEW_DEPARTMENT, "Moderator"])

    page.goto(f"{AGENCY}/")
    department_row = page.get_by_role("row").filter(has_text=NEW_DEPARTMENT)
    expect(department_row.locator("th")).to_have_class(re.compile(r"\bsg-tree-1\b"))  # under Programs
    expect(department_row.locator("td").nth(1)).to_have_text(VOLUNTEER["name"])  # content moderator
    page.screenshot(path="/tmp/socialgov-agency-after-walkthrough.png", full_page=True)

    sign_out(page)
    sign_in(page, AUDITOR)
    page.goto("/audit/")
    by_admin = page.get_by_role("row").filter(has_text="Avery Adams (t-agency-admin)")
    expect(by_admin.locator("td.sg-mono")).to_have_text([  # newest first
        "agencies.designation.assign", "agencies.membership.grant",
        "agencies.person.create", "agencies.department.create"])
    expect(by_admin.filter(has_text="agencies.designation.assign")).to_contain_text(VOLUNTEER["name"])
    expect(by_admin.filter(has_text="agencies.department.create")).to_contain_text(NEW_DEPARTMENT)


def test_designated_volunteer_is_notified(page: Page, world: World) -> None:
    admin_adds_and_designates_volunteer(page)
    sign_out(page)

    sign_in(page, VOLUNTEER["username"], VOLUNTEER["password"])
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {VOLUNTEER['name']}")
    expect(page.locator("main")).to_contain_text(f"Moderator — {NEW_DEPARTMENT}")
    notifications_link = page.get_by_role("banner").get_by_role("link", name=re.compile(r"^Notifications"))
    expect(notifications_link).to_have_text(re.compile(r"^Notifications\s*1 unread$"))
    height_with_count = notifications_link.bounding_box()["height"]

    notifications_link.click()
    expect(notifications_link).to_have_attribute("aria-current", "page")
    subject = f"You are now the Content moderator and administrator (LAC-03) for {NEW_DEPARTMENT}"
    expect(page.locator("main table")).to_contain_text(subject)
    page.get_by_role("button", name=f"Open “{subject}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_DEPARTMENT)
    expect(notifications_link).to_have_text("Notifications")  # read now
    # At the default 1280 px the count stays on the word's line instead of wrapping under it.
    assert height_with_count == notifications_link.bounding_box()["height"]


# --- CSRF -----------------------------------------------------------------------------------

def test_form_with_tampered_csrf_token_is_refused(page: Page, world: World) -> None:
    sign_in(page, ADMIN)
    page.goto(f"{AGENCY}/departments/new/")
    page.get_by_label("Department name").fill("Forged Department")
    page.locator("main input[name=csrfmiddlewaretoken]").evaluate("input => input.value = 'x'.repeat(64)")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Save").click()
    assert posted.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This form could not be accepted")
    assert_axe_clean(page)
    page.goto(f"{AGENCY}/")
    expect(page.get_by_role("link", name="Forged Department")).to_have_count(0)


def test_grouped_menus_open_and_lead_to_their_pages(page: Page, world: World) -> None:
    sign_in(page, ADMIN)
    nav = page.get_by_role("navigation", name="Primary")
    nav.get_by_role("button", name="Agency").click()
    assert_axe_clean(page)
    with page.expect_navigation():
        nav.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("People")
    expect(nav.get_by_role("button", name="Agency")).to_have_class(re.compile("usa-current"))
