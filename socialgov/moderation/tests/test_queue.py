"""What a moderator sees waiting: low severity behind a toggle, removals to approve, closed cases that
refuse a second decision until reopened."""

from __future__ import annotations

import re

import pytest

from socialgov.archive.models import Record
from socialgov.moderation import services
from socialgov.moderation.models import Case, Decision
from socialgov.moderation.tests.conftest import LINK_ONLY, PHONE_AND_INSULT, case_of, item, post
from socialgov.moderation.workflows import CaseStatus, Outcome

QUEUE = "/agencies/test-agency/moderation/"


def waiting(page: str) -> int:
    return int(re.search(r"<strong>(\d+)</strong> waiting", page).group(1))


@pytest.fixture
def mixed(nj, capture_comments):
    """Two meaningful cases (high, normal) and two low-severity ones (a link, nothing else)."""
    records = capture_comments(post(), item("c-1", PHONE_AND_INSULT), item("c-2", "you idiot", author="c2"),
                               item("l-1", LINK_ONLY, author="l1"), item("l-2", LINK_ONLY + "/2", author="l2"))
    cases = {r.platform_item_id: case_of(r) for r in records if Case.objects.filter(record=r).exists()}
    assert {k: c.severity for k, c in cases.items()} == {"c-1": "high", "c-2": "normal", "l-1": "low", "l-2": "low"}
    return cases


def test_the_queue_hides_low_severity_behind_a_toggle_with_its_count(client_as, mixed):
    client = client_as("moderator")
    page = client.get(QUEUE).content.decode()
    assert waiting(page) == 2
    assert f"/cases/{mixed['c-1'].pk}/" in page and f"/cases/{mixed['c-2'].pk}/" in page
    assert f"/cases/{mixed['l-1'].pk}/" not in page
    assert "Show low severity (2)" in page
    page = client.get(QUEUE + "?low=1").content.decode()
    assert all(f"/cases/{c.pk}/" in page for c in mixed.values())
    assert "Hide low severity" in page and "Show low severity" not in page
    assert waiting(page) == 2  # the waiting count stays the meaningful one
    page = client.get(QUEUE + "?severity=low").content.decode()  # asking for low shows it, no toggle
    assert f"/cases/{mixed['l-2'].pk}/" in page and f"/cases/{mixed['c-1'].pk}/" not in page
    assert "Show low severity" not in page


def test_the_low_toggle_counts_what_the_other_filters_leave(client_as, mixed):
    page = client_as("moderator").get(QUEUE + "?label=pii.phone").content.decode()
    assert "Show low severity (0)" in page
    page = client_as("moderator").get(QUEUE + "?label=external_link").content.decode()
    assert "Show low severity (2)" in page and 'href="?label=external_link&amp;low=1"' in page


def test_the_dashboard_panel_counts_what_the_default_queue_shows(client_as, mixed):
    client = client_as("moderator")
    dashboard = client.get("/").content.decode()
    assert waiting(dashboard) == waiting(client.get(QUEUE).content.decode()) == 2
    assert "2 low-severity cases not counted." in dashboard
    assert f"/cases/{mixed['l-1'].pk}/" not in dashboard and f"/cases/{mixed['c-1'].pk}/" in dashboard


# --- removals waiting for a second person ----------------------------------------------------------

@pytest.fixture
def pending(world, two_person, capture_comments):
    """A removal the moderator decided, waiting for a second person (here, the PIO)."""
    case = case_of(capture_comments(item("c-1", PHONE_AND_INSULT))[0])
    services.case_decide(actor=world.user("moderator"), case=case, kind="remove", category="pii",
                         reason="A private phone number.")
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING_APPROVAL
    return case


PANEL = "Removals waiting for your approval"


def test_the_second_person_finds_the_removal_on_the_dashboard_and_in_the_queue(client_as, pending):
    client = client_as("pio")
    dashboard = client.get("/").content.decode()
    assert PANEL in dashboard
    assert f'href="/agencies/test-agency/moderation/cases/{pending.pk}/">Removal of a comment by citizen1' in dashboard
    assert f'href="{QUEUE}?to_approve=1">All removals waiting for your approval' in dashboard
    page = client.get(QUEUE + "?to_approve=1").content.decode()
    assert f"{PANEL} (1)" in page and f"/cases/{pending.pk}/" in page
    assert "Removals waiting for your approval: Cases 1–1 of 1" in page


