"""The archive's pages in a real browser, each axe-clean: the index, an account's threads, a record
with its versions and proof, the imports list, a job's page, and the upload form with an error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from socialgov.archive.models import ImportJob, Record
from socialgov.archive.tests.conftest import make_account
from socialgov.archive.tests.test_views import build_archive
from socialgov.archive.workflows import JobStatus
from socialgov.core.testing import World
from socialgov.policies.tests.test_browser import assert_axe_clean, sign_in, submit_past_browser_checks

pytestmark = pytest.mark.browser

AGENCY = "/agencies/test-agency"


def _records(world: World) -> dict[str, Record]:
    return build_archive(make_account(world))


def _job(world: World, status: str) -> str:
    job = ImportJob.objects.create(account=make_account(world), source_name="youth-services-x.zip",
                                   source_path="/nowhere", status=status, position=1200, new=1180, unchanged=20,
                                   skipped=3, skipped_reasons={"not a tweet": 3},
                                   log=["2026-03-06 13:00:00 UTC queued", "2026-03-06 13:00:01 UTC started"],
                                   started_at=timezone.now(), heartbeat_at=timezone.now(),
                                   error="interrupted: no progress since 2026-03-06 13:05:00 UTC"
                                   if status == JobStatus.FAILED else "")
    return f"{AGENCY}/archive/imports/{job.pk}/"


PAGES: dict[str, tuple[str, Callable[[World], str], str | None]] = {
    "index": ("t-employee", lambda w: (_records(w), f"{AGENCY}/archive/")[1], None),
    "account-threads": ("t-employee", lambda w: f"{AGENCY}/archive/accounts/{_records(w)['100'].account_id}/",
                        None),
    "account-filtered": ("t-employee", lambda w: f"{AGENCY}/archive/accounts/{_records(w)['100'].account_id}/"
                                                 "?status=deleted", None),
    "record-versions-proof": ("t-auditor", lambda w: f"{AGENCY}/archive/records/{_records(w)['200'].pk}/", None),
    "record-tombstone": ("t-employee", lambda w: f"{AGENCY}/archive/records/{_records(w)['300'].pk}/", None),
    "record-media": ("t-employee", lambda w: f"{AGENCY}/archive/records/{_records(w)['500'].pk}/", None),
    "imports": ("t-records-officer", lambda w: (_job(w, JobStatus.FAILED), f"{AGENCY}/archive/imports/")[1], None),
    "import-running": ("t-records-officer", lambda w: _job(w, JobStatus.RUNNING), None),
    "import-failed": ("t-records-officer", lambda w: _job(w, JobStatus.FAILED), None),
    "import-form": ("t-records-officer", lambda w: (make_account(w), f"{AGENCY}/archive/imports/new/")[1], None),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_axe_clean(page: Page, world: World, name: str) -> None:
    persona, path, submit = PAGES[name]
    url = path(world)
    sign_in(page, persona)
    assert page.goto(url).status == 200
    assert_axe_clean(page)


def test_the_upload_form_names_a_wrong_file_and_stays_axe_clean(page: Page, world: World, tmp_path) -> None:
    make_account(world)
    wrong = tmp_path / "minutes.docx"
    wrong.write_bytes(b"PK\x03\x04 not an export")
    sign_in(page, "t-records-officer")
    page.goto(f"{AGENCY}/archive/imports/new/")
    page.get_by_label("Account").select_option(label="Youth Services on X")
    page.get_by_label("Export file").set_input_files(str(wrong))
    submit_past_browser_checks(page, "Start the import")
    expect(page.locator(".usa-error-message").first).to_contain_text('"minutes.docx" is not an export file')
    assert not ImportJob.objects.exists()
    assert_axe_clean(page)


def test_a_thread_reads_in_order_and_the_record_offers_its_proof(page: Page, world: World) -> None:
    records = _records(world)
    sign_in(page, "t-employee")
    page.goto(f"{AGENCY}/archive/accounts/{records['100'].account_id}/")
    thread = page.locator("article", has=page.get_by_role("heading", name="Post by Youth Services")).filter(
        has_text="Summer programs open Monday.").first
    expect(thread.get_by_role("list", name="Replies to this post")).to_contain_text("Which parks?")
    expect(thread.get_by_role("list", name="Replies to this comment")).to_contain_text("All twelve city parks.")
    page.goto(f"{AGENCY}/archive/records/{records['200'].pk}/")
    expect(page.get_by_role("heading", name="Version 3 (current)")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the proof bundle").click()
    assert download.value.suggested_filename == f"record-{records['200'].pk}-v3.proof.json"
