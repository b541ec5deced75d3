"""X (Twitter) account archive: ``data/tweets.js``, ``data/deleted-tweets.js``, ``data/tweets_media/``.

The ``.js`` files are JSON behind a JavaScript assignment (``window.YTD.tweets.part0 = [``);
they are streamed element by element (``JsonArrayStream``), so a tweets.js of any size is read
in bounded memory, and each tweet keeps its exact bytes. X writes every number as a string and
dates as ``Fri Mar 06 13:02:05 +0000 2026``; entity indices count characters of the
HTML-escaped ``full_text``.
"""

from __future__ import annotations

import functools
import json
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from posixpath import basename
from typing import Any
from urllib.parse import urlsplit

from ..errors import CaptureError
from ..jsonstream import JsonArrayStream
from ..snapshot import Author, ItemKind, ItemSnapshot, MediaRef, Mention, RawPayload, TextSpan
from ..source import ArchiveSource
from ..text import Entity, parse_iso, parse_x_date, rewrite_with_entities, unique
from .base import Importer

_ASSIGNMENT = re.compile(rb"^\s*(window\.[A-Za-z_][\w.]*)\s*=\s*")
_PART = re.compile(r"^window\.YTD\.([a-z_]+)\.part(\d+)$")


@dataclass(frozen=True)
class _DataFile:
    root: str                # where the archive's data/ folder sits in the source ("" unless re-zipped)
    member: str
    global_name: str         # "YTD.tweets.part0"
    deleted: bool
    media_dir: str           # "data/tweets_media"
    expected: int | None     # the manifest's count, to cross-check


def js_payload_start(head: bytes, *, file: str, expected: str) -> int:
    """Offset of the JSON after ``window.YTD.<expected>.partN =``; raises for any other marker."""
    m = _ASSIGNMENT.match(head)
    if not m:
        raise CaptureError(file, "not an X archive data file: it does not start with 'window.YTD.…part0 ='")
    part = _PART.match(m.group(1).decode("ascii"))
    if not part or part.group(1) != expected:
        raise CaptureError(file, f"unknown data marker {m.group(1).decode('ascii')!r}; expected "
                                 f"'window.YTD.{expected}.partN'")
    return m.end()


