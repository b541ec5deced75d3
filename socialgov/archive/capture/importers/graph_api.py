"""Meta Graph API pages: Facebook page/group feeds and comments, Instagram media and comments.

A page is ``{"data": [...], "paging": {...}}``, a single object, or an ``?ids=`` response
keyed by id. Comments nested in a post (``comments.data``) and replies nested in a comment
are yielded too. A comments page does not name the post it belongs to; its paging URLs do
(``/v11.0/<post id>/comments``), and so does each Facebook comment's ``permalink_url``
(``?comment_id=…&reply_comment_id=…``), which also yields the comment's id when the request
did not ask for ``id``. Facebook's ``updated_time`` moves when someone comments, so it is not
taken as an edit time.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..snapshot import Author, ItemKind, ItemSnapshot, MediaRef, Mention
from ..text import parse_iso, unique
from .pages import Page, PageImporter, pointer

_EDGE = re.compile(r"/(?:v\d+\.\d+/)?([^/?]+)/comments")
_POST_PERMALINK = re.compile(r"facebook\.com/(\d+)/posts/(\d+)")


def _items(document: Any) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """The page's top-level objects with their JSON pointer parts."""
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        return [(("data", i), item) for i, item in enumerate(document["data"])]
    if isinstance(document, dict) and "id" in document:
        return [((), document)]
    if isinstance(document, dict):   # ?ids=a,b -> {"a": {...}, "b": {...}}
        return [((key,), value) for key, value in document.items() if isinstance(value, dict)]
    return []


def _commented_object(page: Page, document: Any) -> str:
    """The object a comments page belongs to, from the request or the paging links."""
    paging = (document.get("paging") or {}) if isinstance(document, dict) else {}
    for url in (page.uri, paging.get("next", ""), paging.get("previous", "")):
        m = _EDGE.search(urlsplit(url).path) if url else None
        if m:
            return m.group(1)
    return ""


def _first_item(document: Any) -> dict[str, Any]:
    items = _items(document)
    return items[0][1] if items else {}


class _GraphImporter(PageImporter):
    uri_markers = ("graph.facebook.com/", "graph.instagram.com/")

    def page_snapshots(self, page: Page, document: Any) -> Iterator[ItemSnapshot]:
        parent = _commented_object(page, document)
        items = _items(document)
        if not items:
            self.summary.skip(page.file, "", f"no {self.label} objects on the page")
        for where, item in items:
            yield from self._item(page, item, where, parent)

    def _item(self, page: Page, item: dict[str, Any], where: tuple[Any, ...], parent: str) -> Iterator[ItemSnapshot]:
        raise NotImplementedError

    def _base(self, page: Page, where: tuple[Any, ...]) -> dict[str, Any]:
        return {"captured_at": self.captured_at(page), "raw": page.raw(pointer(*where)), "source": self.capture_source}


class FacebookGraphImporter(_GraphImporter):
    name = "facebook-graph"
    label = "Facebook Graph API"
    platform = "facebook"
    version = "1"

    @classmethod
    def score(cls, document: Any) -> int:
        first = _first_item(document)
        if "created_time" in first and ("message" in first or "id" in first or "permalink_url" in first):
            return 85
        return 0

    def _item(self, page: Page, item: dict[str, Any], where: tuple[Any, ...], parent: str) -> Iterator[ItemSnapshot]:
        comment = bool(parent or "comment_id=" in item.get("permalink_url", "")
                       or "parent" in item or "comment_count" in item)
        with self.item(page.file, item.get("id") or pointer(*where)):
            snapshot = self._comment(page, item, where, parent) if comment else self._post(page, item, where)
        yield snapshot
        for index, nested in enumerate((item.get("comments") or {}).get("data") or []):
            yield from self._item(page, nested, (*where, "comments", "data", index), snapshot.item_id)

    def _post(self, page: Page, post: dict[str, Any], where: tuple[Any, ...]) -> ItemSnapshot:
        page_id = post["id"].partition("_")[0] if "_" in post["id"] else ""
        return ItemSnapshot(
            item_id=post["id"], kind=ItemKind.REPOST if post.get("parent_id") else ItemKind.POST,
            parent_id=post.get("parent_id", ""), created_at=parse_iso(post["created_time"]),
            url=post.get("permalink_url", ""), **self._content(post, page_id), **self._base(page, where))

    def _comment(self, page: Page, comment: dict[str, Any], where: tuple[Any, ...], parent: str) -> ItemSnapshot:
        link = _PermalinkIds.parse(comment.get("permalink_url", ""))
        item_id = comment.get("id") or link.comment_id
        parent_id = (comment.get("parent") or {}).get("id") or link.parent_id or parent or link.post_id
        kind = ItemKind.REPLY if comment.get("parent") or link.is_reply else ItemKind.COMMENT
        return ItemSnapshot(
            item_id=item_id, kind=kind, parent_id=parent_id, root_id=link.post_id or parent,
            created_at=parse_iso(comment["created_time"]), url=comment.get("permalink_url", ""),
            **self._content(comment, link.page_id), **self._base(page, where))

    def _content(self, item: dict[str, Any], page_id: str) -> dict[str, Any]:
        author = item.get("from") or {}
        single = [item["attachment"]] if item.get("attachment") else []     # a comment has one attachment
        attachments = (item.get("attachments") or {}).get("data") or single
        return {
            "platform": "facebook", "account_id": self.account_id or page_id, "account_handle": self.account_handle,
            "author": Author(author.get("id", ""), "", author.get("name", "")),
            "text": item.get("message") or item.get("story") or "",
            "mentions": tuple(Mention(t.get("name", ""), t.get("id", "")) for t in item.get("message_tags") or []),
            "links": unique(_share_links(attachments)),
            "media": tuple(_attachment_media(attachments)),
        }


