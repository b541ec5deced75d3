"""Fixtures for the archive's database tests: an account, snapshots, generated X archives."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from socialgov.accounts.models import Account
from socialgov.accounts.workflows import AccountStatus
from socialgov.archive.capture import Author, CaptureSource, ItemKind, ItemSnapshot, MediaRef, RawPayload

CAPTURED = datetime(2026, 3, 6, 13, 15, tzinfo=UTC)
REAL_X_ARCHIVE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "platforms" / "x-archive-milahu104"


@pytest.fixture(autouse=True)
def blob_dir(settings, tmp_path):
    """Each test its own blob storage, so a changed byte in one test never leaks into another."""
    settings.STORAGES = {**settings.STORAGES, "archive": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "archive"}}}
    return tmp_path / "archive"


def make_account(world, name: str = "Youth Services on X") -> Account:
    return Account.objects.create(agency=world.agency, department=world.dept("youth-services"), name=name,
                                  platform="x", status=AccountStatus.ACTIVATED, handle="youthservices")


@pytest.fixture
def account(world) -> Account:
    return make_account(world)


def snapshot(item_id: str = "100", *, text: str = "Summer programs open Monday.", media: tuple[MediaRef, ...] = (),
             **changes) -> ItemSnapshot:
    raw = json.dumps({"id": item_id, "text": text}).encode()
    base = ItemSnapshot(
        platform="x", account_id="42", account_handle="youthservices", item_id=item_id, kind=ItemKind.POST,
        author=Author("42", "youthservices", "Youth Services"), created_at=CAPTURED - timedelta(days=1),
        captured_at=CAPTURED, raw=RawPayload.of(raw, media_type="application/json", file="data/tweets.js",
                                                locator="[0]"),
        source=CaptureSource("x-archive", "1", "test"), text=text, markup=text, markup_format="x-text", media=media)
    return replace(base, **changes) if changes else base


def media_ref(reference: str = "data/tweets_media/100-a.jpg", data: bytes | None = b"\xff\xd8photo") -> MediaRef:
    if data is None:
        return MediaRef(reference=reference, content_type="image/jpeg", alt_text="A poster", present=False)
    return MediaRef(reference=reference, content_type="image/jpeg", alt_text="A poster", present=True,
                    opener=lambda: io.BytesIO(data))


def _tweet(tweet_id: int, *, media: bool) -> dict:
    tweet = {"id_str": str(tweet_id), "id": str(tweet_id), "full_text": f"Update number {tweet_id} from the agency",
             "created_at": "Fri Mar 06 13:02:05 +0000 2026", "lang": "en",
             "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}}
    if media:
        tweet["extended_entities"] = {"media": [{"media_url_https": f"https://pbs.twimg.com/media/m{tweet_id}.jpg",
                                                 "type": "photo", "ext_alt_text": f"Photo {tweet_id}"}]}
    return {"tweet": tweet}


def write_x_archive(root: Path, *, tweets: int, deleted: int = 0, media_every: int = 0) -> Path:
    """An X account archive folder: ``tweets`` tweets (every ``media_every``-th with a photo) and ``deleted``."""
    data = root / "data"
    (data / "tweets_media").mkdir(parents=True)
    manifest = {"userInfo": {"accountId": "42", "userName": "youthservices", "displayName": "Youth Services"},
                "archiveInfo": {"generationDate": "2026-03-06T13:15:31.187Z"},
                "dataTypes": {"tweets": {"files": [{"fileName": "data/tweets.js",
                                                    "globalName": "YTD.tweets.part0", "count": str(tweets)}]},
                              "deletedTweets": {"files": [{"fileName": "data/deleted-tweets.js",
                                                           "globalName": "YTD.deleted_tweets.part0",
                                                           "count": str(deleted)}]}}}
    (data / "manifest.js").write_text("window.__THAR_CONFIG = " + json.dumps(manifest, indent=1))
    rows = [_tweet(10_000 + i, media=bool(media_every) and i % media_every == 0) for i in range(tweets)]
    for row in rows:
        if "extended_entities" in row["tweet"]:
            name = f"{row['tweet']['id_str']}-m{row['tweet']['id_str']}.jpg"
            (data / "tweets_media" / name).write_bytes(b"\xff\xd8" + name.encode() * 20)
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(rows, indent=1))
    gone = [_tweet(90_000 + i, media=False) for i in range(deleted)]
    (data / "deleted-tweets.js").write_text("window.YTD.deleted_tweets.part0 = " + json.dumps(gone, indent=1))
    return root
