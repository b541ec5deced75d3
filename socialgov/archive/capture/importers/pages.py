"""API payload pages: JSON response bodies, alone, in a folder, or recorded in VCR cassettes.

A connector that saved what an API returned, or a test recording (VCR cassette YAML), is
imported page by page. Each item's raw payload is the whole page exactly as received (shared
by its items, hashed once), with a JSON pointer to the item inside it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import yaml

from ..errors import CaptureError
from ..snapshot import ItemSnapshot, RawPayload
from ..source import ArchiveSource
from .base import Importer

SNIFF_MAX_BYTES = 8 << 20         # pages are small; sniffing parses the whole document up to this size
SNIFF_MAX_FILES = 20
CASSETTE_VERSIONS = {1}           # VCR.py's cassette format version


@dataclass(frozen=True)
class Page:
    """One response body and what is known of the request that produced it."""

    file: str                     # the member, with "#interactions/N" for a cassette
    body: bytes
    sha256: str
    method: str = ""              # from the cassette; "" for a bare JSON file
    uri: str = ""
    received_at: datetime | None = None

    def raw(self, pointer: str) -> RawPayload:
        return RawPayload.of(self.body, media_type="application/json", file=self.file, locator=pointer,
                             sha256=self.sha256)

    @property
    def path(self) -> str:
        return urlsplit(self.uri).path


def page_of(file: str, body: bytes, **known: Any) -> Page:
    return Page(file, body, hashlib.sha256(body).hexdigest(), **known)


# --- VCR cassettes -----------------------------------------------------------------------------

def is_cassette(member: str, head: bytes) -> bool:
    return member.endswith((".yaml", ".yml")) and head.lstrip().startswith(b"interactions:")


def read_cassette(data: bytes, *, file: str, max_body: int) -> tuple[list[tuple[int, Page, int]], list[str]]:
    """The cassette's exchanges as ``(index, page, http_status)``, and the URIs, for sniffing."""
    try:
        document = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise CaptureError(file, f"invalid or truncated YAML: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("interactions"), list):
        raise CaptureError(file, "not a VCR cassette: no 'interactions' list")
    if document.get("version") not in CASSETTE_VERSIONS:
        raise CaptureError(file, f"unknown cassette version {document.get('version')!r}; known: 1")
    exchanges = []
    for index, interaction in enumerate(document["interactions"]):
        request, response = interaction.get("request") or {}, interaction.get("response") or {}
        headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
        where = f"{file}#interactions/{index}"
        body = decode_body((response.get("body") or {}).get("string"), headers, file=where, max_body=max_body)
        page = page_of(where, body, method=str(request.get("method", "")).upper(), uri=str(request.get("uri", "")),
                       received_at=_date_header(headers))
        exchanges.append((index, page, int((response.get("status") or {}).get("code") or 0)))
    return exchanges, [p.uri for _, p, _ in exchanges]


def decode_body(value: Any, headers: dict[str, Any], *, file: str, max_body: int) -> bytes:
    """A recorded body: plain text, bytes (``!!binary``), base64 text, gzip- or deflate-compressed."""
    if value is None:
        return b""
    data = value if isinstance(value, bytes) else value.encode("utf-8")
    if isinstance(value, str) and value.strip()[:1] not in ("{", "[", "") and _looks_base64(value):
        data = base64.b64decode(value, validate=False)
    encoding = " ".join(headers.get("content-encoding") or []).lower()
    if data[:2] == b"\x1f\x8b" or "gzip" in encoding:
        return _bounded_decompress(data, zlib.MAX_WBITS | 16, file=file, max_body=max_body)
    if "deflate" in encoding:
        return _bounded_decompress(data, zlib.MAX_WBITS, file=file, max_body=max_body)
    if "br" in encoding.split():
        raise CaptureError(file, "brotli-compressed body: not supported")
    return data


def _looks_base64(value: str) -> bool:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _bounded_decompress(data: bytes, wbits: int, *, file: str, max_body: int) -> bytes:
    # Bounded like the zip members: a small recorded body must not expand without limit.
    decompressor = zlib.decompressobj(wbits)
    try:
        out = decompressor.decompress(data, max_body + 1)
    except zlib.error as exc:
        raise CaptureError(file, f"corrupt compressed body ({exc})") from None
    if len(out) > max_body or decompressor.unconsumed_tail:
        raise CaptureError(file, f"compressed body expands beyond {max_body} bytes")
    return out


def _date_header(headers: dict[str, Any]) -> datetime | None:
    values = headers.get("date") or []
    try:
        return parsedate_to_datetime(values[0]).astimezone(UTC) if values else None
    except (TypeError, ValueError, IndexError):
        return None


# --- the base of the API importers --------------------------------------------------------------

class PageImporter(Importer):
    """Base of the API-page importers; subclasses map one parsed page to snapshots.

    ``uri_markers``: substrings of request URIs that identify this API inside a cassette.
    ``score(document)``: 0..100, how sure the subclass is that a parsed JSON body is its page.
    ``page_snapshots(page, document)``: yield the page's items (``self.summary.skip`` the rest).
    """

    uri_markers: ClassVar[tuple[str, ...]] = ()

    @classmethod
    @abstractmethod
    def score(cls, document: Any) -> int:
        """0..100 for a parsed JSON body."""

    @abstractmethod
    def page_snapshots(self, page: Page, document: Any) -> Iterator[ItemSnapshot]:
        """The snapshots of one page."""

    @classmethod
    def sniff(cls, source: ArchiveSource) -> int:
        # A folder of pages is one API's pages: the first few files decide (a large export has thousands).
        candidates = [m for m in source.names() if m.endswith((".json", ".yaml", ".yml"))][:SNIFF_MAX_FILES]
        return max((cls._sniff_member(source, m) for m in candidates), default=0)

    @classmethod
    def _sniff_member(cls, source: ArchiveSource, member: str) -> int:
        if source.size(member) > SNIFF_MAX_BYTES:
            return 0
        data = source.read(member)
        try:
            if is_cassette(member, data[:256]):
                _, uris = read_cassette(data, file=member, max_body=SNIFF_MAX_BYTES)
                return 95 if any(marker in uri for uri in uris for marker in cls.uri_markers) else 0
            return cls.score(json.loads(data)) if member.endswith(".json") else 0
        except (CaptureError, ValueError):
            return 0

    def read(self, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        for member in sorted(source.names()):
            if not member.endswith((".json", ".yaml", ".yml")):
                self.summary.skip(member, "", "not a JSON page or cassette")
                continue
            data = source.read(member)
            self.summary.read_file(member)
            if is_cassette(member, data[:256]):
                yield from self._cassette(member, data, source)
            else:
                yield from self._json_file(member, data)

    def _json_file(self, member: str, data: bytes) -> Iterator[ItemSnapshot]:
        document = _load(data, member)
        if self.score(document) <= 0:
            self.summary.skip(member, "", f"not a {self.label} page")
            return
        yield from self.page_snapshots(page_of(member, data), document)

    def _cassette(self, member: str, data: bytes, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        exchanges, _ = read_cassette(data, file=member, max_body=source.limits.max_document_bytes)
        for index, page, status in exchanges:
            if not any(marker in page.uri for marker in self.uri_markers):
                self.summary.skip(page.file, index, f"request to another API: {page.method} {page.uri}")
            elif not 200 <= status < 300:
                self.summary.skip(page.file, index, f"HTTP {status} response: {page.method} {page.path}")
            elif not page.body.strip():
                self.summary.skip(page.file, index, f"empty response body: {page.method} {page.path}")
            else:
                yield from self.page_snapshots(page, _load(page.body, page.file))

    def captured_at(self, page: Page) -> datetime:
        # A recorded response's Date header is when the platform sent it.
        return page.received_at or self._now()

    def _now(self) -> datetime:
        if not hasattr(self, "_started"):
            self._started = self.clock()
        return self._started


def _load(data: bytes, file: str) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise CaptureError(file, f"invalid or truncated JSON: {exc}") from None


def pointer(*parts: str | int) -> str:
    """An RFC 6901 JSON pointer."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
