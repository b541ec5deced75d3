"""Blob rows: one per stored SHA-256, created with the batch that first needs it.

Small payloads (the raw JSON of a post, under ``INLINE_MAX`` bytes) are kept in a database row, so
an import of a million items does not write a million files: in the row of the one version they
belong to (``services.ingest``; ``raw_payload_open`` reads them), or, when several items share
one (an API page), in the blob row itself. Larger payloads and media go to the archive storage
(``storage.py``: files, or S3-compatible object storage). Either way the bytes are named by their
SHA-256, and every read re-hashes them.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from socialgov.archive import storage
from socialgov.archive.capture import MediaRef, RawPayload
from socialgov.archive.models import Blob, RecordVersion
from socialgov.archive.services.log import Row, insert_rows

INLINE_MAX = 16 * 1024   # bytes: payloads up to this size are kept in the database row


def _known(sha256: str) -> bool:
    return Blob.objects.filter(pk=sha256).exists()


def _row(sha256: str, size: int, content_type: str) -> Blob:
    blob, _ = Blob.objects.get_or_create(sha256=sha256, defaults={
        "size": size, "content_type": content_type[:200], "stored_path": storage.blob_name(sha256)})
    return blob


def blob_store_bytes(*, data: bytes, content_type: str = "", sha256: str | None = None) -> Blob:
    """Keep ``data`` once, as a file in the archive storage; an existing blob is not written again."""
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    if not _known(sha256):
        storage.write_blob(sha256, ContentFile(data))
    return _row(sha256, len(data), content_type)


def blob_store_raw(raw: RawPayload) -> Blob:
    """Keep a raw payload once: inline when small, as a file otherwise."""
    blob_store_raws([raw])
    return Blob.objects.get(pk=raw.sha256)


def blob_store_raws(raws: Iterable[RawPayload]) -> None:
    """Keep many raw payloads in one go: one insert that leaves known ones alone (``ON CONFLICT DO
    NOTHING``), and one query first for the known ones among those too large to keep inline, so that
    their files are written once.

    A page shared by many items carries its own hash already; its bytes are stored once.
    """
    wanted = {raw.sha256: raw for raw in raws}
    large = [sha256 for sha256, raw in wanted.items() if len(raw.data) > INLINE_MAX]
    known = set(Blob.objects.filter(sha256__in=large).values_list("sha256", flat=True)) if large else set()
    new, now = [], timezone.now()
    for sha256, raw in wanted.items():
        if sha256 in known:
            continue
        inline = len(raw.data) <= INLINE_MAX
        if not inline:
            storage.write_blob(sha256, ContentFile(raw.data))
        new.append(Row(sha256=sha256, size=len(raw.data), content_type=raw.media_type[:200],
                       stored_path="" if inline else storage.blob_name(sha256), content=raw.data if inline else None,
                       first_seen_at=now))
    insert_rows(transaction.get_connection(), Blob, new, skip_existing=True)


def blob_store_media(media: MediaRef) -> Blob:
    with media.open() as stream:
        sha256, size, _ = storage.write_stream(stream, known=_known)
    return _row(sha256, size, media.content_type)


def blob_stored_sha256(blob: Blob) -> str | None:
    """The SHA-256 of the blob's bytes as stored now (inline or in storage), or None when they are gone."""
    if blob.content is not None:
        return hashlib.sha256(bytes(blob.content)).hexdigest()
    return storage.stored_sha256(blob.stored_path)


@contextmanager
def raw_payload_open(version: RecordVersion) -> Iterator[IO[bytes]]:
    """A version's raw payload, after checking that its bytes still hash to ``raw_sha256``: the bytes kept
    in the version's row (``services.ingest``), or the blob of that name."""
    if version.raw is None:
        with storage.open_verified(version.raw_sha256) as stream:
            yield stream
        return
    data = bytes(version.raw)
    actual = hashlib.sha256(data).hexdigest()
    if actual != version.raw_sha256:
        raise storage.BlobIntegrityError(f"the raw payload of version id {version.pk}: its bytes now hash to "
                                         f"{actual}, not {version.raw_sha256}")
    yield io.BytesIO(data)


def blob_read(sha256: str) -> bytes:
    """The blob's bytes, inline or stored, after checking that they still hash to its name."""
    with storage.open_verified(sha256) as stream:
        return stream.read()
