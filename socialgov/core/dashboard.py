"""Dashboard panels: each app registers what waits for whom; the dashboard shows the panels
that apply to the signed-in person, with an empty state that says what will appear there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    items: Callable[[Any], list]          # user -> the things waiting for them
    applies_to: Callable[[Any], bool]     # user -> does this panel concern them?
    empty_text: str
    order: int = 100
    # (user, items) -> how many wait in all, for a panel whose items are only the first of them; without
    # it the panel's count is how many items it shows.
    count: Callable[[Any, list], int] | None = None


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def panels_for(user) -> list[tuple[Panel, list, int]]:
    """The panels that concern ``user``, in order, each with its items and how many wait in all."""
    shown = sorted((p for p in _PANELS.values() if p.applies_to(user)), key=lambda p: p.order)
    found = []
    for panel in shown:
        items = panel.items(user)
        found.append((panel, items, panel.count(user, items) if panel.count and items else len(items)))
    return found
