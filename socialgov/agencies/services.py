"""Write services for agencies, departments, people, memberships and designations.

Each runs in one transaction, checks the actor's permission, validates, saves, and writes the
audit event. ``actor=None`` is the system itself (demo data, imports run by an operator).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from socialgov.agencies.models import Agency, Department, Designation, Membership, Person
from socialgov.agencies.roles import DesignationKind, EmploymentType, Role
from socialgov.core.audit import audit_record, snapshot
from socialgov.core.permissions import require
from socialgov.core.services import notify

RESERVED_SLUGS = {"new", "api", "static", "admin"}
PERSON_FIELDS = ("full_name", "email", "title", "employment_type", "department_id", "supervisor_id", "active")


def agency_create(*, actor, name: str, slug: str = "", short_name: str = "", website: str = "") -> Agency:
    if actor is not None and not actor.has_perm("agencies.add_agency"):
        raise PermissionDenied("Only a system administrator can add an agency.")
    slug = slug or slugify(name)[:60]
    if slug in RESERVED_SLUGS:
        raise ValidationError({"name": f"{slug!r} is reserved for socialgov's own pages; choose another name."})
    with transaction.atomic():
        agency = Agency(name=name.strip(), slug=slug, short_name=short_name, website=website)
        agency.full_clean()
        agency.save()
        audit_record(action="agencies.agency.create", actor=actor, target=agency, agency_id=agency.pk,
                     after=snapshot(agency, ("name", "slug", "short_name", "website")))
    return agency


def department_create(*, actor, agency: Agency, name: str, parent: Department | None = None,
                      slug: str = "") -> Department:
    require(actor, "agencies.manage_structure", agency)
    with transaction.atomic():
        if parent is not None and parent.agency_id != agency.pk:
            raise ValidationError({"parent": "The parent department belongs to another agency."})
        dept = Department(agency=agency, parent=parent, name=name.strip(), slug=slug or slugify(name)[:60])
        _save_unique(dept)
        audit_record(action="agencies.department.create", actor=actor, target=dept, agency_id=agency.pk,
                     after=snapshot(dept, ("name", "slug", "parent_id")))
    return dept


def department_update(*, actor, department: Department, name: str, parent: Department | None) -> Department:
    require(actor, "agencies.manage_structure", department.agency)
    with transaction.atomic():
        dept = Department.objects.select_for_update().get(pk=department.pk)
        before = snapshot(dept, ("name", "parent_id"))
        if parent is not None:
            if parent.agency_id != dept.agency_id:
                raise ValidationError({"parent": "The parent department belongs to another agency."})
            if parent.pk == dept.pk or dept.pk in parent.ancestor_ids():
                raise ValidationError(
                    {"parent": "A department cannot sit below itself or one of its own sub-departments."})
        dept.name, dept.parent = name.strip(), parent
        _save_unique(dept)
        audit_record(action="agencies.department.update", actor=actor, target=dept, agency_id=dept.agency_id,
                     before=before, after=snapshot(dept, ("name", "parent_id")))
    return dept


def _save_unique(obj: Department) -> None:
    obj.full_clean(validate_constraints=False)
    # The database constraint treats top-level departments (no parent) as all distinct.
    siblings = Department.objects.filter(agency=obj.agency, parent=obj.parent, name__iexact=obj.name)
    if siblings.exclude(pk=obj.pk).exists():
        raise ValidationError({"name": f"A department named {obj.name!r} already exists here."})
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError({"name": "A department with this name or short name already exists here."}) from None


def person_create(*, actor, agency: Agency, full_name: str, email: str, title: str = "",
                  employment_type: str = EmploymentType.EMPLOYEE, department: Department | None = None,
                  supervisor: Person | None = None, username: str = "", password: str | None = None) -> Person:
    """Add a person; with ``username`` they also get a sign-in (with ``password``, or unusable
    until an administrator sets one)."""
    require(actor, "agencies.manage_structure", agency)
    with transaction.atomic():
        person = Person(agency=agency, full_name=full_name.strip(), email=email.strip().lower(), title=title,
                        employment_type=employment_type, department=department, supervisor=supervisor)
        _check_same_agency(person)
        person.full_clean(validate_constraints=False)
        if Person.objects.filter(agency=agency, email=person.email).exists():
            raise ValidationError({"email": f"{person.email} already belongs to someone in this agency."})
        if username:
            person.user = _create_login(username, person, password)
        person.save()
        audit_record(action="agencies.person.create", actor=actor, target=person, agency_id=agency.pk,
                     after={**snapshot(person, PERSON_FIELDS), "username": username or None})
    return person


def _create_login(username: str, person: Person, password: str | None):
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"The sign-in name {username!r} is taken."})
    first, _, last = person.full_name.partition(" ")
    user = User(username=username, email=person.email, first_name=first[:150], last_name=last[:150])
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def _check_same_agency(person: Person) -> None:
    if person.department_id and person.department.agency_id != person.agency_id:
        raise ValidationError({"department": "That department belongs to another agency."})
    if person.supervisor_id and person.supervisor.agency_id != person.agency_id:
        raise ValidationError({"supervisor": "The supervisor works for another agency."})


def person_update(*, actor, person: Person, **changes) -> Person:
    require(actor, "agencies.manage_structure", person.agency)
    allowed = {"full_name", "email", "title", "employment_type", "department", "supervisor"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        before = snapshot(locked, PERSON_FIELDS)
        for name, value in changes.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        if locked.supervisor_id == locked.pk:
            raise ValidationError({"supervisor": "A person cannot be their own supervisor."})
        _check_same_agency(locked)
        locked.full_clean(validate_constraints=False)
        if Person.objects.filter(agency=locked.agency, email=locked.email).exclude(pk=locked.pk).exists():
            raise ValidationError({"email": f"{locked.email} already belongs to someone in this agency."})
        locked.save()
        audit_record(action="agencies.person.update", actor=actor, target=locked, agency_id=locked.agency_id,
                     before=before, after=snapshot(locked, PERSON_FIELDS))
    return locked


def person_deactivate(*, actor, person: Person, reason: str) -> Person:
    """Someone leaves: their roles end and their sign-in stops working; designations they hold
    end too, and the department's head and the agency administrators are told to re-designate."""
    require(actor, "agencies.manage_structure", person.agency)
    if not reason.strip():
        raise ValidationError({"reason": "Say why this person is being deactivated."})
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        now = timezone.now()
        ended_roles = locked.memberships.current().update(ended_at=now)
        vacated = list(locked.designations.current().select_related("department"))
        locked.designations.current().update(ended_at=now)
        locked.active, locked.left_at = False, now
        locked.save(update_fields=["active", "left_at"])
        if locked.user_id:
            get_user_model().objects.filter(pk=locked.user_id).update(is_active=False)
        audit_record(action="agencies.person.deactivate", actor=actor, target=locked,
                     agency_id=locked.agency_id, before={"active": True},
                     after={"active": False, "reason": reason, "roles_ended": ended_roles,
                            "designations_vacated": [str(d) for d in vacated]})
        for designation in vacated:
            _notify_vacancy(designation)
    return locked