class _PermalinkIds:
    """Ids that a Facebook comment permalink carries: ``/<page>/posts/<post>/?comment_id=…``."""

    def __init__(self, page_id: str, post: str, comment: str, reply: str) -> None:
        self.page_id, self._post, self._comment, self._reply = page_id, post, comment, reply

    @classmethod
    def parse(cls, url: str) -> _PermalinkIds:
        m = _POST_PERMALINK.search(url)
        query = parse_qs(urlsplit(url).query)
        return cls(m.group(1) if m else "", m.group(2) if m else "",
                   (query.get("comment_id") or [""])[0], (query.get("reply_comment_id") or [""])[0])

    @property
    def post_id(self) -> str:
        return f"{self.page_id}_{self._post}" if self.page_id and self._post else ""

    @property
    def is_reply(self) -> bool:
        return bool(self._reply)

    @property
    def comment_id(self) -> str:
        # Graph comment ids are "<post object id>_<comment id>".
        own = self._reply or self._comment
        return f"{self._post}_{own}" if self._post and own else own

    @property
    def parent_id(self) -> str:
        return f"{self._post}_{self._comment}" if self._reply and self._post else ""


def _share_links(attachments: list[dict[str, Any]]) -> Iterator[str]:
    for attachment in attachments:
        if attachment.get("type") in ("share", "link") or attachment.get("media_type") == "link":
            yield attachment.get("unshimmed_url") or attachment.get("url", "")


def _attachment_media(attachments: list[dict[str, Any]]) -> Iterator[MediaRef]:
    for attachment in attachments:
        subs = (attachment.get("subattachments") or {}).get("data") or []
        for part in subs or [attachment]:
            if part.get("media_type") == "link" or part.get("type") in ("share", "link"):
                continue        # a link preview's picture is the linked site's, not the agency's media
            src = ((part.get("media") or {}).get("image") or {}).get("src") or (part.get("media") or {}).get("source")
            if src:
                yield MediaRef(reference=src, content_type=_content_type(part.get("media_type", ""), src),
                               alt_text=part.get("description") or "", present=False, remote_url=src)


def _content_type(kind: str, url: str) -> str:
    guessed = mimetypes.guess_type(urlsplit(url).path)[0]
    return guessed or {"photo": "image/jpeg", "video": "video/mp4"}.get(kind.lower(), "")


class InstagramGraphImporter(_GraphImporter):
    name = "instagram-graph"
    label = "Instagram Graph API"
    platform = "instagram"
    version = "1"

    @classmethod
    def score(cls, document: Any) -> int:
        first = _first_item(document)
        if "timestamp" in first and ("caption" in first or "media_type" in first):
            return 85
        if "timestamp" in first and "text" in first:
            return 80
        return 0

    def _item(self, page: Page, item: dict[str, Any], where: tuple[Any, ...], parent: str) -> Iterator[ItemSnapshot]:
        is_media = "media_type" in item or "caption" in item or "media_url" in item
        with self.item(page.file, item.get("id") or pointer(*where)):
            snapshot = self._media(page, item, where) if is_media else self._comment(page, item, where, parent)
        yield snapshot
        nested = ("comments", "data") if is_media else ("replies", "data")
        for index, child in enumerate((item.get(nested[0]) or {}).get("data") or []):
            yield from self._item(page, child, (*where, *nested, index), snapshot.item_id)

    def _media(self, page: Page, media: dict[str, Any], where: tuple[Any, ...]) -> ItemSnapshot:
        children = (media.get("children") or {}).get("data") or [media]
        owner = media.get("owner") or {}
        return ItemSnapshot(
            platform="instagram", account_id=self.account_id or owner.get("id", ""),
            account_handle=self.account_handle or media.get("username", ""),
            item_id=media["id"], kind=ItemKind.POST,
            author=Author(owner.get("id", ""), media.get("username", ""), ""),
            created_at=parse_iso(media["timestamp"]), text=media.get("caption") or "",
            hashtags=unique(re.findall(r"#(\w+)", media.get("caption") or "")),
            media=tuple(_instagram_media(c) for c in children if c.get("media_url") or c.get("thumbnail_url")),
            url=media.get("permalink", ""), **self._base(page, where))

    def _comment(self, page: Page, comment: dict[str, Any], where: tuple[Any, ...], parent: str) -> ItemSnapshot:
        author = comment.get("from") or {}
        reply_to = comment.get("parent_id") or ""
        return ItemSnapshot(
            platform="instagram", account_id=self.account_id, account_handle=self.account_handle,
            item_id=comment["id"], kind=ItemKind.REPLY if reply_to or "replies" in where else ItemKind.COMMENT,
            parent_id=reply_to or parent,
            author=Author(author.get("id", ""), comment.get("username") or author.get("username", ""), ""),
            created_at=parse_iso(comment["timestamp"]), text=comment.get("text") or "",
            mentions=tuple(Mention(h) for h in unique(re.findall(r"@([\w.]+)", comment.get("text") or ""))),
            **self._base(page, where))


def _instagram_media(child: dict[str, Any]) -> MediaRef:
    url = child.get("media_url") or child.get("thumbnail_url") or ""
    return MediaRef(reference=url, content_type=_content_type(child.get("media_type", "").lower().replace(
        "image", "photo"), url), present=False, remote_url=url)
