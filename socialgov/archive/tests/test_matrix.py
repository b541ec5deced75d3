"""Permission matrix of the archive's pages and API: every agency member reads, records officers and
agency administrators import, people of other agencies get 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialgov.archive.models import ImportJob, Record, SignedTreeHeadRecord
from socialgov.archive.services import ingest_snapshots, tree_head_sign
from socialgov.archive.tests.conftest import make_account, media_ref, snapshot
from socialgov.archive.workflows import JobStatus
from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix

MEMBERS = set(PERSONA_KEYS)
IMPORTERS = {"records_officer", "agency_admin"}


def _record(w) -> Record:
    account = make_account(w)
    ingest_snapshots(account=account, snapshots=[snapshot("100", media=(media_ref(),))])
    tree_head_sign()
    return Record.objects.get(account=account)


def _record_url(w, rest: str = "") -> str:
    return w.agency_url(f"archive/records/{_record(w).pk}/{rest}")


def _blob_url(w) -> str:
    record = _record(w)
    return w.agency_url(f"archive/records/{record.pk}/files/{record.current_version.media[0]['sha256']}/")


def _job(w, status: str = JobStatus.SUCCEEDED) -> ImportJob:
    return ImportJob.objects.create(account=make_account(w), source_name="export.zip", source_path="/nowhere",
                                    status=status, finished_at=timezone.now())


def _two_heads(w) -> str:
    record = _record(w)
    first = SignedTreeHeadRecord.objects.order_by("-tree_size", "-pk").first()
    ingest_snapshots(account=record.account, snapshots=[snapshot("101")])
    return f"first={first.pk}&second={tree_head_sign().pk}"


def _upload(w) -> dict:
    return {"account": make_account(w).pk, "export_file": SimpleUploadedFile("export.json", b"[]")}


ROWS = [
    Row("archive-index", lambda w: w.agency_url("archive/"), MEMBERS, outsider=404),
    Row("archive-account", lambda w: w.agency_url(f"archive/accounts/{_record(w).account_id}/"), MEMBERS,
        outsider=404),
    Row("archive-record", _record_url, MEMBERS, outsider=404),
    Row("archive-record-proof", lambda w: _record_url(w, "proof.json"), MEMBERS, outsider=404),
    Row("archive-record-entry", lambda w: _record_url(w, "entry.json"), MEMBERS, outsider=404),
    Row("archive-blob", _blob_url, MEMBERS, outsider=404),
    Row("archive-imports", lambda w: w.agency_url("archive/imports/"), MEMBERS, outsider=404),
    Row("archive-import", lambda w: w.agency_url(f"archive/imports/{_job(w).pk}/"), MEMBERS, outsider=404),
    Row("archive-import-new", lambda w: w.agency_url("archive/imports/new/"), IMPORTERS, outsider=404),
    Row("archive-import-new", lambda w: w.agency_url("archive/imports/new/"), IMPORTERS, outsider=404,
        method="post", ok=302, data=_upload),
    Row("archive-import-resume", lambda w: w.agency_url(f"archive/imports/{_job(w, JobStatus.FAILED).pk}/resume/"),
        IMPORTERS, outsider=404, method="post", ok=302),
]

API = "/api/v1/"
API_ROWS = [
    Row("api-archive-record-list", lambda w: f"{API}archive-records/", MEMBERS | {"outsider"}, anonymous=401),
    Row("api-archive-record-detail", lambda w: f"{API}archive-records/{_record(w).pk}/", MEMBERS, denied=404,
        outsider=404, anonymous=401),
    Row("api-archive-record-proof", lambda w: f"{API}archive-records/{_record(w).pk}/proof/", MEMBERS,
        denied=404, outsider=404, anonymous=401),
    Row("api-archive-tree-head-list", lambda w: f"{API}archive-tree-heads/", MEMBERS | {"outsider"},
        anonymous=401),
    Row("api-archive-tree-head-detail", lambda w: f"{API}archive-tree-heads/{tree_head_sign().pk}/",
        MEMBERS | {"outsider"}, anonymous=401),
    Row("api-archive-tree-head-latest", lambda w: f"{API}archive-tree-heads/latest/{tree_head_sign() and ''}",
        MEMBERS | {"outsider"}, anonymous=401),
    Row("api-archive-tree-head-consistency",
        lambda w: f"{API}archive-tree-heads/consistency/?{_two_heads(w)}",
        MEMBERS | {"outsider"}, anonymous=401),
    Row("api-archive-import-list", lambda w: f"{API}archive-imports/", MEMBERS | {"outsider"}, anonymous=401),
    Row("api-archive-import-detail", lambda w: f"{API}archive-imports/{_job(w).pk}/", MEMBERS, denied=404,
        outsider=404, anonymous=401),
]


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])
