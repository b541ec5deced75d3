"""The Archive nav item, the records officers' dashboard panel, and the archive's demo data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialgov.archive import demo
from socialgov.archive.models import ImportJob, Record
from socialgov.archive.selectors import archive_counts
from socialgov.archive.services import archive_verify
from socialgov.archive.workflows import JobStatus, RecordStatus
from socialgov.core.dashboard import panels_for
from socialgov.core.navigation import items_for

pytestmark = pytest.mark.django_db


def panel(user, key: str) -> list | None:
    return next((items for p, items, _ in panels_for(user) if p.key == key), None)


def _labels(entries) -> list[str]:
    return [e["label"] for entry in entries for e in (entry.get("children") or [entry])]


def test_recent_imports_wait_for_records_officers_failed_ones_first(world, account):
    done = ImportJob.objects.create(account=account, source_name="a.zip", source_path="/a",
                                    status=JobStatus.SUCCEEDED)
    failed = ImportJob.objects.create(account=account, source_name="b.zip", source_path="/b",
                                      status=JobStatus.FAILED, error="interrupted: no progress since 13:05")
    newest = ImportJob.objects.create(account=account, source_name="c.zip", source_path="/c")
    assert panel(world.user("records_officer"), "archive-imports") == [failed, newest, done]
    assert panel(world.user("agency_admin"), "archive-imports") == [failed, newest, done]
    assert panel(world.user("employee"), "archive-imports") is None
    assert panel(world.user("outsider"), "archive-imports") is None


def test_the_dashboard_shows_the_failed_import_with_its_reason(client_as, world, account):
    ImportJob.objects.create(account=account, source_name="b.zip", source_path="/b", status=JobStatus.FAILED,
                             error="interrupted: no progress since 13:05")
    html = client_as("records_officer").get(reverse("dashboard")).content.decode()
    assert "Records archive: recent imports" in html and "failed: interrupted: no progress since 13:05" in html


def test_archive_is_in_every_members_navigation(world):
    assert "Archive" in _labels(items_for(world.user("employee"), world.agency, "archive-record"))
    assert "Archive" not in _labels(items_for(world.user("outsider"), world.agency, "dashboard"))


@pytest.mark.requirement("NJ-04")
def test_demo_data_keeps_a_thread_an_edit_and_a_deletion_and_building_again_changes_nothing(world, account):
    demo.build(agency=world.agency, pack=None, prefix="t")
    counts = archive_counts(account)
    assert counts == {"records": 5, "versions": 6, "tombstones": 1}
    post = Record.objects.get(account=account, platform_item_id="demo-1001")
    assert [v.text.split(" at ")[1][:12] for v in post.versions.order_by("number")] == ["12 locations", "13 locations"]
    reply = Record.objects.get(account=account, platform_item_id="demo-1003")
    assert reply.parent_item_id == "demo-1002" and reply.thread_item_id == "demo-1001"
    assert Record.objects.get(account=account, platform_item_id="demo-1004").status == RecordStatus.DELETED
    demo.build(agency=world.agency, pack=None, prefix="t")
    assert archive_counts(account) == counts
    assert archive_verify().ok