def test_nobody_is_asked_to_approve_their_own_removal(client_as, pending):
    client = client_as("moderator")
    dashboard = client.get("/").content.decode()
    assert PANEL in dashboard and "No removal waits for your approval" in dashboard
    assert f"/cases/{pending.pk}/" not in dashboard.split(PANEL, 1)[1].split("</section>", 1)[0]
    page = client.get(QUEUE + "?to_approve=1").content.decode()
    assert f"{PANEL} (0)" in page and f"/cases/{pending.pk}/" not in page
    assert "No removal waits for your approval" in page


@pytest.mark.parametrize("persona", ["agency_head", "auditor", "employee"])
def test_people_who_cannot_approve_get_no_removals_panel(client_as, pending, persona):
    client = client_as(persona)
    assert PANEL not in client.get("/").content.decode()
    if persona != "employee":  # overseers see the queue, but no removal is theirs to approve
        page = client.get(QUEUE + "?to_approve=1").content.decode()
        assert f"{PANEL} (0)" in page and f"/cases/{pending.pk}/" not in page


def test_without_a_second_person_rule_the_panel_stays_away(client_as, nj, capture_comments):
    capture_comments(item("c-1", PHONE_AND_INSULT))
    assert PANEL not in client_as("pio").get("/").content.decode()


def test_an_approved_removal_leaves_the_list(client_as, world, pending):
    services.case_decide(actor=world.user("pio"), case=pending, kind="approve_removal", reason="Agreed.")
    page = client_as("pio").get(QUEUE + "?to_approve=1").content.decode()
    assert f"{PANEL} (0)" in page and f"/cases/{pending.pk}/" not in page


# --- closed cases -----------------------------------------------------------------------------------

@pytest.fixture
def flagged(nj, capture_comments):
    return case_of(capture_comments(item("c-1", PHONE_AND_INSULT))[0])


def test_a_second_remove_through_the_form_is_refused_and_nothing_changes(client_as, flagged):
    client = client_as("moderator")
    url = f"{QUEUE}cases/{flagged.pk}/"
    data = {"kind": "remove", "category": "pii", "reason": "Phone number."}
    assert client.post(url + "decide/", data).status_code == 302
    decisions = Decision.objects.filter(case=flagged).count()
    response = client.post(url + "decide/", data)  # e.g. a second tab, or a double submit
    assert response.status_code == 400
    page = response.content.decode()
    assert "This case is already closed (removed): &#x27;Remove&#x27; was not recorded and nothing changed." in page
    assert Decision.objects.filter(case=flagged).count() == decisions
    assert "Reopen the case" in page


def test_a_kept_case_shows_why_a_decision_was_refused_and_offers_reopening(client_as, flagged):
    client = client_as("moderator")
    url = f"{QUEUE}cases/{flagged.pk}/"
    client.post(url + "decide/", {"kind": "keep", "reason": "Fine."})
    response = client.post(url + "decide/", {"kind": "hide", "category": "pii", "reason": "On second thought."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The decision was not recorded" in page and "already closed (kept)" in page
    assert 'value="hide"' not in page  # no decision buttons on a kept, closed case


def test_reopening_through_the_form_needs_a_reason(client_as, world, flagged):
    client = client_as("pio")
    url = f"{QUEUE}cases/{flagged.pk}/"
    client.post(url + "decide/", {"kind": "remove", "category": "pii", "reason": "Phone number."})
    response = client.post(url + "reopen/", {"reopen-reason": " "})
    assert response.status_code == 400
    assert "Give the reason for reopening the case; it is kept with it." in response.content.decode()
    flagged.refresh_from_db()
    assert flagged.status == CaseStatus.CLOSED
    response = client.post(url + "reopen/", {"reopen-reason": "The author says it is the agency's number."},
                           follow=True)
    page = response.content.decode()
    assert "Case reopened" in page and "Reopen the case</strong> by" in page
    assert "The author says it is the agency&#x27;s number." in page
    flagged.refresh_from_db()
    assert (flagged.status, flagged.outcome) == (CaseStatus.OPEN, Outcome.REMOVED)
    assert f"/cases/{flagged.pk}/" in client.get(QUEUE).content.decode()  # back in the queue
    client.post(url + "decide/", {"kind": "restore", "reason": "It is the agency's own number."})
    assert Record.objects.get(pk=flagged.record_id).status == "present"