class XArchiveImporter(Importer):
    name = "x-archive"
    label = "X (Twitter) account archive"
    platform = "x"
    version = "1"

    @classmethod
    def sniff(cls, source: ArchiveSource) -> int:
        if source.find("data/tweets.js") or source.find("data/manifest.js"):
            return 100
        names = list(source.names())
        if len(names) == 1 and re.match(rb"\s*window\.YTD\.(deleted_)?tweets\.part\d+\s*=", source.head(names[0], 200)):
            return 90
        return 0

    def read(self, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        manifest = self._manifest(source)
        self._captured_at = self._generation_date(manifest)
        self._account = self._account_info(source, manifest)
        media = _MediaIndex(source)
        files = self._data_files(source, manifest)
        if not files:
            raise CaptureError(source.name, "no data/tweets.js: not an X account archive, or an incomplete one")
        for data_file in files:
            yield from self._read_file(source, data_file, media)

    # --- archive metadata -------------------------------------------------------------------

    def _load_js_object(self, source: ArchiveSource, member: str) -> Any:
        data = source.read(member)
        m = _ASSIGNMENT.match(data)
        if not m:
            raise CaptureError(member, "not an X archive data file (no 'window.… =' assignment)")
        try:
            return json.loads(data[m.end():].rstrip().rstrip(b";"))
        except ValueError as exc:
            raise CaptureError(member, f"invalid or truncated JSON: {exc}") from None

    def _manifest(self, source: ArchiveSource) -> dict[str, Any]:
        member = source.find("data/manifest.js")
        if not member:
            return {}
        self.summary.read_file(member)
        manifest = self._load_js_object(source, member)
        if not isinstance(manifest, dict) or "dataTypes" not in manifest:
            raise CaptureError(member, "unknown manifest schema: no 'dataTypes'")
        return manifest

    def _generation_date(self, manifest: dict[str, Any]) -> datetime:
        # The archive was captured from X when X generated it, not when we happen to import it.
        generated = manifest.get("archiveInfo", {}).get("generationDate")
        return parse_iso(generated) if generated else self.clock()

    def _account_info(self, source: ArchiveSource, manifest: dict[str, Any]) -> Author:
        user = manifest.get("userInfo", {})
        account = Author(user.get("accountId", ""), user.get("userName", ""), user.get("displayName", ""))
        member = source.find("data/account.js")
        if member and not account.id:
            self.summary.read_file(member)
            rows = self._load_js_object(source, member)
            info = rows[0]["account"] if rows else {}
            account = Author(info.get("accountId", ""), info.get("username", ""), info.get("accountDisplayName", ""))
        return Author(self.account_id or account.id, self.account_handle or account.handle, account.display_name)

    def _data_files(self, source: ArchiveSource, manifest: dict[str, Any]) -> list[_DataFile]:
        root = self._root(source)
        types = manifest.get("dataTypes", {})
        found: list[_DataFile] = []
        for key, deleted, default_media in (("tweets", False, "tweets_media"),
                                            ("deletedTweets", True, "deleted_tweets_media")):
            entry = types.get(key)
            if entry:
                media_dir = entry.get("mediaDirectory") or f"data/{default_media}"
                found += [_DataFile(root, root + f["fileName"], f["globalName"], deleted, root + media_dir,
                                    int(f["count"]))
                          for f in entry.get("files", []) if source.exists(root + f["fileName"])]
            else:
                found += self._data_files_by_name(source, root, deleted, default_media)
        return found or self._single_file(source)

    @staticmethod
    def _single_file(source: ArchiveSource) -> list[_DataFile]:
        """A lone data file under any name: its ``window.YTD.<name>.partN`` marker says what it holds."""
        names = list(source.names())
        if len(names) != 1:
            return []
        m = _ASSIGNMENT.match(source.head(names[0], 512))
        part = _PART.match(m.group(1).decode("ascii")) if m else None
        if not part or part.group(1) not in ("tweets", "deleted_tweets"):
            return []
        deleted = part.group(1) == "deleted_tweets"
        return [_DataFile("", names[0], f"YTD.{part.group(1)}.part{part.group(2)}", deleted,
                          "data/deleted_tweets_media" if deleted else "data/tweets_media", None)]

    @staticmethod
    def _root(source: ArchiveSource) -> str:
        # An archive re-zipped inside a folder: everything sits under that folder's name.
        member = source.find("data/tweets.js") or source.find("data/manifest.js")
        return member.rsplit("data/", 1)[0] if member else ""

    @staticmethod
    def _data_files_by_name(source: ArchiveSource, root: str, deleted: bool, media: str) -> list[_DataFile]:
        stem = "deleted-tweets" if deleted else "tweets"
        pattern = re.compile(rf"^{re.escape(root)}(?:data/)?{stem}(?:-part\d+)?\.js$")
        names = sorted(n for n in source.names() if pattern.match(n))
        global_name = "YTD.deleted_tweets.part0" if deleted else "YTD.tweets.part0"
        return [_DataFile(root, n, global_name, deleted, f"{root}data/{media}", None) for n in names]

    # --- tweets -----------------------------------------------------------------------------

    def _read_file(self, source: ArchiveSource, data_file: _DataFile, media: _MediaIndex) -> Iterator[ItemSnapshot]:
        member = data_file.member
        self.summary.read_file(member)
        expected = data_file.global_name.split(".")[1]
        start = js_payload_start(source.head(member, 512), file=member, expected=expected)
        count = 0
        with source.open(member) as stream:
            for index, raw, element in JsonArrayStream(stream, file=member, start=start):
                with self.item(member, index):
                    snapshot = self._snapshot(element, raw, member, index, data_file, media)
                count += 1
                yield snapshot
        if data_file.expected is not None and count != data_file.expected:
            self.summary.notes.append(f"{member}: {count} tweets read, the manifest says {data_file.expected}")

    def _snapshot(self, element: Any, raw: bytes, member: str, index: int, data_file: _DataFile,
                  media: _MediaIndex) -> ItemSnapshot:
        tweet = _unwrap(element, member, index)
        tweet_id = tweet.get("id_str") or str(tweet["id"])
        text, spans = _text_and_spans(tweet)
        entities = tweet.get("entities", {})
        return ItemSnapshot(
            platform="x", account_id=self._account.id, account_handle=self._account.handle,
            item_id=_edit_root(tweet) or tweet_id, kind=_kind(tweet), author=self._account,
            created_at=parse_x_date(tweet["created_at"]), captured_at=self._captured_at,
            raw=RawPayload.of(raw, media_type="application/json", file=member, locator=f"[{index}]"),
            source=self.capture_source,
            text=text, markup=tweet.get("full_text", tweet.get("text", "")), markup_format="x-text",
            parent_id=tweet.get("in_reply_to_status_id_str") or _retweeted_id(tweet),
            edited_at=parse_x_date(tweet["created_at"]) if _edit_root(tweet) else None,
            links=unique(u.get("expanded_url") or u.get("url", "") for u in entities.get("urls", [])),
            mentions=tuple(Mention(m.get("screen_name", ""), m.get("id_str", ""))
                           for m in entities.get("user_mentions", [])),
            hashtags=unique(h.get("text", "") for h in entities.get("hashtags", [])),
            spans=spans,
            media=tuple(media.ref(tweet_id, m, data_file) for m in _media_entities(tweet)),
            deleted=data_file.deleted,
            deleted_at=parse_x_date(tweet["deleted_at"]) if tweet.get("deleted_at") else None,
            url=f"https://x.com/{self._account.handle}/status/{tweet_id}" if self._account.handle else "",
            language=tweet.get("lang", ""),
        )


def _unwrap(element: Any, member: str, index: int) -> dict[str, Any]:
    if isinstance(element, dict) and isinstance(element.get("tweet"), dict):
        return element["tweet"]
    if isinstance(element, dict) and "id_str" in element:
        return element    # archives from before 2019 hold the tweet itself
    keys = ", ".join(sorted(element)) if isinstance(element, dict) else type(element).__name__
    raise CaptureError(member, f"unknown tweet record shape ({keys})", item=index)


def _kind(tweet: dict[str, Any]) -> ItemKind:
    # Archives set "retweeted": false even on retweets; the "RT @" text is what marks them.
    if tweet.get("retweeted_status") or (tweet.get("full_text", "").startswith("RT @")
                                         and not tweet.get("in_reply_to_status_id_str")):
        return ItemKind.REPOST
    if tweet.get("in_reply_to_status_id_str"):
        return ItemKind.REPLY
    return ItemKind.POST


def _retweeted_id(tweet: dict[str, Any]) -> str:
    if tweet.get("retweeted_status"):
        return tweet["retweeted_status"].get("id_str", "")
    if _kind(tweet) is ItemKind.REPOST:
        # The only trace of the original in an archive: media carry the status they came from.
        for m in _media_entities(tweet):
            if m.get("source_status_id_str"):
                return m["source_status_id_str"]
    return ""


def _edit_root(tweet: dict[str, Any]) -> str:
    """For a later version of an edited tweet, the id of its first version (the item's identity)."""
    edit = tweet.get("edit_info", {}).get("edit", {})
    initial = edit.get("initialTweetId", "")
    return initial if initial and initial != tweet.get("id_str") else ""


def _media_entities(tweet: dict[str, Any]) -> list[dict[str, Any]]:
    return (tweet.get("extended_entities") or {}).get("media") or tweet.get("entities", {}).get("media") or []


def _text_and_spans(tweet: dict[str, Any]) -> tuple[str, tuple[TextSpan, ...]]:
    source = tweet.get("full_text", tweet.get("text", ""))
    entities = tweet.get("entities", {})
    found: list[Entity] = []
    for url in entities.get("urls", []) + entities.get("media", []):
        expanded = url.get("expanded_url") or url.get("url", "")
        found.append(Entity(*_indices(url), "link", expanded, replacement=expanded))
    for mention in entities.get("user_mentions", []):
        found.append(Entity(*_indices(mention), "mention", mention.get("screen_name", "")))
    for tag in entities.get("hashtags", []):
        found.append(Entity(*_indices(tag), "hashtag", tag.get("text", "")))
    text, spans = rewrite_with_entities(source, found)
    return text, tuple(TextSpan(start, end, e.kind, e.value) for start, end, e in spans)


def _indices(entity: dict[str, Any]) -> tuple[int, int]:
    start, end = entity["indices"]       # strings in archives, numbers in the API: int() takes both
    return int(start), int(end)


class _MediaIndex:
    """The media files the archive holds, by tweet id: ``tweets_media/<tweetid>-<name>``."""

    def __init__(self, source: ArchiveSource) -> None:
        self.source = source
        self.by_tweet: dict[str, set[str]] = {}
        for name in source.names():
            if "_media/" in name:
                head, _, file = name.rpartition("/")
                tweet_id = file.split("-", 1)[0]
                self.by_tweet.setdefault(tweet_id, set()).add(name)

    def ref(self, tweet_id: str, media: dict[str, Any], data_file: _DataFile) -> MediaRef:
        candidates = [f"{data_file.media_dir}/{tweet_id}-{name}" for name in _file_names(media)]
        held = self.by_tweet.get(tweet_id, set())
        member = next((c for c in candidates if c in held), None)
        # Relative to the archive's root, so that re-zipping inside a folder changes nothing.
        reference = (member or candidates[0]).removeprefix(data_file.root)
        content_type = _video_type(media) or mimetypes.guess_type(reference)[0] or ""
        opener = functools.partial(self.source.open, member) if member else None
        return MediaRef(reference=reference, content_type=content_type, alt_text=media.get("ext_alt_text") or "",
                        present=member is not None, remote_url=_remote_url(media), opener=opener)


def _file_names(media: dict[str, Any]) -> list[str]:
    """Names X gives the file in the archive: the photo's, or a video variant's, last path segment."""
    names = [basename(urlsplit(media.get("media_url_https") or media.get("media_url", "")).path)]
    for variant in _variants(media):
        names.append(basename(urlsplit(variant.get("url", "")).path))
    # Videos are stored under their best variant's name: try those first.
    return [n for n in names[1:] + names[:1] if n]


def _variants(media: dict[str, Any]) -> list[dict[str, Any]]:
    variants = (media.get("video_info") or {}).get("variants") or []
    mp4 = [v for v in variants if v.get("content_type") == "video/mp4"]
    return sorted(mp4, key=lambda v: int(v.get("bitrate") or 0), reverse=True)


def _video_type(media: dict[str, Any]) -> str:
    return "video/mp4" if _variants(media) else ""


def _remote_url(media: dict[str, Any]) -> str:
    variants = _variants(media)
    return variants[0]["url"] if variants else media.get("media_url_https") or media.get("media_url", "")
