"""Bluesky XRPC JSON: thread views, author feeds, post lists, and repository records.

Handles ``app.bsky.feed.getPostThread`` (``threadViewPost``, walked up through parents and
down through replies), ``getAuthorFeed``/``getTimeline`` (``feed``, with repost reasons),
``getPosts`` (``posts``), and ``com.atproto.repo.getRecord``/``listRecords``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..snapshot import Author, ItemKind, ItemSnapshot, MediaRef
from ..text import parse_iso, unique
from .bluesky_records import POST, REPOST, blob_cid, post_fields, post_url, repost_fields
from .pages import Page, PageImporter, pointer

MAX_THREAD_DEPTH = 1000


def _is_at(value: Any, body: str) -> bool:
    return (isinstance(value, dict) and str(value.get("uri", "")).startswith("at://")
            and isinstance(value.get(body), dict))


def _is_post_view(value: Any) -> bool:
    return _is_at(value, "record")


def _is_record(value: Any) -> bool:
    return _is_at(value, "value")


class BlueskyXrpcImporter(PageImporter):
    name = "bluesky-xrpc"
    label = "Bluesky XRPC"
    platform = "bluesky"
    version = "1"
    uri_markers = ("/xrpc/app.bsky.", "/xrpc/com.atproto.repo.")

    @classmethod
    def score(cls, document: Any) -> int:
        if not isinstance(document, dict):
            return 0
        if isinstance(document.get("thread"), dict) and "threadViewPost" in str(document["thread"].get("$type", "")):
            return 95
        feed = document.get("feed")
        if isinstance(feed, list) and feed and _is_post_view((feed[0] or {}).get("post")):
            return 85
        posts = document.get("posts")
        if isinstance(posts, list) and posts and _is_post_view(posts[0]):
            return 85
        records = document.get("records")
        if _is_record(document) or (isinstance(records, list) and records and _is_record(records[0])):
            return 80
        return 0

    def page_snapshots(self, page: Page, document: Any) -> Iterator[ItemSnapshot]:
        if isinstance(document.get("thread"), dict):
            yield from self._thread(page, document["thread"], ("thread",), 0)
        elif isinstance(document.get("feed"), list):
            for index, entry in enumerate(document["feed"]):
                yield from self._feed_entry(page, entry, ("feed", index))
        elif isinstance(document.get("posts"), list):
            for index, view in enumerate(document["posts"]):
                yield from self._view(page, view, ("posts", index))
        elif isinstance(document.get("records"), list):
            for index, record in enumerate(document["records"]):
                yield from self._record(page, record, ("records", index))
        else:
            yield from self._record(page, document, ())

    def _thread(self, page: Page, node: dict[str, Any], where: tuple[Any, ...], depth: int) -> Iterator[ItemSnapshot]:
        kind = str(node.get("$type", ""))
        if depth > MAX_THREAD_DEPTH:
            self.summary.skip(page.file, pointer(*where), "thread deeper than the limit")
            return
        if "threadViewPost" not in kind:
            # notFoundPost / blockedPost: the platform withheld it; say so rather than drop it silently.
            self.summary.skip(page.file, node.get("uri", pointer(*where)), f"thread entry {kind or 'unknown'}")
            return
        if isinstance(node.get("parent"), dict):
            yield from self._thread(page, node["parent"], (*where, "parent"), depth + 1)
        yield from self._view(page, node["post"], (*where, "post"))
        for index, reply in enumerate(node.get("replies") or []):
            yield from self._thread(page, reply, (*where, "replies", index), depth + 1)

    def _feed_entry(self, page: Page, entry: dict[str, Any], where: tuple[Any, ...]) -> Iterator[ItemSnapshot]:
        yield from self._view(page, entry["post"], (*where, "post"))
        reason = entry.get("reason") or {}
        if "reasonRepost" in str(reason.get("$type", "")):
            if reason.get("uri"):
                yield self._repost_reason(page, entry, reason, where)
            else:
                self.summary.skip(page.file, pointer(*where, "reason"), "repost reason without the repost's URI")

    def _view(self, page: Page, view: dict[str, Any], where: tuple[Any, ...]) -> Iterator[ItemSnapshot]:
        record_type = view.get("record", {}).get("$type")
        if record_type != POST:
            self.summary.skip(page.file, view.get("uri", ""), f"{record_type} is not a post")
            return
        with self.item(page.file, view.get("uri", pointer(*where))):
            author = view.get("author") or {}
            fullsize = _fullsize_urls(view.get("embed") or {})
            fields = post_fields(view["record"], lambda blob, alt: _media(blob, alt, fullsize))
            snapshot = self._snapshot(page, view["uri"], Author(author.get("did", ""), author.get("handle", ""),
                                                                author.get("displayName", "")), fields, where)
        yield snapshot

    def _repost_reason(self, page: Page, entry: dict[str, Any], reason: dict[str, Any],
                       where: tuple[Any, ...]) -> ItemSnapshot:
        with self.item(page.file, reason["uri"]):
            by = reason.get("by") or {}
            subject = entry["post"]["uri"]
            fields = {"kind": ItemKind.REPOST, "parent_id": subject, "links": unique([subject]),
                      "created_at": parse_iso(reason["indexedAt"], naive_is_utc=True)}
            return self._snapshot(page, reason["uri"], Author(by.get("did", ""), by.get("handle", ""),
                                                              by.get("displayName", "")), fields, (*where, "reason"))

    def _record(self, page: Page, record: dict[str, Any], where: tuple[Any, ...]) -> Iterator[ItemSnapshot]:
        record_type = record.get("value", {}).get("$type")
        if record_type not in (POST, REPOST):
            self.summary.skip(page.file, record.get("uri", pointer(*where)), f"{record_type} is not a published item")
            return
        with self.item(page.file, record["uri"]):
            value = record["value"]
            if record_type == POST:
                fields = post_fields(value, lambda blob, alt: _media(blob, alt, {}))
            else:
                fields = repost_fields(value)
            did = record["uri"].removeprefix("at://").split("/")[0]
            snapshot = self._snapshot(page, record["uri"], Author(did), fields, where)
        yield snapshot

    def _snapshot(self, page: Page, uri: str, author: Author, fields: dict[str, Any],
                  where: tuple[Any, ...]) -> ItemSnapshot:
        return ItemSnapshot(platform="bluesky", account_id=self.account_id, account_handle=self.account_handle,
                            item_id=uri, author=author, captured_at=self.captured_at(page),
                            raw=page.raw(pointer(*where)), source=self.capture_source,
                            url=post_url(uri) if "/app.bsky.feed.post/" in uri else "",
                            **fields)


def _fullsize_urls(embed: dict[str, Any]) -> dict[str, str]:
    """CDN URLs of the images an embed view shows, by blob CID (the CID is part of each URL)."""
    parts = [embed, embed.get("media") or {}]
    urls = [img.get("fullsize", "") for part in parts for img in part.get("images") or []]
    return {url.rpartition("/")[2].partition("@")[0]: url for url in urls if url}


def _media(blob: dict[str, Any], alt: str, fullsize: dict[str, str]) -> MediaRef:
    cid = blob_cid(blob)
    return MediaRef(reference=cid, content_type=blob.get("mimeType") or "", alt_text=alt, present=False,
                    remote_url=fullsize.get(cid, ""))
