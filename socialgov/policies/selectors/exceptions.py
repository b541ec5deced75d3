"""The register of exception requests and exemptions (LAC-09, KY-11): who sees what, what waits
for whom, and which exemptions near their expiry."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import has_role, has_role_anywhere, person_of
from socialgov.policies import parameters
from socialgov.policies.models import ExceptionRequest
from socialgov.policies.selectors.documents import departments_headed_by
from socialgov.policies.selectors.packs import pack_data
from socialgov.policies.workflows import ExceptionState

EXPIRY_WARNING_DAYS = 30
# Besides the roles of each route's chain: those who oversee the policy and its compliance.
REGISTER_ROLES = {Role.AGENCY_ADMIN.value, Role.AGENCY_HEAD.value, Role.CIO.value, Role.CISO.value,
                  Role.AUDITOR.value, Role.LEGAL_COUNSEL.value}
REQUESTER_ROLES = (Role.DEPARTMENT_HEAD, Role.DISO, Role.CIO, Role.CISO, Role.COMMUNICATIONS_DIRECTOR, Role.PIO,
                   Role.AGENCY_HEAD, Role.AGENCY_ADMIN)


def _base() -> QuerySet[ExceptionRequest]:
    return ExceptionRequest.objects.select_related("department", "requested_by__person", "decided_by__person")


def sees_whole_register(user, agency) -> bool:
    roles = REGISTER_ROLES | parameters.exception_roles(pack_data(agency))
    return user.is_superuser or has_role(user, agency, *roles)


def exceptions_visible_to(user) -> QuerySet[ExceptionRequest]:
    """Everything in the agency for those who oversee exceptions; a department head's own
    department's; and one's own requests."""
    if user.is_superuser:
        return _base()
    person = person_of(user)
    if person is None:
        return ExceptionRequest.objects.none()
    mine = _base().filter(agency=person.agency)
    if sees_whole_register(user, person.agency):
        return mine
    return mine.filter(Q(requested_by=user) | Q(department_id__in=departments_headed_by(user, person.agency)))


def register(user, *, state: str = "", route: str = "", department=None, expiry: str = "",
             query: str = "") -> QuerySet[ExceptionRequest]:
    rows = exceptions_visible_to(user)
    if state:
        rows = rows.filter(state=state)
    if route:
        rows = rows.filter(route=route)
    if department is not None:
        rows = rows.filter(department=department)
    if query:
        rows = rows.filter(Q(title__icontains=query) | Q(scope__icontains=query))
    return _by_expiry(rows, expiry)


def _by_expiry(rows: QuerySet[ExceptionRequest], expiry: str) -> QuerySet[ExceptionRequest]:
    today = timezone.localdate()
    granted = rows.filter(state=ExceptionState.GRANTED)
    if expiry == "expired":
        return granted.filter(expires_on__lt=today)
    if expiry == "expiring":
        return granted.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS))
    if expiry == "in_force":
        return granted.filter(expires_on__gte=today)
    return rows


def waiting_for(user) -> list[ExceptionRequest]:
    """Requests at a step the user may act on, and requests returned to the user."""
    person = person_of(user)
    if person is None:
        return []
    rows = exceptions_visible_to(user).filter(state__in=[ExceptionState.IN_REVIEW, ExceptionState.RETURNED])
    return [r for r in rows if (r.state == ExceptionState.RETURNED and r.requested_by_id == user.pk)
            or user.has_perm("policies.act_on_exception", r)]


def expiring_for(user) -> list[ExceptionRequest]:
    """Exemptions nearing expiry or expired in the last weeks: for their requester, and for the
    reviewers (the first step's role, e.g. the CIO or CISO)."""
    person = person_of(user)
    if person is None:
        return []
    today = timezone.localdate()
    window = Q(expires_on__gte=today - timedelta(days=EXPIRY_WARNING_DAYS),
               expires_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS))
    rows = exceptions_visible_to(user).filter(window, state=ExceptionState.GRANTED).order_by("expires_on")
    reviewer = has_role_anywhere(user, person.agency_id, *parameters.reviewer_roles(pack_data(person.agency)))
    return [r for r in rows if r.requested_by_id == user.pk or reviewer]


def may_request(user, agency) -> bool:
    return user.is_superuser or has_role_anywhere(user, agency.pk, *REQUESTER_ROLES)
