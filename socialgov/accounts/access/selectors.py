"""Reads for employee access: who may see which requests and grants, and who approves."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from socialgov.accounts.access.models import AccessRequest
from socialgov.accounts.access.workflows import AccessState
from socialgov.agencies.models import Department, Person
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import has_role, person_of, users_with_role
from socialgov.policies.selectors.documents import departments_headed_by

# Those who oversee access across the agency (read): LAC-02's access approvers among them.
OVERSEER_ROLES = (Role.AGENCY_ADMIN, Role.AGENCY_HEAD, Role.CIO, Role.CISO, Role.DISO, Role.AUDITOR)
SUPERVISOR, DEPARTMENT_HEAD = "supervisor", "department head"


def _base() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.select_related("person__supervisor", "department", "decided_by__person",
                                                "ended_by__person")


def requests_visible_to(user) -> QuerySet[AccessRequest]:
    person = person_of(user)
    if person is None:
        return AccessRequest.objects.none()
    rows = _base().filter(agency=person.agency)
    if has_role(user, person.agency, *OVERSEER_ROLES):
        return rows
    return rows.filter(Q(person=person) | Q(person__supervisor=person)
                       | Q(department_id__in=departments_headed_by(user, person.agency)))


def approver_relation(user, request: AccessRequest) -> str | None:
    """DCFS-07 / LAC-07: the requester's supervisor, or the head of their department, approves.
    Nobody approves their own request."""
    person = person_of(user)
    if person is None or person.pk == request.person_id or person.agency_id != request.agency_id:
        return None
    if request.person.supervisor_id == person.pk:
        return SUPERVISOR
    if request.department_id and has_role(user, request.department, Role.DEPARTMENT_HEAD):
        return DEPARTMENT_HEAD
    return None


def approvers_of(request: AccessRequest) -> list:
    """Everyone who may approve the request (to tell them it waits)."""
    users = {}
    supervisor = request.person.supervisor
    if supervisor is not None and supervisor.user_id and supervisor.active:
        users[supervisor.user_id] = supervisor.user
    if request.department_id:
        for user in users_with_role(request.agency, Role.DEPARTMENT_HEAD, request.department):
            users[user.pk] = user
    users.pop(request.person.user_id, None)
    return list(users.values())


def waiting_for(user) -> list[AccessRequest]:
    rows = requests_visible_to(user).filter(state=AccessState.REQUESTED)
    return [r for r in rows if approver_relation(user, r) is not None]


def own_requests(user) -> QuerySet[AccessRequest]:
    person = person_of(user)
    return _base().filter(person=person) if person else AccessRequest.objects.none()


def grants(user, *, department: Department | None = None, state: str = "",
           person: Person | None = None) -> QuerySet[AccessRequest]:
    rows = requests_visible_to(user)
    if department is not None:
        rows = rows.filter(department=department)
    if state:
        rows = rows.filter(state=state)
    if person is not None:
        rows = rows.filter(person=person)
    return rows


def has_access(person: Person) -> bool:
    """Does the person hold a current grant of professional-use access (DCFS-07)?"""
    return AccessRequest.objects.filter(person=person, state=AccessState.GRANTED).exists()
