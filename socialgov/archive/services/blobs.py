"""Blob rows: one per stored SHA-256, created with the batch that first needs it."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

from socialgov.archive import storage
from socialgov.archive.capture import MediaRef, RawPayload
from socialgov.archive.models import Blob


def _known(sha256: str) -> bool:
    return Blob.objects.filter(pk=sha256).exists()


def _row(sha256: str, size: int, content_type: str) -> Blob:
    blob, _ = Blob.objects.get_or_create(sha256=sha256, defaults={
        "size": size, "content_type": content_type[:200], "stored_path": storage.blob_name(sha256)})
    return blob


def blob_store_bytes(*, data: bytes, content_type: str = "", sha256: str | None = None) -> Blob:
    """Keep ``data`` once; an existing blob is not written again."""
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    if not _known(sha256):
        storage.write_blob(sha256, ContentFile(data))
    return _row(sha256, len(data), content_type)


def blob_store_raw(raw: RawPayload) -> Blob:
    # A page shared by many items carries its own hash already; the bytes are stored once.
    return blob_store_bytes(data=raw.data, content_type=raw.media_type, sha256=raw.sha256)


def blob_store_media(media: MediaRef) -> Blob:
    with media.open() as stream:
        sha256, size, _ = storage.write_stream(stream, known=_known)
    return _row(sha256, size, media.content_type)
