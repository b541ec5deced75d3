"""NJ-06, LAC-01, LCCS-02: the reviewers come from the pack; one step at a time; nobody approves
their own request; a rejection needs a reason; the decision goes to the people NJ-06 names."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.accounts import selectors, services
from socialgov.accounts.tests.conftest import actions, approved, recipients, submitted
from socialgov.accounts.workflows import AccountStatus as S


def steps(account) -> list[tuple[str, str, str]]:
    return [(s.name, s.role, s.status) for s in account.reviews.get(status__in=["in_progress", "approved",
                                                                                 "rejected"]).steps.all()]


@pytest.mark.requirement("NJ-06")
def test_communications_director_reviews_and_the_decision_goes_to_cio_and_agency_head(world, nj):
    account = approved(world)
    assert account.status == S.APPROVED
    assert steps(account) == [("mission_review", "communications_director", "approved")]
    # NJ-06: with copies to the CTO/CIO and the head of the agency; the requester gets the answer.
    assert recipients("accounts.account_request_decided") == {"t-cio", "t-agency-head", "t-account-administrator"}
    assert actions(account)[-3:] == ["accounts.review.begin", "accounts.review.step_approve",
                                     "accounts.request.approve"]


@pytest.mark.requirement("NJ-06")
def test_rejection_needs_a_reason_and_sends_it(world, nj):
    account = submitted(world)
    reviewer = world.user("communications_director")
    services.review_begin(actor=reviewer, account=account)
    with pytest.raises(ValidationError) as refused:
        services.review_step_reject(actor=reviewer, account=account, reason="  ")
    assert "reason" in refused.value.message_dict
    services.review_step_reject(actor=reviewer, account=account, reason="Does not fit the agency's mission.")
    account.refresh_from_db()
    assert (account.status, account.rejection_reason) == (S.REJECTED, "Does not fit the agency's mission.")
    from socialgov.core.models import Notification

    decided = Notification.objects.filter(event="accounts.account_request_decided")
    assert {n.recipient.username for n in decided} == {"t-cio", "t-agency-head", "t-account-administrator"}
    assert all("Does not fit the agency's mission." in n.body for n in decided)


@pytest.mark.requirement("NJ-06")
def test_nobody_approves_their_own_request(world, nj):
    from socialgov.agencies.services import membership_grant

    # The requester also holds the reviewing role: still not allowed to decide their own request.
    membership_grant(actor=None, person=world.person("account_administrator"), role="communications_director")
    account = submitted(world)
    requester = world.user("account_administrator")
    assert not requester.has_perm("accounts.decide_step", account)
    with pytest.raises(PermissionDenied):
        services.review_begin(actor=requester, account=account)
    assert account not in selectors.reviews_waiting_for(requester)


@pytest.mark.parametrize("persona", ["pio", "cio", "agency_head", "employee", "auditor", "outsider"])
def test_only_the_step_reviewer_decides(world, nj, persona):
    account = submitted(world)
    with pytest.raises(PermissionDenied):
        services.review_begin(actor=world.user(persona), account=account)


def test_a_decision_needs_the_review_begun_and_cannot_be_made_twice(world, nj):
    account = submitted(world)
    reviewer = world.user("communications_director")
    with pytest.raises(ValidationError, match="Begin the review"):
        services.review_step_approve(actor=reviewer, account=account)
    services.review_begin(actor=reviewer, account=account)
    services.review_step_approve(actor=reviewer, account=account)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.review_step_approve(actor=reviewer, account=account)


@pytest.mark.requirement("LAC-01")
def test_department_head_approves_a_department_sponsored_site(world, lac):
    # LA County: the head of the sponsoring department (Programs, above Youth Services) approves.
    account = submitted(world, "employee")
    head = world.user("department_head")
    assert selectors.reviews_waiting_for(head) == [account]
    for persona in ("communications_director", "agency_head", "cio"):
        assert not world.user(persona).has_perm("accounts.decide_step", account)
    services.review_begin(actor=head, account=account)
    services.review_step_approve(actor=head, account=account)
    account.refresh_from_db()
    assert account.status == S.APPROVED
    assert steps(account) == [("department_approval", "department_head", "approved")]


@pytest.mark.requirement("LAC-01")
def test_a_department_head_elsewhere_cannot_approve(world, lac):
    account = submitted(world, "employee", department=world.dept("communications"))
    assert not world.user("department_head").has_perm("accounts.decide_step", account)  # heads Programs only


@pytest.mark.requirement("LCCS-02")
def test_executive_director_has_the_final_say_on_a_new_platform(world, lccs):
    account = submitted(world, "employee")
    assert account.new_platform
    assert [s[0] for s in steps(account)] == ["page_creation", "executive_director_decision"]
    pio, director = world.user("pio"), world.user("agency_head")
    assert not director.has_perm("accounts.decide_step", account)  # one step at a time
    services.review_begin(actor=pio, account=account)
    services.review_step_approve(actor=pio, account=account)
    account.refresh_from_db()
    assert account.status == S.UNDER_REVIEW and recipients("accounts.review.waiting") >= {"t-agency-head"}
    services.review_step_approve(actor=director, account=account, comment="Consulted the PIO and IS.")
    account.refresh_from_db()
    assert account.status == S.APPROVED


@pytest.mark.requirement("LCCS-02")
def test_a_platform_already_in_use_skips_the_executive_directors_step(world, lccs):
    first = submitted(world, "employee")
    services.review_begin(actor=world.user("pio"), account=first)
    services.review_step_approve(actor=world.user("pio"), account=first)
    services.review_step_approve(actor=world.user("agency_head"), account=first)
    second = submitted(world, "employee", name="Programs on Mastodon", department=world.dept("programs"))
    assert not second.new_platform
    assert [s[0] for s in steps(second)] == ["page_creation"]


def test_the_chain_is_copied_so_a_later_pack_does_not_rewrite_a_review(world, nj):
    from socialgov.accounts.tests.conftest import adopt

    account = submitted(world)
    adopt(world, "la-county-cio")
    assert steps(account) == [("mission_review", "communications_director", "in_progress")]
    assert account.reviews.get().pack_name == "new-jersey"


def test_without_a_pack_the_agency_head_approves(world):
    account = submitted(world, "employee")
    assert [s[:2] for s in steps(account)] == [("agency_head_approval", "agency_head")]


@pytest.mark.requirement("NJ-07")
def test_approval_tells_the_liaison_the_account_waits_for_activation(world, nj):
    approved(world)
    assert recipients("accounts.activation.waiting") == {"t-account-administrator"}
