"""The dashboard's panels count what waits in all, not only the first items they list."""

from __future__ import annotations

import re

import pytest

from socialgov.core import dashboard
from socialgov.core.models import Notification
from socialgov.core.services import notify
from socialgov.moderation.panels import PANEL as MODERATION_PANEL
from socialgov.moderation.panels import OpenCases


def _notifications_card(page: str) -> str:
    return re.search(r'<section[^>]*aria-labelledby="panel-notifications".*?</section>', page, re.S).group(0)


def _send(user, how_many: int) -> None:
    Notification.objects.filter(recipient=user).delete()  # the world's own set-up notifies some people
    for i in range(how_many):
        notify(recipients=[user], event="test.event", subject=f"Item {i}")


@pytest.mark.django_db
@pytest.mark.parametrize(("unread", "listed", "hint"), [
    (12, 10, "The first 10 of 12."),  # a long inbox: counted whole, as the header's Notifications link counts it
    (3, 3, None),                     # a short one: everything listed, nothing more said
])
def test_the_notifications_panel_counts_every_unread_one(client, world, unread, listed, hint):
    user = world.user("pio")
    _send(user, unread)
    client.force_login(user)

    card = _notifications_card(client.get("/").content.decode())

    assert f'<span class="usa-tag">{unread}</span>' in card
    assert card.count("<li>") == listed
    assert (hint in card) if hint else ("The first" not in card)


def test_a_panel_without_a_count_counts_its_items_and_the_moderation_panel_counts_every_waiting_case(
        monkeypatch: pytest.MonkeyPatch) -> None:
    listed = dashboard.Panel(key="listed", title="Listed", template="x.html", items=lambda user: ["a", "b"],
                             applies_to=lambda user: True, empty_text="none")
    cases = OpenCases(["case"] * 10)
    cases.waiting = 47
    moderation = dashboard.Panel(key="cases", title="Cases", template="x.html", items=lambda user: cases,
                                 applies_to=lambda user: True, empty_text="none", count=MODERATION_PANEL.count)
    monkeypatch.setattr(dashboard, "_PANELS", {"listed": listed, "cases": moderation})

    assert [(p.key, total) for p, _, total in dashboard.panels_for(object())] == [("listed", 2), ("cases", 47)]
