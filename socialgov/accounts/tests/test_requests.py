"""NJ-05: requests to establish a site/service — complete or refused field by field, sent to the
people the policy names; drafts, withdrawal, revision."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.accounts import services
from socialgov.accounts.models import Account, AccountReview
from socialgov.accounts.tests.conftest import actions, complete_answers, draft, recipients, submitted
from socialgov.accounts.workflows import AccountStatus as S

# The type of social media follows from a known platform; for "other" the requester must say it.
EMPTY = {"platform": "other", "platform_category": "", "purpose": "", "communication_types": [], "justification": "",
         "terms_of_service_url": "", "proposed_administrators": []}


@pytest.mark.requirement("NJ-05")
def test_incomplete_request_is_refused_naming_each_missing_field(world, nj):
    account = draft(world, **EMPTY)
    with pytest.raises(ValidationError) as refused:
        services.account_request_submit(actor=world.user("account_administrator"), account=account)
    errors = refused.value.message_dict
    assert set(errors) == {"platform_category", "purpose", "communication_types", "justification",
                           "terms_of_service_url", "proposed_administrators"}
    assert errors["platform_category"] == ["Type of social media: choose the type of social media this "
                                           "site/service is."]
    assert errors["justification"] == ["Justification: explain why the agency needs it and how it serves the "
                                       "mission."]
    assert errors["proposed_administrators"] == ["Proposed agency site/service administrator(s): propose at "
                                                 "least one administrator."]
    account.refresh_from_db()
    assert account.status == S.DRAFT and recipients("accounts.account_requested") == set()


@pytest.mark.requirement("NJ-05")
@pytest.mark.parametrize("missing", sorted(set(EMPTY) - {"platform"}))
def test_each_nj05_field_alone_blocks_submission(world, nj, missing):
    account = draft(world, **{missing: EMPTY[missing], "platform": "other"})
    with pytest.raises(ValidationError) as refused:
        services.account_request_submit(actor=world.user("account_administrator"), account=account)
    assert set(refused.value.message_dict) == {missing}


@pytest.mark.requirement("NJ-05")
def test_complete_request_notifies_exactly_the_people_nj05_names(world, nj):
    account = submitted(world)
    assert account.status == S.SUBMITTED
    assert recipients("accounts.account_requested") == {
        "t-communications-director", "t-cio", "t-web-content-team", "t-agency-head"}
    assert actions(account) == ["accounts.request.create", "accounts.request.submit", "accounts.review.start"]


@pytest.mark.requirement("NJ-05")
def test_request_records_every_field_nj05_names(world, nj):
    account = submitted(world)
    assert (account.agency, account.platform_category, account.communication_types) == (
        world.agency, "blogging_microblogging", ["announcements", "interactive"])
    assert account.purpose and account.justification and account.terms_of_service_url
    assert list(account.proposed_administrators.all()) == [world.person("account_administrator")]


def test_pack_decides_who_may_request(world, nj):
    # NJ: the site/service administrator (IT/web liaison) requests; the PIO does not.
    with pytest.raises(PermissionDenied):
        draft(world, "pio")


def test_without_requested_by_any_member_but_the_auditor_may_request(world, lccs):
    assert draft(world, "employee").requested_by == world.user("employee")
    with pytest.raises(PermissionDenied):
        draft(world, "auditor")
    with pytest.raises(PermissionDenied):
        services.account_request_create(actor=world.user("outsider"), agency=world.agency,
                                        **complete_answers(world))


def test_without_a_pack_nj05_fields_are_the_default(world):
    account = draft(world, "employee", justification="")
    with pytest.raises(ValidationError) as refused:
        services.account_request_submit(actor=world.user("employee"), account=account)
    assert set(refused.value.message_dict) == {"justification"}


def test_draft_can_be_saved_incomplete_but_not_with_wrong_shapes(world, nj):
    with pytest.raises(ValidationError) as refused:
        draft(world, name=" ", platform="myspace", department=world.other.departments.first(),
              proposed_administrators=[world.user("outsider").person])
    assert set(refused.value.message_dict) == {"name", "platform", "department", "proposed_administrators"}


def test_only_the_requester_changes_or_submits_a_draft(world, nj):
    account = draft(world)
    with pytest.raises(PermissionDenied):
        services.account_request_submit(actor=world.user("communications_director"), account=account)
    with pytest.raises(PermissionDenied):
        services.account_request_update(actor=world.user("agency_head"), account=account,
                                        **complete_answers(world))


def test_submitted_request_cannot_be_edited_or_submitted_twice(world, nj):
    account = submitted(world)
    actor = world.user("account_administrator")
    with pytest.raises(ValidationError, match="Only a draft"):
        services.account_request_update(actor=actor, account=account, **complete_answers(world))
    with pytest.raises(ValidationError, match="already been submitted"):
        services.account_request_submit(actor=actor, account=account)


def test_withdrawing_cancels_the_review_and_tells_the_reviewer(world, nj):
    account = submitted(world)
    services.account_request_withdraw(actor=world.user("account_administrator"), account=account)
    account.refresh_from_db()
    assert account.status == S.DRAFT
    assert AccountReview.objects.get(account=account).status == "cancelled"
    assert recipients("accounts.request.withdrawn") == {"t-communications-director"}


def test_resubmitting_starts_a_fresh_review_and_keeps_one_active(world, nj):
    account = submitted(world)
    actor = world.user("account_administrator")
    services.account_request_withdraw(actor=actor, account=account)
    services.account_request_submit(actor=actor, account=account)
    assert account.reviews.count() == 2
    assert account.reviews.filter(status="in_progress").count() == 1


def test_the_database_allows_one_active_review_per_request(world, nj):
    from django.db import IntegrityError, transaction

    account = submitted(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountReview.objects.create(account=account)


OUR_PACK = """\
extends: new-jersey
name: our-agency
version: "1.0.0"
title: Our agency's social media procedures
agency: Test County Social Services
request_fields:
  fields:
    - {key: agency, label: Agency Name, type: agency, required: true}
    - {key: purpose, label: Purpose and types of communications, type: long_text, required: true}
    - {key: audience, label: Intended audience, type: text, required: true}
