"""The Search entry of the Records menu."""

from __future__ import annotations

from django.urls import reverse

from socialgov.core import navigation


def register_panels() -> None:
    navigation.register(navigation.NavItem(
        "Search records", lambda agency: reverse("archive-search", args=[agency.slug]),
        lambda user, agency: user.has_perm("archive.view_records", agency),
        ("archive-search", "archive-saved"), order=51, group="Records"))
