"""The archive's pages: threads, versions and diffs, tombstones, media, raw payloads, proofs, imports."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from socialgov.archive.capture import Author, ItemKind
from socialgov.archive.models import ImportJob, Record
from socialgov.archive.selectors import archive_counts
from socialgov.archive.services import ingest_snapshots, tree_head_sign
from socialgov.archive.tests.conftest import CAPTURED, REAL_X_ARCHIVE, media_ref, snapshot
from socialgov.archive.tests.test_refuse_updates import tamper
from socialgov.archive.workflows import JobStatus

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
XSS = '<script>alert("x")</script> see https://example.gov/a?b=1&c=2 now'


def build_archive(account) -> dict[str, Record]:
    """A post with a comment and a reply to it, an edited post (3 versions), a deleted post, an XSS
    attempt, a post with a stored photo and one whose photo is missing; then a signed tree head."""
    resident = Author("7", "resident", "A Resident")
    post = snapshot("100", text="Summer programs open Monday.", created_at=CAPTURED - timedelta(days=3))
    comment = snapshot("101", text="Which parks?", kind=ItemKind.COMMENT, author=resident, parent_id="100",
                       root_id="100", created_at=CAPTURED - timedelta(days=2))
    reply = snapshot("102", text="All twelve city parks.", kind=ItemKind.REPLY, parent_id="101", root_id="100",
                     created_at=CAPTURED - timedelta(days=1))
    edit = [snapshot("200", text=text, created_at=CAPTURED - timedelta(hours=20), edited_at=edited)
            for text, edited in (("Pool opens at 9 am.", None), ("Pool opens at 10 am.", CAPTURED),
                                 ("Pool opens at 10 am Saturday.", CAPTURED + timedelta(hours=1)))]
    gone = snapshot("300", text="Closed today.", created_at=CAPTURED - timedelta(hours=10))
    deleted = replace(gone, deleted=True, deleted_at=CAPTURED + timedelta(days=1))
    xss = snapshot("400", text=XSS, created_at=CAPTURED - timedelta(hours=5))
    photo = snapshot("500", text="Our new van", created_at=CAPTURED - timedelta(hours=4),
                     media=(media_ref("data/tweets_media/500-a.jpg"),
                            media_ref("data/tweets_media/500-b.jpg", data=None)))
    svg = snapshot("600", text="A drawing", created_at=CAPTURED - timedelta(hours=3), media=(replace(
        media_ref("data/tweets_media/600.svg", data=b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        content_type="image/svg+xml"),))
    for batch in ([post, comment, reply, edit[0], gone, xss, photo, svg], [edit[1]], [edit[2], deleted]):
        ingest_snapshots(account=account, snapshots=batch)
    tree_head_sign()
    return {r.platform_item_id: r for r in Record.objects.filter(account=account)}


@pytest.fixture
def records(account):
    return build_archive(account)


def url(world, name: str, *args) -> str:
    return reverse(name, args=[world.agency.slug, *args])


@pytest.mark.requirement("NJ-04")
@pytest.mark.requirement("LCCS-08")
def test_the_account_browser_shows_threads_edits_and_deletions_with_content_kept(client_as, world, account,
                                                                                 records):
    page = client_as("employee").get(url(world, "archive-account", account.pk))
    assert page.status_code == 200
    html = page.content.decode()
    # The comment and the reply nest under their post: the reply inside the comment's list of replies.
    post_at, comment_at, reply_at = (html.index(t) for t in ("Summer programs open Monday.", "Which parks?",
                                                             "All twelve city parks."))
    assert post_at < comment_at < reply_at
    thread = page.context["page_obj"].object_list
    root = next(r for r in thread if r.platform_item_id == "100")
    assert [c.platform_item_id for c in root.children_list] == ["101"]
    assert [c.platform_item_id for c in root.children_list[0].children_list] == ["102"]
    assert {r.platform_item_id for r in thread} == {"100", "200", "300", "400", "500", "600"}
    assert [r.platform_item_id for r in thread][:2] == ["600", "500"]          # newest first
    assert "edited — 3 versions" in html
    assert "Deleted on the platform on 2026-03-07 — content kept" in html and "Closed today." in html


def test_the_account_browser_filters_by_kind_and_status(client_as, world, account, records):
    client = client_as("employee")
    deleted = client.get(url(world, "archive-account", account.pk), {"status": "deleted"})
    assert [r.platform_item_id for r in deleted.context["page_obj"].object_list] == ["300"]
    comments = client.get(url(world, "archive-account", account.pk), {"kind": "comment"})
    assert [r.platform_item_id for r in comments.context["page_obj"].object_list] == ["101"]


def test_post_text_is_escaped_and_links_are_safe(client_as, world, account, records):
    for name, args in (("archive-account", [account.pk]), ("archive-record", [records["400"].pk])):
        html = client_as("employee").get(url(world, name, *args)).content.decode()
        assert '<script>alert("x")</script>' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert ('<a class="usa-link" href="https://example.gov/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">'
                in html)


@pytest.mark.requirement("NJ-04")
@pytest.mark.requirement("LCCS-08")
def test_the_record_page_shows_every_version_with_a_diff(client_as, world, records):
    page = client_as("auditor").get(url(world, "archive-record", records["200"].pk))
    html = page.content.decode()
    assert [v.number for v in page.context["versions"]] == [1, 2, 3]
    assert "Pool opens at 9 am." in html
    assert '<del class="sg-diff-del"><span class="usa-sr-only">[removed: </span>9' in html
    assert '<ins class="sg-diff-ins"><span class="usa-sr-only">[added: </span>10' in html
    assert "Saturday." in html and "Changes from version 2" in html


def test_the_record_page_shows_the_tombstone_and_the_kept_content(client_as, world, records):
    html = client_as("employee").get(url(world, "archive-record", records["300"].pk)).content.decode()
    assert "Deleted on the platform on 2026-03-07 — content kept." in html
    assert "Closed today." in html and "download its proof bundle" in html


def test_the_raw_payload_is_pretty_printed_and_verified_on_view(client_as, world, records):
    page = client_as("employee").get(url(world, "archive-record", records["100"].pk))
    raw = page.context["raw"]
    assert raw["verified"] and raw["actual_sha256"] == records["100"].current_version.raw_sha256
    html = page.content.decode()
    assert "Verified: the stored bytes hash to this value" in html
    assert '  &quot;id&quot;: &quot;100&quot;' in html


def test_a_changed_raw_payload_is_shown_as_not_verified(client_as, world, account, records, blob_dir):
    from socialgov.archive.storage import blob_name

    # A payload too large to be kept inline in its row is a file in the archive storage.
    ingest_snapshots(account=account, snapshots=[snapshot("800", text="long " * 8000)])
    record = Record.objects.get(account=account, platform_item_id="800")
    sha = record.current_version.raw_sha256
    assert (blob_dir / blob_name(sha)).is_file()
    (blob_dir / blob_name(sha)).write_bytes(b'{"id": "999"}')
    html = client_as("employee").get(url(world, "archive-record", record.pk)).content.decode()
    assert "Not verified: the stored bytes now hash to" in html
    assert client_as("employee").get(url(world, "archive-blob", record.pk, sha)).status_code == 409


def test_a_raw_payload_kept_with_its_version_is_served_only_for_its_record_and_only_unchanged(
        client_as, world, records):
    client, version = client_as("employee"), records["100"].current_version
    assert version.raw is not None                     # small and its own: kept in the version's row
    response = client.get(url(world, "archive-blob", records["100"].pk, version.raw_sha256))
    assert response.status_code == 200 and b"".join(response.streaming_content) == bytes(version.raw)
    assert response["Content-Type"] == "application/json" and response["X-Content-Type-Options"] == "nosniff"
    # Another record's payload is not a file of this one.
    assert client.get(url(world, "archive-blob", records["300"].pk, version.raw_sha256)).status_code == 404

    tamper("archive_recordversion", "UPDATE archive_recordversion SET raw = %s WHERE id = %s", b'{"id": "9"}',
           version.pk)
    html = client.get(url(world, "archive-record", records["100"].pk)).content.decode()
    assert "Not verified: the stored bytes now hash to" in html
    assert client.get(url(world, "archive-blob", records["100"].pk, version.raw_sha256)).status_code == 409


def test_media_is_served_with_nosniff_and_a_missing_file_is_named(client_as, world, records):
    client = client_as("employee")
    html = client.get(url(world, "archive-record", records["500"].pk)).content.decode()
    assert "recorded as missing" in html and "data/tweets_media/500-b.jpg" in html
    photo = records["500"].current_version.media[0]["sha256"]
    response = client.get(url(world, "archive-blob", records["500"].pk, photo))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"\xff\xd8photo"
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")


def test_an_svg_is_never_served_inline(client_as, world, records):
    svg = records["600"].current_version.media[0]["sha256"]
    response = client_as("employee").get(url(world, "archive-blob", records["600"].pk, svg))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]


def test_a_blob_of_another_record_is_not_served_through_this_one(client_as, world, records):
    photo = records["500"].current_version.media[0]["sha256"]
    response = client_as("employee").get(url(world, "archive-blob", records["100"].pk, photo))
    assert response.status_code == 404


@pytest.mark.requirement("NJ-04")
@pytest.mark.requirement("LCCS-08")
def test_the_downloaded_proof_bundle_verifies_offline_with_the_record_file(client_as, world, records, tmp_path):
    client = client_as("records_officer")
    record = records["200"]
    page = client.get(url(world, "archive-record", record.pk))
    assert page.context["proof"]["bundle"]["leaf_index"] == record.current_version.leaf.index
    bundle = client.get(url(world, "archive-record-proof", record.pk), {"version": 2})
    entry = client.get(url(world, "archive-record-entry", record.pk), {"version": 2})
    assert bundle["Content-Disposition"] == f'attachment; filename="record-{record.pk}-v2.proof.json"'
    (tmp_path / "b.json").write_bytes(bundle.content)
    (tmp_path / "r.json").write_bytes(entry.content)
    assert json.loads(entry.content)["text"] == "Pool opens at 10 am."
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "verify_proof.py"), str(tmp_path / "b.json"),
                           "--record", str(tmp_path / "r.json")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VERIFIED" in done.stdout
    (tmp_path / "r.json").write_bytes(entry.content.replace(b"10 am", b"11 am"))
    tampered = subprocess.run([sys.executable, str(ROOT / "tools" / "verify_proof.py"), str(tmp_path / "b.json"),
                               "--record", str(tmp_path / "r.json")], capture_output=True, text=True, check=False)
    assert tampered.returncode == 1


def test_a_version_newer_than_the_signed_head_says_its_proof_comes_next(client_as, world, account, records):
    ingest_snapshots(account=account, snapshots=[snapshot("700", text="After the signing")])
    record = Record.objects.get(account=account, platform_item_id="700")
    html = client_as("employee").get(url(world, "archive-record", record.pk)).content.decode()
    assert "not yet in a signed tree head" in html
    assert client_as("employee").get(url(world, "archive-record-proof", record.pk)).status_code == 409


def test_the_index_lists_accounts_with_counts_and_the_signed_head(client_as, world, account, records):
    page = client_as("employee").get(url(world, "archive-index"))
    row = next(a for a in page.context["accounts"] if a.pk == account.pk)
    counts = archive_counts(account)
    assert (row.record_count, row.version_count, row.tombstone_count) == (
        counts["records"], counts["versions"], counts["tombstones"]) == (8, 10, 1)
    assert "The latest signed tree head" in page.content.decode()


# --- imports -------------------------------------------------------------------------------------

def _upload(name: str, data: bytes = b"{}") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_an_upload_over_the_limit_is_refused_with_the_limit_named(client_as, world, account, settings):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1000
    response = client_as("records_officer").post(url(world, "archive-import-new"), {
        "account": account.pk, "export_file": _upload("export.zip", b"x" * 1001)})
    assert response.status_code == 200 and not ImportJob.objects.exists()
    errors = response.context["form"].errors["export_file"]
    # Stopped by the upload handler as it streamed in, so only a lower bound of its size is known.
    assert errors == ['"export.zip" is at least 1001\xa0bytes; the upload limit is 1000\xa0bytes (1000 bytes, setting '
                      "ARCHIVE_UPLOAD_MAX_BYTES). Import larger exports with `socialgov import --account ID PATH`."]


def test_a_file_of_the_wrong_type_is_refused(client_as, world, account):
    response = client_as("records_officer").post(url(world, "archive-import-new"), {
        "account": account.pk, "export_file": _upload("photo.exe")})
    assert "photo.exe" in response.context["form"].errors["export_file"][0]
    assert "choose a .zip, .json, .car, .js file" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.skipif(not REAL_X_ARCHIVE.is_dir(), reason=f"the real X archive sample is not at {REAL_X_ARCHIVE}")
@pytest.mark.requirement("NJ-04")
@pytest.mark.requirement("LCCS-08")
def test_an_import_started_from_the_web_runs_to_completion_on_the_real_x_archive(
        client_as, world, account, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.DATA_DIR = tmp_path / "data"
    export = tmp_path / "x-archive.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for member in sorted(REAL_X_ARCHIVE.rglob("*")):
            if member.is_file():
                archive.write(member, member.relative_to(REAL_X_ARCHIVE).as_posix())
    client = client_as("records_officer")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "archive-import-new"), {
            "account": account.pk, "export_file": _upload("x-archive.zip", export.read_bytes())})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == url(world, "archive-import", job.pk)
    assert job.status == JobStatus.SUCCEEDED and job.new == 2045 + 47 and job.deleted == 47
    assert Path(job.source_path).is_relative_to(settings.DATA_DIR / "imports")
    assert archive_counts(account) == {"records": 2092, "versions": 2092, "tombstones": 47}
    page = client.get(response["Location"]).content.decode()
    assert "Succeeded" in page and "hx-trigger" not in page and "finished: new 2092" in page


def test_a_running_job_page_polls_and_a_failed_job_can_be_resumed(client_as, world, account, tmp_path,
                                                                   django_capture_on_commit_callbacks):
    from socialgov.archive.tests.conftest import write_x_archive

    source = write_x_archive(tmp_path / "x", tweets=5)
    job = ImportJob.objects.create(account=account, source_name="x", source_path=str(source),
                                   status=JobStatus.RUNNING)
    client = client_as("records_officer")
    running = client.get(url(world, "archive-import", job.pk)).content.decode()
    assert 'hx-trigger="every 2s"' in running and "Resume" not in running
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error="interrupted: no progress since x")
    failed = client.get(url(world, "archive-import", job.pk)).content.decode()
    assert "hx-trigger" not in failed and "interrupted: no progress since x" in failed and ">Resume</button>" in failed
    assert ">Resume</button>" not in client_as("employee").get(url(world, "archive-import", job.pk)).content.decode()
    client = client_as("records_officer")
    with django_capture_on_commit_callbacks(execute=True):
        resumed = client.post(url(world, "archive-import-resume", job.pk))
    assert resumed.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.new == 5


def test_the_record_page_includes_the_confidential_label_form_when_search_provides_it(client_as, world, records):
    from socialgov.archive.views.browse import LABEL_FORM, _label_form_template

    if _label_form_template() is None:
        pytest.skip(f"{LABEL_FORM} does not exist (the archive search app does not provide it)")
    html = client_as("records_officer").get(url(world, "archive-record", records["100"].pk)).content.decode()
    assert "Confidential label" in html


def test_threads_are_paginated_by_their_first_item_with_replies_kept_together(client_as, world, account):
    posts = [snapshot(str(1000 + i), text=f"Post {i}", created_at=CAPTURED - timedelta(hours=i)) for i in range(21)]
    reply = snapshot("2000", text="A late reply to the oldest post", kind=ItemKind.REPLY, parent_id="1020",
                     created_at=CAPTURED)
    ingest_snapshots(account=account, snapshots=[*posts, reply])
    client = client_as("employee")
    first = client.get(url(world, "archive-account", account.pk))
    assert len(first.context["page_obj"].object_list) == 20 and "A late reply" not in first.content.decode()
    second = client.get(url(world, "archive-account", account.pk), {"page": 2})
    [oldest] = second.context["page_obj"].object_list
    assert oldest.platform_item_id == "1020" and [r.text for r in [c.current_version for c in
                                                                    oldest.children_list]] == [reply.text]
