"""The X account archive importer, against the real archive in ../shared/data (milahu104).

Expected numbers are checked two ways: stated (SOURCES.md: 2,045 tweets; 47 deleted tweets per
the archive's manifest) and recounted here by a separate, naive parse of the same files.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from socialgov.archive.capture import CaptureError, ItemKind, detect, open_import

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
ARCHIVE = DATA / "platforms" / "x-archive-milahu104"
needs_archive = pytest.mark.skipif(not ARCHIVE.is_dir(), reason=f"real X archive sample not found at {ARCHIVE} "
                                                                 "(a clone without ../shared/data)")


def naive_load(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    return [row["tweet"] for row in json.loads(text[text.index("=") + 1:])]


@pytest.fixture(scope="module")
def imported():
    with open_import(ARCHIVE) as run:
        snapshots = list(run)
        media_bytes = {m.reference: m.open().read() for s in snapshots for m in s.media if m.present}
        return snapshots, run.summary, run.format, media_bytes


@needs_archive
def test_the_folder_is_detected_as_an_x_archive():
    assert detect(ARCHIVE) == "x-archive"


@needs_archive
def test_every_tweet_and_deleted_tweet_is_imported(imported):
    snapshots, summary, _, _ = imported
    tweets = naive_load(ARCHIVE / "data" / "tweets.js")
    deleted = naive_load(ARCHIVE / "data" / "deleted-tweets.js")
    assert (len(tweets), len(deleted)) == (2045, 47)          # SOURCES.md; the manifest says the same
    assert summary.items == len(snapshots) == 2045 + 47
    assert [s.item_id for s in snapshots] == [t["id_str"] for t in tweets + deleted]
    assert summary.deleted == 47 and all(s.deleted for s in snapshots[2045:])
    assert summary.skipped_count == 0 and summary.notes == []


@needs_archive
def test_replies_retweets_and_posts_are_told_apart(imported):
    snapshots, summary, _, _ = imported
    tweets = naive_load(ARCHIVE / "data" / "tweets.js")
    replies = sum(bool(t.get("in_reply_to_status_id_str")) for t in tweets)
    retweets = sum(t["full_text"].startswith("RT @") for t in tweets)
    assert (replies, retweets) == (1780, 239)
    live = Counter(s.kind for s in snapshots if not s.deleted)
    assert live == {ItemKind.REPLY: 1780, ItemKind.REPOST: 239, ItemKind.POST: 26}
    gone = Counter(s.kind for s in snapshots if s.deleted)
    assert gone == {ItemKind.REPLY: 43, ItemKind.REPOST: 4}
    assert summary.by_kind == {"reply": 1823, "repost": 243, "post": 26}


@needs_archive
def test_media_present_in_the_archive_are_readable_and_missing_ones_recorded(imported):
    snapshots, summary, _, media_bytes = imported
    on_disk = {f"data/tweets_media/{p.name}": p.read_bytes() for p in (ARCHIVE / "data" / "tweets_media").iterdir()}
    assert len(on_disk) == 4
    assert media_bytes == on_disk                                # the opener streams exactly the file
    assert (summary.media_present, summary.media_missing) == (4, 21)
    missing = [m for s in snapshots for m in s.media if not m.present]
    assert all(m.reference.startswith(("data/tweets_media/", "data/deleted_tweets_media/")) for m in missing)
    assert all(m.remote_url.startswith("https://") for m in missing)
    videos = [m for s in snapshots for m in s.media if m.content_type == "video/mp4"]
    assert videos and all(m.reference.endswith(".mp4") for m in videos)


@needs_archive
def test_the_first_tweet_maps_field_by_field(imported):
    first = imported[0][0]
    raw = json.loads(first.raw.data)["tweet"]
    assert (first.platform, first.account_id, first.account_handle) == ("x", "1964312974236991488", "milahu104")
    assert first.item_id == raw["id_str"] == "2029905358261502168"
    assert first.kind is ItemKind.REPLY and first.parent_id == "2029903943413772741"
    assert first.created_at.isoformat() == "2026-03-06T13:02:05+00:00"
    assert first.captured_at.isoformat() == "2026-03-06T13:15:31.187000+00:00"   # manifest generationDate
    assert first.author.display_name == "Milan Hauth"
    assert first.markup == "@SamaHoole https://t.co/2UHqruPk7w"
    assert first.text == "@SamaHoole https://x.com/milahu104/status/2027739112069878026"   # t.co expanded
    assert first.links == ("https://x.com/milahu104/status/2027739112069878026",)
    assert [(m.handle, m.id) for m in first.mentions] == [("SamaHoole", "2253756806")]
    assert [first.text[s.start:s.end] for s in first.spans] == ["@SamaHoole", first.links[0]]
    assert first.url == "https://x.com/milahu104/status/2029905358261502168"
    assert first.source.importer == "x-archive" and first.source.version == "1"


@needs_archive
def test_raw_payloads_are_the_exact_bytes_of_each_tweet(imported):
    data = (ARCHIVE / "data" / "tweets.js").read_bytes()
    cursor = 0
    for snapshot in imported[0][:2045]:
        at = data.index(snapshot.raw.data, cursor)
        cursor = at + len(snapshot.raw.data)
        assert snapshot.raw.data.startswith(b"{") and snapshot.raw.data.endswith(b"}")
    assert imported[0][5].raw.locator == "[5]" and imported[0][5].raw.file == "data/tweets.js"


@needs_archive
def test_html_escaped_text_is_decoded(imported):
    escaped = [s for s in imported[0] if "&amp;" in s.markup or "&gt;" in s.markup]
    assert escaped and all("&amp;" not in s.text and "&gt;" not in s.text for s in escaped)


@needs_archive
def test_deleted_tweets_carry_their_deletion_time(imported):
    gone = [s for s in imported[0] if s.deleted]
    assert all(s.deleted_at and s.deleted_at > s.created_at for s in gone)
    assert gone[0].deleted_at.isoformat() == "2026-03-05T16:08:05+00:00"


@needs_archive
@pytest.mark.parametrize("prefix", ["", "twitter-2026-03-06-export/"])
def test_the_same_archive_as_a_zip_gives_the_same_snapshots(tmp_path, imported, prefix):
    path = tmp_path / "twitter.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted((ARCHIVE / "data").rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(ARCHIVE).as_posix())
    with open_import(path) as run:
        assert run.format == "x-archive"
        zipped = list(run)
        assert sum(len(m.open().read()) for s in zipped for m in s.media if m.present) == \
            sum(len(b) for b in imported[3].values())
    assert [(s.item_id, s.fingerprint, s.raw.sha256) for s in zipped] == \
        [(s.item_id, s.fingerprint, s.raw.sha256) for s in imported[0]]


def write_archive(folder: Path, tweets_js: bytes) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "tweets.js").write_bytes(tweets_js)
    return folder


TWEET = {"id_str": "7", "full_text": "RT @county: roads closed", "created_at": "Fri Mar 06 13:02:05 +0000 2026",
         "entities": {"user_mentions": [{"screen_name": "county", "id_str": "9", "indices": ["3", "10"]}]}}


def test_numbers_as_strings_and_retweets_in_a_minimal_archive(tmp_path):
    archive = write_archive(tmp_path / "a", b"window.YTD.tweets.part0 = " + json.dumps([{"tweet": TWEET}]).encode())
    with open_import(archive, account_handle="agency") as run:
        (snapshot,) = list(run)
    assert snapshot.kind is ItemKind.REPOST and snapshot.mentions[0].id == "9"
    assert snapshot.account_handle == "agency" and snapshot.captured_at is not None


def test_a_truncated_tweets_js_names_the_file_and_the_item(tmp_path):
    body = json.dumps([{"tweet": TWEET | {"id_str": str(i)}} for i in range(5)], indent=2).encode()
    archive = write_archive(tmp_path / "a", b"window.YTD.tweets.part0 = " + body[: len(body) - 40])
    with pytest.raises(CaptureError, match="truncated") as caught, open_import(archive) as run:
        list(run)
    assert caught.value.file == "data/tweets.js" and caught.value.item == "4"


@pytest.mark.parametrize(("content", "reason"), [
    (b"window.YTD.likes.part0 = []", "unknown data marker 'window.YTD.likes.part0'"),
    (b"var tweets = []", "not an X archive data file"),
    (b'window.YTD.tweets.part0 = [{"like": {"tweetId": "1"}}]', "unknown tweet record shape"),
    (b'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "yesterday", "full_text": ""}}]',
     "not an X date"),
])
def test_unknown_markers_and_shapes_are_refused(tmp_path, content, reason):
    archive = write_archive(tmp_path / "a", content)
    with pytest.raises(CaptureError, match=reason) as caught, open_import(archive, format="x-archive") as run:
        list(run)
    assert caught.value.file == "data/tweets.js"


def test_an_edited_tweet_is_a_version_of_its_first_tweet(tmp_path):
    edited = TWEET | {"id_str": "8", "full_text": "roads open again",
                      "edit_info": {"edit": {"initialTweetId": "7", "editControlInitial": {}}}}
    archive = write_archive(tmp_path / "a", b"window.YTD.tweets.part0 = " + json.dumps([{"tweet": edited}]).encode())
    with open_import(archive) as run:
        (snapshot,) = list(run)
    assert snapshot.item_id == "7" and snapshot.edited_at is not None and snapshot.url == ""


@pytest.mark.parametrize(("indices", "favorite_count"), [
    (["0", "7"], "12"),      # as X archives write them
    ([0, 7], 12),            # as the v1.1 API wrote them
])
def test_numbers_as_strings_or_numbers_map_the_same(tmp_path, indices, favorite_count):
    tweet = {"id_str": "5", "id": "5", "full_text": "@county hello", "favorite_count": favorite_count,
             "created_at": "Fri Mar 06 13:02:05 +0000 2026",
             "entities": {"user_mentions": [{"screen_name": "county", "id_str": "9", "indices": indices}]}}
    archive = write_archive(tmp_path / "a", b"window.YTD.tweets.part0 = " + json.dumps([{"tweet": tweet}]).encode())
    with open_import(archive) as run:
        (snapshot,) = list(run)
    assert (snapshot.spans[0].start, snapshot.spans[0].end, snapshot.spans[0].value) == (0, 7, "county")
    assert snapshot.item_id == "5"
