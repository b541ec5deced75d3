"""The dashboard: what waits for whom in the account lifecycle, and the Accounts nav item."""

from __future__ import annotations

import pytest

from socialgov.accounts import services
from socialgov.accounts.tests.conftest import active, approved, build_scene, submitted
from socialgov.core.dashboard import panels_for


def panel(user, key: str) -> list | None:
    """The items of panel ``key`` on the user's dashboard; None when the panel is not shown to them."""
    return next((items for p, items, _ in panels_for(user) if p.key == key), None)


def names(items) -> list[str]:
    return sorted(getattr(i, "name", None) or i.account.name for i in items)


@pytest.mark.requirement("NJ-06")
def test_requests_wait_on_the_dashboard_of_whoever_holds_the_current_step(world, lccs):
    account = submitted(world, "employee")
    assert names(panel(world.user("pio"), "accounts-reviews")) == [account.name]
    assert panel(world.user("agency_head"), "accounts-reviews") == []  # not their step yet
    assert panel(world.user("employee"), "accounts-reviews") is None  # reviews nothing under this pack
    services.review_begin(actor=world.user("pio"), account=account)
    services.review_step_approve(actor=world.user("pio"), account=account)
    assert names(panel(world.user("agency_head"), "accounts-reviews")) == [account.name]
    assert panel(world.user("pio"), "accounts-reviews") == []


@pytest.mark.requirement("NJ-09")
def test_accounts_without_an_acknowledged_administrator_wait_for_those_who_designate(world, nj):
    account = active(world)
    assert names(panel(world.user("agency_head"), "accounts-no-administrator")) == [account.name]
    assert names(panel(world.user("diso"), "accounts-no-administrator")) == [account.name]  # LAC-04 party
    assert panel(world.user("employee"), "accounts-no-administrator") is None


@pytest.mark.requirement("NJ-09")
def test_designations_wait_for_the_administrators_acknowledgement(world, nj):
    scene = build_scene(world)
    assert names(panel(world.user("moderator"), "accounts-designations")) == [scene["active"].name]


@pytest.mark.requirement("KY-04")
def test_terms_reviews_wait_for_the_person_assigned(world, nj):
    scene = build_scene(world)
    assert names(panel(world.user("communications_director"), "accounts-terms-reviews")) == [scene["active"].name]
    assert panel(world.user("cio"), "accounts-terms-reviews") is None


@pytest.mark.requirement("LAC-08")
def test_overdue_accounts_wait_for_the_people_who_must_act(world, nj):
    account = active(world)  # no acknowledged administrator: new use, so overdue at once
    for persona in ("agency_head", "department_head", "diso"):
        assert names(panel(world.user(persona), "accounts-compliance")) == [account.name], persona
    assert panel(world.user("employee"), "accounts-compliance") is None


def test_approved_accounts_wait_for_the_liaison(world, nj):
    account = approved(world)
    assert names(panel(world.user("account_administrator"), "accounts-activations")) == [account.name]


def test_dashboard_and_nav_show_the_accounts_panels(client_as, world, nj):
    build_scene(world)
    page = client_as("communications_director").get("/").content.decode()
    assert "Account requests waiting for your review" in page and "Submitted request" in page
    assert f'href="/agencies/{world.agency.slug}/accounts/"' in page
