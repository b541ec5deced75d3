"""Capture: the one record shape (``ItemSnapshot``) and the importers of platform exports.

A pure library (no Django, no ORM): a platform's export file or API payload in, a stream of
``ItemSnapshot`` out, plus a summary of what was skipped and why. The archive's ingest
service consumes the stream; connectors yield the same shape from live APIs.

    from socialgov.archive import capture

    with capture.open_import("twitter-2026-03-06.zip") as run:     # format detected
        for snapshot in run:
            ...                                                     # snapshot.media[i].open() while open
        print(run.summary.as_dict())

See docs/importers.md for each format's mapping and the limits.
"""

from .errors import CaptureError
from .importers import ImportRun, ImportSummary, SkippedItem, available, detect, get, open_import, register
from .importers.base import Importer
from .snapshot import (
    PLATFORMS,
    Author,
    CaptureSource,
    ItemKind,
    ItemSnapshot,
    MediaRef,
    Mention,
    RawPayload,
    TextSpan,
)
from .source import DEFAULT_LIMITS, ArchiveLimits, ArchiveSource, open_source

__all__ = [
    "DEFAULT_LIMITS", "PLATFORMS", "ArchiveLimits", "ArchiveSource", "Author", "CaptureError", "CaptureSource",
    "ImportRun", "ImportSummary", "Importer", "ItemKind", "ItemSnapshot", "MediaRef", "Mention", "RawPayload",
    "SkippedItem", "TextSpan", "available", "detect", "get", "open_import", "open_source", "register",
]
