"""The web import refuses an export over ARCHIVE_UPLOAD_MAX_BYTES while it streams in, before it fills the disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from socialgov.archive.models import Blob, ImportJob
from socialgov.archive.uploads import FORM_OVERHEAD, UploadLimitHandler

pytestmark = pytest.mark.django_db
CHUNK = TemporaryFileUploadHandler.chunk_size
WRITTEN: list[int] = []  # bytes each spied temporary file received


class SpyTemporaryFileHandler(TemporaryFileUploadHandler):
    """Django's handler that writes uploads to temporary files, counting what it was given to write."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        WRITTEN.append(0)

    def receive_data_chunk(self, raw_data, start):
        WRITTEN[-1] += len(raw_data)
        return super().receive_data_chunk(raw_data, start)


@pytest.fixture
def upload_dirs(settings, tmp_path):
    """Uploads always go to temporary files in a folder of the test's own; the data folder is the test's too."""
    WRITTEN.clear()
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.SpyTemporaryFileHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "upload-tmp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    settings.DATA_DIR = tmp_path / "data"
    return settings.FILE_UPLOAD_TEMP_DIR


def _url(world) -> str:
    return reverse("archive-import-new", args=[world.agency.slug])


def _limit_handler(response) -> UploadLimitHandler:
    return next(h for h in response.wsgi_request.upload_handlers if isinstance(h, UploadLimitHandler))


def _message(size: str, limit: int) -> str:
    return (f'"export.zip" is {size}; the upload limit is {filesizeformat(limit)} ({limit} bytes, setting '
            "ARCHIVE_UPLOAD_MAX_BYTES). Import larger exports with `socialgov import --account ID PATH`.")


def _assert_nothing_kept(response, temp_dir: Path, blob_dir: Path, settings) -> None:
    assert response.status_code == 200
    assert not ImportJob.objects.exists() and not Blob.objects.exists()
    assert not (Path(settings.DATA_DIR) / "imports").exists()
    assert not (blob_dir.exists() and any(blob_dir.iterdir()))
    assert list(temp_dir.iterdir()) == []  # the temporary file of the stopped upload is removed
    page = response.content.decode()  # the person sees why, on the form they sent
    assert "Please correct the fields marked below" in page and "setting ARCHIVE_UPLOAD_MAX_BYTES)" in page


def test_an_upload_declared_over_the_limit_is_refused_before_a_byte_of_it_is_written(
        client_as, world, account, settings, upload_dirs, blob_dir):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1000
    response = client_as("records_officer").post(_url(world), {
        "account": account.pk, "export_file": _file(FORM_OVERHEAD + 5000)})
    declared = int(response.wsgi_request.META["CONTENT_LENGTH"])
    assert response.context["form"].errors["export_file"] == [_message(f"about {filesizeformat(declared)}", 1000)]
    handler = _limit_handler(response)
    assert handler.refusal.declared and handler.received == 0 and WRITTEN == []
    _assert_nothing_kept(response, upload_dirs, blob_dir, settings)


def test_an_upload_within_the_declared_slack_but_over_the_limit_is_stopped_by_counting(
        client_as, world, account, settings, upload_dirs, blob_dir):
    limit = 3 * CHUNK + 10
    settings.ARCHIVE_UPLOAD_MAX_BYTES = limit
    response = client_as("records_officer").post(_url(world), {
        "account": account.pk, "export_file": _file(limit + 1000)})
    handler = _limit_handler(response)
    assert not handler.refusal.declared and limit < handler.received <= limit + CHUNK
    assert response.context["form"].errors["export_file"] == [
        _message(f"at least {filesizeformat(handler.received)}", limit)]
    assert WRITTEN and sum(WRITTEN) <= limit  # the chunk that passed the limit never reached the temporary file
    _assert_nothing_kept(response, upload_dirs, blob_dir, settings)


def test_a_content_length_smaller_than_the_body_does_not_get_the_file_past_the_limit(
        client_as, world, account, settings, upload_dirs, blob_dir):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1000
    body = encode_multipart(BOUNDARY, {"account": account.pk, "export_file": _file(5 * CHUNK)})
    lie = FORM_OVERHEAD  # passes the declared check (limit + FORM_OVERHEAD); the body is larger still
    assert lie <= 1000 + FORM_OVERHEAD < len(body)
    response = client_as("records_officer").generic("POST", _url(world), body, content_type=MULTIPART_CONTENT,
                                                    CONTENT_LENGTH=str(lie))
    handler = _limit_handler(response)
    assert handler.declared_length == lie and not handler.refusal.declared
    assert 1000 < handler.received <= 1000 + CHUNK and sum(WRITTEN) <= 1000
    assert "the upload limit is 1000\xa0bytes" in response.context["form"].errors["export_file"][0]
    _assert_nothing_kept(response, upload_dirs, blob_dir, settings)


def test_the_limit_counts_all_files_of_the_request(settings):
    handler = UploadLimitHandler(limit=100)
    handler.handle_raw_input(None, {}, 150, b"x")
    handler.new_file("export_file", "a.json", "application/json", None)
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    handler.new_file("export_file", "b.json", "application/json", None)
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"x" * 60, 0)
    assert stopped.value.connection_reset and handler.refusal.file_name == "b.json" and handler.received == 120


def test_the_form_refuses_an_oversized_file_that_reached_it_without_the_handler(world, account, settings):
    from socialgov.archive.forms import ImportStartForm

    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1000
    form = ImportStartForm({"account": account.pk}, {"export_file": _file(1001)}, accounts=type(account).objects.all())
    assert form.errors["export_file"] == [_message("1001\xa0bytes", 1000)]


def test_an_upload_of_exactly_the_limit_is_imported(client_as, world, account, settings, upload_dirs):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 2 * CHUNK
    response = client_as("records_officer").post(_url(world), {
        "account": account.pk, "export_file": _file(2 * CHUNK, "export.json")})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/archive/imports/{job.pk}/")
    assert Path(job.source_path).stat().st_size == 2 * CHUNK == sum(WRITTEN)
    assert _limit_handler(response).refusal is None


def test_the_import_page_still_enforces_csrf(world, account, settings, upload_dirs, blob_dir):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1000
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("records_officer"))
    without_token = client.post(_url(world), {"account": account.pk, "export_file": _file(10, "export.json")})
    assert without_token.status_code == 403 and not ImportJob.objects.exists()
    token = client.get(_url(world)).context["csrf_token"]
    # As a browser sends the form: the token field first, so the refusal can be explained on the page.
    refused = client.post(_url(world), {"csrfmiddlewaretoken": token, "account": account.pk,
                                        "export_file": _file(FORM_OVERHEAD + 5000)})
    assert "the upload limit is 1000\xa0bytes" in refused.context["form"].errors["export_file"][0]
    _assert_nothing_kept(refused, upload_dirs, blob_dir, settings)
    accepted = client.post(_url(world), {"csrfmiddlewaretoken": token, "account": account.pk,
                                         "export_file": _file(10, "export.json")})
    assert accepted.status_code == 302 and ImportJob.objects.count() == 1


def _file(size: int, name: str = "export.zip"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"x" * size, content_type="application/octet-stream")
