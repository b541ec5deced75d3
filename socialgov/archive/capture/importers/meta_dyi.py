"""Meta "Download Your Information" JSON: Facebook posts and comments, Instagram posts and comments.

Meta writes these files with every non-ASCII character double-encoded: the UTF-8 bytes of
``é`` appear as the two code points ``\\u00c3\\u00a9``. Each parsed item is repaired
(``repair_mojibake``: re-encode as Latin-1, decode as UTF-8, only when that round-trips); the
raw payload keeps the bytes as Meta wrote them.

These exports carry no item ids: an item is identified by its kind and creation time
(``dyi-post-1700000000``), with ``-2``, ``-3``… for items created in the same second, in file
order. Media are paths relative to the export's root; missing files are recorded as missing.
"""

from __future__ import annotations

import functools
import mimetypes
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any, ClassVar

from ..errors import CaptureError
from ..jsonstream import JsonArrayStream
from ..snapshot import Author, ItemKind, ItemSnapshot, MediaRef, RawPayload
from ..source import ArchiveSource, resolve_reference
from ..text import parse_epoch, repair_mojibake, repair_mojibake_deep, unique
from .base import Importer

_URL = re.compile(r"https?://[^\s<>\"')\]]+")


class _DyiImporter(Importer):
    """Shared reading: find the files, stream their items, repair them, resolve media."""

    post_files: ClassVar[re.Pattern[str]]
    comment_files: ClassVar[re.Pattern[str]]
    wrapper_keys: ClassVar[tuple[str, ...]]      # {"comments_v2": [...]}-style wrappers

    @classmethod
    def sniff(cls, source: ArchiveSource) -> int:
        names = list(source.names())
        if any(cls.post_files.search(n) or cls.comment_files.search(n) for n in names):
            return 90
        if len(names) == 1 and names[0].endswith(".json"):
            return cls._sniff_first(source, names[0])
        return 0

    @classmethod
    def _sniff_first(cls, source: ArchiveSource, member: str) -> int:
        try:
            role, stream = cls._open_items(source, member)
            with stream:
                for _, _, element in JsonArrayStream(stream, file=member, key=role[1], max_element_bytes=1 << 20):
                    return 85 if cls.recognise(element) else 0
        except CaptureError:
            return 0
        return 0

    @classmethod
    def recognise(cls, element: Any) -> bool:
        raise NotImplementedError

    @classmethod
    def _open_items(cls, source: ArchiveSource, member: str) -> tuple[tuple[str, str | None], Any]:
        """("posts"|"comments", wrapper key or None) and an open stream of the member."""
        head = source.head(member, 4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"["):
            role = "comments" if cls.comment_files.search(member) else "posts"
            return (role, None), source.open(member)
        for key in cls.wrapper_keys:
            if f'"{key}"'.encode() in head:
                return ("comments", key), source.open(member)
        raise CaptureError(member, f"unknown schema: expected a list, or an object with one of "
                                   f"{', '.join(cls.wrapper_keys)}")

    def read(self, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        self._roots = _roots(source)
        self._captured_at = self.clock()
        members = sorted(n for n in source.names() if self.post_files.search(n) or self.comment_files.search(n))
        if not members:
            members = [n for n in source.names() if n.endswith(".json")][:1]
        for member in members:
            self.summary.read_file(member)
            (role, key), stream = self._open_items(source, member)
            seen: Counter[str] = Counter()
            with stream:
                for index, raw, parsed in JsonArrayStream(stream, file=member, key=key):
                    element = repair_mojibake_deep(parsed)
                    with self.item(member, index):
                        snapshot = self._map(role, element, raw, member, index, seen, source)
                    if snapshot is not None:
                        yield snapshot

    def _map(self, role: str, element: Any, raw: bytes, member: str, index: int, seen: Counter[str],
             source: ArchiveSource) -> ItemSnapshot | None:
        raise NotImplementedError

    @staticmethod
    def _item_id(kind: str, timestamp: int, seen: Counter[str]) -> str:
        base = f"dyi-{kind}-{timestamp}"
        seen[base] += 1
        return base if seen[base] == 1 else f"{base}-{seen[base]}"

    def _snapshot(self, member: str, index: int, raw: bytes, **fields: Any) -> ItemSnapshot:
        return ItemSnapshot(platform=self.platform, account_id=self.account_id, account_handle=self.account_handle,
                            captured_at=self._captured_at, source=self.capture_source,
                            raw=RawPayload.of(raw, media_type="application/json", file=member, locator=f"[{index}]"),
                            **fields)

    def _media(self, media: dict[str, Any], source: ArchiveSource, item: str) -> MediaRef:
        uri = media.get("uri") or ""
        member = self._locate(uri, source, item) if uri and "://" not in uri else None
        alt = media.get("description") or media.get("title") or ""
        return MediaRef(reference=uri, content_type=mimetypes.guess_type(uri)[0] or "", alt_text=alt,
                        present=member is not None, remote_url=uri if "://" in uri else "",
                        opener=functools.partial(source.open, member) if member else None)

    def _locate(self, uri: str, source: ArchiveSource, item: str) -> str | None:
        relative = resolve_reference(uri, file=source.name, item=item)
        return next((root + relative for root in self._roots if source.exists(root + relative)), None)


def _roots(source: ArchiveSource) -> tuple[str, ...]:
    """Where media paths start: the export's root, or the one folder it was zipped inside."""
    first_parts = {name.partition("/")[0] + "/" for name in source.names() if "/" in name}
    return ("", *first_parts) if len(first_parts) == 1 else ("",)


class FacebookDyiImporter(_DyiImporter):
    name = "facebook-dyi"
    label = "Facebook Download Your Information (JSON)"
    platform = "facebook"
    version = "1"
    post_files = re.compile(r"(^|/)(your_posts|profile_posts|your_posts__check_ins__photos_and_videos)(_\d+)?\.json$")
    comment_files = re.compile(r"(^|/)comments(_and_reactions)?/comments(_\d+)?\.json$")
    wrapper_keys = ("comments_v2", "comments")

    @classmethod
    def recognise(cls, element: Any) -> bool:
        return isinstance(element, dict) and "timestamp" in element and ("data" in element or "attachments" in element)

    def _map(self, role: str, element: Any, raw: bytes, member: str, index: int, seen: Counter[str],
             source: ArchiveSource) -> ItemSnapshot | None:
        if not isinstance(element, dict) or "timestamp" not in element:
            raise CaptureError(member, "unknown item shape: no 'timestamp'", item=index)
        data = element.get("data") or []
        if role == "comments":
            return self._comment(element, data, raw, member, index, seen, source)
        text = next((d["post"] for d in data if "post" in d), "")
        updated = next((d["update_timestamp"] for d in data if "update_timestamp" in d), None)
        attachments = [a for group in element.get("attachments") or [] for a in group.get("data") or []]
        item_id = self._item_id("post", element["timestamp"], seen)
        return self._snapshot(
            member, index, raw, item_id=item_id, kind=ItemKind.POST, author=Author(),
            created_at=parse_epoch(element["timestamp"]),
            edited_at=parse_epoch(updated) if updated and int(updated) != int(element["timestamp"]) else None,
            text=text or "", links=unique(_URL.findall(text or "") + [
                (a.get("external_context") or {}).get("url", "") for a in attachments]),
            media=tuple(self._media(a["media"], source, item_id) for a in attachments if "media" in a))

    def _comment(self, element: dict[str, Any], data: list[dict[str, Any]], raw: bytes, member: str, index: int,
                 seen: Counter[str], source: ArchiveSource) -> ItemSnapshot:
        comment = next((d["comment"] for d in data if "comment" in d), {})
        title = element.get("title") or ""
        item_id = self._item_id("comment", element["timestamp"], seen)
        attachments = [a for group in element.get("attachments") or [] for a in group.get("data") or []]
        text = comment.get("comment") or ""
        return self._snapshot(
            member, index, raw, item_id=item_id,
            kind=ItemKind.REPLY if "replied to" in title else ItemKind.COMMENT,
            author=Author("", "", comment.get("author") or ""),
            created_at=parse_epoch(comment.get("timestamp") or element["timestamp"]),
            text=text, links=unique(_URL.findall(text)),
            media=tuple(self._media(a["media"], source, item_id) for a in attachments if "media" in a))


class InstagramExportImporter(_DyiImporter):
    name = "instagram-export"
    label = "Instagram Download Your Information (JSON)"
    platform = "instagram"
    version = "1"
    post_files = re.compile(r"(^|/)content/posts_\d+\.json$")
    comment_files = re.compile(r"(^|/)comments/(post_comments(_\d+)?|reels_comments)\.json$")
    wrapper_keys = ("comments_reels_comments", "comments_media_comments", "comments_story_comments")

    @classmethod
    def recognise(cls, element: Any) -> bool:
        return isinstance(element, dict) and ("string_map_data" in element or
                                              (isinstance(element.get("media"), list) and "timestamp" not in element))

    def _map(self, role: str, element: Any, raw: bytes, member: str, index: int, seen: Counter[str],
             source: ArchiveSource) -> ItemSnapshot | None:
        if isinstance(element, dict) and "string_map_data" in element:
            return self._comment(element, raw, member, index, seen)
        if not isinstance(element, dict) or not isinstance(element.get("media"), list) or not element["media"]:
            raise CaptureError(member, "unknown item shape: neither 'media' nor 'string_map_data'", item=index)
        media = element["media"]
        # One photo: the caption and time sit on the media; a carousel: on the post.
        caption = element.get("title") or media[0].get("title") or ""
        timestamp = element.get("creation_timestamp") or media[0]["creation_timestamp"]
        item_id = self._item_id("post", timestamp, seen)
        return self._snapshot(
            member, index, raw, item_id=item_id, kind=ItemKind.POST, author=Author(),
            created_at=parse_epoch(timestamp), text=caption,
            hashtags=unique(re.findall(r"#(\w+)", caption)), links=unique(_URL.findall(caption)),
            media=tuple(self._media({**m, "title": ""}, source, item_id) for m in media))

    def _comment(self, element: dict[str, Any], raw: bytes, member: str, index: int,
                 seen: Counter[str]) -> ItemSnapshot:
        fields = {repair_mojibake(k): v for k, v in element["string_map_data"].items()}
        timestamp = (fields.get("Time") or {}).get("timestamp")
        if timestamp is None:
            raise CaptureError(member, "a comment without 'Time'", item=index)
        text = (fields.get("Comment") or {}).get("value") or ""
        # The export names the commented media's owner ("Media Owner"), not the media: no parent id.
        return self._snapshot(
            member, index, raw, item_id=self._item_id("comment", timestamp, seen), kind=ItemKind.COMMENT,
            author=Author(), created_at=parse_epoch(timestamp), text=text, links=unique(_URL.findall(text)))
