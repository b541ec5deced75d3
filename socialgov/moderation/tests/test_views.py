"""The pages as a moderator uses them: the queue, a case, a decision, the transparency report."""

from __future__ import annotations

import csv
import io

import pytest

from socialgov.accounts.models import AccountText
from socialgov.moderation import services
from socialgov.moderation.models import Case
from socialgov.moderation.tests.conftest import CHILD_ABUSE, PHONE_AND_INSULT, case_of, item, post


@pytest.fixture
def cases(nj, capture_comments):
    records = capture_comments(post(), item("c-1", PHONE_AND_INSULT),
                               item("c-2", "<script>alert(1)</script> you idiot"),
                               item("c-3", "Off topic: my cat likes the sunshine a lot today and naps.", author="c3"),
                               item("c-9", CHILD_ABUSE))
    return {r.platform_item_id: case_of(r) for r in records if Case.objects.filter(record=r).exists()}


def test_the_queue_lists_urgent_first_then_the_oldest(client_as, cases):
    page = client_as("moderator").get("/agencies/test-agency/moderation/").content.decode()
    urgent_at = page.index(f"/moderation/cases/{cases['c-9'].pk}/")
    assert urgent_at < page.index(f"/moderation/cases/{cases['c-1'].pk}/")
    assert "Urgent" in page


def test_the_queue_filters_by_severity_and_label(client_as, cases):
    client = client_as("moderator")
    page = client.get("/agencies/test-agency/moderation/?severity=urgent").content.decode()
    assert f"/cases/{cases['c-9'].pk}/" in page and f"/cases/{cases['c-1'].pk}/" not in page
    page = client.get("/agencies/test-agency/moderation/?label=pii.phone").content.decode()
    assert f"/cases/{cases['c-1'].pk}/" in page and f"/cases/{cases['c-9'].pk}/" not in page


def test_the_queue_shows_the_accounts_moderation_statement(client_as, cases, account):
    AccountText.objects.create(account=account, kind="moderation_statement", version=1,
                               text="We remove personal attacks and phone numbers.")
    page = client_as("moderator").get(f"/agencies/test-agency/moderation/?account={account.pk}").content.decode()
    assert "We remove personal attacks and phone numbers." in page


def test_the_case_page_highlights_spans_escaped_and_explains(client_as, cases):
    page = client_as("moderator").get(f"/agencies/test-agency/moderation/cases/{cases['c-2'].pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "<mark>you idiot</mark>" in page
    assert "Summer programs open Monday" in page  # the post it answers, from the archive
    assert 'accesskey="r"' in page and "Keyboard shortcuts" in page
    page = client_as("moderator").get(f"/agencies/test-agency/moderation/cases/{cases['c-1'].pk}/").content.decode()
    assert "<mark>(419) 555-0134</mark>" in page


def test_deciding_through_the_form(client_as, cases):
    client = client_as("moderator")
    url = f"/agencies/test-agency/moderation/cases/{cases['c-1'].pk}/"
    response = client.post(url + "decide/", {"kind": "remove", "reason": ""})
    assert response.status_code == 400
    assert "Give the reason for this decision" in response.content.decode()
    response = client.post(url + "decide/", {"kind": "remove", "reason": "Phone number."})
    assert response.status_code == 400
    assert "Choose the policy category the comment breaks" in response.content.decode()
    response = client.post(url + "decide/", {"kind": "remove", "category": "pii", "reason": "Phone number."},
                           follow=True)
    assert "preserved with its metadata first" in response.content.decode()
    assert "Preserved copy (NJ-18)" in response.content.decode()
    assert "Routine Commentary/Dialogue" in response.content.decode()


def test_the_transparency_report_counts_without_text_or_authors(client_as, world, cases):
    services.case_decide(actor=world.user("moderator"), case=cases["c-1"], kind="remove", category="pii",
                         reason="Phone.")
    services.case_decide(actor=world.user("moderator"), case=cases["c-2"], kind="hide", category="personal_attack",
                         reason="Insult.")
    client = client_as("employee")
    page = client.get("/agencies/test-agency/moderation/transparency/").content.decode()
    assert "Removed" in page and "Hidden" in page
    assert "citizen1" not in page and "555-0134" not in page
    rows = list(csv.reader(io.StringIO(client.get("/agencies/test-agency/moderation/transparency.csv")
                                       .content.decode())))
    assert rows[0] == ["Month", "Account", "Platform", "Policy category", "Category key", "Outcome", "Decisions"]
    assert {(r[4], r[5], r[6]) for r in rows[1:]} == {("pii", "Removed", "1"), ("personal_attack", "Hidden", "1")}
    public = client.get("/public/test-agency/moderation/").content.decode()
    assert "Removed" in public


def test_the_transparency_csv_is_safe_from_formula_injection(client_as, world, cases, account):
    account.name = "=HYPERLINK(\"http://evil\")"
    account.save()
    services.case_decide(actor=world.user("moderator"), case=cases["c-1"], kind="remove", category="pii",
                         reason="Phone.")
    body = client_as("employee").get("/agencies/test-agency/moderation/transparency.csv").content.decode()
    assert "'=HYPERLINK" in body


def test_the_report_rejects_a_reversed_date_range(client_as, cases):
    page = client_as("employee").get(
        "/agencies/test-agency/moderation/transparency/?since=2026-05-01&until=2026-01-01").content.decode()
    assert "The &#x27;from&#x27; date is after the &#x27;to&#x27; date." in page


def test_the_dashboard_panel_shows_open_cases(client_as, cases):
    page = client_as("moderator").get("/").content.decode()
    assert "Comments waiting for moderation" in page and "Open the moderation queue" in page


def test_the_api_lists_cases_with_findings_for_moderators_only(client_as, cases):
    data = client_as("moderator").get("/api/v1/moderation/cases/").json()
    items = data["results"] if isinstance(data, dict) else data
    assert {c["id"] for c in items} == {c.pk for c in cases.values()}
    assert any(f["label"] == "pii.phone" for c in items for f in c["findings"])
    data = client_as("employee").get("/api/v1/moderation/cases/").json()
    assert (data["results"] if isinstance(data, dict) else data) == []


def test_assigning_a_case_and_filtering_the_queue_by_moderator(client_as, world, cases):
    client = client_as("moderator")
    url = f"/agencies/test-agency/moderation/cases/{cases['c-1'].pk}/"
    client.post(url + "assign/", {"assignee": world.user("pio").pk})
    cases["c-1"].refresh_from_db()
    assert cases["c-1"].assigned_to == world.user("pio")
    page = client.get(f"/agencies/test-agency/moderation/?assigned_to={world.user('pio').pk}").content.decode()
    assert f"/cases/{cases['c-1'].pk}/" in page and f"/cases/{cases['c-9'].pk}/" not in page
    response = client.post(url + "assign/", {"assignee": world.user("employee").pk}, follow=True)
    assert "Select a valid choice" in response.content.decode()
