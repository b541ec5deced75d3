"""The one record shape every importer and connector yields: an item as the platform showed it.

An ``ItemSnapshot`` is what the archive ingests: one post, comment, reply, repost, message or
media item at one moment, with the exact bytes it came from. It is frozen so that nothing
between the importer and the ingest can change a record after its raw bytes were hashed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import IO

from .canonical import canonical_json
from .errors import CaptureError

# Registry keys of the platforms (the same keys as socialgov.accounts.platforms); a platform is
# a key, never a model constant.
PLATFORMS: tuple[str, ...] = ("mastodon", "bluesky", "facebook", "instagram", "x", "youtube")

FINGERPRINT_SCHEME = "socialgov-item-v1"


class ItemKind(StrEnum):
    POST = "post"
    COMMENT = "comment"       # on someone's post (ours or theirs): Facebook, Instagram, YouTube
    REPLY = "reply"           # in a thread, or to a comment
    REPOST = "repost"         # retweet, boost, Bluesky repost, Facebook share
    MESSAGE = "message"       # direct message
    MEDIA = "media"           # a media item that stands alone (an upload without a post)


@dataclass(frozen=True)
class Author:
    id: str = ""
    handle: str = ""
    display_name: str = ""


@dataclass(frozen=True)
class Mention:
    handle: str
    id: str = ""


@dataclass(frozen=True)
class TextSpan:
    """A link, mention or hashtag in ``ItemSnapshot.text``, in characters (Python str indexes)."""

    start: int
    end: int
    kind: str      # "link" | "mention" | "hashtag"
    value: str     # the URL, the account id/handle, or the tag without "#"


@dataclass(frozen=True)
class MediaRef:
    """A media file an item refers to; a missing file is recorded, never an error.

    ``reference`` is the path or URL exactly as the payload names it (for archive media, the
    member path inside the archive). ``present`` says whether its bytes are in the archive;
    when they are, ``open()`` streams them, lazily, so the ingest can store them as blobs.
    """

    reference: str
    content_type: str = ""
    alt_text: str = ""
    present: bool = False
    remote_url: str = ""      # the platform's URL for the file, when the payload gives one
    opener: Callable[[], IO[bytes]] | None = field(default=None, compare=False, repr=False)

    def open(self) -> IO[bytes]:
        if not self.present or self.opener is None:
            raise CaptureError(self.reference, "the media file is not in the archive")
        return self.opener()


@dataclass(frozen=True)
class RawPayload:
    """The bytes exactly as received, and where they came from.

    ``file`` is the member of the archive (or the file); ``locator`` points inside it: ``[12]``
    for the 13th element of a JSON array (then ``data`` is exactly that element's bytes), a
    JSON pointer such as ``/data/3`` when ``data`` is a whole API page shared by its items, or
    ``cid:...`` for a DAG-CBOR block of a Bluesky repository.
    """

    data: bytes = field(repr=False)
    sha256: str
    media_type: str
    file: str
    locator: str = ""

    @classmethod
    def of(cls, data: bytes, *, media_type: str, file: str, locator: str = "",
           sha256: str | None = None) -> RawPayload:
        # A page shared by many items is hashed once by the caller and passed in.
        return cls(data, sha256 or hashlib.sha256(data).hexdigest(), media_type, file, locator)


@dataclass(frozen=True)
class CaptureSource:
    importer: str          # the importer's registry key, e.g. "x-archive"
    version: str           # the importer's version: a change in mapping is a change in version
    origin: str = ""       # the file or archive the item was read from, as given


@dataclass(frozen=True)
class ItemSnapshot:
    platform: str
    account_id: str               # the archived account as the platform knows it; "" when the source does not say
    account_handle: str
    item_id: str                  # the platform's id (an AT URI for Bluesky)
    kind: ItemKind
    author: Author
    created_at: datetime | None   # UTC; None when the payload does not carry it (some API field sets)
    captured_at: datetime         # UTC: when the platform produced the export, or when it was imported
    raw: RawPayload
    source: CaptureSource
    text: str = ""                # plain text, entities decoded, links expanded
    markup: str = ""              # the original markup: HTML, Bluesky facets (JSON), X's escaped text
    markup_format: str = ""       # "html" | "bluesky-facets" | "x-text" | ""
    parent_id: str = ""           # replied-to / commented-on / reposted item
    root_id: str = ""             # the thread's first item, when known
    edited_at: datetime | None = None
    links: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    hashtags: tuple[str, ...] = ()
    spans: tuple[TextSpan, ...] = ()
    media: tuple[MediaRef, ...] = ()
    deleted: bool = False         # the platform says it was deleted (e.g. deleted-tweets.js)
    deleted_at: datetime | None = None
    url: str = ""                 # the item's public address, when known
    language: str = ""

    def __post_init__(self) -> None:
        if self.platform not in PLATFORMS:
            raise CaptureError(self.raw.file, f"unknown platform {self.platform!r}", item=self.item_id)
        if not self.item_id:
            raise CaptureError(self.raw.file, "the item has no id", item=self.raw.locator)
        object.__setattr__(self, "kind", ItemKind(self.kind))
        for name in ("created_at", "captured_at", "edited_at", "deleted_at"):
            object.__setattr__(self, name, self._utc(name, getattr(self, name)))

    def _utc(self, name: str, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            # Guessing a zone would silently shift a record's time: the importer must decide.
            raise CaptureError(self.raw.file, f"{name} has no time zone", item=self.item_id)
        return value.astimezone(UTC)

    @property
    def fingerprint(self) -> str:
        """Did this item change? A hash of what a reader sees: text, markup, media, edit time.

        Capture time, counts and the raw bytes are left out on purpose: a re-export of an
        unchanged item must not become a new version.
        """
        content = {
            "scheme": FINGERPRINT_SCHEME,
            "text": self.text,
            "markup": self.markup,
            "markup_format": self.markup_format,
            "media": [[m.reference, m.content_type, m.alt_text] for m in self.media],
            "edited_at": self.edited_at.isoformat() if self.edited_at else None,
        }
        return hashlib.sha256(canonical_json(content)).hexdigest()
