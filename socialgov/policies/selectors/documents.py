"""Who must acknowledge what, and who has (DCFS-11, LCCS-12, LAC-06)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from socialgov.agencies.models import Agency, Department, Membership, Person
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import agencies_visible_to, has_role, has_role_anywhere, person_of
from socialgov.policies.models import Acknowledgement, DocumentVersion, PolicyDocument
from socialgov.policies.workflows import VersionState

DONE, DUE, OVERDUE = "done", "due", "overdue"
STATE_LABELS = {DONE: "Acknowledged", DUE: "Due", OVERDUE: "Overdue"}
# Roles that see everyone's acknowledgements; department heads see their departments'.
OVERVIEW_ROLES = (Role.AGENCY_ADMIN, Role.AGENCY_HEAD, Role.AUDITOR)


@dataclass(frozen=True)
class Obligation:
    """One document a person must acknowledge, its version in force, and where they stand."""

    person: Person
    document: PolicyDocument
    version: DocumentVersion
    acknowledgement: Acknowledgement | None
    due_on: date

    @property
    def state(self) -> str:
        if self.acknowledgement is not None:
            return DONE
        return OVERDUE if timezone.localdate() > self.due_on else DUE

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def documents_visible_to(user) -> QuerySet[PolicyDocument]:
    return PolicyDocument.objects.filter(agency__in=agencies_visible_to(user))


def versions_visible_to(user, document: PolicyDocument) -> QuerySet[DocumentVersion]:
    """Published and superseded versions for every member; drafts only for those who manage documents."""
    versions = document.versions.select_related("created_by", "published_by").defer("file_data")
    if user.has_perm("policies.manage_documents", document.agency):
        return versions
    return versions.filter(state__in=[VersionState.PUBLISHED, VersionState.SUPERSEDED])


def current_versions(agency: Agency) -> dict[int, DocumentVersion]:
    """The version in force of each active document, by document id."""
    rows = (DocumentVersion.objects.filter(document__agency=agency, document__active=True,
                                           state=VersionState.PUBLISHED)
            .select_related("document").defer("file_data"))
    return {v.document_id: v for v in rows}


def roles_held(people: Iterable[Person]) -> dict[int, set[str]]:
    """Current role keys of each person, in one query."""
    held: dict[int, set[str]] = defaultdict(set)
    ids = [p.pk for p in people]
    for person_id, role in Membership.objects.current().filter(person_id__in=ids).values_list("person_id", "role"):
        held[person_id].add(role)
    return held


def applies(document: PolicyDocument, person: Person, roles: set[str]) -> bool:
    """Does ``document`` ask ``person`` to acknowledge it? The role ``employee`` in an audience means
    every staff member (DCFS-11: all employees, including temporary and contracted staff)."""
    if not person.active or document.agency_id != person.agency_id:
        return False
    if document.audience_employment_types and person.employment_type not in document.audience_employment_types:
        return False
    audience = set(document.audience_roles)
    return not audience or Role.EMPLOYEE in audience or bool(audience & roles)


def _due_on(person: Person, version: DocumentVersion) -> date:
    start = max(version.published_at or version.created_at, person.created_at)
    return timezone.localdate(start) + timedelta(days=version.document.due_days)


def _acknowledged(people: Iterable[Person],
                  versions: Iterable[DocumentVersion]) -> dict[tuple[int, int], Acknowledgement]:
    rows = Acknowledgement.objects.filter(person__in=list(people), version__in=list(versions))
    return {(a.person_id, a.version_id): a for a in rows}


def obligations(people: list[Person], agency: Agency) -> dict[int, list[Obligation]]:
    """For each person, every document that asks them, in a fixed number of queries."""
    versions = current_versions(agency)
    held = roles_held(people)
    acks = _acknowledged(people, versions.values())
    result: dict[int, list[Obligation]] = {}
    for person in people:
        result[person.pk] = [
            Obligation(person, v.document, v, acks.get((person.pk, v.pk)), _due_on(person, v))
            for v in sorted(versions.values(), key=lambda v: v.document.title)
            if applies(v.document, person, held.get(person.pk, set()))]
    return result


def obligations_of(person: Person) -> list[Obligation]:
    return obligations([person], person.agency)[person.pk]


def outstanding_of(person: Person) -> list[Obligation]:
    """What the person has still to acknowledge (the current version of each document)."""
    return [o for o in obligations_of(person) if o.state != DONE]


def missing_before_access(person: Person) -> list[Obligation]:
    """LAC-06: what must be acknowledged (and trained) before access can be granted: every current
    version that asks the person, those the pack marks ``before_access`` first."""
    return sorted(outstanding_of(person), key=lambda o: (not o.document.before_access, o.document.title))


def acknowledgements_visible_to(user) -> QuerySet[Acknowledgement]:
    """One's own; everyone's for those who oversee acknowledgements; a head's departments'."""
    person = person_of(user)
    if person is None:
        return Acknowledgement.objects.none()
    rows = Acknowledgement.objects.filter(person__agency=person.agency).select_related("version__document")
    if has_role(user, person.agency, *OVERVIEW_ROLES):
        return rows
    return rows.filter(Q(person=person) | Q(person__department_id__in=departments_headed_by(user, person.agency)))


def acknowledgement_history(person: Person) -> QuerySet[Acknowledgement]:
    return person.acknowledgements.select_related("version__document").defer("version__file_data")


# --- the overview for agency administrators and department heads -----------------------------

def can_see_overview(user, agency: Agency) -> bool:
    return (user.is_superuser or has_role(user, agency, *OVERVIEW_ROLES)
            or has_role_anywhere(user, agency.pk, Role.DEPARTMENT_HEAD))


def overview_people(user, agency: Agency) -> QuerySet[Person]:
    """Active people whose acknowledgements the user oversees: everyone for agency administrators,
    the agency head and auditors; the people of their departments (and those below) for a head."""
    people = Person.objects.filter(agency=agency, active=True).select_related("department")
    if user.is_superuser or has_role(user, agency, *OVERVIEW_ROLES):
        return people
    return people.filter(department_id__in=departments_headed_by(user, agency))


def departments_headed_by(user, agency: Agency) -> set[int]:
    headed = {d for d in Membership.objects.current().filter(
        person__user=user, agency=agency, role=Role.DEPARTMENT_HEAD, department__isnull=False)
        .values_list("department_id", flat=True)}
    return _with_descendants(agency, headed)


def _with_descendants(agency: Agency, roots: set[int]) -> set[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in Department.objects.filter(agency=agency).values_list("pk", "parent_id"):
        children[parent].append(pk)
    found, stack = set(roots), list(roots)
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def overview(user, agency: Agency, *, department: Department | None = None, state: str = "",
             document: PolicyDocument | None = None) -> list[Obligation]:
    """Every (person, document) the user oversees, filtered; overdue first."""
    people = overview_people(user, agency)
    if department is not None:
        people = people.filter(department_id__in=_with_descendants(agency, {department.pk}))
    rows = [o for items in obligations(list(people), agency).values() for o in items]
    if document is not None:
        rows = [o for o in rows if o.document.pk == document.pk]
    if state:
        rows = [o for o in rows if o.state == state]
    order = {OVERDUE: 0, DUE: 1, DONE: 2}
    return sorted(rows, key=lambda o: (order[o.state], o.person.full_name, o.document.title))


def overdue_for_overseer(user) -> list[Obligation]:
    """The dashboard's list for agency administrators and department heads: overdue acknowledgements."""
    person = person_of(user)
    if person is None or not can_see_overview(user, person.agency):
        return []
    return overview(user, person.agency, state=OVERDUE)


def departments_for_filter(user, agency: Agency) -> QuerySet[Department]:
    departments = Department.objects.filter(agency=agency)
    if user.is_superuser or has_role(user, agency, *OVERVIEW_ROLES):
        return departments
    return departments.filter(Q(pk__in=departments_headed_by(user, agency)))
