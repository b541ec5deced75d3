"""X API v2 responses: ``data`` (a tweet or a list), ``includes.users``, ``includes.media``.

``referenced_tweets`` says what a tweet is (``replied_to`` -> reply, ``retweeted`` -> repost);
``edit_history_tweet_ids`` lists every version's id, the first being the tweet's identity.
Entities carry ``start``/``end`` character offsets and expanded URLs. Which fields appear
depends on the request's ``tweet.fields``: absent ones are left empty (``created_at`` None).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from typing import Any

from ..snapshot import Author, ItemKind, ItemSnapshot, MediaRef, Mention, TextSpan
from ..text import Entity, parse_iso, rewrite_with_entities, unique
from .pages import Page, PageImporter, pointer


def _is_tweet(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str) and isinstance(value.get("text"), str)


class XApiV2Importer(PageImporter):
    name = "x-api-v2"
    label = "X API v2"
    platform = "x"
    version = "1"
    uri_markers = ("api.twitter.com/2/", "api.x.com/2/")

    @classmethod
    def score(cls, document: Any) -> int:
        if not isinstance(document, dict):
            return 0
        data = document.get("data")
        first = data[0] if isinstance(data, list) and data else data
        if _is_tweet(first):
            return 90 if "edit_history_tweet_ids" in first or "includes" in document else 60
        return 0

    def page_snapshots(self, page: Page, document: Any) -> Iterator[ItemSnapshot]:
        data = document.get("data")
        if data is None:
            self.summary.skip(page.file, "", "no 'data' in the response (an error or an empty result)")
            return
        includes = document.get("includes") or {}
        users = {u["id"]: u for u in includes.get("users") or [] if "id" in u}
        media = {m["media_key"]: m for m in includes.get("media") or [] if "media_key" in m}
        for where, tweet in ([((), data)] if isinstance(data, dict) else [((i,), t) for i, t in enumerate(data)]):
            with self.item(page.file, tweet.get("id", pointer("data", *where)) if isinstance(tweet, dict) else where):
                yield self._snapshot(page, tweet, users, media, pointer("data", *where))

    def _snapshot(self, page: Page, tweet: dict[str, Any], users: dict[str, Any], media: dict[str, Any],
                  where: str) -> ItemSnapshot:
        refs = {r.get("type"): r.get("id", "") for r in tweet.get("referenced_tweets") or []}
        kind = ItemKind.REPOST if "retweeted" in refs else ItemKind.REPLY if "replied_to" in refs else ItemKind.POST
        versions = tweet.get("edit_history_tweet_ids") or [tweet["id"]]
        user = users.get(tweet.get("author_id", ""), {})
        entities = tweet.get("entities") or {}
        text, spans = _text(tweet["text"], entities)
        return ItemSnapshot(
            platform="x", account_id=self.account_id, account_handle=self.account_handle,
            item_id=versions[0], kind=kind,
            author=Author(tweet.get("author_id", ""), user.get("username", ""), user.get("name", "")),
            created_at=parse_iso(tweet["created_at"]) if tweet.get("created_at") else None,
            # A later version's created_at is when that edit was made.
            edited_at=parse_iso(tweet["created_at"]) if len(versions) > 1 and tweet.get("created_at") else None,
            captured_at=self.captured_at(page), raw=page.raw(where), source=self.capture_source,
            text=text, markup=tweet["text"], markup_format="x-text",
            parent_id=refs.get("retweeted") or refs.get("replied_to") or "",
            root_id=tweet.get("conversation_id", ""),
            links=unique(u.get("expanded_url") or u.get("url", "") for u in entities.get("urls") or []),
            mentions=tuple(Mention(m.get("username", ""), m.get("id", "")) for m in entities.get("mentions") or []),
            hashtags=unique(h.get("tag", "") for h in entities.get("hashtags") or []),
            spans=spans,
            media=tuple(_media(media.get(key, {}), key) for key in _media_keys(tweet)),
            url=f"https://x.com/{user['username']}/status/{tweet['id']}" if user.get("username") else "",
            language=tweet.get("lang", ""),
        )


def _text(source: str, entities: dict[str, Any]) -> tuple[str, tuple[TextSpan, ...]]:
    found = [Entity(int(u["start"]), int(u["end"]), "link", u.get("expanded_url") or u.get("url", ""),
                    replacement=u.get("expanded_url") or None) for u in entities.get("urls") or []]
    found += [Entity(int(m["start"]), int(m["end"]), "mention", m.get("username", ""))
              for m in entities.get("mentions") or []]
    found += [Entity(int(h["start"]), int(h["end"]), "hashtag", h.get("tag", ""))
              for h in entities.get("hashtags") or []]
    text, spans = rewrite_with_entities(source, found)
    return text, tuple(TextSpan(start, end, e.kind, e.value) for start, end, e in spans)


def _media_keys(tweet: dict[str, Any]) -> list[str]:
    return (tweet.get("attachments") or {}).get("media_keys") or []


def _media(item: dict[str, Any], key: str) -> MediaRef:
    variants = sorted((v for v in item.get("variants") or [] if v.get("content_type") == "video/mp4"),
                      key=lambda v: int(v.get("bit_rate") or 0), reverse=True)
    url = variants[0]["url"] if variants else item.get("url") or item.get("preview_image_url") or ""
    return MediaRef(reference=url or f"media_key:{key}",
                    content_type="video/mp4" if variants else mimetypes.guess_type(url)[0] or "",
                    alt_text=item.get("alt_text") or "", present=False, remote_url=url)
