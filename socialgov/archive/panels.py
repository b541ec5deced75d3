"""The Archive nav item and the records officers' dashboard panel: recent imports, failed ones first."""

from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import has_role_anywhere, person_of
from socialgov.archive import selectors
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register


def _agency(user):
    person = person_of(user)
    return person.agency if person else None


def _records_officer(user) -> bool:
    agency = _agency(user)
    return agency is not None and has_role_anywhere(user, agency.pk, Role.RECORDS_OFFICER, Role.AGENCY_ADMIN)


def _jobs(user) -> list:
    agency = _agency(user)
    return selectors.recent_import_jobs(user, agency) if agency else []


PANELS = [
    Panel(key="archive-imports", title="Records archive: recent imports", template="archive/panel_imports.html",
          items=_jobs, applies_to=_records_officer, order=60,
          empty_text="No export has been imported yet. Imports you or others start are listed here, failed ones "
                     "first, so an interrupted import is resumed."),
]


def register_panels() -> None:
    for panel in PANELS:
        register(panel)
    navigation.register(navigation.NavItem(
        "Archive", lambda agency: reverse("archive-index", args=[agency.slug]),
        lambda user, agency: user.has_perm("archive.view_records", agency),
        ("archive-index", "archive-account", "archive-record", "archive-blob", "archive-import", "archive-imports"),
        order=50,
        group="Records"))
