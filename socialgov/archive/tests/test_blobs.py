"""Content-addressed blob storage: written once, named by SHA-256, checked when read."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.base import ContentFile

from socialgov.archive import storage
from socialgov.archive.models import Blob
from socialgov.archive.services.blobs import blob_store_bytes
from socialgov.archive.storage import BlobIntegrityError, open_verified

pytestmark = pytest.mark.django_db
DATA = b"the exact bytes the platform sent"
SHA = hashlib.sha256(DATA).hexdigest()


def test_a_blob_is_stored_under_its_sha256(blob_dir):
    blob = blob_store_bytes(data=DATA, content_type="application/json")
    assert (blob.sha256, blob.size, blob.stored_path) == (SHA, len(DATA), f"blobs/{SHA[:2]}/{SHA[2:4]}/{SHA}")
    assert (blob_dir / blob.stored_path).read_bytes() == DATA


def test_storing_the_same_bytes_again_writes_nothing(blob_dir, monkeypatch):
    blob_store_bytes(data=DATA)
    writes = []
    monkeypatch.setattr(storage, "write_blob", lambda *args: writes.append(args))
    blob_store_bytes(data=DATA)
    assert writes == [] and Blob.objects.count() == 1


def test_a_half_written_file_left_by_a_crash_is_replaced_by_the_right_bytes(blob_dir):
    path = blob_dir / storage.blob_name(SHA)
    path.parent.mkdir(parents=True)
    path.write_bytes(DATA[:5])            # no Blob row: the crash came before the batch committed
    blob_store_bytes(data=DATA)
    assert path.read_bytes() == DATA


def test_a_large_stream_is_stored_without_reading_it_into_memory_at_once(blob_dir):
    data = b"x" * (3 * storage.CHUNK + 17)
    sha256, size, name = storage.write_stream(io.BytesIO(data))
    assert (sha256, size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert (blob_dir / name).stat().st_size == len(data)


def test_reading_checks_the_bytes_first(blob_dir):
    storage.write_blob(SHA, ContentFile(DATA))
    with open_verified(SHA) as stream:
        assert stream.read() == DATA
    (blob_dir / storage.blob_name(SHA)).write_bytes(b"tampered")
    with pytest.raises(BlobIntegrityError, match="its bytes now hash to"), open_verified(SHA):
        pass


def test_reading_a_missing_blob_says_so(blob_dir):
    with pytest.raises(BlobIntegrityError, match="missing from storage"), open_verified(SHA):
        pass