def _notify_vacancy(designation: Designation) -> None:
    from socialgov.agencies.selectors import users_with_role

    dept = designation.department
    recipients = [*users_with_role(dept.agency, Role.DEPARTMENT_HEAD, dept),
                  *users_with_role(dept.agency, Role.AGENCY_ADMIN)]
    notify(recipients=recipients, event="agencies.designation.vacated", agency_id=dept.agency_id,
           subject=f"{dept.name} needs a new {designation.get_kind_display().split(' (')[0].lower()}",
           body=f"{designation.person} no longer holds this designation. Designate someone else.",
           url=f"/agencies/{dept.agency.slug}/departments/{dept.pk}/")


def membership_grant(*, actor, person: Person, role: str, department: Department | None = None) -> Membership:
    require(actor, "agencies.manage_structure", person.agency)
    if role not in Role.values:
        raise ValidationError({"role": f"{role!r} is not a role socialgov knows."})
    if department is not None and department.agency_id != person.agency_id:
        raise ValidationError({"department": "That department belongs to another agency."})
    if not person.active:
        raise ValidationError({"person": f"{person} is no longer active."})
    with transaction.atomic():
        if Membership.objects.current().filter(person=person, role=role, department=department).exists():
            raise ValidationError({"role": f"{person} already holds this role here."})
        membership = Membership.objects.create(person=person, agency=person.agency, department=department,
                                               role=role, granted_by=actor)
        audit_record(action="agencies.membership.grant", actor=actor, target=membership,
                     agency_id=person.agency_id,
                     after={"person_id": person.pk, "role": role, "department_id": department and department.pk})
    return membership


def membership_end(*, actor, membership: Membership) -> Membership:
    require(actor, "agencies.manage_structure", membership.agency)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.ended_at is not None:
            raise ValidationError("This role has already ended.")
        locked.ended_at = timezone.now()
        locked.save(update_fields=["ended_at"])
        audit_record(action="agencies.membership.end", actor=actor, target=locked, agency_id=locked.agency_id,
                     before={"ended_at": None}, after={"ended_at": locked.ended_at})
    return locked


def designation_assign(*, actor, department: Department, kind: str, person: Person,
                       reason: str = "") -> Designation:
    """LAC-02/LAC-03: make ``person`` the department's one designated holder of ``kind``;
    the previous holder's designation ends (kept as history)."""
    require(actor, "agencies.designate", department)
    if kind not in DesignationKind.values:
        raise ValidationError({"kind": f"{kind!r} is not a designation."})
    if person.agency_id != department.agency_id or not person.active:
        raise ValidationError({"person": "Designate an active person of this agency."})
    with transaction.atomic():
        # Lock the department so two designations cannot race each other.
        Department.objects.select_for_update().get(pk=department.pk)
        current = Designation.objects.current().filter(department=department, kind=kind).first()
        if current is not None and current.person_id == person.pk:
            raise ValidationError({"person": f"{person} already holds this designation."})
        if current is not None:
            current.ended_at = timezone.now()
            current.save(update_fields=["ended_at"])
        designation = Designation.objects.create(department=department, kind=kind, person=person,
                                                 designated_by=actor, reason=reason)
        audit_record(action="agencies.designation.assign", actor=actor, target=designation,
                     agency_id=department.agency_id,
                     before={"person_id": current.person_id} if current else None,
                     after={"department_id": department.pk, "kind": kind, "person_id": person.pk,
                            "reason": reason})
        if person.user_id:
            notify(recipients=[person.user], event="agencies.designation.assign", agency_id=department.agency_id,
                   subject=f"You are now the {designation.get_kind_display()} for {department.name}",
                   url=f"/agencies/{department.agency.slug}/departments/{department.pk}/")
    return designation


def person_set_password(*, actor, person: Person, password: str) -> None:
    """An administrator sets a person's sign-in password (e.g. the first one); never audited in clear."""
    require(actor, "agencies.manage_structure", person.agency)
    if person.user_id is None:
        raise ValidationError({"password": f"{person} has no sign-in."})
    user = person.user
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(action="agencies.person.set_password", actor=actor, target=person,
                     agency_id=person.agency_id, after={"username": user.get_username()})
