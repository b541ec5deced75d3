"""Stream the elements of a large JSON array with their exact bytes, in bounded memory.

Exports such as X's ``tweets.js`` can be hundreds of megabytes. An event parser (ijson) would
stream them too, but it cannot give back the bytes an element was written with, and the
archive keeps each item's raw payload exactly as received, with its hash. Here the text is
decoded incrementally (strict UTF-8) into a buffer of about one read chunk, and each element is
parsed where it stands with the standard library's C scanner (``JSONDecoder.raw_decode``),
which also says where the element ends; the element's bytes are that slice encoded again,
which for valid UTF-8 is exactly the bytes read. Memory is one chunk plus the largest element.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from .errors import CaptureError

CHUNK_SIZE = 1 << 20
MAX_ELEMENT_BYTES = 64 << 20      # one tweet, status or post is kilobytes; 64 MiB is not an item
MAX_MEMBER_CHARS = 1 << 20        # other top-level members kept for the importer (type, totalItems...)

_WS = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()
# An error this close to the end of the buffer may only mean the element goes on in the next chunk
# (a literal, a number or a delimiter cut by the chunk boundary).
_INCOMPLETE_MARGIN = 8


class JsonArrayStream:
    """Iterate ``(index, element_bytes, element)`` over the array at the top, or under ``key``.

    ``start`` skips a prefix of that many bytes (X's ``window.YTD.tweets.part0 = ``). With
    ``key``, the top level must be an object; its other members (small enough) are parsed into
    ``members`` as they pass, so that an importer can check a schema marker such as ``"type"``.
    """

    def __init__(self, stream: IO[bytes], *, file: str, key: str | None = None, start: int = 0,
                 chunk_size: int = CHUNK_SIZE, max_element_bytes: int = MAX_ELEMENT_BYTES) -> None:
        self.stream, self.file, self.key = stream, file, key
        self.chunk_size, self.max_element_bytes = chunk_size, max_element_bytes
        self.members: dict[str, Any] = {}
        self.found = False          # whether the array (under ``key``) was found
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._buf = ""
        self._pos = 0
        self._consumed = 0          # characters dropped from the front of the buffer
        self._eof = False
        self._skip_prefix(start)

    # --- buffer -----------------------------------------------------------------------------

    def _fill(self, size: int | None = None) -> bool:
        if self._eof:
            return False
        chunk = self.stream.read(size or self.chunk_size)
        try:
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise self._error(f"not UTF-8 text ({exc.reason})") from None
        if not chunk:
            self._eof = True
        self._buf += text
        return bool(chunk)

    def _compact(self) -> None:
        # Dropping consumed text costs a copy: once a chunk's worth is consumed, not per element.
        if self._pos > self.chunk_size:
            self._consumed += self._pos
            self._buf = self._buf[self._pos:]
            self._pos = 0

    def _skip_prefix(self, start: int) -> None:
        prefix = self.stream.read(start) if start else b""
        if len(prefix) < start:
            raise self._error("the file ends before its data")
        if not start:
            self._fill()
            self._pos = 1 if self._buf.startswith("\ufeff") else 0   # a byte order mark, as Windows tools write

    def _error(self, reason: str, item: str | int | None = None) -> CaptureError:
        return CaptureError(self.file, f"{reason} (near character {self._consumed + self._pos})", item=item)

    def _peek(self) -> str:
        while True:
            self._pos = _WS.match(self._buf, self._pos).end()
            if self._pos < len(self._buf) or not self._fill():
                return self._buf[self._pos:self._pos + 1]

    def _expect(self, char: str, what: str, item: str | int | None = None) -> None:
        found = self._peek()
        if found != char:
            raise self._error(f"expected {what}, found {_describe(found)}", item)
        self._pos += 1

    # --- values -----------------------------------------------------------------------------

    def _value(self, item: str | int | None) -> tuple[Any, int, int]:
        """Parse the value at the cursor: (value, start, end) in the buffer; reads more as needed."""
        if not self._peek():
            raise self._error("the file ends where a value was expected (truncated JSON)", item)
        start, more = self._pos, self.chunk_size
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, start)
            except json.JSONDecodeError as exc:
                if self._eof or not self._may_continue(exc):
                    raise self._error(_reason(exc, self._eof), item) from None
                if len(self._buf) - start > self.max_element_bytes:
                    raise self._error(f"an item is larger than {self.max_element_bytes} bytes", item) from None
                self._fill(more)
                more *= 2      # re-parsing from the element's start: grow geometrically, stay linear
                continue
            except RecursionError:
                raise self._error("nested too deeply", item) from None
            self._pos = end
            return value, start, end

    def _may_continue(self, exc: json.JSONDecodeError) -> bool:
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(self._buf) - _INCOMPLETE_MARGIN

    # --- structure --------------------------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[int, bytes, Any]]:
        if self.key is None:
            self._expect("[", "a JSON array")
            self.found = True
            yield from self._elements()
        else:
            self._expect("{", "a JSON object")
            yield from self._object_members()
        self._expect_end()

    def _object_members(self) -> Iterator[tuple[int, bytes, Any]]:
        if self._peek() == "}":
            self._pos += 1
            return
        while True:
            if self._peek() != '"':
                raise self._error(f"expected a member name, found {_describe(self._peek())}")
            name, _, _ = self._value(None)
            self._expect(":", "':' after a member name")
            if name == self.key and self._peek() == "[":
                self._pos += 1
                self.found = True
                yield from self._elements()
            else:
                value, start, end = self._value(name)
                if end - start <= MAX_MEMBER_CHARS:
                    self.members[name] = value
            if self._peek() == ",":
                self._pos += 1
                continue
            self._expect("}", "',' or '}' in the top-level object")
            return

    def _elements(self) -> Iterator[tuple[int, bytes, Any]]:
        if self._peek() == "]":
            self._pos += 1
            return
        index = 0
        while True:
            self._compact()
            value, start, end = self._value(index)
            yield index, self._buf[start:end].encode("utf-8"), value
            following = self._peek()
            if following == "]":
                self._pos += 1
                return
            if following != ",":
                raise self._error(f"expected ',' or ']' after an item, found {_describe(following)}", index)
            self._pos += 1
            index += 1

    def _expect_end(self) -> None:
        rest = self._peek()
        if rest == ";":            # X's .js files may end with a semicolon
            self._pos += 1
            rest = self._peek()
        if rest:
            raise self._error(f"unexpected {_describe(rest)} after the JSON document")


def _describe(found: str) -> str:
    return "the end of the file (truncated?)" if not found else repr(found)


def _reason(exc: json.JSONDecodeError, eof: bool) -> str:
    if eof and (exc.msg.startswith("Unterminated string") or exc.msg.startswith("Expecting")):
        return f"invalid or truncated JSON: {exc.msg}"
    return f"invalid JSON: {exc.msg}"


def load_document(data: bytes, *, file: str) -> Any:
    """A whole (small) JSON document, e.g. one API page."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise CaptureError(file, f"invalid or truncated JSON: {exc}") from None
