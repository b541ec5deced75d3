from __future__ import annotations

from django.urls import reverse

from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import designation_gaps, has_role, has_role_anywhere, person_of
from socialgov.core import navigation
from socialgov.core.dashboard import Panel, register


def _designation_gaps_for(user) -> list:
    person = person_of(user)
    gaps = designation_gaps(person.agency)
    if has_role(user, person.agency, Role.AGENCY_ADMIN, Role.AGENCY_HEAD):
        return gaps
    return [(dept, kind) for dept, kind in gaps if has_role(user, dept, Role.DEPARTMENT_HEAD)]


def _concerned(user) -> bool:
    person = person_of(user)
    return person is not None and has_role_anywhere(
        user, person.agency_id, Role.AGENCY_ADMIN, Role.AGENCY_HEAD, Role.DEPARTMENT_HEAD)


def register_panels() -> None:
    register(Panel(
        key="designation-gaps", title="Departments missing a designation",
        template="agencies/panel_designation_gaps.html", items=_designation_gaps_for,
        applies_to=_concerned, order=20,
        empty_text="Every department has its access approver and content moderator designated. "
                   "A department that loses one will be listed here."))

    navigation.register(navigation.NavItem(
        "Agency", lambda agency: reverse("agency-detail", args=[agency.slug]),
        lambda user, agency: True, ("agency-detail", "department"), order=10, group="Agency"))
    navigation.register(navigation.NavItem(
        "People", lambda agency: reverse("people", args=[agency.slug]),
        lambda user, agency: True, ("people", "person", "membership"), order=20, group="Agency"))
