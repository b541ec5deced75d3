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
    group: str = ""                           # items of one group share a drop-down menu


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.label] = item


def items_for(user, agency, url_name: str) -> list[dict]:
    """The header's entries in order: links, and groups (``children``) of two or more links.

    A group is placed where its first item is; a group with one item shown is just that link,
    so nobody opens a menu to find a single entry.
    """
    shown = sorted((i for i in _ITEMS.values() if i.applies_to(user, agency)), key=lambda i: i.order)
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for item in shown:
        link = {"label": item.label, "url": item.url(agency),
                "current": any(url_name == s or url_name.startswith(s + "-") for s in item.sections)}
        if not item.group:
            entries.append(link)
        elif item.group in groups:
            groups[item.group]["children"].append(link)
        else:
            groups[item.group] = {"label": item.group, "children": [link],
                                  "id": "nav-" + "".join(c if c.isalnum() else "-" for c in item.group.lower())}
            entries.append(groups[item.group])
    for group in groups.values():
        group["current"] = any(child["current"] for child in group["children"])
    return [entry["children"][0] if len(entry.get("children", ())) == 1 else entry for entry in entries]
