"""The people every demo agency and every test uses: one per role, defined once.

``build_agency`` creates an agency with its departments, one person per persona (with a
sign-in), their roles and the department designations, all through the services, so the audit
trail of a demo or test agency looks like one built by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from socialgov.agencies import services
from socialgov.agencies.models import Agency, Department, Person
from socialgov.agencies.roles import DesignationKind, EmploymentType, Role

DEMO_PASSWORD = "socialgov-demo-2026"


@dataclass(frozen=True)
class Persona:
    key: str
    role: str
    full_name: str
    title: str
    department: str | None = None  # slug; None = agency-wide role
    employment_type: str = EmploymentType.EMPLOYEE


DEPARTMENTS: list[tuple[str, str, str | None]] = [
    ("executive-office", "Executive Office", None),
    ("communications", "Office of Communications", "executive-office"),
    ("information-technology", "Information Technology", None),
    ("programs", "Programs and Services", None),
    ("youth-services", "Youth Services", "programs"),
]

PERSONAS: list[Persona] = [
    Persona("agency_admin", Role.AGENCY_ADMIN, "Avery Adams", "Systems administrator", "information-technology"),
    Persona("agency_head", Role.AGENCY_HEAD, "Harper Hayes", "Executive director", "executive-office"),
    Persona("department_head", Role.DEPARTMENT_HEAD, "Dana Diaz", "Director, Programs and Services", "programs"),
    Persona("cio", Role.CIO, "Casey Chen", "Chief information officer", "information-technology"),
    Persona("ciso", Role.CISO, "Sam Singh", "Chief information security officer", "information-technology"),
    Persona("diso", Role.DISO, "Drew Dubois", "Department information security officer", "programs"),
    Persona("communications_director", Role.COMMUNICATIONS_DIRECTOR, "Morgan Moore", "Communications director",
            "communications"),
    Persona("pio", Role.PIO, "Pat Park", "Public information officer", "communications"),
    Persona("web_content_team", Role.WEB_CONTENT_TEAM, "Wren Walker", "Web content manager", "communications",
            EmploymentType.CONTRACTOR),
    Persona("account_administrator", Role.ACCOUNT_ADMINISTRATOR, "Ari Alvarez", "Social media administrator",
            "communications"),
    Persona("moderator", Role.MODERATOR, "Mo Martin", "Community moderator", "communications",
            EmploymentType.TEMPORARY),
    Persona("records_officer", Role.RECORDS_OFFICER, "Robin Reyes", "Records custodian", "executive-office"),
    Persona("legal_counsel", Role.LEGAL_COUNSEL, "Lee Lawson", "Agency counsel", "executive-office",
            EmploymentType.CONSULTANT),
    Persona("employee", Role.EMPLOYEE, "Emery Evans", "Caseworker", "youth-services"),
    Persona("auditor", Role.AUDITOR, "Ash Abbott", "Internal auditor", None, EmploymentType.CONSULTANT),
]

# Departments whose designations the demo leaves open, so the gap is visible.
UNDESIGNATED = {("youth-services", DesignationKind.CONTENT_MODERATOR)}


def username(prefix: str, persona: Persona) -> str:
    return f"{prefix}-{persona.key.replace('_', '-')}"


@transaction.atomic
def build_agency(*, name: str, slug: str, prefix: str, short_name: str = "",
                 password: str = DEMO_PASSWORD) -> Agency:
    """Create (or complete) an agency with the standard departments and personas; idempotent."""
    agency = Agency.objects.filter(slug=slug).first() or services.agency_create(
        actor=None, name=name, slug=slug, short_name=short_name)
    departments = _departments(agency)
    people = {p.key: _person(agency, departments, prefix, p, password) for p in PERSONAS}
    for dept_slug, dept in departments.items():
        for kind, holder in ((DesignationKind.ACCESS_APPROVER, "diso"), (DesignationKind.CONTENT_MODERATOR, "pio")):
            if (dept_slug, kind) not in UNDESIGNATED and not dept.designations.current().filter(kind=kind).exists():
                services.designation_assign(actor=None, department=dept, kind=kind, person=people[holder])
    return agency


def _departments(agency: Agency) -> dict[str, Department]:
    made: dict[str, Department] = {}
    for slug, name, parent in DEPARTMENTS:
        made[slug] = Department.objects.filter(agency=agency, slug=slug).first() or services.department_create(
            actor=None, agency=agency, name=name, slug=slug, parent=made.get(parent) if parent else None)
    return made


def _person(agency: Agency, departments: dict[str, Department], prefix: str, persona: Persona,
            password: str) -> Person:
    email = f"{persona.key.replace('_', '.')}@{agency.slug}.example.gov"
    person = Person.objects.filter(agency=agency, email=email).first()
    if person is None:
        person = services.person_create(
            actor=None, agency=agency, full_name=persona.full_name, email=email, title=persona.title,
            employment_type=persona.employment_type, department=departments.get(persona.department or ""),
            username=username(prefix, persona), password=password)
    department = departments[persona.department] if persona.role == Role.DEPARTMENT_HEAD else None
    if not person.memberships.current().filter(role=persona.role, department=department).exists():
        services.membership_grant(actor=None, person=person, role=persona.role, department=department)
    return person
