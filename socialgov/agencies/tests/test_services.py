"""Agencies, departments, people, roles and designations: the rules a user would notice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from socialgov.agencies import selectors, services
from socialgov.agencies.models import Designation, Person
from socialgov.agencies.roles import DesignationKind, EmploymentType, Role
from socialgov.core.models import AuditEvent, Notification


def _last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


@pytest.mark.requirement("KY-12")
@pytest.mark.parametrize("employment_type", EmploymentType.values)
def test_every_employment_type_can_be_recorded(world, employment_type):
    person = services.person_create(actor=world.user("agency_admin"), agency=world.agency,
                                    full_name="Jordan Quinn", email=f"jq-{employment_type}@example.gov",
                                    employment_type=employment_type)
    assert Person.objects.get(pk=person.pk).get_employment_type_display() == EmploymentType(employment_type).label
    assert _last_event("agencies.person.create").after["employment_type"] == employment_type


@pytest.mark.requirement("LAC-02")
@pytest.mark.requirement("LAC-03")
@pytest.mark.parametrize("kind", DesignationKind.values)
def test_database_allows_only_one_current_designation_per_department(world, kind):
    dept = world.dept("executive-office")
    assert Designation.objects.current().filter(department=dept, kind=kind).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Designation.objects.create(department=dept, kind=kind, person=world.person("cio"))


@pytest.mark.requirement("LAC-02")
def test_designating_someone_new_keeps_the_history_of_who_held_it(world):
    dept = world.dept("programs")
    before = Designation.objects.current().get(department=dept, kind=DesignationKind.ACCESS_APPROVER)
    services.designation_assign(actor=world.user("department_head"), department=dept,
                                kind=DesignationKind.ACCESS_APPROVER, person=world.person("cio"),
                                reason="DISO on leave")
    history = list(Designation.objects.filter(department=dept, kind=DesignationKind.ACCESS_APPROVER)
                   .order_by("started_at"))
    assert [d.person for d in history] == [before.person, world.person("cio")]
    assert history[0].ended_at is not None and history[1].ended_at is None
    event = _last_event("agencies.designation.assign")
    assert event.before == {"person_id": before.person_id} and event.after["reason"] == "DISO on leave"


@pytest.mark.requirement("LAC-03")
def test_designee_is_notified_and_emailed(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.designation_assign(actor=world.user("agency_admin"), department=world.dept("youth-services"),
                                    kind=DesignationKind.CONTENT_MODERATOR, person=world.person("moderator"))
    note = Notification.objects.get(recipient=world.user("moderator"), event="agencies.designation.assign")
    assert "Youth Services" in note.subject
    assert any(world.user("moderator").email in m.to and "Youth Services" in m.subject for m in mail.outbox)


def test_department_head_designates_only_in_their_own_department(world):
    head = world.user("department_head")  # head of Programs and Services
    services.designation_assign(actor=head, department=world.dept("youth-services"),  # below Programs
                                kind=DesignationKind.CONTENT_MODERATOR, person=world.person("pio"))
    with pytest.raises(PermissionDenied):
        services.designation_assign(actor=head, department=world.dept("communications"),
                                    kind=DesignationKind.CONTENT_MODERATOR, person=world.person("moderator"))


def test_cannot_designate_someone_from_another_agency(world):
    with pytest.raises(ValidationError, match="active person of this agency"):
        services.designation_assign(actor=None, department=world.dept("programs"),
                                    kind=DesignationKind.ACCESS_APPROVER, person=world.other.people.first())


@pytest.mark.parametrize("persona", ["pio", "employee", "auditor", "agency_head", "department_head"])
def test_only_agency_administrators_manage_structure(world, persona):
    with pytest.raises(PermissionDenied):
        services.department_create(actor=world.user(persona), agency=world.agency, name="Shadow Unit")


def test_department_cannot_be_moved_below_itself(world):
    programs, youth = world.dept("programs"), world.dept("youth-services")
    with pytest.raises(ValidationError, match="below itself"):
        services.department_update(actor=world.user("agency_admin"), department=programs, name=programs.name,
                                   parent=youth)
    programs.refresh_from_db()
    assert programs.parent is None


def test_duplicate_department_name_is_refused_with_a_clear_message(world):
    with pytest.raises(ValidationError, match="already exists"):
        services.department_create(actor=world.user("agency_admin"), agency=world.agency, name="Programs and Services")


def test_duplicate_email_in_agency_is_refused_and_nothing_is_half_saved(world):
    count = Person.objects.count()
    with pytest.raises(ValidationError, match="already belongs"):
        services.person_create(actor=world.user("agency_admin"), agency=world.agency, full_name="Twin",
                               email=world.person("pio").email, username="twin", password="long-enough-pass-1")
    assert Person.objects.count() == count
    from django.contrib.auth import get_user_model
    assert not get_user_model().objects.filter(username="twin").exists()


def test_weak_password_is_refused_by_the_validators(world):
    with pytest.raises(ValidationError):
        services.person_create(actor=world.user("agency_admin"), agency=world.agency, full_name="New Person",
                               email="new.person@example.gov", username="newperson", password="password123")


def test_role_cannot_be_granted_twice(world):
    with pytest.raises(ValidationError, match="already holds"):
        services.membership_grant(actor=world.user("agency_admin"), person=world.person("pio"), role=Role.PIO)


def test_department_role_covers_sub_departments(world):
    head = world.user("department_head")
    assert selectors.has_role(head, world.dept("youth-services"), Role.DEPARTMENT_HEAD)
    assert not selectors.has_role(head, world.dept("communications"), Role.DEPARTMENT_HEAD)
    assert not selectors.has_role(head, world.agency, Role.DEPARTMENT_HEAD)


def test_someone_leaving_ends_roles_signin_and_designations_and_asks_for_a_new_designee(world):
    diso = world.person("diso")
    services.person_deactivate(actor=world.user("agency_admin"), person=diso, reason="Retired 2026-11-20")
    diso.refresh_from_db()
    assert not diso.active and not diso.user.is_active
    assert not diso.memberships.current().exists()
    assert not diso.designations.current().exists()
    gaps = selectors.designation_gaps(world.agency)
    assert (world.dept("programs"), DesignationKind.ACCESS_APPROVER) in gaps
    head_notes = Notification.objects.filter(recipient=world.user("department_head"),
                                             event="agencies.designation.vacated")
    assert head_notes.filter(subject__contains="Programs and Services").exists()


def test_people_of_other_agencies_are_invisible(world):
    employee = world.user("employee")
    assert set(selectors.people_visible_to(employee).values_list("agency_id", flat=True)) == {world.agency.pk}
    assert not selectors.agencies_visible_to(employee).filter(pk=world.other.pk).exists()


def test_users_with_role_respects_department_scope(world):
    heads = selectors.users_with_role(world.agency, Role.DEPARTMENT_HEAD, world.dept("youth-services"))
    assert list(heads) == [world.user("department_head")]
    assert not selectors.users_with_role(world.agency, Role.DEPARTMENT_HEAD, world.dept("communications")).exists()


def test_system_administrator_adds_an_agency_and_others_cannot(client, world):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root-admin", "root@example.gov", "a-long-root-pass-2026")
    client.force_login(root)
    response = client.post("/agencies/new/", {"name": "Harbor County Health"})
    assert response.status_code == 302 and response["Location"] == "/agencies/harbor-county-health/"
    with pytest.raises(PermissionDenied):
        services.agency_create(actor=world.user("agency_admin"), name="Rogue Agency")


def test_reserved_slug_is_refused(world):
    with pytest.raises(ValidationError, match="reserved"):
        services.agency_create(actor=None, name="New")


def test_administrator_sets_a_password_that_works_and_is_not_audited_in_clear(client, world):
    services.person_set_password(actor=world.user("agency_admin"), person=world.person("employee"),
                                 password="fresh-start-pass-2026")
    response = client.post("/accounts/login/", {"username": "t-employee", "password": "fresh-start-pass-2026"})
    assert response.status_code == 302 and response["Location"] == "/"
    event = _last_event("agencies.person.set_password")
    assert "fresh-start" not in str(event.after) and event.after == {"username": "t-employee"}
