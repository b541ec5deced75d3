"""Employee access to social media (LAC-07, DCFS-07, LAC-06): the employee asks; their supervisor or
department head approves only once the required acknowledgements and training are done; the grant
records who authorized it; grants are listed by department and can be revoked."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from socialgov.accounts.access import selectors, services
from socialgov.accounts.access.models import AccessRequest
from socialgov.accounts.access.workflows import AccessState
from socialgov.agencies.services import person_update
from socialgov.core.models import AuditEvent, Notification
from socialgov.policies import selectors as policy_selectors
from socialgov.policies import services as policy_services
from socialgov.policies.tests.makers import adopt


def _ask(world, persona: str = "employee", **values) -> AccessRequest:
    values = {"platforms": "LinkedIn", "purpose": "Share recruitment posts.", "working_hours": True} | values
    return services.access_request_submit(actor=world.user(persona), agency=world.agency, **values)


def _acknowledge_all(world, persona: str) -> None:
    for item in policy_selectors.outstanding_of(world.person(persona)):
        policy_services.acknowledgement_record(actor=world.user(persona), version=item.version,
                                               training_completed_on=timezone.localdate()
                                               if item.document.training else None)


def _supervised(world, persona: str = "employee", supervisor: str = "communications_director"):
    person_update(actor=None, person=world.person(persona), supervisor=world.person(supervisor))
    return world


@pytest.mark.requirement("DCFS-07")
def test_an_employee_asks_for_work_related_access_stating_platforms_and_purpose(world):
    request = _ask(world, department_equipment=True)
    assert (request.state, request.person, request.department) == (
        AccessState.REQUESTED, world.person("employee"), world.dept("youth-services"))
    assert request.uses == ["during working hours", "on department equipment"]
    with pytest.raises(ValidationError) as refused:
        services.access_request_submit(actor=world.user("moderator"), agency=world.agency, platforms=" ",
                                       purpose="")
    assert set(refused.value.message_dict) == {"platforms", "purpose"}


def test_one_request_waits_at_a_time(world):
    _ask(world)
    with pytest.raises(ValidationError, match="already have a request waiting"):
        _ask(world)


@pytest.mark.requirement("LAC-07")
def test_the_department_head_approves_and_the_grant_records_them(world):
    request = services.access_request_approve(actor=world.user("department_head"), request=_ask(world),
                                              note="Registered per the department's procedure.")
    assert (request.state, request.decided_by, request.decided_by_relation) == (
        AccessState.GRANTED, world.user("department_head"), "department head")
    assert selectors.has_access(world.person("employee"))
    event = AuditEvent.objects.get(action="access.request.grant")
    assert event.actor == world.user("department_head") and event.after["authorized_by_relation"] == "department head"


@pytest.mark.requirement("DCFS-07")
def test_the_supervisor_authorizes_and_the_grant_records_the_authorizing_supervisor(world):
    _supervised(world)
    request = services.access_request_approve(actor=world.user("communications_director"), request=_ask(world))
    assert (request.decided_by, request.decided_by_relation) == (world.user("communications_director"), "supervisor")


@pytest.mark.requirement("DCFS-07")
def test_the_employee_and_the_approver_are_told(world):
    _supervised(world)
    request = _ask(world)
    assert request.pk
    told = set(Notification.objects.filter(event="access.request.submitted").values_list("recipient__username",
                                                                                         flat=True))
    assert told == {"t-communications-director", "t-department-head"}
    services.access_request_approve(actor=world.user("communications_director"), request=request)
    granted = set(Notification.objects.filter(event="access.request.granted").values_list("recipient__username",
                                                                                          flat=True))
    assert granted == {"t-employee", "t-communications-director"}


@pytest.mark.requirement("LAC-07")
@pytest.mark.parametrize("persona", ["employee", "pio", "cio", "diso", "agency_admin", "auditor", "moderator"])
def test_nobody_else_approves(world, persona):
    request = _ask(world)
    with pytest.raises(PermissionDenied):
        services.access_request_approve(actor=world.user(persona), request=request)


@pytest.mark.requirement("LAC-07")
def test_nobody_approves_their_own_request(world):
    request = _ask(world, "department_head")
    assert selectors.approver_relation(world.user("department_head"), request) is None
    with pytest.raises(PermissionDenied):
        services.access_request_approve(actor=world.user("department_head"), request=request)


@pytest.mark.requirement("LAC-06")
def test_approval_is_impossible_until_the_board_policies_are_acknowledged_and_training_done(client_as, lac):
    request = _ask(lac)
    with pytest.raises(ValidationError) as refused:
        services.access_request_approve(actor=lac.user("department_head"), request=request)
    message = refused.value.messages[0]
    assert "Emery Evans must first acknowledge" in message
    assert "Board Policies 6.101, 6.105 and 3.040" in message and "the training that goes with it" in message
    page = client_as("department_head").get(lac.agency_url(f"access/{request.pk}/")).content.decode()
    assert "Access cannot be approved yet" in page and "Board Policies 6.101, 6.105 and 3.040" in page
    assert 'type="submit" disabled aria-describedby="missing-heading">Approve access' in page
    request.refresh_from_db()
    assert request.state == AccessState.REQUESTED
    _acknowledge_all(lac, "employee")
    granted = services.access_request_approve(actor=lac.user("department_head"), request=request)
    assert granted.state == AccessState.GRANTED
    assert [a["document"] for a in granted.acknowledgements] == [
        "Board Policies 6.101, 6.105 and 3.040, and training on roles and responsibilities"]
    assert granted.acknowledgements[0]["training_completed_on"] == str(timezone.localdate())


@pytest.mark.requirement("LAC-06")
def test_a_new_version_published_after_the_request_must_be_acknowledged_too(world):
    from socialgov.policies.tests.makers import make_document

    version = make_document(world)
    _acknowledge_all(world, "employee")
    request = _ask(world)
    new = policy_services.version_publish(actor=None, version=policy_services.version_create(
        actor=None, document=version.document, body="Revised."))
    with pytest.raises(ValidationError, match=r"Social media rules \(version 2\)"):
        services.access_request_approve(actor=world.user("department_head"), request=request)
    policy_services.acknowledgement_record(actor=world.user("employee"), version=new)
    assert services.access_request_approve(actor=world.user("department_head"), request=request).state == "granted"


@pytest.mark.requirement("DCFS-07")
def test_dcfs_employees_acknowledge_the_policy_before_their_supervisor_authorizes(world):
    adopt(world, "la-county-dcfs")
    _supervised(world)
    request = _ask(world)
    with pytest.raises(ValidationError, match="DCFS social media policy"):
        services.access_request_approve(actor=world.user("communications_director"), request=request)
    _acknowledge_all(world, "employee")
    assert services.access_request_approve(actor=world.user("communications_director"), request=request).state == (
        AccessState.GRANTED)


def test_a_declined_request_says_why(world):
    request = _ask(world)
    with pytest.raises(ValidationError, match="Say why"):
        services.access_request_decline(actor=world.user("department_head"), request=request, note="")
    declined = services.access_request_decline(actor=world.user("department_head"), request=request,
                                               note="Not work-related.")
    assert (declined.state, declined.decision_note) == (AccessState.DECLINED, "Not work-related.")


@pytest.mark.requirement("LAC-07")
def test_a_grant_is_revoked_with_a_reason_and_the_employee_and_approver_are_told(world):
    granted = services.access_request_approve(actor=world.user("department_head"), request=_ask(world))
    with pytest.raises(PermissionDenied):
        services.access_grant_revoke(actor=world.user("employee"), request=granted, reason="mine")
    with pytest.raises(ValidationError, match="Say why"):
        services.access_grant_revoke(actor=world.user("agency_head"), request=granted, reason=" ")
    revoked = services.access_grant_revoke(actor=world.user("agency_head"), request=granted, reason="Left the unit.")
    assert (revoked.state, revoked.ended_by, revoked.end_reason) == ("revoked", world.user("agency_head"),
                                                                      "Left the unit.")
    told = set(Notification.objects.filter(event="access.grant.revoked").values_list("recipient__username", flat=True))
    assert told == {"t-employee", "t-department-head", "t-agency-head"}
    assert not selectors.has_access(world.person("employee"))


@pytest.mark.requirement("LAC-07")
def test_grants_are_listed_by_department_for_those_who_oversee_access(world):
    granted = services.access_request_approve(actor=world.user("department_head"), request=_ask(world))
    other = _ask(world, "moderator")
    admin = world.user("agency_admin")
    assert set(selectors.grants(admin)) == {granted, other}
    assert list(selectors.grants(admin, department=world.dept("youth-services"))) == [granted]
    assert list(selectors.grants(admin, state="granted")) == [granted]
    assert list(selectors.grants(world.user("department_head"))) == [granted]  # programs and youth services only
    assert list(selectors.grants(world.user("employee"))) == [granted]  # their own
    assert list(selectors.grants(world.user("pio"))) == []


def test_the_requester_may_withdraw_a_waiting_request(world):
    request = _ask(world)
    with pytest.raises(PermissionDenied):
        services.access_request_withdraw(actor=world.user("department_head"), request=request)
    assert services.access_request_withdraw(actor=world.user("employee"), request=request).state == "withdrawn"


def _in_state(world, state: str) -> AccessRequest:
    request = _ask(world)
    head = world.user("department_head")
    if state == "requested":
        return request
    if state == "declined":
        return services.access_request_decline(actor=head, request=request, note="No")
    if state == "withdrawn":
        return services.access_request_withdraw(actor=world.user("employee"), request=request)
    request = services.access_request_approve(actor=head, request=request)
    if state == "revoked":
        return services.access_grant_revoke(actor=head, request=request, reason="Done")
    return request


ACTIONS = {
    "approve": lambda w, r: services.access_request_approve(actor=w.user("department_head"), request=r),
    "decline": lambda w, r: services.access_request_decline(actor=w.user("department_head"), request=r, note="No"),
    "withdraw": lambda w, r: services.access_request_withdraw(actor=w.user("employee"), request=r),
    "revoke": lambda w, r: services.access_grant_revoke(actor=w.user("department_head"), request=r, reason="x"),
}
ALLOWED = {("requested", "approve"), ("requested", "decline"), ("requested", "withdraw"), ("granted", "revoke")}


@pytest.mark.requirement("LAC-07")
@pytest.mark.parametrize("state", AccessState.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_works_only_in_the_state_that_allows_it(world, state, action):
    request = _in_state(world, state)
    if (state, action) in ALLOWED:
        assert ACTIONS[action](world, request).pk == request.pk
    else:
        with pytest.raises(ValidationError, match="This cannot be done now"):
            ACTIONS[action](world, request)


def test_a_request_nobody_can_approve_says_so(client_as, world):
    request = _ask(world, "agency_head")  # executive office: no head, no supervisor
    assert selectors.approvers_of(request) == []
    page = client_as("agency_head").get(world.agency_url(f"access/{request.pk}/")).content.decode()
    assert "No one can approve this request" in page