"""


@pytest.mark.requirement("NJ-05")
def test_an_agency_pack_decides_which_fields_a_request_needs(world, tmp_path):
    from socialgov.accounts.tests.conftest import complete_answers
    from socialgov.policies.packlib import load_pack
    from socialgov.policies.services import pack_adopt

    (tmp_path / "our-agency.yaml").write_text(OUR_PACK)
    pack_adopt(actor=None, agency=world.agency, pack=load_pack(tmp_path / "our-agency.yaml"))
    actor = world.user("account_administrator")
    account = services.account_request_create(actor=actor, agency=world.agency, **complete_answers(
        world, justification="", terms_of_service_url="", proposed_administrators=[]))
    with pytest.raises(ValidationError) as refused:
        services.account_request_submit(actor=actor, account=account)
    assert refused.value.message_dict == {"extra_audience": ["Intended audience: this is required."]}
    services.account_request_update(actor=actor, account=account, **complete_answers(
        world, justification="", terms_of_service_url="", proposed_administrators=[],
        extra={"audience": "Parents of children in care", "unknown": "dropped"}))
    services.account_request_submit(actor=actor, account=account)
    account.refresh_from_db()
    assert (account.status, account.extra) == (S.SUBMITTED, {"audience": "Parents of children in care"})


def test_submitting_an_incomplete_new_request_keeps_one_draft_and_says_so(client_as, world, nj):
    """The answers are not lost, the person is told, and trying again does not make a second draft."""
    client = client_as("account_administrator")
    form = {"name": "Adoption stories on Instagram", "platform": "instagram", "department": world.dept("programs").pk,
            "submit": "1"}
    page = client.post(world.agency_url("accounts/new/"), form)
    text = page.content.decode()
    assert page.status_code == 200 and "kept as a draft" in text and "Justification" in text
    drafts = Account.objects.filter(agency=world.agency, name="Adoption stories on Instagram")
    assert [a.status for a in drafts] == ["draft"]
    again = client.post(world.agency_url(f"accounts/{drafts[0].pk}/edit/"), form)
    assert again.status_code == 200 and drafts.count() == 1
