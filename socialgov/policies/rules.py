"""Named permission predicates for policy packs, documents and acknowledgements, spokespersons,
exceptions, violation reports and policy reviews."""

from __future__ import annotations

import rules

from socialgov.agencies.roles import Role
from socialgov.agencies.rules import is_agency_admin, is_agency_member, is_superuser, role_predicate
from socialgov.agencies.selectors import agency_id_of, has_role, person_of
from socialgov.policies import parameters
from socialgov.policies.selectors import documents as doc_selectors
from socialgov.policies.selectors import exceptions as exc_selectors
from socialgov.policies.selectors import governance as gov_selectors
from socialgov.policies.selectors import reports as report_selectors
from socialgov.policies.selectors.packs import pack_data
from socialgov.policies.workflows import ExceptionState, VersionState

rules.add_perm("policies.view_pack", is_superuser | is_agency_member)
rules.add_perm("policies.adopt_pack", is_superuser | is_agency_admin)

# --- documents and acknowledgements (DCFS-11, LCCS-12, LAC-06) ---------------------------------

is_pio = role_predicate(Role.PIO)


@rules.predicate
def may_acknowledge(user, version=None) -> bool:
    """The version is the one in force and its document asks this person."""
    person = person_of(user)
    if person is None or version is None or version.state != VersionState.PUBLISHED:
        return False
    roles = doc_selectors.roles_held([person]).get(person.pk, set())
    return version.document.active and doc_selectors.applies(version.document, person, roles)


@rules.predicate
def oversees_acknowledgements(user, agency=None) -> bool:
    return agency is not None and doc_selectors.can_see_overview(user, agency)


rules.add_perm("policies.view_documents", is_superuser | is_agency_member)
# Agency administrators and the PIO upload documents and publish new versions.
rules.add_perm("policies.manage_documents", is_superuser | is_agency_admin | is_pio)
rules.add_perm("policies.acknowledge", may_acknowledge)
rules.add_perm("policies.view_training_overview", is_superuser | oversees_acknowledgements)

# --- spokespersons (DCFS-04) -------------------------------------------------------------------


@rules.predicate
def authorizes_spokespersons(user, obj=None) -> bool:
    """Holds a role that gives explicit permission to speak for the agency, over ``obj`` (the
    agency, a person, or an authorization); never for oneself."""
    if obj is None:
        return False
    target = getattr(obj, "person", obj)
    if getattr(target, "user_id", None) == user.pk:
        return False
    return has_role(user, obj, *parameters.spokesperson_authorizers(pack_data(agency_id_of(obj))))


@rules.predicate
def authorizes_anywhere(user, agency=None) -> bool:
    if agency is None:
        return False
    roles = parameters.spokesperson_authorizers(pack_data(agency))
    return has_role(user, agency, *roles) or (Role.DEPARTMENT_HEAD in roles and bool(
        doc_selectors.departments_headed_by(user, agency)))


rules.add_perm("policies.view_spokespersons", is_superuser | is_agency_member)
rules.add_perm("policies.authorize_spokespersons", authorizes_anywhere)
rules.add_perm("policies.authorize_spokesperson", authorizes_spokespersons)

# --- exceptions (LAC-09, KY-11) ----------------------------------------------------------------


@rules.predicate
def is_requester(user, request=None) -> bool:
    return request is not None and request.requested_by_id == user.pk


@rules.predicate
def may_request_exception(user, agency=None) -> bool:
    return agency is not None and exc_selectors.may_request(user, agency)


@rules.predicate
def sees_exception(user, request=None) -> bool:
    return request is not None and exc_selectors.exceptions_visible_to(user).filter(pk=request.pk).exists()


@rules.predicate
def holds_current_step(user, request=None) -> bool:
    step = request.current_step if request is not None else None
    return step is not None and bool(step.get("role")) and has_role(user, request, step["role"])


@rules.predicate
def passed_an_earlier_step(user, request=None) -> bool:
    """Separation of duties: whoever passed the request on at one step does not decide a later one."""
    return request is not None and request.transitions.filter(
        actor=user, from_state=ExceptionState.IN_REVIEW, to_state=ExceptionState.IN_REVIEW).exists()


@rules.predicate
def takes_part_in_chain(user, request=None) -> bool:
    roles = {step["role"] for step in request.chain if step.get("role")} if request is not None else set()
    return bool(roles) and has_role(user, request, *roles)


@rules.predicate
def heads_requesting_department(user, request=None) -> bool:
    return request is not None and has_role(user, request, Role.DEPARTMENT_HEAD)


@rules.predicate
def is_in_review(user, request=None) -> bool:
    return request is not None and request.state == ExceptionState.IN_REVIEW


@rules.predicate
def is_returned(user, request=None) -> bool:
    return request is not None and request.state == ExceptionState.RETURNED


rules.add_perm("policies.view_exceptions", is_superuser | is_agency_member)
rules.add_perm("policies.request_exception", may_request_exception)
rules.add_perm("policies.view_exception", sees_exception)
# Nobody decides their own request, nor two steps of the same request.
rules.add_perm("policies.act_on_exception",
               is_in_review & holds_current_step & ~is_requester & ~passed_an_earlier_step)
# The conferral (LAC-09): the requesting department and the people of the chain.
rules.add_perm("policies.confer_on_exception",
               sees_exception & (is_requester | heads_requesting_department | takes_part_in_chain))
rules.add_perm("policies.resubmit_exception", is_returned & is_requester)
rules.add_perm("policies.withdraw_exception", (is_in_review | is_returned) & is_requester)

# --- violation reports (DCFS-09, DCFS-10, KY-10) -----------------------------------------------


@rules.predicate
def handles_report(user, report=None) -> bool:
    return report is not None and report_selectors.is_handler(user, report)


@rules.predicate
def made_report(user, report=None) -> bool:
    return report is not None and report_selectors.is_reporter(user, report)


@rules.predicate
def audits_report(user, report=None) -> bool:
    return report is not None and has_role(user, report.agency, Role.AUDITOR)


@rules.predicate
def is_anonymous_report(user, report=None) -> bool:
    return report is not None and report.anonymous


rules.add_perm("policies.report_violation", is_agency_member)
rules.add_perm("policies.view_reports", is_agency_member)
rules.add_perm("policies.view_report", handles_report | audits_report | made_report)
# Whoever made the report does not handle it (nor does anyone the report is about).
rules.add_perm("policies.handle_report", handles_report & ~made_report)
rules.add_perm("policies.see_reporter", made_report | (handles_report & ~is_anonymous_report))

# --- policy reviews (KY-13) --------------------------------------------------------------------


@rules.predicate
def records_reviews(user, agency=None) -> bool:
    return agency is not None and gov_selectors.may_record_review(user, agency)


rules.add_perm("policies.view_reviews", is_superuser | is_agency_member)
rules.add_perm("policies.record_review", records_reviews)
