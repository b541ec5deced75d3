"""Mastodon account archive: ``outbox.json`` (ActivityStreams), ``actor.json``, ``media_attachments/``.

Mastodon's backup service writes an OrderedCollection whose ``orderedItems`` are ``Create``
activities (a Note, or a Question for polls) and ``Announce`` activities (boosts), and stores
each attachment's ``url`` as its path inside the archive (``media_attachments/files/…``,
sometimes with a leading ``/``). Mastodon 4.x makes a zip; older versions made a .tar.gz,
which must be converted to a zip first.
"""

from __future__ import annotations

import functools
import json
import mimetypes
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..errors import CaptureError
from ..jsonstream import JsonArrayStream
from ..snapshot import Author, ItemKind, ItemSnapshot, MediaRef, Mention, RawPayload
from ..source import ArchiveSource, resolve_reference
from ..text import html_to_text, parse_iso, unique
from .base import Importer

_STATUS_URI = re.compile(r"/users/[^/]+/statuses/(\d+)(?:/activity)?$")
_NOTE_TYPES = {"Note", "Question", "Article", "Page"}


class MastodonArchiveImporter(Importer):
    name = "mastodon-archive"
    label = "Mastodon account archive"
    platform = "mastodon"
    version = "1"

    @classmethod
    def sniff(cls, source: ArchiveSource) -> int:
        member = source.find("outbox.json")
        if member and b"orderedItems" in source.head(member, 65536):
            return 100 if source.find("actor.json") else 90
        return 0

    def read(self, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        outbox = source.find("outbox.json")
        if not outbox:
            raise CaptureError(source.name, "no outbox.json: not a Mastodon account archive")
        self._base = outbox.rpartition("/")[0]
        self._actor = self._read_actor(source)
        self._captured_at = self.clock()
        self.summary.read_file(outbox)
        with source.open(outbox) as stream:
            items = JsonArrayStream(stream, file=outbox, key="orderedItems")
            for index, raw, activity in items:
                if index == 0:
                    self._check_collection(items.members, outbox)
                with self.item(outbox, index):
                    snapshot = self._snapshot(activity, raw, outbox, index, source)
                if snapshot is not None:
                    yield snapshot
            self._check_collection(items.members, outbox)
            if not items.found:
                raise CaptureError(outbox, "no 'orderedItems' array: unknown outbox schema")

    def _read_actor(self, source: ArchiveSource) -> Author:
        member = source.find("actor.json")
        actor: dict[str, Any] = {}
        if member:
            self.summary.read_file(member)
            try:
                actor = json.loads(source.read(member))
            except ValueError as exc:
                raise CaptureError(member, f"invalid or truncated JSON: {exc}") from None
        uri = actor.get("id", "")
        self._origin = "{0.scheme}://{0.netloc}".format(urlsplit(uri)) if uri else ""
        host = urlsplit(uri).netloc
        handle = actor.get("preferredUsername", "")
        full_handle = f"{handle}@{host}" if handle and host else handle
        return Author(self.account_id or uri, self.account_handle or full_handle, actor.get("name", ""))

    @staticmethod
    def _check_collection(members: dict[str, Any], outbox: str) -> None:
        kind = members.get("type")
        if kind is not None and kind != "OrderedCollection":
            raise CaptureError(outbox, f"unknown outbox schema: type {kind!r}, expected 'OrderedCollection'")

    # --- activities -------------------------------------------------------------------------

    def _snapshot(self, activity: Any, raw: bytes, outbox: str, index: int,
                  source: ArchiveSource) -> ItemSnapshot | None:
        if not isinstance(activity, dict):
            raise CaptureError(outbox, f"an activity must be an object, not {type(activity).__name__}", item=index)
        payload = RawPayload.of(raw, media_type="application/activity+json", file=outbox, locator=f"[{index}]")
        kind = activity.get("type")
        if kind == "Announce":
            return self._announce(activity, payload)
        note = activity.get("object")
        if kind == "Create" and isinstance(note, dict) and note.get("type") in _NOTE_TYPES:
            return self._note(note, payload, source, index)
        self.summary.skip(outbox, activity.get("id", index), f"activity type {kind!r} is not a status")
        return None

    def _common(self, payload: RawPayload) -> dict[str, Any]:
        return {"platform": "mastodon", "account_id": self._actor.id, "account_handle": self._actor.handle,
                "author": self._actor, "captured_at": self._captured_at, "raw": payload,
                "source": self.capture_source}

    def _announce(self, activity: dict[str, Any], payload: RawPayload) -> ItemSnapshot:
        target = activity.get("object")
        target_uri = target.get("id", "") if isinstance(target, dict) else str(target or "")
        return ItemSnapshot(item_id=self._status_id(activity["id"]), kind=ItemKind.REPOST,
                            created_at=parse_iso(activity["published"]), parent_id=self._status_id(target_uri),
                            links=unique([target_uri]), **self._common(payload))

    def _note(self, note: dict[str, Any], payload: RawPayload, source: ArchiveSource, index: int) -> ItemSnapshot:
        html = note.get("content") or ""
        body = html_to_text(html)
        text = "\n\n".join(p for p in (note.get("summary") or "", body.text) if p)   # content warning first
        tags = note.get("tag") or []
        reply_to = note.get("inReplyTo") or ""
        return ItemSnapshot(
            item_id=self._status_id(note["id"]), kind=ItemKind.REPLY if reply_to else ItemKind.POST,
            created_at=parse_iso(note["published"]),
            edited_at=parse_iso(note["updated"]) if note.get("updated") else None,
            text=text, markup=html, markup_format="html", parent_id=self._status_id(reply_to),
            links=unique(body.links),
            mentions=tuple(Mention(t.get("name", "").lstrip("@"), t.get("href", "")) for t in tags
                           if t.get("type") == "Mention"),
            hashtags=unique(t.get("name", "").lstrip("#") for t in tags if t.get("type") == "Hashtag"),
            media=tuple(self._media(a, source, note["id"]) for a in note.get("attachment") or []),
            url=note.get("url") or "", language=next(iter(note.get("contentMap") or {}), ""),
            **self._common(payload))

    def _status_id(self, uri: str) -> str:
        """The account's own statuses by their numeric id (as the API knows them); others by URI."""
        if not uri:
            return ""
        m = _STATUS_URI.search(uri)
        if m and self._origin and uri.startswith(self._origin + "/"):
            return m.group(1)
        return uri.removesuffix("/activity")

    def _media(self, attachment: dict[str, Any], source: ArchiveSource, note_id: str) -> MediaRef:
        reference = attachment.get("url") or ""
        if isinstance(reference, list):     # ActivityStreams allows a list of Link objects
            reference = next((u.get("href", "") for u in reference if isinstance(u, dict)), "")
        remote = urlsplit(reference).scheme in ("http", "https")   # not in the archive: recorded as missing
        member = "" if remote else resolve_reference(reference, base=self._base, file=source.name, item=note_id)
        present = bool(member) and source.exists(member)
        return MediaRef(reference=reference, remote_url=reference if remote else "",
                        content_type=attachment.get("mediaType") or mimetypes.guess_type(reference)[0] or "",
                        alt_text=attachment.get("name") or "", present=present,
                        opener=functools.partial(source.open, member) if present else None)
