"""Content-addressed blob storage: bytes named by their SHA-256, written once, checked on read.

Small raw payloads are kept inline in their ``Blob`` row instead (``services.blobs.INLINE_MAX``);
``open_verified`` reads either.

Design principle: a blob's name is its hash, so a stored blob can never be replaced by other
bytes under the same name, and any change to it is found by re-hashing. Goes through Django's
storage API (``STORAGES["archive"]``): files under the data directory by default, S3-compatible
object storage by configuration.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

CHUNK = 1024 * 1024


class BlobIntegrityError(Exception):
    """The stored bytes no longer hash to the blob's name."""


def archive_storage() -> Storage:
    return storages["archive"]


def blob_name(sha256: str) -> str:
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def stored_sha256(name: str) -> str | None:
    """The SHA-256 of what is stored under ``name`` now, or None when nothing is."""
    storage = archive_storage()
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as stream:
        return sha256_of(stream)[0]


def write_blob(sha256: str, content: File) -> str:
    """Store ``content`` (whose hash the caller computed) under its name, unless good bytes are there.

    An existing file is kept when it hashes right; a file that does not (left half-written by a
    crash before its blob row was committed) is replaced with the right bytes.
    """
    storage, name = archive_storage(), blob_name(sha256)
    existing = stored_sha256(name)
    if existing == sha256:
        return name
    if existing is not None:
        storage.delete(name)
    saved = storage.save(name, content)
    if saved != name:  # another writer got there between our check and our save
        storage.delete(saved)
    return name


def write_bytes(data: bytes) -> tuple[str, int, str]:
    """Store ``data``; returns (sha256, size, stored name)."""
    sha256 = hashlib.sha256(data).hexdigest()
    return sha256, len(data), write_blob(sha256, ContentFile(data))


def write_stream(stream: IO[bytes], *, known: Callable[[str], bool] = lambda sha256: False) -> tuple[str, int, str]:
    """Store a stream of any size through a spooled copy (hashed while copied); skip ``known`` blobs."""
    digest, size = hashlib.sha256(), 0
    with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as spool:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            spool.write(chunk)
        spool.seek(0)
        sha256 = digest.hexdigest()
        if known(sha256):
            return sha256, size, blob_name(sha256)
        return sha256, size, write_blob(sha256, File(spool, name=sha256))


def inline_content(sha256: str) -> bytes | None:
    """The bytes of a blob kept in its database row (small raw payloads), or None."""
    from socialgov.archive.models import Blob

    content = Blob.objects.filter(pk=sha256).values_list("content", flat=True).first()
    return bytes(content) if content is not None else None


@contextmanager
def open_verified(sha256: str) -> Iterator[IO[bytes]]:
    """Open a blob for reading after checking that its bytes still hash to its name.

    Small raw payloads are kept inline in their ``Blob`` row; everything else in the storage.
    """
    content = inline_content(sha256)
    if content is not None:
        actual = hashlib.sha256(content).hexdigest()
        if actual != sha256:
            raise BlobIntegrityError(f"blob {sha256}: its bytes now hash to {actual}")
        yield io.BytesIO(content)
        return
    name = blob_name(sha256)
    actual = stored_sha256(name)
    if actual != sha256:
        raise BlobIntegrityError(f"blob {sha256}: " + ("missing from storage" if actual is None
                                                       else f"its bytes now hash to {actual}"))
    with archive_storage().open(name, "rb") as stream:
        yield stream
