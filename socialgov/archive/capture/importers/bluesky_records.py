"""Bluesky post records -> snapshot fields, shared by the repository (CAR) and XRPC importers.

Facets index the text's UTF-8 bytes, not its characters: ``byteStart``/``byteEnd`` are
converted to character spans. Posts from early 2023 carry the older ``entities`` (UTF-16
``index.start``/``index.end``) instead; both are read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..snapshot import ItemKind, MediaRef, Mention, TextSpan
from ..text import byte_span_to_char_span, parse_iso, unique

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
_FACET_KINDS = {"#link": "link", "#mention": "mention", "#tag": "hashtag"}


def cid_text(value: Any) -> str:
    """A blob/record CID as text: DAG-CBOR gives bytes, XRPC JSON gives ``{"$link": ...}`` or a string."""
    if isinstance(value, bytes):
        from ..car import cid_str
        return cid_str(value)
    if isinstance(value, dict):
        return str(value.get("$link", ""))
    return str(value or "")


def jsonable(value: Any) -> Any:
    """DAG-CBOR values as JSON values (CIDs as text), for storing facets as markup."""
    if isinstance(value, bytes):
        return {"$link": cid_text(value)}
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def at_uri(did: str, path: str) -> str:
    return f"at://{did}/{path}"


def post_url(uri: str) -> str:
    parts = uri.removeprefix("at://").split("/")
    return f"https://bsky.app/profile/{parts[0]}/post/{parts[2]}" if len(parts) == 3 else ""


def post_fields(record: dict[str, Any], media: Callable[[dict[str, Any], str], MediaRef]) -> dict[str, Any]:
    """The snapshot fields of an ``app.bsky.feed.post`` record; ``media(blob, alt)`` builds each MediaRef."""
    text = record.get("text") or ""
    spans = (*_facet_spans(text, record.get("facets") or []), *_entity_spans(text, record.get("entities") or []))
    reply = record.get("reply") or {}
    embed = record.get("embed") or {}
    facets = record.get("facets")
    return {
        "kind": ItemKind.REPLY if reply else ItemKind.POST,
        "text": text,
        "markup": json.dumps(jsonable(facets), ensure_ascii=False, sort_keys=True) if facets else "",
        "markup_format": "bluesky-facets" if facets else "",
        "parent_id": (reply.get("parent") or {}).get("uri", ""),
        "root_id": (reply.get("root") or {}).get("uri", ""),
        "created_at": parse_iso(record["createdAt"], naive_is_utc=True),
        "spans": spans,
        "links": unique([s.value for s in spans if s.kind == "link"] + list(_embed_links(embed))),
        "mentions": tuple(Mention(text[s.start:s.end].lstrip("@"), s.value) for s in spans if s.kind == "mention"),
        "hashtags": unique(s.value for s in spans if s.kind == "hashtag"),
        "media": tuple(media(blob, alt) for blob, alt in _embed_media(embed)),
        "language": (record.get("langs") or [""])[0],
    }


def repost_fields(record: dict[str, Any]) -> dict[str, Any]:
    subject = (record.get("subject") or {}).get("uri", "")
    return {"kind": ItemKind.REPOST, "parent_id": subject, "links": unique([subject]),
            "created_at": parse_iso(record["createdAt"], naive_is_utc=True)}


def _facet_spans(text: str, facets: Iterable[dict[str, Any]]) -> Iterable[TextSpan]:
    for facet in facets:
        index = facet.get("index") or {}
        span = byte_span_to_char_span(text, int(index.get("byteStart", -1)), int(index.get("byteEnd", -1)))
        if span is None:
            continue        # out of range or cutting a character: the client wrote a bad facet
        for feature in facet.get("features") or []:
            kind = _FACET_KINDS.get("#" + str(feature.get("$type", "")).rpartition("#")[2])
            if kind:
                value = feature.get("uri") or feature.get("did") or feature.get("tag") or ""
                yield TextSpan(span[0], span[1], kind, value)


def _entity_spans(text: str, entities: Iterable[dict[str, Any]]) -> Iterable[TextSpan]:
    # Legacy (early 2023) entities: offsets in UTF-16 code units.
    utf16 = text.encode("utf-16-le")
    for entity in entities:
        index = entity.get("index") or {}
        start, end = int(index.get("start", -1)), int(index.get("end", -1))
        kind = {"link": "link", "mention": "mention"}.get(entity.get("type", ""))
        if kind and 0 <= start <= end <= len(utf16) // 2:
            before = len(utf16[:start * 2].decode("utf-16-le", errors="ignore"))
            inside = len(utf16[start * 2:end * 2].decode("utf-16-le", errors="ignore"))
            yield TextSpan(before, before + inside, kind, entity.get("value", ""))


def _embed_parts(embed: dict[str, Any]) -> list[dict[str, Any]]:
    # recordWithMedia nests a media embed next to a quoted record.
    parts = [embed]
    for key in ("media", "record"):
        inner = embed.get(key)
        if isinstance(inner, dict) and "$type" in inner:
            parts.append(inner)
    return parts


def _embed_links(embed: dict[str, Any]) -> Iterable[str]:
    for part in _embed_parts(embed):
        kind = part.get("$type", "")
        if kind.startswith("app.bsky.embed.external"):
            yield (part.get("external") or {}).get("uri", "")
        elif kind.startswith("app.bsky.embed.record") and isinstance(part.get("record"), dict):
            yield part["record"].get("uri", "")     # a quoted post


def _embed_media(embed: dict[str, Any]) -> Iterable[tuple[dict[str, Any], str]]:
    for part in _embed_parts(embed):
        kind = part.get("$type", "")
        if kind.startswith("app.bsky.embed.images"):
            for image in part.get("images") or []:
                if isinstance(image.get("image"), dict):
                    yield image["image"], image.get("alt") or ""
        elif kind.startswith("app.bsky.embed.video") and isinstance(part.get("video"), dict):
            yield part["video"], part.get("alt") or ""


def blob_cid(blob: dict[str, Any]) -> str:
    """The CID of a blob: ``ref`` (current) or ``cid`` (2023's legacy blob objects)."""
    return cid_text(blob.get("ref") or blob.get("cid"))
