"""The canonical bytes the transparency log commits to must never change: pinned here, and made by
orjson exactly as json.dumps(ensure_ascii=False, sort_keys=True, separators=(",", ":")) makes them."""

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from socialgov.archive.capture.canonical import canonical_json
from socialgov.archive.services.hashing import canonical_bytes, canonical_time

TRICKY = ["", "plain", "quote \" backslash \\ slash /", "\x00\x01\x1f\x7f", "\b\f\n\r\t", "\u2028\u2029",
          "ünïcödé — “curly” 😀 \U0010ffff", "\ud7ff\ue000\uffff", "<script>&amp;</script>", "tab\tin\tline"]


def reference(body) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@pytest.mark.parametrize("text", TRICKY)
def test_canonical_bytes_are_json_dumps_bytes_for_any_text(text):
    body = {"text": text, "z": [text, {"b": None, "a": True}], "n": [0, -1, 2**63 - 1, False], "é": text}
    assert canonical_bytes(body) == reference(body)


def test_integers_beyond_64_bits_still_get_the_json_bytes():
    body = {"big": 2**70, "neg": -(2**80)}
    expected = b'{"big":1180591620717411303424,"neg":-1208925819614629174706176}'
    assert canonical_bytes(body) == reference(body) == expected


def test_a_value_json_cannot_write_is_refused_not_written_some_other_way():
    with pytest.raises(TypeError):
        canonical_bytes({"when": datetime(2026, 1, 1, tzinfo=UTC)})


def test_the_canonical_form_of_a_version_body_is_pinned():
    body = {"scheme": "socialgov-record-version/1", "number": 2, "text": "Ünïcode \"q\"\n😀",
            "links": ["https://example.org/a?b=c&d"], "mentions": [{"handle": "h", "id": "1"}], "edited_at": None,
            "media": [{"missing": True, "sha256": ""}]}
    data = canonical_bytes(body)
    assert data == ('{"edited_at":null,"links":["https://example.org/a?b=c&d"],"media":[{"missing":true,"sha256":""}],'
                    '"mentions":[{"handle":"h","id":"1"}],"number":2,"scheme":"socialgov-record-version/1",'
                    '"text":"Ünïcode \\"q\\"\\n😀"}').encode()
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(reference(body)).hexdigest()


@pytest.mark.parametrize("moment", [
    datetime(2026, 3, 15, 9, 30, tzinfo=UTC),
    datetime(2026, 3, 15, 9, 30, 0, 1, tzinfo=timezone(timedelta(hours=-5))),
    datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2000, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),   # the day before, in UTC
])
def test_canonical_time_is_utc_with_microseconds(moment):
    assert canonical_time(moment) == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert canonical_time(None) is None


def test_item_fingerprints_use_the_same_canonical_json():
    body = {"scheme": "x", "text": "Ünïcode \u2028", "media": [["a", "image/png", ""]], "edited_at": None}
    assert canonical_json(body) == reference(body)
