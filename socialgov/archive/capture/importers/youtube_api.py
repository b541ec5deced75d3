"""YouTube Data API v3: ``commentThreads`` (top-level comments with their replies) and ``comments``.

A thread's top-level comment is a comment on the video (parent and root: the video id, or the
channel id for a channel discussion); each reply's parent is the top-level comment. The API
returns at most a few replies inline; ``totalReplyCount`` says how many exist, and the
difference is noted in the summary (fetch them with ``comments.list?parentId=``).
``textOriginal`` is the plain text, ``textDisplay`` the HTML shown; ``updatedAt`` later than
``publishedAt`` means the comment was edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..snapshot import Author, ItemKind, ItemSnapshot
from ..text import html_to_text, parse_iso, unique
from .pages import Page, PageImporter, pointer

KNOWN_KINDS = {"youtube#commentThreadListResponse", "youtube#commentListResponse"}


class YouTubeApiImporter(PageImporter):
    name = "youtube-api"
    label = "YouTube Data API"
    platform = "youtube"
    version = "1"
    uri_markers = ("googleapis.com/youtube/v3/commentThreads", "googleapis.com/youtube/v3/comments")

    @classmethod
    def score(cls, document: Any) -> int:
        return 95 if isinstance(document, dict) and document.get("kind") in KNOWN_KINDS else 0

    def page_snapshots(self, page: Page, document: Any) -> Iterator[ItemSnapshot]:
        threads = document.get("kind") == "youtube#commentThreadListResponse"
        for index, item in enumerate(document.get("items") or []):
            if threads:
                yield from self._thread(page, item, ("items", index))
            else:
                with self.item(page.file, item.get("id", index)):
                    yield self._comment(page, item, ("items", index), parent="", root="")

    def _thread(self, page: Page, thread: dict[str, Any], where: tuple[Any, ...]) -> Iterator[ItemSnapshot]:
        with self.item(page.file, thread.get("id", pointer(*where))):
            snippet = thread["snippet"]
            subject = snippet.get("videoId") or snippet.get("channelId") or ""
            top = self._comment(page, snippet["topLevelComment"], (*where, "snippet", "topLevelComment"),
                                parent=subject, root=subject)
        yield top
        replies = (thread.get("replies") or {}).get("comments") or []
        for index, reply in enumerate(replies):
            with self.item(page.file, reply.get("id", index)):
                yield self._comment(page, reply, (*where, "replies", "comments", index),
                                    parent=top.item_id, root=subject)
        expected = int(snippet.get("totalReplyCount") or 0)
        if expected > len(replies):
            self.summary.notes.append(f"{page.file}: thread {top.item_id} has {expected} replies, "
                                      f"{len(replies)} in this page")

    def _comment(self, page: Page, comment: dict[str, Any], where: tuple[Any, ...], *, parent: str,
                 root: str) -> ItemSnapshot:
        snippet = comment["snippet"]
        parent = snippet.get("parentId") or parent
        published, updated = snippet["publishedAt"], snippet.get("updatedAt")
        display = snippet.get("textDisplay") or ""
        channel = (snippet.get("authorChannelId") or {}).get("value", "")
        return ItemSnapshot(
            platform="youtube", account_id=self.account_id or snippet.get("channelId", ""),
            account_handle=self.account_handle, item_id=comment["id"],
            kind=ItemKind.REPLY if snippet.get("parentId") or (parent and parent != root) else ItemKind.COMMENT,
            author=Author(channel, "", snippet.get("authorDisplayName", "")),
            created_at=parse_iso(published),
            edited_at=parse_iso(updated) if updated and updated != published else None,
            captured_at=self.captured_at(page), raw=page.raw(pointer(*where)), source=self.capture_source,
            text=snippet.get("textOriginal") or html_to_text(display).text, markup=display, markup_format="html",
            parent_id=parent, root_id=root or snippet.get("videoId", ""),
            links=unique(link for link in html_to_text(display).links if "/results?search_query=" not in link),
            hashtags=unique(re.findall(r"#(\w+)", snippet.get("textOriginal") or "")),
            url=_comment_url(snippet.get("videoId", ""), comment["id"]),
        )


def _comment_url(video_id: str, comment_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}&lc={comment_id}" if video_id else ""
