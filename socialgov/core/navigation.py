"""Primary navigation: each app registers its items; the header shows those that apply to the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavItem:
    label: str
    url: Callable[[Any], str]                 # agency -> URL
    applies_to: Callable[[Any, Any], bool]    # (user, agency) -> shown?
    sections: tuple[str, ...]                 # URL-name prefixes that mark the item current
    order: int = 100


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.label] = item


def items_for(user, agency, url_name: str) -> list[dict]:
    shown = sorted((i for i in _ITEMS.values() if i.applies_to(user, agency)), key=lambda i: i.order)
    return [{"label": i.label, "url": i.url(agency),
             "current": any(url_name == s or url_name.startswith(s + "-") for s in i.sections)} for i in shown]
