"""The streaming array reader: exact element bytes across chunk boundaries, and clear errors."""

from __future__ import annotations

import io
import json

import pytest

from socialgov.archive.capture.errors import CaptureError
from socialgov.archive.capture.jsonstream import JsonArrayStream

DOC = ('[\n  {"tweet": {"id_str": "1", "full_text": "caf\u00e9 \\"quoted\\" [not] {structure}"}},\n'
       '  {"tweet": {"id_str": "2", "full_text": "\U0001f44b emoji \\u00e9 escaped", "n": [1, 2.5, true, null]}}  ,'
       '{"tweet":{"id_str":"3","full_text":""}}\n]\n')


def elements(data: bytes, **options):
    return list(JsonArrayStream(io.BytesIO(data), file="tweets.js", **options))


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 64, 1 << 20])
def test_elements_keep_their_exact_bytes_whatever_the_chunk_boundaries(chunk_size):
    data = DOC.encode("utf-8")
    found = elements(data, chunk_size=chunk_size)
    assert [i for i, _, _ in found] == [0, 1, 2]
    cursor = 0
    for _, raw, value in found:
        at = data.index(raw, cursor)        # each element's bytes appear verbatim, in order
        cursor = at + len(raw)
        assert json.loads(raw) == value
    assert found[1][2]["tweet"]["full_text"] == "\U0001f44b emoji \u00e9 escaped"


def test_a_javascript_prefix_is_skipped_and_a_trailing_semicolon_accepted():
    data = b"window.YTD.tweets.part0 = " + DOC.encode() + b";\n"
    assert len(elements(data, start=len(b"window.YTD.tweets.part0 = "))) == 3


def test_a_byte_order_mark_is_accepted():
    assert len(elements(b"\xef\xbb\xbf" + DOC.encode())) == 3


def test_an_array_under_a_key_streams_and_other_members_are_kept():
    data = json.dumps({"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection",
                       "totalItems": 2, "orderedItems": [{"id": "a"}, {"id": "b"}], "after": True}).encode()
    stream = JsonArrayStream(io.BytesIO(data), file="outbox.json", key="orderedItems", chunk_size=5)
    assert [v["id"] for _, _, v in stream] == ["a", "b"]
    assert stream.found and stream.members == {"@context": "https://www.w3.org/ns/activitystreams",
                                               "type": "OrderedCollection", "totalItems": 2, "after": True}


def test_empty_arrays():
    assert elements(b"[]") == [] and elements(b"  [ \n ]  ") == []


@pytest.mark.parametrize(("data", "reason"), [
    (DOC.encode()[:-20], "truncated"),                       # cut inside the last element
    (DOC.encode()[:40], "truncated"),                        # cut inside a string
    (DOC.encode().rstrip()[:-1], "truncated"),               # the closing bracket is missing
    (b'[{"a": 1}, {"a": 2,, "b": 3}]', "invalid JSON"),
    (b'[{"a": 1} {"a": 2}]', "expected ',' or ']'"),
    (b'{"a": 1}', "expected a JSON array"),
    (b'[{"a": 1}] trailing', "after the JSON document"),
    (b"", "expected a JSON array"),
    (b'[{"a": "\xff\xfe"}]', "not UTF-8"),
])
def test_bad_json_raises_a_capture_error_naming_the_file(data, reason):
    with pytest.raises(CaptureError, match=reason) as caught:
        elements(data, chunk_size=16)
    assert caught.value.file == "tweets.js"


def test_the_error_names_the_item_it_happened_in():
    data = b'[{"a": 1}, {"a": 2}, {"a": tru}]'
    with pytest.raises(CaptureError) as caught:
        elements(data)
    assert caught.value.item == "2"


def test_an_element_larger_than_the_limit_is_refused():
    data = b'[{"a": "' + b"x" * 5000 + b'"}]'
    with pytest.raises(CaptureError, match="larger than"):
        elements(data, chunk_size=256, max_element_bytes=1024)
