"""Archive search in a real browser: the search page with results and highlights, errors, and the
saved-search page, each axe-clean; a records officer searches, saves and re-runs a search."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from socialgov.archive.search.tests.conftest import day, ingest, item
from socialgov.core.testing import World
from socialgov.policies.tests.test_browser import assert_axe_clean, sign_in

pytestmark = pytest.mark.browser

SEARCH = "/agencies/test-agency/archive/search/"


@pytest.mark.parametrize("query", ["", "?q=pool&versions=all", "?q=holiday&versions=all", '?q="pool',
                                   "?hidden=only&deleted=include"])
def test_search_page_is_axe_clean(page: Page, world: World, archive, query: str) -> None:
    sign_in(page, "t-employee")
    assert page.goto(SEARCH + query).status == 200
    assert_axe_clean(page)


@pytest.mark.requirement("LCCS-08")
def test_a_records_officer_finds_saves_and_reruns_a_search(page: Page, world: World, archive) -> None:
    sign_in(page, "t-records-officer")
    page.goto(SEARCH)
    page.get_by_label("Words to find").fill("holiday")
    page.get_by_text("Earlier versions too").click()
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name="2 results")).to_be_visible()
    expect(page.locator(".sg-snippet mark").first).to_have_text("holiday")
    expect(page.locator("main")).to_contain_text("Earlier version")
    expect(page.locator("main")).to_contain_text("Library hours change for the winter")
    page.get_by_label("Name of the saved search").fill("OPRA 2026-014 holiday hours")
    page.get_by_role("button", name="Save this search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OPRA 2026-014 holiday hours")
    assert_axe_clean(page)
    ingest(archive, item("88", "Holiday schedule for the pool", day(2026, 3, 2)))
    page.get_by_role("button", name="Run it again").click()
    expect(page.get_by_role("region", name="Last run")).to_contain_text("Results changed since saved: 2 then, 3 now")
    assert_axe_clean(page)
    page.get_by_role("link", name="Saved searches").first.click()
    expect(page.get_by_role("link", name="OPRA 2026-014 holiday hours")).to_be_visible()
    assert_axe_clean(page)
