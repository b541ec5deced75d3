"""The header's navigation: items that share a group become one drop-down; a lone item stays a link."""

from __future__ import annotations

import pytest

from socialgov.core import navigation
from socialgov.core.navigation import NavItem


@pytest.fixture
def registry(monkeypatch):
    items: dict[str, NavItem] = {}
    monkeypatch.setattr(navigation, "_ITEMS", items)
    return items


def item(label, order, group="", shown=True, sections=()):
    return NavItem(label, lambda agency: f"/{label.lower()}/", lambda user, agency: shown, sections, order, group)


def test_items_of_one_group_share_a_menu_placed_where_its_first_item_is(registry):
    for entry in (item("Agency", 10, "Agency"), item("People", 20, "Agency", sections=("people",)),
                  item("Accounts", 30), item("Audit trail", 90)):
        navigation.register(entry)
    entries = navigation.items_for(None, None, "people-detail")
    assert [e["label"] for e in entries] == ["Agency", "Accounts", "Audit trail"]
    menu = entries[0]
    assert menu["id"] == "nav-agency" and menu["current"] is True
    assert [(c["label"], c["url"], c["current"]) for c in menu["children"]] == [
        ("Agency", "/agency/", False), ("People", "/people/", True)]


def test_a_group_with_one_item_shown_is_just_that_link(registry):
    navigation.register(item("Accounts", 30, "Accounts"))
    navigation.register(item("Access", 32, "Accounts", shown=False))
    assert navigation.items_for(None, None, "dashboard") == [
        {"label": "Accounts", "url": "/accounts/", "current": False}]


def test_the_header_renders_groups_as_menus_with_their_links(client_as, world):
    page = client_as("agency_admin").get("/").content.decode()
    assert 'aria-controls="nav-agency"' in page and 'aria-controls="nav-policy"' in page
    assert f'href="/agencies/{world.agency.slug}/people/"' in page
