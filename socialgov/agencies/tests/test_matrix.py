"""Permission matrix for agency, department and people pages and the read API."""

from __future__ import annotations

import pytest

from socialgov.agencies.roles import DesignationKind, Role
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

MEMBERS = set(PERSONA_KEYS)
ADMINS = {"agency_admin"}
DESIGNATORS = {"agency_admin", "agency_head", "department_head"}  # department head of "programs"


def _person(w):
    return w.person("employee")


def _membership(w):
    return _person(w).memberships.current().first()


ROWS = [
    Row("agencies", lambda w: "/agencies/", set(), denied=302, outsider=302),  # one agency: straight to it
    Row("agency-create", lambda w: "/agencies/new/", set(), outsider=403),  # system administrators only
    Row("agency-detail", lambda w: w.agency_url(), MEMBERS, outsider=404),
    Row("department-create", lambda w: w.agency_url("departments/new/"), ADMINS, outsider=404),
    Row("department-create", lambda w: w.agency_url("departments/new/"), ADMINS, outsider=404, method="post",
        data={"name": "Matrix Unit"}, ok=302),
    Row("department-detail", lambda w: w.agency_url(f"departments/{w.dept('programs').pk}/"), MEMBERS, outsider=404),
    Row("department-edit", lambda w: w.agency_url(f"departments/{w.dept('programs').pk}/edit/"), ADMINS,
        outsider=404),
    Row("department-designate", lambda w: w.agency_url(f"departments/{w.dept('programs').pk}/designate/"),
        DESIGNATORS, method="post", ok=302, outsider=404,
        data=lambda w: {"kind": DesignationKind.ACCESS_APPROVER, "person": w.person("cio").pk}),
    Row("people", lambda w: w.agency_url("people/"), MEMBERS, outsider=404),
    Row("person-create", lambda w: w.agency_url("people/new/"), ADMINS, outsider=404),
    Row("person-detail", lambda w: w.agency_url(f"people/{_person(w).pk}/"), MEMBERS, outsider=404),
    Row("person-edit", lambda w: w.agency_url(f"people/{_person(w).pk}/edit/"), ADMINS, outsider=404),
    Row("person-grant", lambda w: w.agency_url(f"people/{_person(w).pk}/roles/"), ADMINS, method="post", ok=302,
        outsider=404, data={"role": Role.MODERATOR}),
    Row("membership-end", lambda w: w.agency_url(f"people/{_person(w).pk}/roles/{_membership(w).pk}/end/"),
        ADMINS, method="post", ok=302, outsider=404),
    Row("person-set-password", lambda w: w.agency_url(f"people/{_person(w).pk}/password/"), ADMINS,
        method="post", ok=302, outsider=404, data={"password": "a-sound-new-pass-2026"}),
    Row("person-deactivate", lambda w: w.agency_url(f"people/{_person(w).pk}/deactivate/"), ADMINS,
        method="post", ok=302, outsider=404, data={"reason": "left"}),
]

API = "/api/v1/"
API_ROWS = [
    Row("api-root", lambda w: API, MEMBERS | {"outsider"}, anonymous=401),
    *[Row(f"api-{kind}-list", lambda w, plural=plural: f"{API}{plural}/", MEMBERS | {"outsider"}, anonymous=401)
      for kind, plural in (("agency", "agencies"), ("department", "departments"), ("person", "people"),
                           ("membership", "memberships"))],
    Row("api-agency-detail", lambda w: f"{API}agencies/{w.agency.pk}/", MEMBERS, outsider=404, anonymous=401),
    Row("api-department-detail", lambda w: f"{API}departments/{w.dept('programs').pk}/", MEMBERS, outsider=404,
        anonymous=401),
    Row("api-person-detail", lambda w: f"{API}people/{_person(w).pk}/", MEMBERS, outsider=404, anonymous=401),
    Row("api-membership-detail", lambda w: f"{API}memberships/{_membership(w).pk}/", MEMBERS, outsider=404,
        anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])
