"""Exception requests and the register of exemptions (LAC-09, KY-11): what a request states, the
CIO's review and conferral, the chief executive's approval, the notice of every exemption granted,
the CISO's case-by-case decision with costs passed to the agency, expiry, and separation of duties."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from socialgov.core.models import AuditEvent, Notification
from socialgov.policies import selectors, services
from socialgov.policies.models import ExceptionRequest
from socialgov.policies.tests.makers import make_exception
from socialgov.policies.workflows import ExceptionState

TODAY = timezone.localdate


def _approve(world, persona: str, request: ExceptionRequest, **extra) -> ExceptionRequest:
    return services.exception_approve_step(actor=world.user(persona), request=request, **extra)


# --- LAC-09: the request and its route ----------------------------------------------------------

@pytest.mark.requirement("LAC-09")
@pytest.mark.parametrize("field", ["scope", "justification", "impacts", "risks", "costs", "timeframes"])
def test_a_la_county_request_states_scope_justification_impacts_risks_costs_and_timeframes(lac, field):
    with pytest.raises(ValidationError) as refused:
        make_exception(lac, route="directive", **{field: "  "})
    assert field in refused.value.message_dict and "the policy requires it" in refused.value.message_dict[field][0]


@pytest.mark.requirement("LAC-09")
def test_a_request_needs_an_expiry_in_the_future(lac):
    with pytest.raises(ValidationError, match="must be in the future"):
        make_exception(lac, route="directive", expires_on=TODAY())


@pytest.mark.requirement("LAC-09")
def test_the_request_goes_to_the_cio_who_confers_with_the_department(lac):
    request = make_exception(lac, route="directive")
    assert (request.state, request.current_step["role"]) == (ExceptionState.IN_REVIEW, "cio")
    assert Notification.objects.filter(recipient=lac.user("cio"), event="policies.exception.submitted").exists()
    services.exception_note_add(actor=lac.user("cio"), request=request, body="What does the tool store?")
    services.exception_note_add(actor=lac.user("department_head"), request=request, body="Only scheduled posts.")
    assert [n.author for n in request.notes.all()] == [lac.user("cio"), lac.user("department_head")]
    assert Notification.objects.filter(recipient=lac.user("department_head"), event="policies.exception.note")
    assert Notification.objects.filter(recipient=lac.user("cio"), event="policies.exception.note")
    with pytest.raises(PermissionDenied):
        services.exception_note_add(actor=lac.user("employee"), request=request, body="Me too")


@pytest.mark.requirement("LAC-09")
def test_the_cio_reviews_then_the_chief_executive_approves_and_is_given_notice(lac):
    request = make_exception(lac, route="directive")
    with pytest.raises(PermissionDenied):
        _approve(lac, "agency_head", request)  # not before the CIO has reviewed it
    request = _approve(lac, "cio", request, note="Risks are acceptable for six months.")
    assert (request.state, request.current_step["role"]) == (ExceptionState.IN_REVIEW, "agency_head")
    request = _approve(lac, "agency_head", request, note="Approved.")
    assert (request.state, request.decided_by) == (ExceptionState.GRANTED, lac.user("agency_head"))
    notice = Notification.objects.get(recipient=lac.user("agency_head"), event="policies.exception.notice")
    assert notice.subject.startswith("Notice from the Chief Information Officer: exemption granted")
    assert request.notice_sent_at is not None and request.notice_sent_to == ["Harper Hayes"]
    assert AuditEvent.objects.filter(action="policies.exception.notice", target_id=str(request.pk)).exists()
    steps = [(t.step_name, t.to_state, t.actor) for t in request.transitions.all()]
    assert steps == [("", "in_review", lac.user("department_head")), ("cio_review", "in_review", lac.user("cio")),
                     ("ceo_approval", "granted", lac.user("agency_head"))]


@pytest.mark.requirement("LAC-09")
def test_every_granted_exemption_shows_its_notice_in_the_register(client_as, lac):
    request = _approve(lac, "agency_head", _approve(lac, "cio", make_exception(lac, route="directive")))
    page = client_as("auditor").get(lac.agency_url("exceptions/?state=granted")).content.decode()
    # The register shows the day in the site's time zone (after 19:00 in New York, UTC's is tomorrow).
    assert f"#{request.pk} Scheduling tool" in page
    assert f"{timezone.localtime(request.notice_sent_at):%Y-%m-%d}" in page


@pytest.mark.requirement("LAC-09")
def test_nobody_approves_their_own_request(lac):
    request = make_exception(lac, route="directive", requester="cio")
    assert not selectors.waiting_for(lac.user("cio"))
    with pytest.raises(PermissionDenied):
        _approve(lac, "cio", request)


@pytest.mark.requirement("LAC-09")
def test_whoever_reviewed_a_step_does_not_decide_a_later_one(lac):
    from socialgov.agencies.services import membership_grant

    membership_grant(actor=None, person=lac.person("cio"), role="agency_head")
    request = _approve(lac, "cio", make_exception(lac, route="directive"))
    cio = lac.user("cio")
    with pytest.raises(PermissionDenied):
        services.exception_approve_step(actor=type(cio).objects.get(pk=cio.pk), request=request)
    assert _approve(lac, "agency_head", request).state == ExceptionState.GRANTED


def test_without_an_exceptions_section_the_agency_head_approves_after_the_cio(world):
    request = make_exception(world)
    assert [s["role"] for s in request.chain] == ["cio", "agency_head"]
    assert request.route_data["cite"].startswith("socialgov default")


# --- KY-11: the CISO decides case by case; costs may be passed to the agency ------------------------

@pytest.mark.requirement("KY-11")
def test_the_ciso_decides_a_security_exemption_and_records_whether_costs_are_passed_on(ky):
    request = make_exception(ky, route="security")
    assert [s["role"] for s in request.chain] == ["ciso"]
    with pytest.raises(PermissionDenied):
        _approve(ky, "cio", request)
    with pytest.raises(ValidationError, match="costs resulting from this exemption"):
        _approve(ky, "ciso", request)
    granted = _approve(ky, "ciso", request, costs_passed_to_agency=True, cost_note="Remediation: $4,000",
                       note="Acceptable for this case.")
    assert (granted.state, granted.costs_passed_to_agency, granted.cost_note) == ("granted", True,
                                                                                  "Remediation: $4,000")
    event = AuditEvent.objects.filter(action="policies.exception.grant").order_by("-seq").first()
    assert event.after["costs_charged_to_agency"] is True and event.actor == ky.user("ciso")


@pytest.mark.requirement("KY-11")
def test_the_ciso_may_deny_a_request_with_a_reason(ky):
    request = make_exception(ky, route="security")
    with pytest.raises(ValidationError, match="Say why"):
        services.exception_deny(actor=ky.user("ciso"), request=request, reason="")
    denied = services.exception_deny(actor=ky.user("ciso"), request=request, reason="Risk too high.")
    assert (denied.state, denied.decision_reason) == (ExceptionState.DENIED, "Risk too high.")
    assert Notification.objects.filter(recipient=ky.user("department_head"), event="policies.exception.denied")


# --- the rest of the lifecycle ---------------------------------------------------------------------------

@pytest.mark.requirement("LAC-09")
def test_a_returned_request_is_changed_and_goes_back_to_the_step_that_returned_it(lac):
    request = _approve(lac, "cio", make_exception(lac, route="directive"))
    returned = services.exception_return(actor=lac.user("agency_head"), request=request, reason="Add the costs.")
    assert returned.state == ExceptionState.RETURNED
    with pytest.raises(PermissionDenied):
        services.exception_resubmit(actor=lac.user("cio"), request=returned, costs="$1,200")
    again = services.exception_resubmit(actor=lac.user("department_head"), request=returned, costs="$1,200",
                                        note="Costs added.")
    assert (again.state, again.current_step["role"], again.costs) == (ExceptionState.IN_REVIEW, "agency_head",
                                                                      "$1,200")


def test_the_requester_may_withdraw_while_the_request_is_open(lac):
    request = make_exception(lac, route="directive")
    with pytest.raises(PermissionDenied):
        services.exception_withdraw(actor=lac.user("cio"), request=request)
    assert services.exception_withdraw(actor=lac.user("department_head"), request=request).state == "withdrawn"


TERMINAL = ["granted", "denied", "withdrawn"]


def _in_state(world, state: str) -> ExceptionRequest:
    request = make_exception(world)
    if state == "returned":
        return services.exception_return(actor=world.user("cio"), request=request, reason="More")
    if state == "granted":
        return _approve(world, "agency_head", _approve(world, "cio", request))
    if state == "denied":
        return services.exception_deny(actor=world.user("cio"), request=request, reason="No")
    if state == "withdrawn":
        return services.exception_withdraw(actor=world.user("department_head"), request=request)
    return request


ACTIONS = {
    "approve": lambda w, r: services.exception_approve_step(actor=w.user("cio"), request=r),
    "deny": lambda w, r: services.exception_deny(actor=w.user("cio"), request=r, reason="No"),
    "return": lambda w, r: services.exception_return(actor=w.user("cio"), request=r, reason="More"),
    "resubmit": lambda w, r: services.exception_resubmit(actor=w.user("department_head"), request=r),
    "withdraw": lambda w, r: services.exception_withdraw(actor=w.user("department_head"), request=r),
}
ALLOWED = {("in_review", "approve"), ("in_review", "deny"), ("in_review", "return"), ("in_review", "withdraw"),
           ("returned", "resubmit"), ("returned", "withdraw")}


@pytest.mark.requirement("LAC-09")
@pytest.mark.parametrize("state", ["in_review", "returned", *TERMINAL])
@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_works_only_in_the_states_that_allow_it(world, state, action):
    request = _in_state(world, state)
    if (state, action) in ALLOWED:
        assert ACTIONS[action](world, request).pk == request.pk
    else:
        with pytest.raises(ValidationError, match="This cannot be done now"):
            ACTIONS[action](world, request)


# --- expiry and the register ------------------------------------------------------------------------

@pytest.mark.requirement("LAC-09")
def test_an_exemption_nearing_expiry_or_expired_waits_on_the_requester_and_reviewers_dashboards(client_as, lac):
    granted = _approve(lac, "agency_head", _approve(lac, "cio", make_exception(lac, route="directive")),
                       expires_on=TODAY() + timedelta(days=20))
    assert granted.expires_on == TODAY() + timedelta(days=20)
    for persona in ("department_head", "cio"):
        assert selectors.expiring_for(lac.user(persona)) == [granted]
        assert f"#{granted.pk} Scheduling tool" in client_as(persona).get("/").content.decode()
    assert selectors.expiring_for(lac.user("employee")) == []
    with time_machine.travel(timezone.now() + timedelta(days=25)):
        granted.refresh_from_db()
        assert granted.expired and selectors.expiring_for(lac.user("cio")) == [granted]
        assert list(selectors.register(lac.user("cio"), expiry="expired")) == [granted]
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        assert selectors.expiring_for(lac.user("cio")) == []


@pytest.mark.requirement("LAC-09")
def test_the_register_filters_by_status_kind_department_and_expiry(lac):
    granted = _approve(lac, "agency_head", _approve(lac, "cio", make_exception(lac, route="directive")))
    pending = make_exception(lac, route="directive", title="Another tool")
    cio = lac.user("cio")
    assert set(selectors.register(cio)) == {granted, pending}
    assert list(selectors.register(cio, state="granted")) == [granted]
    assert list(selectors.register(cio, expiry="in_force")) == [granted]
    assert list(selectors.register(cio, query="Another")) == [pending]
    assert list(selectors.register(cio, department=lac.dept("communications"))) == []
    assert list(selectors.register(cio, route="other")) == []


@pytest.mark.parametrize("persona, sees", [
    ("cio", True), ("agency_head", True), ("auditor", True), ("department_head", True), ("ciso", True),
    ("employee", False), ("pio", False), ("moderator", False)])
def test_who_sees_a_request_in_the_register(lac, persona, sees):
    request = make_exception(lac, route="directive")
    assert (request in selectors.exceptions_visible_to(lac.user(persona))) is sees


@pytest.mark.parametrize("persona", ["employee", "moderator", "auditor", "records_officer"])
def test_only_those_responsible_request_exceptions(lac, persona):
    with pytest.raises(PermissionDenied):
        make_exception(lac, route="directive", requester=persona)
