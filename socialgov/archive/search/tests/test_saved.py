"""Saved searches: the count and a hash of exactly which results, stable until the archive changes;
re-runs recorded and audited; the pages and the API say whether the answer changed."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.archive.models import RecordVersion
from socialgov.archive.search.models import SavedSearchRun
from socialgov.archive.search.services import SearchQuery, saved_search_create, saved_search_rerun
from socialgov.archive.search.tests.conftest import day, ingest, item
from socialgov.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _save(world, text="pool", persona="records_officer", **query):
    return saved_search_create(actor=world.user(persona), agency=world.agency, name="OPRA 2026-014",
                               query=SearchQuery(text=text, **query))


def test_the_hash_covers_every_result_as_sorted_record_and_version_ids(world, archive):
    saved = _save(world, versions="all")
    rows = sorted(RecordVersion.objects.filter(text__icontains="pool").values_list("record_id", "pk"))
    expected = hashlib.sha256("\n".join(f"{r}:{v}" for r, v in rows).encode()).hexdigest()
    assert (saved.result_count, saved.result_ids_hash) == (3, expected)
    assert SearchQuery.from_dict(saved.query) == SearchQuery(text="pool", versions="all")


def test_a_rerun_with_nothing_new_finds_the_same_results(world, archive):
    saved = _save(world)
    run = saved_search_rerun(actor=world.user("employee"), saved=saved)
    assert (run.result_count, run.result_ids_hash, run.differs) == (3, saved.result_ids_hash, False)


def test_a_new_matching_record_changes_the_hash_and_the_rerun_says_so(world, archive):
    saved = _save(world)
    ingest(archive, item("77", "Pool closed for cleaning", day(2026, 3, 1)))
    run = saved_search_rerun(actor=world.user("records_officer"), saved=saved)
    assert (run.result_count, run.differs) == (4, True)
    assert run.result_ids_hash != saved.result_ids_hash
    events = AuditEvent.objects.filter(action__startswith="search.").order_by("seq")
    assert [(e.action, e.after["result_count"]) for e in events] == [("search.saved", 3), ("search.rerun", 4)]
    assert events.last().after["differs"] is True


def test_a_record_that_does_not_match_leaves_the_hash_alone(world, archive):
    saved = _save(world)
    ingest(archive, item("78", "Library closed Monday", day(2026, 3, 1)))
    assert not saved_search_rerun(actor=world.user("employee"), saved=saved).differs


def test_a_saved_search_needs_a_name_a_runnable_query_and_a_member(world, archive):
    with pytest.raises(ValidationError) as caught:
        saved_search_create(actor=world.user("employee"), agency=world.agency, name=" ", query=SearchQuery("pool"))
    assert "name" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        saved_search_create(actor=world.user("employee"), agency=world.agency, name="x", query=SearchQuery('"pool'))
    assert "text" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        saved_search_create(actor=world.user("outsider"), agency=world.agency, name="x", query=SearchQuery("pool"))


# --- pages and API ------------------------------------------------------------------------------

def test_the_search_page_shows_highlighted_results_with_badges(client_as, world, archive):
    page = client_as("employee").get(world.agency_url("archive/search/?q=pool+library&versions=all"))
    assert page.status_code == 200
    page = client_as("employee").get(world.agency_url("archive/search/?q=holiday&versions=all"))
    html = page.content.decode()
    assert "2 results" in html and "<mark>holiday</mark>" in html and "Earlier version" in html
    deleted = client_as("employee").get(world.agency_url("archive/search/?q=pool&deleted=only")).content.decode()
    assert "1 result" in deleted and "Deleted on platform" in deleted
    hidden = client_as("employee").get(world.agency_url("archive/search/?hidden=only")).content.decode()
    assert "Hidden</span>" in hidden


def test_a_bad_query_on_the_page_names_the_field(client_as, world, archive):
    html = client_as("employee").get(world.agency_url('archive/search/?q="pool')).content.decode()
    assert "usa-error-message" in html and "quotation mark is not closed" in html
    html = client_as("employee").get(world.agency_url(
        "archive/search/?q=pool&date_from=2026-02-01&date_to=2026-01-01")).content.decode()
    assert "start date is after the end date" in html


def test_saving_then_rerunning_on_the_pages(client_as, world, archive):
    client = client_as("records_officer")
    response = client.post(world.agency_url("archive/search/save/"), {"q": "pool", "name": "OPRA 2026-014"})
    assert response.status_code == 302
    detail = response["Location"]
    assert "OPRA 2026-014" in client.get(detail).content.decode()
    client.post(detail + "rerun/")
    assert "Same results as when saved (3)" in client.get(detail).content.decode()
    ingest(archive, item("77", "Pool closed for cleaning", day(2026, 3, 1)))
    client.post(detail + "rerun/")
    assert "Results changed since saved: 3 then, 4 now" in client.get(detail).content.decode()
    assert SavedSearchRun.objects.count() == 2
    assert "OPRA 2026-014" in client.get(world.agency_url("archive/search/saved/")).content.decode()


def test_the_api_searches_with_the_same_filters_and_reruns_saved_searches(client_as, world, archive):
    client = client_as("employee")
    body = client.get("/api/v1/archive-search/?q=pool&date_from=2026-01-01").json()
    assert body["count"] == 2
    assert [r["platform_item_id"] for r in body["results"]] == ["4", "1"]
    assert "<mark>pool</mark>" in body["results"][1]["snippet_html"]
    assert {"record_id", "version_id", "is_current", "is_deleted"} <= set(body["results"][0])
    bad = client.get("/api/v1/archive-search/?q=NEAR(pool")
    assert bad.status_code == 400 and "q" in bad.json()["errors"]
    saved = _save(world)
    listed = client.get("/api/v1/saved-searches/").json()
    assert [s["result_ids_hash"] for s in listed["results"]] == [saved.result_ids_hash]
    run = client.post(f"/api/v1/saved-searches/{saved.pk}/rerun/")
    assert run.status_code == 201 and run.json()["differs"] is False


def test_the_label_form_include_for_the_record_page(rf, world, archive):
    from django.template.loader import render_to_string

    from socialgov.archive.models import Record
    from socialgov.archive.services.labels import record_label_add

    record = Record.objects.get(platform_item_id="1")

    def render(persona):
        request = rf.get("/")
        request.user = world.user(persona)
        return render_to_string("search/_label_form.html", {"record": record}, request=request)

    assert "Label confidential" in render("records_officer")
    assert "Not labelled" in render("employee") and "<form" not in render("employee")
    record_label_add(actor=world.user("records_officer"), record=record, reason="Names a child in care")
    html = render("records_officer")
    assert "Lift the confidential label" in html and "Names a child in care" in html
    assert f"/archive/search/records/{record.pk}/unlabel/" in html
