"""Employee access in a real browser: every page axe-clean, and the LAC-06 gate as people meet it —
the department head cannot approve until the employee has acknowledged the board policies and
completed the training."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from socialgov.accounts.access import services
from socialgov.accounts.access.models import AccessRequest
from socialgov.core.testing import World
from socialgov.policies.tests.makers import adopt
from socialgov.policies.tests.test_browser import assert_axe_clean, sign_in, submit_past_browser_checks

pytestmark = pytest.mark.browser

AGENCY = "/agencies/test-agency"


def _ask(world: World, state: str = "requested") -> str:
    request = services.access_request_submit(actor=world.user("employee"), agency=world.agency,
                                             platforms="LinkedIn", purpose="Recruitment posts", working_hours=True)
    if state == "granted":
        request = services.access_request_approve(actor=world.user("department_head"), request=request)
    return f"{AGENCY}/access/{request.pk}/"


def _blocked(world: World) -> str:
    adopt(world, "la-county-cio")
    return _ask(world)


PAGES: dict[str, tuple[str, Callable[[World], str], str | None]] = {
    "access-home": ("t-department-head", lambda w: (_ask(w), f"{AGENCY}/access/")[1], None),
    "access-new": ("t-employee", lambda w: f"{AGENCY}/access/new/", None),
    "access-new-errors": ("t-employee", lambda w: f"{AGENCY}/access/new/", "Send the request"),
    "access-grants": ("t-agency-admin", lambda w: (_ask(w, "granted"), f"{AGENCY}/access/grants/")[1], None),
    "access-request-waiting": ("t-department-head", _ask, None),
    "access-request-blocked": ("t-department-head", _blocked, None),
    "access-request-as-employee": ("t-employee", _blocked, None),
    "access-request-granted": ("t-agency-head", lambda w: _ask(w, "granted"), None),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_axe_clean(page: Page, world: World, name: str) -> None:
    persona, path, submit = PAGES[name]
    url = path(world)
    sign_in(page, persona)
    assert page.goto(url).status == 200
    if submit:
        submit_past_browser_checks(page, submit)
        expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_axe_clean(page)


@pytest.mark.requirement("LAC-06")
@pytest.mark.requirement("LAC-07")
def test_access_is_approved_only_after_the_board_policies_and_training(page: Page, world: World) -> None:
    adopt(world, "la-county-cio")
    sign_in(page, "t-employee")
    page.goto(f"{AGENCY}/access/new/")
    page.get_by_label("Which social media sites or services").fill("LinkedIn")
    page.get_by_label("What for").fill("Share the agency's recruitment posts.")
    page.get_by_text("I will use them during working hours").click()
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waiting for approval")
    request = AccessRequest.objects.get()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "t-department-head")
    page.goto(f"{AGENCY}/access/{request.pk}/")
    alert = page.get_by_role("region", name="Access cannot be approved yet")
    expect(alert).to_contain_text("Board Policies 6.101, 6.105 and 3.040")
    expect(page.get_by_role("button", name="Approve access")).to_be_disabled()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "t-employee")
    page.goto(f"{AGENCY}/training/")
    page.get_by_role("link", name="Read and acknowledge").click()
    page.get_by_label("Date you completed the training").fill(str(timezone.localdate()))
    page.get_by_text("I have read and understand it, and I will comply with it").click()
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_role("status")).to_contain_text("your acknowledgement")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "t-department-head")
    page.goto(f"{AGENCY}/access/{request.pk}/")
    page.get_by_role("button", name="Approve access").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Granted")
    expect(page.locator("main")).to_contain_text("Dana Diaz (department head)")
    expect(page.locator("main")).to_contain_text("Board Policies 6.101, 6.105 and 3.040")
    assert_axe_clean(page)
