"""Small, tested conversions the importers share: dates, HTML to text, byte spans, mojibake."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from html import unescape
from html.parser import HTMLParser
from typing import Any

_MONTHS = {m: i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
_X_DATE = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) "
                     r"(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$")


def parse_x_date(value: str) -> datetime:
    """X's ``Fri Mar 06 13:02:05 +0000 2026``, parsed without strptime (whose %a/%b follow the locale)."""
    m = _X_DATE.match(value.strip())
    if not m or m.group(1) not in _MONTHS:
        raise ValueError(f"not an X date: {value!r}")
    mon, day, hh, mm, ss, sign, oh, om, year = m.groups()
    offset = timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
    local = datetime(int(year), _MONTHS[mon], int(day), int(hh), int(mm), int(ss), tzinfo=timezone(offset))
    return local.astimezone(UTC)


def parse_iso(value: str, *, naive_is_utc: bool = False) -> datetime:
    """ISO 8601 as the platforms write it (``Z``, ``+0000``, ``+00:00``); always returns UTC.

    A time without a zone is refused unless the format defines one (``naive_is_utc``): atproto
    records written by old clients carry zone-less times that the protocol defines as UTC.
    """
    parsed = datetime.fromisoformat(value.strip())
    if parsed.tzinfo is None:
        if not naive_is_utc:
            raise ValueError(f"time without a zone: {value!r}")
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_epoch(value: Any) -> datetime:
    """Seconds since 1970 (Facebook and Instagram exports), as int or numeric string."""
    return datetime.fromtimestamp(int(value), tz=UTC)


# --- HTML (Mastodon content, YouTube textDisplay) -> plain text --------------------------------

_BLOCKS = {"p", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}


@dataclass
class HtmlText:
    text: str
    links: list[str] = field(default_factory=list)        # hrefs of ordinary links
    mentions: list[str] = field(default_factory=list)     # hrefs of mention links
    hashtags: list[str] = field(default_factory=list)     # tag names from hashtag links


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.result = HtmlText("")
        self._anchor: tuple[str, set[str]] | None = None
        self._anchor_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._paragraph_break()
        elif tag == "a":
            attributes = dict(attrs)
            self._anchor = (attributes.get("href") or "", set((attributes.get("class") or "").split()))
            self._anchor_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._paragraph_break()
        elif tag == "a" and self._anchor is not None:
            self._record_anchor(*self._anchor, "".join(self._anchor_text))
            self._anchor = None

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._anchor is not None:
            self._anchor_text.append(data)

    def _paragraph_break(self) -> None:
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.parts.append("\n\n")

    def _record_anchor(self, href: str, classes: set[str], text: str) -> None:
        # Mastodon marks mentions "u-url mention" and hashtags "mention hashtag" (rel="tag").
        if "hashtag" in classes:
            self.result.hashtags.append(text.lstrip("#"))
        elif "mention" in classes:
            self.result.mentions.append(href)
        elif href:
            self.result.links.append(href)


def html_to_text(markup: str) -> HtmlText:
    """Paragraphs become blank lines, ``<br>`` a newline; Mastodon's hidden URL parts are kept."""
    parser = _TextExtractor()
    parser.feed(markup or "")
    parser.close()
    text = "".join(parser.parts)
    parser.result.text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return parser.result


# --- Bluesky facets: UTF-8 byte offsets -> character offsets -----------------------------------

def byte_span_to_char_span(text: str, byte_start: int, byte_end: int) -> tuple[int, int] | None:
    """Character offsets of a UTF-8 byte range of ``text``; None when it is out of range or cuts a character."""
    encoded = text.encode("utf-8")
    if not 0 <= byte_start <= byte_end <= len(encoded):
        return None
    try:
        start = len(encoded[:byte_start].decode("utf-8"))
        length = len(encoded[byte_start:byte_end].decode("utf-8"))
    except UnicodeDecodeError:
        return None
    return start, start + length


# --- Facebook / Instagram "Download Your Information": mojibake --------------------------------

def repair_mojibake(value: str) -> str:
    """Undo Meta's double encoding (UTF-8 bytes written as Latin-1 code points: ``Ã©`` for ``é``).

    Only when it round-trips: the string must encode as Latin-1 and those bytes must be valid
    UTF-8; any other string (real Latin-1 text such as ``é`` alone, or text beyond U+00FF) is
    already correct and is returned as it is.
    """
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def repair_mojibake_deep(value: Any) -> Any:
    if isinstance(value, str):
        return repair_mojibake(value)
    if isinstance(value, list):
        return [repair_mojibake_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: repair_mojibake_deep(v) for k, v in value.items()}
    return value


# --- text with entities replaced (X: HTML-escaped text, t.co links) ----------------------------

@dataclass(frozen=True)
class Entity:
    start: int          # in the source text
    end: int
    kind: str           # "link" | "mention" | "hashtag"
    value: str          # what the span stands for
    replacement: str | None = None   # new text for the span (an expanded link); None keeps it


def rewrite_with_entities(source: str, entities: Iterable[Entity]) -> tuple[str, list[tuple[int, int, Entity]]]:
    """Plain text from ``source``: HTML entities decoded between spans, spans replaced or kept.

    Returns the text and each entity's new character span in it. Entities that overlap an
    earlier one or fall outside the text are dropped (payloads do contain such indices).
    """
    out: list[str] = []
    spans: list[tuple[int, int, Entity]] = []
    cursor = length = 0
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        if entity.start < cursor or entity.end > len(source) or entity.start > entity.end:
            continue
        between = unescape(source[cursor:entity.start])
        piece = entity.replacement if entity.replacement is not None else unescape(source[entity.start:entity.end])
        out += [between, piece]
        start = length + len(between)
        length = start + len(piece)
        spans.append((start, length, entity))
        cursor = entity.end
    out.append(unescape(source[cursor:]))
    return "".join(out), spans


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Distinct non-empty values in first-seen order."""
    return tuple(dict.fromkeys(v for v in values if v))
