"""The record shape: frozen, UTC, exact raw bytes with their hash, a fingerprint for change."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest

from socialgov.archive.capture import (
    Author,
    CaptureError,
    CaptureSource,
    ItemKind,
    ItemSnapshot,
    MediaRef,
    RawPayload,
)

T0 = datetime(2026, 3, 6, 13, 2, 5, tzinfo=UTC)


def snapshot(**changes) -> ItemSnapshot:
    fields = dict(
        platform="x", account_id="1", account_handle="agency", item_id="42", kind=ItemKind.POST,
        author=Author("1", "agency", "The Agency"), created_at=T0, captured_at=T0 + timedelta(hours=1),
        raw=RawPayload.of(b'{"id":"42"}', media_type="application/json", file="data/tweets.js", locator="[0]"),
        source=CaptureSource("x-archive", "1"), text="Office closed today", markup="Office closed today",
        media=(MediaRef("data/tweets_media/42-a.jpg", "image/jpeg", "a closed door"),),
    )
    return ItemSnapshot(**(fields | changes))


def test_raw_payload_carries_the_sha256_of_its_exact_bytes():
    raw = RawPayload.of(b'{ "tweet" : { } }', media_type="application/json", file="f", locator="[3]")
    assert raw.sha256 == hashlib.sha256(b'{ "tweet" : { } }').hexdigest()


def test_snapshots_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot().text = "changed"


def test_times_are_normalised_to_utc():
    eastern = timezone(timedelta(hours=-5))
    item = snapshot(created_at=datetime(2026, 3, 6, 8, 2, 5, tzinfo=eastern))
    assert item.created_at == T0 and item.created_at.tzinfo is UTC


def test_a_time_without_a_zone_is_refused_naming_the_item():
    with pytest.raises(CaptureError, match="created_at has no time zone") as caught:
        snapshot(created_at=datetime(2026, 3, 6, 13, 2, 5))
    assert caught.value.item == "42" and caught.value.file == "data/tweets.js"


@pytest.mark.parametrize(("changes", "message"), [
    ({"platform": "myspace"}, "unknown platform"),
    ({"item_id": ""}, "no id"),
])
def test_invalid_snapshots_are_refused(changes, message):
    with pytest.raises(CaptureError, match=message):
        snapshot(**changes)


def test_kind_accepts_its_registry_word():
    assert snapshot(kind="reply").kind is ItemKind.REPLY


def test_fingerprint_ignores_capture_time_counts_and_raw_bytes():
    a = snapshot()
    b = snapshot(captured_at=T0 + timedelta(days=30),
                 raw=RawPayload.of(b'{"id":"42","favorite_count":"9"}', media_type="application/json", file="x"))
    assert a.fingerprint == b.fingerprint


@pytest.mark.parametrize("changes", [
    {"text": "Office open today"},
    {"markup": "<p>Office closed today</p>"},
    {"edited_at": T0 + timedelta(minutes=5)},
    {"media": ()},
    {"media": (MediaRef("data/tweets_media/42-a.jpg", "image/jpeg", "an open door"),)},
])
def test_fingerprint_changes_when_what_a_reader_sees_changes(changes):
    assert snapshot(**changes).fingerprint != snapshot().fingerprint


def test_fingerprint_ignores_whether_media_bytes_were_in_this_export():
    present = MediaRef("data/tweets_media/42-a.jpg", "image/jpeg", "a closed door", present=True,
                       opener=lambda: io.BytesIO(b"jpeg"))
    assert snapshot(media=(present,)).fingerprint == snapshot().fingerprint


def test_missing_media_cannot_be_opened_but_is_recorded():
    missing = snapshot().media[0]
    assert missing.present is False
    with pytest.raises(CaptureError, match="not in the archive"):
        missing.open()


def test_present_media_open_lazily_through_their_opener():
    calls = []

    def opener():
        calls.append(1)
        return io.BytesIO(b"\xff\xd8jpeg")

    media = MediaRef("a.jpg", "image/jpeg", present=True, opener=opener)
    assert calls == []
    with media.open() as stream:
        assert stream.read() == b"\xff\xd8jpeg"
    assert calls == [1]


def test_capture_error_names_file_item_and_reason():
    error = CaptureError("data/tweets.js", "invalid JSON", item=17)
    assert str(error) == "data/tweets.js, item 17: invalid JSON"
    assert (error.file, error.item, error.reason) == ("data/tweets.js", "17", "invalid JSON")
    assert str(CaptureError("archive.zip", "not a zip")) == "archive.zip: not a zip"
