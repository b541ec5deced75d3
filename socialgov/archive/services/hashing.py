"""The canonical bytes of a record version and of a tombstone: what the transparency log commits to.

Canonical JSON (sorted keys, no spaces, UTF-8, times as UTC with microseconds). A version's bytes
cover its content and the record fields that never change after capture (account, platform, item,
kind, author, thread, created time), so an edit to either is found by re-hashing.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from socialgov.archive.capture.canonical import canonical_json
from socialgov.archive.models import Record, RecordVersion, Tombstone

VERSION_SCHEME = "socialgov-record-version/1"
TOMBSTONE_SCHEME = "socialgov-tombstone/1"


def canonical_time(value: datetime | None) -> str | None:
    """``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (``strftime("%Y-%m-%dT%H:%M:%S.%fZ")`` in UTC, made faster)."""
    global _last_time
    if not value:
        return None
    last = _last_time
    if last[0] is value:      # an import's capture time is one object for all its items
        return last[1]
    utc = value if value.tzinfo is UTC else value.astimezone(UTC)
    if utc.year < 1000:       # strftime's %Y does not pad the year to four digits on every platform
        text = utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    # In UTC the ISO form ends in "+00:00". isoformat() is called without timespec="microseconds", whose
    # keyword parsing doubled the call's time; it then leaves out a zero fraction, which is put back.
    elif utc.microsecond:
        text = f"{utc.isoformat()[:-6]}Z"
    else:
        text = f"{utc.isoformat()[:-6]}.000000Z"
    _last_time = (value, text)
    return text


_last_time: tuple[datetime | None, str | None] = (None, None)


def canonical_bytes(body: dict[str, Any]) -> bytes:
    return canonical_json(body)


def _record_identity(record: Record) -> dict[str, Any]:
    return {
        "account": record.account_id, "platform": record.platform, "item_id": record.platform_item_id,
        "kind": record.kind, "author_id": record.author_id, "author_handle": record.author_handle,
        "author_name": record.author_name, "parent_id": record.parent_item_id, "thread_id": record.thread_item_id,
        "url": record.url, "created_at": canonical_time(record.created_at),
    }


def version_bytes(version: RecordVersion, record: Record) -> bytes:
    return canonical_bytes({
        "scheme": VERSION_SCHEME, "record": _record_identity(record), "number": version.number,
        "text": version.text, "markup": version.markup, "markup_format": version.markup_format,
        "language": version.language, "edited_at": canonical_time(version.edited_at), "links": version.links,
        "mentions": version.mentions, "hashtags": version.hashtags, "media": version.media,
        "raw": {"sha256": version.raw_sha256, "media_type": version.raw_media_type, "file": version.raw_file,
                "locator": version.raw_locator},
        "capture": {"source": version.capture_source, "version": version.capture_version,
                    "captured_at": canonical_time(version.captured_at)},
        "fingerprint": version.fingerprint,
    })


def tombstone_bytes(tombstone: Tombstone, record: Record, last_version_hash: str) -> bytes:
    return canonical_bytes({
        "scheme": TOMBSTONE_SCHEME, "record": _record_identity(record), "last_version": last_version_hash,
        "detected_at": canonical_time(tombstone.detected_at), "deleted_at": canonical_time(tombstone.deleted_at),
        "how": tombstone.how,
    })


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
