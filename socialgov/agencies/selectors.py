from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from socialgov.agencies.models import Agency, Department, Designation, Membership, Person
from socialgov.agencies.roles import DesignationKind, Role

_CACHE = "_socialgov_roles"


def person_of(user) -> Person | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        person = user.person
    except Person.DoesNotExist:
        return None
    return person if person.active else None


def agency_id_of(obj) -> int | None:
    if isinstance(obj, Agency):
        return obj.pk
    return getattr(obj, "agency_id", None)


def roles_of(user, agency_id: int) -> dict[str, set[int | None]]:
    """role -> department ids where the user holds it (None = agency-wide); cached per user object."""
    cache = getattr(user, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE, cache)
    if agency_id not in cache:
        person = person_of(user)
        roles: dict[str, set[int | None]] = defaultdict(set)
        if person is not None and person.agency_id == agency_id:
            for role, dept in Membership.objects.current().filter(person=person).values_list("role", "department_id"):
                roles[role].add(dept)
        cache[agency_id] = dict(roles)
    return cache[agency_id]


def has_role(user, obj, *roles: str) -> bool:
    """Does the user hold one of ``roles`` over ``obj`` (an agency, a department, or anything with
    an agency and optionally a department)? A department role covers the departments below it."""
    agency_id = agency_id_of(obj)
    if agency_id is None or not user.is_authenticated:
        return False
    held = roles_of(user, agency_id)
    department = obj if isinstance(obj, Department) else getattr(obj, "department", None)
    scope: set[int | None] = {None}
    if department is not None:
        scope |= {department.pk, *department.ancestor_ids()}
    return any(held.get(role, set()) & scope for role in roles)


def has_role_anywhere(user, agency_id: int, *roles: str) -> bool:
    held = roles_of(user, agency_id)
    return any(role in held for role in roles)


def agencies_visible_to(user) -> QuerySet[Agency]:
    if user.is_superuser:
        return Agency.objects.all()
    person = person_of(user)
    return Agency.objects.filter(pk=person.agency_id) if person else Agency.objects.none()


def departments_visible_to(user) -> QuerySet[Department]:
    return Department.objects.filter(agency__in=agencies_visible_to(user)).select_related("agency", "parent")


def people_visible_to(user) -> QuerySet[Person]:
    return Person.objects.filter(agency__in=agencies_visible_to(user)).select_related("department", "user")


def memberships_visible_to(user) -> QuerySet[Membership]:
    return Membership.objects.filter(agency__in=agencies_visible_to(user)).select_related(
        "person", "department", "agency")


def department_tree(agency: Agency) -> list[tuple[Department, int]]:
    """Departments in tree order with their depth, in one query."""
    departments = list(Department.objects.filter(agency=agency).order_by("name"))
    children: dict[int | None, list[Department]] = defaultdict(list)
    for dept in departments:
        children[dept.parent_id].append(dept)
    ordered: list[tuple[Department, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for dept in children.get(parent_id, []):
            ordered.append((dept, depth))
            walk(dept.pk, depth + 1)

    walk(None, 0)
    return ordered


def departments_by_id(agency: Agency) -> dict[int, Department]:
    """The agency's departments by id, each with its parent from the same read: walking up costs no query."""
    departments = {d.pk: d for d in Department.objects.filter(agency=agency)}
    for department in departments.values():
        if department.parent_id in departments:
            department.parent = departments[department.parent_id]
    return departments


def current_designations(agency: Agency) -> dict[tuple[int, str], Designation]:
    rows = Designation.objects.current().filter(department__agency=agency).select_related("person")
    return {(d.department_id, d.kind): d for d in rows}


def designation_gaps(agency: Agency) -> list[tuple[Department, str]]:
    """LAC-02/LAC-03: departments still without a designated access approver or content moderator."""
    held = current_designations(agency)
    return [(dept, DesignationKind(kind)) for dept, _ in department_tree(agency) for kind in DesignationKind.values
            if (dept.pk, kind) not in held]


def users_with_role(agency: Agency, role: str, department: Department | None = None) -> QuerySet:
    """Active sign-ins holding ``role`` agency-wide, or in ``department`` or a department above it."""
    scope = Q(department__isnull=True)
    if department is not None:
        scope |= Q(department_id__in=[department.pk, *department.ancestor_ids()])
    holders = Membership.objects.current().filter(scope, agency=agency, role=role, person__active=True)
    return get_user_model().objects.filter(is_active=True, person__in=holders.values("person_id"))


ROLE_LABELS = dict(Role.choices)
