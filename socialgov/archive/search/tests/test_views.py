"""The search page as a person uses it: what the form shows for a plain word search."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def checked(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="(\w+)"[^>]*checked', page)


def test_a_word_search_shows_each_choice_at_its_default(client_as, world, archive):
    page = client_as("employee").get(world.agency_url("archive/search/?q=pool")).content.decode()
    assert "<mark>" in page
    assert {name: checked(page, name) for name in ("versions", "deleted", "edited", "hidden", "order")} == {
        "versions": ["current"], "deleted": ["include"], "edited": ["include"], "hidden": ["include"],
        "order": ["newest"]}


def test_a_choice_in_the_url_is_kept(client_as, world, archive):
    page = client_as("employee").get(world.agency_url("archive/search/?q=pool&versions=all")).content.decode()
    assert checked(page, "versions") == ["all"]
