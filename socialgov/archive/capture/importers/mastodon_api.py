"""Mastodon REST API pages: statuses, timelines, a status's context, its edit history.

Edits: a status carries ``edited_at``; ``GET /api/v1/statuses/:id/history`` lists every
version (the first is the original), each becoming a snapshot of the same item. A ``DELETE``
response is the deleted status (with its plain source ``text`` instead of HTML): a tombstone.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from typing import Any

from ..snapshot import Author, ItemKind, ItemSnapshot, MediaRef, Mention
from ..text import html_to_text, parse_iso, unique
from .pages import Page, PageImporter, pointer

_STATUS_PATH = re.compile(r"/api/v1/statuses/(?P<id>[^/]+)(?:/(?P<sub>[a-z_]+))?/?$")
_LIST_PATHS = re.compile(r"/api/v1/(?:timelines/.+|accounts/[^/]+/statuses|statuses|bookmarks|favourites)/?$")


def is_status(value: Any) -> bool:
    return (isinstance(value, dict) and "id" in value and isinstance(value.get("account"), dict)
            and "created_at" in value and ("content" in value or "text" in value))


class MastodonApiImporter(PageImporter):
    name = "mastodon-api"
    label = "Mastodon API"
    platform = "mastodon"
    version = "1"
    uri_markers = ("/api/v1/", "/api/v2/")

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._known: dict[str, tuple[ItemKind, str]] = {}   # id -> kind, parent: for history versions

    @classmethod
    def score(cls, document: Any) -> int:
        if is_status(document):
            return 90
        if isinstance(document, list) and document and is_status(document[0]):
            return 90
        if isinstance(document, dict) and isinstance(document.get("descendants"), list) and "ancestors" in document:
            return 90
        return 0

    def page_snapshots(self, page: Page, document: Any) -> Iterator[ItemSnapshot]:
        m = _STATUS_PATH.search(page.path) if page.uri else None
        sub = m.group("sub") if m else None
        if m and sub == "history":
            yield from self._history(page, document, m.group("id"))
        elif m and sub == "context" or (not page.uri and isinstance(document, dict) and "descendants" in document):
            yield from self._context(page, document)
        elif m and sub is not None:
            self.summary.skip(page.file, m.group("id"), f"not a status: {page.method} {page.path}")
        elif page.uri and not m and not _LIST_PATHS.search(page.path):
            self.summary.skip(page.file, "", f"not a status endpoint: {page.method} {page.path}")
        elif isinstance(document, list):
            for index, status in enumerate(document):
                yield self._status(page, status, pointer(index))
        else:
            yield self._status(page, document, "", deleted=page.method == "DELETE")

    def _context(self, page: Page, context: dict[str, Any]) -> Iterator[ItemSnapshot]:
        for key in ("ancestors", "descendants"):
            for index, status in enumerate(context.get(key) or []):
                yield self._status(page, status, pointer(key, index))

    def _status(self, page: Page, status: dict[str, Any], where: str, *, deleted: bool = False) -> ItemSnapshot:
        with self.item(page.file, status.get("id", where) if isinstance(status, dict) else where):
            reblog = status.get("reblog")
            kind = ItemKind.REPOST if reblog else ItemKind.REPLY if status.get("in_reply_to_id") else ItemKind.POST
            parent = reblog["id"] if reblog else status.get("in_reply_to_id") or ""
            self._known[status["id"]] = (kind, parent)
            return ItemSnapshot(
                item_id=status["id"], kind=kind, parent_id=parent,
                created_at=parse_iso(status["created_at"]),
                edited_at=parse_iso(status["edited_at"]) if status.get("edited_at") else None,
                mentions=tuple(Mention(m.get("acct", ""), m.get("id", "")) for m in status.get("mentions") or []),
                hashtags=unique(t.get("name", "") for t in status.get("tags") or []),
                url=status.get("url") or "", language=status.get("language") or "",
                deleted=deleted, deleted_at=page.received_at if deleted else None,
                **self._content(status), **self._common(page, status, where))

    def _history(self, page: Page, versions: list[dict[str, Any]], status_id: str) -> Iterator[ItemSnapshot]:
        if status_id not in self._known:
            # A version alone does not say whether the status is a reply or whom it answers.
            self.summary.skip(page.file, status_id, "edit history of a status not in this import")
            return
        kind, parent = self._known[status_id]
        for index, version in enumerate(versions):
            with self.item(page.file, f"{status_id} version {index}"):
                created = parse_iso(versions[0]["created_at"])   # the first version is the original
                yield ItemSnapshot(item_id=status_id, kind=kind, parent_id=parent, created_at=created,
                                   edited_at=parse_iso(version["created_at"]) if index else None,
                                   **self._content(version), **self._common(page, version, pointer(index)))

    def _content(self, status: dict[str, Any]) -> dict[str, Any]:
        html = status.get("content")
        if html is None:    # a DELETE response: the plain source text, no HTML
            body_text, links, html = status.get("text") or "", [], ""
        else:
            body = html_to_text(html)
            body_text, links = body.text, body.links
        card = (status.get("card") or {}).get("url")
        text = "\n\n".join(p for p in (status.get("spoiler_text") or "", body_text) if p)
        return {"text": text, "markup": html, "markup_format": "html" if html else "",
                "links": unique(links + [card or ""]),
                "media": tuple(_media(a) for a in status.get("media_attachments") or [])}

    def _common(self, page: Page, status: dict[str, Any], where: str) -> dict[str, Any]:
        account = status.get("account") or {}
        return {"platform": "mastodon", "account_id": self.account_id, "account_handle": self.account_handle,
                "author": Author(account.get("id", ""), account.get("acct", ""), account.get("display_name", "")),
                "captured_at": self.captured_at(page), "raw": page.raw(where), "source": self.capture_source}


def _media(attachment: dict[str, Any]) -> MediaRef:
    url = attachment.get("url") or attachment.get("remote_url") or ""
    return MediaRef(reference=url, content_type=mimetypes.guess_type(url)[0] or "",
                    alt_text=attachment.get("description") or "", present=False, remote_url=url)
