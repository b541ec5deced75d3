"""Input and output of batch classification (``socialgov classify``), streamed.

Input is JSON Lines (one ``{"id": ..., "text": ...}`` object per line) or CSV
with ``id`` and ``text`` columns, chosen by file extension or, failing that,
by the first non-blank character (``{`` means JSON Lines). Each malformed line
becomes an :class:`InputError` naming the line and the problem; the good lines
go on. Output is one JSON object per input record::

    {"id": ..., "labels": [...], "findings": [{"label", "score", "start", "end", "explanation", "classifier"}]}
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from .base import Finding
from .registry import labels_of

JSONL = "jsonl"
CSV = "csv"
FORMATS = (JSONL, CSV)
_EXTENSIONS = {".jsonl": JSONL, ".ndjson": JSONL, ".json": JSONL, ".csv": CSV}


@dataclass(frozen=True, slots=True)
class InputRecord:
    line: int
    id: Any
    text: str


@dataclass(frozen=True, slots=True)
class InputError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def format_for(name: str, first_line: bytes) -> str:
    """The input format from the file name's extension, else from its first line."""
    for extension, fmt in _EXTENSIONS.items():
        if name.lower().endswith(extension):
            return fmt
    return JSONL if first_line.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{") else CSV


def read_records(stream: BinaryIO, fmt: str) -> Iterator[InputRecord | InputError]:
    """Records and errors, in input order, reading ``stream`` (bytes) line by line."""
    lines = _strip_bom(iter(stream))
    if fmt == JSONL:
        return _read_jsonl(lines)
    if fmt == CSV:
        return _read_csv(lines)
    raise ValueError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _strip_bom(lines: Iterator[bytes]) -> Iterator[bytes]:
    first = next(lines, None)
    if first is None:
        return
    yield first.removeprefix(codecs.BOM_UTF8)
    yield from lines


def _read_jsonl(lines: Iterable[bytes]) -> Iterator[InputRecord | InputError]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw.rstrip(b"\r\n"))
        except UnicodeDecodeError:
            yield InputError(number, "not valid UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield InputError(number, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _record(number, value)


def _record(number: int, value: Any) -> InputRecord | InputError:
    if not isinstance(value, dict):
        return InputError(number, f"expected a JSON object with \"id\" and \"text\", got {_json_type(value)}")
    missing = [key for key in ("id", "text") if key not in value]
    if missing:
        return InputError(number, "missing " + " and ".join(f'"{key}"' for key in missing))
    record_id, text = value["id"], value["text"]
    if isinstance(record_id, bool) or not isinstance(record_id, str | int) or record_id == "":
        return InputError(number, f"\"id\" must be a non-empty string or an integer, got {_json_type(record_id)}")
    if not isinstance(text, str):
        return InputError(number, f"\"text\" must be a string, got {_json_type(text)}")
    return InputRecord(number, record_id, text)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if value == "" else "a string"
    return "an array" if isinstance(value, list) else "an object"


def _read_csv(lines: Iterable[bytes]) -> Iterator[InputRecord | InputError]:
    undecodable: set[int] = set()
    reader = csv.reader(_decode_lines(lines, undecodable))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield InputError(1, f"not valid CSV: {exc}")
        return
    columns = [h.strip().lower() for h in header]
    if "id" not in columns or "text" not in columns:
        found = ", ".join(repr(h) for h in header) or "nothing"
        yield InputError(1, f"the CSV header must name an \"id\" and a \"text\" column; found {found}")
        return
    id_at, text_at = columns.index("id"), columns.index("text")
    yield from _csv_rows(reader, undecodable, id_at, text_at, len(columns))


def _csv_rows(reader: Any, undecodable: set[int], id_at: int, text_at: int, width: int
              ) -> Iterator[InputRecord | InputError]:
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(start, f"not valid CSV: {exc}")
            start = reader.line_num + 1
            continue
        end, line = reader.line_num, start
        start = end + 1
        if not row or row == [""]:
            continue
        if undecodable.intersection(range(line, end + 1)):
            yield InputError(line, "not valid UTF-8")
        elif len(row) != width:
            yield InputError(line, f"expected {width} fields as in the header, got {len(row)}")
        elif not row[id_at].strip():
            yield InputError(line, "missing \"id\" (empty)")
        else:
            yield InputRecord(line, row[id_at], row[text_at])


def _decode_lines(lines: Iterable[bytes], undecodable: set[int]) -> Iterator[str]:
    for number, raw in enumerate(lines, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            undecodable.add(number)
            yield raw.decode("utf-8", errors="replace")


def result(record_id: Any, findings: Sequence[Finding]) -> dict[str, Any]:
    """One output object (the stable contract)."""
    return {"id": record_id, "labels": labels_of(findings), "findings": [f.as_dict() for f in findings]}


def result_line(record_id: Any, findings: Sequence[Finding]) -> str:
    return json.dumps(result(record_id, findings), ensure_ascii=False)

