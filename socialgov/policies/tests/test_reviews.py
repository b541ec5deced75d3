"""Policy reviews (KY-13): reviewed at least every two years; a review is recorded; an overdue review
is visible to the people who must act and on the policy page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from socialgov.core.models import AuditEvent
from socialgov.policies import selectors, services
from socialgov.policies.selectors.governance import add_months


def _record(world, persona: str = "agency_head", **values):
    values = {"reviewed_on": timezone.localdate(), "outcome": "no_change",
              "reviewers": "Office of Contracts and Privacy"} | values
    return services.policy_review_record(actor=world.user(persona), agency=world.agency, **values)


@pytest.mark.requirement("KY-13")
def test_kentuckys_review_is_due_two_years_after_the_last_one_and_overdue_now(ky):
    status = selectors.review_status(ky.agency)
    assert (status.last_reviewed, status.every_months) == (date(2019, 5, 30), 24)
    assert status.next_due == date(2021, 5, 30) and status.overdue


@pytest.mark.requirement("KY-13")
@pytest.mark.parametrize("persona", ["agency_head", "agency_admin"])
def test_an_overdue_review_waits_on_the_dashboards_of_those_who_maintain_the_policy(client_as, ky, persona):
    page = client_as(persona).get("/").content.decode()
    assert "the policy review was due by 2021-05-30" in page
    assert selectors.review_due_for(ky.user(persona))


@pytest.mark.requirement("KY-13")
@pytest.mark.parametrize("persona", ["employee", "auditor", "cio"])
def test_others_do_not_get_the_review_on_their_dashboard(client_as, ky, persona):
    assert selectors.review_due_for(ky.user(persona)) == []
    assert "the policy review was due by" not in client_as(persona).get("/").content.decode()


@pytest.mark.requirement("KY-13")
def test_an_overdue_review_shows_on_the_policy_page_for_every_member(client_as, ky):
    page = client_as("employee").get(ky.agency_url("policy/")).content.decode()
    assert "The policy review is overdue" in page and "2021-05-30" in page


@pytest.mark.requirement("KY-13")
def test_recording_a_review_sets_the_next_one_within_two_years(ky):
    review = _record(ky, notes="Aligned with ENT-301.")
    assert review.next_due == add_months(timezone.localdate(), 24)
    assert (review.reviewed_by, review.pack_adoption.pack_name) == (ky.user("agency_head"), "kentucky-cot")
    status = selectors.review_status(ky.agency)
    assert status.last_review == review and not status.overdue
    event = AuditEvent.objects.get(action="policies.review.record")
    assert event.after["outcome"] == "no_change" and event.actor == ky.user("agency_head")


@pytest.mark.requirement("KY-13")
def test_the_next_review_cannot_be_set_beyond_the_policys_cadence(ky):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="at least every 24 months"):
        _record(ky, next_due=today + timedelta(days=800))
    with pytest.raises(ValidationError, match="must come after this one"):
        _record(ky, next_due=today)
    with pytest.raises(ValidationError, match="before it happens"):
        _record(ky, reviewed_on=today + timedelta(days=1))
    assert _record(ky, next_due=today + timedelta(days=365)).next_due == today + timedelta(days=365)


@pytest.mark.requirement("KY-13")
def test_a_review_becomes_overdue_when_its_next_due_date_passes(ky):
    review = _record(ky)
    with time_machine.travel(timezone.now() + timedelta(days=731 - 30)):
        assert selectors.review_status(ky.agency).due_soon
    with time_machine.travel(timezone.now() + timedelta(days=760)):
        assert selectors.review_status(ky.agency).overdue
        assert selectors.review_due_for(ky.user("agency_head"))[0].next_due == review.next_due


@pytest.mark.parametrize("persona", ["employee", "auditor", "cio", "department_head"])
def test_only_those_who_maintain_the_policy_record_reviews(ky, persona):
    with pytest.raises(PermissionDenied):
        _record(ky, persona)


def test_a_pack_that_names_the_role_that_maintains_it_is_followed(world):
    from socialgov.policies import parameters

    assert parameters.review_roles({"review": {"every_months": 12, "role": "records_officer"}}) == ["records_officer"]
    assert parameters.review_roles(None) == ["agency_head", "agency_admin"]


def test_without_a_cadence_a_review_can_still_be_recorded_with_its_next_date(lccs):
    assert selectors.review_status(lccs.agency).next_due is None
    review = _record(lccs, next_due=timezone.localdate() + timedelta(days=30))
    assert selectors.review_status(lccs.agency).due_soon and review.next_due


def test_add_months_keeps_the_day_or_the_end_of_the_month():
    assert add_months(date(2019, 5, 30), 24) == date(2021, 5, 30)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
