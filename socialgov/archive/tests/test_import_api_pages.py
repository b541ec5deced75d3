"""API payload pages: Mastodon (VCR cassettes), X API v2, Graph API (Facebook, Instagram), YouTube.

Real samples from ../shared/data/platforms; each count is checked against a separate naive
parse of the same file and against the number stated here after reading the file by hand.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from socialgov.archive.capture import CaptureError, ItemKind, detect, open_import

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
PLATFORMS = DATA / "platforms"
needs_samples = pytest.mark.skipif(not PLATFORMS.is_dir(), reason=f"real platform samples not found at {PLATFORMS} "
                                                                  "(a clone without ../shared/data)")


def import_all(path: Path, **options):
    with open_import(path, **options) as run:
        return list(run), run.summary, run.format


# --- Mastodon ----------------------------------------------------------------------------------

def naive_status_count(cassette: Path) -> int:
    """Statuses in a cassette's response bodies: objects with an account and content or text."""
    count = 0
    for interaction in yaml.safe_load(cassette.read_text())["interactions"]:
        body = json.loads(interaction["response"]["body"]["string"])
        bodies = body if isinstance(body, list) else body.get("ancestors", []) + body.get("descendants", []) \
            if "descendants" in body else [body]
        count += sum(isinstance(b, dict) and "account" in b and ("content" in b or "text" in b) for b in bodies)
    return count


@needs_samples
@pytest.mark.parametrize(("name", "expected", "deleted", "edited"), [
    ("mastodonpy_test_public_tl.yaml", 18, 1, 2),      # POST, 2 timelines of 8, DELETE
    ("mastodonpy_test_status.yaml", 3, 1, 0),          # POST, GET, DELETE
    ("mastodonpy_test_status_context.yaml", 2, 1, 0),  # POST, an empty context, DELETE
    ("mastodonpy_test_status_edit.yaml", 6, 0, 3),     # POST, history(1), PUT, GET, history(2)
])
def test_mastodon_cassettes(name, expected, deleted, edited):
    path = PLATFORMS / "mastodon-api" / name
    assert detect(path) == "mastodon-api"
    snapshots, summary, _ = import_all(path)
    assert len(snapshots) == expected == naive_status_count(path)
    assert summary.deleted == deleted and sum(s.edited_at is not None for s in snapshots) == edited


@needs_samples
def test_mastodon_edits_become_distinct_versions_of_one_item():
    snapshots, summary, _ = import_all(PLATFORMS / "mastodon-api" / "mastodonpy_test_status_edit.yaml")
    assert {s.item_id for s in snapshots} == {"117020586180926938"}
    versions = {s.fingerprint: s.text for s in snapshots}
    assert sorted(versions.values()) == ["the best editor? why, of course it is VS Code",
                                         "the best editor? why, of course it is the KDE Advanced Text Editor, Kate"]
    history = [s for s in snapshots if s.raw.file.endswith("#interactions/4")]
    assert [s.edited_at is None for s in history] == [True, False]
    assert history[0].created_at == history[1].created_at
    assert summary.skipped[0].reason == "not a status: GET /api/v1/statuses/117020586180926938/source"


@needs_samples
def test_a_mastodon_delete_response_is_a_tombstone_with_the_source_text():
    snapshots, _, _ = import_all(PLATFORMS / "mastodon-api" / "mastodonpy_test_status.yaml")
    posted, fetched, deleted = snapshots
    assert (posted.deleted, deleted.deleted) == (False, True)
    assert posted.text == deleted.text == "Toot!" and posted.markup == "<p>Toot!</p>" and deleted.markup == ""
    assert posted.author.handle == "mastodonpy_test"
    assert posted.created_at.isoformat() == "2026-08-01T13:53:15.378000+00:00"
    assert posted.fingerprint == fetched.fingerprint       # the same status seen twice: one version


@needs_samples
def test_the_mastodon_folder_as_a_whole():
    snapshots, summary, fmt = import_all(PLATFORMS / "mastodon-api")
    assert fmt == "mastodon-api" and len(snapshots) == 29 and summary.skipped_count == 2
    assert summary.skipped_reasons["not a status endpoint: GET /api/v2/instance/"] == 1


def cassette(body, headers=None, uri="https://social.example.gov/api/v1/accounts/1/statuses") -> str:
    return yaml.safe_dump({"version": 1, "interactions": [{
        "request": {"method": "GET", "uri": uri, "body": None, "headers": {}},
        "response": {"status": {"code": 200, "message": "OK"}, "headers": headers or {}, "body": {"string": body}}}]})


STATUS = {"id": "7", "created_at": "2026-02-01T10:00:00.000Z", "edited_at": None, "in_reply_to_id": "6",
          "content": "<p>Sch&#246;n, <a href=\"https://example.gov\">example.gov</a></p>", "spoiler_text": "",
          "account": {"id": "1", "acct": "county", "display_name": "County"}, "reblog": None, "language": "de",
          "media_attachments": [{"id": "9", "type": "image", "url": "https://files.example/a.jpg",
                                 "description": "A map"}],
          "mentions": [{"id": "2", "acct": "clerk@other.example"}], "tags": [{"name": "notice"}],
          "url": "https://social.example.gov/@county/7", "card": None}


@pytest.mark.parametrize("encode", [
    lambda raw: raw.decode(),                                               # plain
    lambda raw: base64.b64encode(gzip.compress(raw)).decode(),             # base64 of gzip, as some recorders do
    lambda raw: gzip.compress(raw),                                          # !!binary gzip
])
def test_cassette_bodies_plain_base64_or_gzip(tmp_path, encode):
    path = tmp_path / "statuses.yaml"
    path.write_text(cassette(encode(json.dumps([STATUS]).encode()), {"Date": ["Sun, 01 Feb 2026 10:00:05 GMT"]}))
    (snapshot,), _, _ = import_all(path)
    assert snapshot.kind is ItemKind.REPLY and snapshot.parent_id == "6"
    assert snapshot.text == "Schön, example.gov" and snapshot.links == ("https://example.gov",)
    assert snapshot.media[0].alt_text == "A map" and not snapshot.media[0].present
    assert snapshot.mentions[0].handle == "clerk@other.example" and snapshot.hashtags == ("notice",)
    assert snapshot.captured_at.isoformat() == "2026-02-01T10:00:05+00:00"       # the response's Date header
    assert json.loads(snapshot.raw.data) == [STATUS] and snapshot.raw.locator == "/0"


def test_a_gzip_bomb_in_a_cassette_is_refused(tmp_path):
    from socialgov.archive.capture import ArchiveLimits
    path = tmp_path / "bomb.yaml"
    path.write_text(cassette(base64.b64encode(gzip.compress(b"[" + b" " * 5_000_000 + b"]")).decode()))
    with pytest.raises(CaptureError, match="expands beyond"):
        import_all(path, format="mastodon-api", limits=ArchiveLimits(max_document_bytes=1_000_000))


@pytest.mark.parametrize(("text", "reason"), [
    ("interactions: [\n  - {request: ", "invalid or truncated YAML"),
    (yaml.safe_dump({"version": 7, "interactions": []}), "unknown cassette version 7"),
])
def test_bad_cassettes_are_refused(tmp_path, text, reason):
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(CaptureError, match=reason):
        import_all(path, format="mastodon-api")


def test_a_truncated_json_page_is_refused(tmp_path):
    path = tmp_path / "statuses.json"
    path.write_text(json.dumps([STATUS])[:-30])
    with pytest.raises(CaptureError, match="truncated") as caught:
        import_all(path, format="mastodon-api")
    assert caught.value.file == "statuses.json"


# --- X API v2 ----------------------------------------------------------------------------------

@needs_samples
def test_x_api_v2_pages():
    folder = PLATFORMS / "x-api-v2"
    snapshots, _, fmt = import_all(folder)
    naive = sum(len(d if isinstance(d, list) else [d]) for d in (json.loads(p.read_text())["data"]
                                                                 for p in sorted(folder.glob("*.json"))))
    assert fmt == "x-api-v2" and len(snapshots) == naive == 21          # 1 + 10 + 10
    first = snapshots[0]
    assert first.item_id == "1293593516040269825" and first.created_at is None   # not requested: not invented
    assert first.text.startswith("It’s finally here! 🥁 Say hello to the new #TwitterAPI.")


def test_x_api_v2_includes_and_references(tmp_path):
    page = {"data": [{"id": "20", "text": "@county thanks https://t.co/x", "author_id": "5", "conversation_id": "10",
                      "created_at": "2026-02-01T10:00:00.000Z", "edit_history_tweet_ids": ["19", "20"],
                      "referenced_tweets": [{"type": "replied_to", "id": "10"}],
                      "entities": {"mentions": [{"start": 0, "end": 7, "username": "county", "id": "1"}],
                                   "urls": [{"start": 15, "end": 29, "url": "https://t.co/x",
                                             "expanded_url": "https://example.gov/x"}]},
                      "attachments": {"media_keys": ["3_1"]}}],
            "includes": {"users": [{"id": "5", "username": "resident", "name": "A Resident"}],
                         "media": [{"media_key": "3_1", "type": "photo", "url": "https://pbs.twimg.com/media/a.jpg",
                                    "alt_text": "A pothole"}]}}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page))
    (tweet,), _, _ = import_all(path)
    assert (tweet.item_id, tweet.kind, tweet.parent_id, tweet.root_id) == ("19", ItemKind.REPLY, "10", "10")
    assert tweet.edited_at is not None and tweet.author.handle == "resident"
    assert tweet.text == "@county thanks https://example.gov/x"
    assert tweet.media[0].alt_text == "A pothole" and tweet.media[0].content_type == "image/jpeg"


# --- Graph API ---------------------------------------------------------------------------------

@needs_samples
def test_facebook_graph_feeds_and_comment_pages():
    folder = PLATFORMS / "facebook-graph"
    snapshots, summary, fmt = import_all(folder)
    assert fmt == "facebook-graph"
    per_file = Counter(s.raw.file for s in snapshots)
    assert per_file == {name: len(json.loads((folder / name).read_text())["data"]) for name in per_file}
    assert per_file == {"pyfacebook_facebook_comments_comments_p1.json": 10,
                        "pyfacebook_facebook_comments_comments_p2.json": 5,
                        "pyfacebook_facebook_groups_feed_p1.json": 5,
                        "pyfacebook_facebook_posts_feed_fields_p1.json": 5,
                        "pyfacebook_facebook_posts_feeds_default_fields_p1.json": 5}
    assert Counter(s.kind for s in snapshots) == {ItemKind.POST: 15, ItemKind.COMMENT: 10, ItemKind.REPLY: 5}
    assert summary.media_missing == 4      # four photo posts; the fifth shares a link


@needs_samples
def test_facebook_comment_ids_and_threads_come_from_permalinks():
    snapshots, _, _ = import_all(PLATFORMS / "facebook-graph" / "pyfacebook_facebook_comments_comments_p1.json")
    top, reply = snapshots[1], snapshots[5]
    assert top.item_id == "10158407654328553_10158407903973553" and top.kind is ItemKind.COMMENT
    assert top.parent_id == top.root_id == "19292868552_10158407654328553"
    assert reply.kind is ItemKind.REPLY and reply.parent_id == top.item_id
    assert top.account_id == "19292868552"


@needs_samples
def test_facebook_posts_with_attachments():
    snapshots, _, _ = import_all(PLATFORMS / "facebook-graph"
                                 / "pyfacebook_facebook_posts_feeds_default_fields_p1.json")
    photo, share = snapshots[0], snapshots[1]
    assert photo.media[0].remote_url.startswith("https://scontent") and not photo.media[0].present
    assert [m.handle for m in photo.mentions] == ["Ninja Van Singapore", "Messenger"]
    assert share.links[0].startswith("https://engineering.fb.com/2021/05/20/networking-traffic/peering-automation/")
    assert share.url == "https://www.facebook.com/19292868552/posts/10158347294088553/"


def test_facebook_comments_nested_in_a_post_are_yielded(tmp_path):
    page = {"data": [{"id": "100_200", "message": "Office closed", "created_time": "2026-02-01T10:00:00+0000",
                      "comments": {"data": [{"id": "200_300", "message": "Why?",
                                             "created_time": "2026-02-01T11:00:00+0000",
                                             "from": {"id": "9", "name": "A Resident"},
                                             "comments": {"data": [{"id": "200_301", "message": "Snow.",
                                                                    "created_time": "2026-02-01T12:00:00+0000",
                                                                    "parent": {"id": "200_300"}}]}}]}}]}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(page))
    snapshots, _, _ = import_all(path, format="facebook-graph")
    assert [(s.item_id, s.kind, s.parent_id) for s in snapshots] == [
        ("100_200", ItemKind.POST, ""), ("200_300", ItemKind.COMMENT, "100_200"),
        ("200_301", ItemKind.REPLY, "200_300")]
    assert snapshots[1].author.display_name == "A Resident"
    assert snapshots[2].raw.locator == "/data/0/comments/data/0/comments/data/0"


@needs_samples
def test_instagram_graph_media_and_comments():
    folder = PLATFORMS / "instagram-graph"
    snapshots, _, fmt = import_all(folder)
    assert fmt == "instagram-graph"
    assert Counter(s.raw.file for s in snapshots) == {"pyfacebook_instagram_comments_comments_fields.json": 2,
                                                      "pyfacebook_instagram_medias_comments_p1.json": 2,
                                                      "pyfacebook_instagram_medias_media_default.json": 1}
    album = snapshots[-1]
    assert album.kind is ItemKind.POST and album.text == "ALBUM" and len(album.media) == 3
    assert [m.content_type for m in album.media] == ["image/jpeg", "image/jpeg", "video/mp4"]
    paged = [s for s in snapshots if s.raw.file.endswith("medias_comments_p1.json")]
    assert all(s.kind is ItemKind.COMMENT and s.parent_id == "17846368219941692" for s in paged)   # from paging


# --- YouTube -----------------------------------------------------------------------------------

@needs_samples
def test_youtube_comment_threads():
    folder = PLATFORMS / "youtube-api"
    snapshots, summary, fmt = import_all(folder)
    naive = {p.name: (len(d["items"]), sum(len(i.get("replies", {}).get("comments", [])) for i in d["items"]))
             for p in sorted(folder.glob("*.json")) for d in [json.loads(p.read_text())]}
    assert naive == {"pyyoutube_comment_thread_single.json": (1, 0),
                     "pyyoutube_comment_threads_by_video_paged_2.json": (5, 0),
                     "pyyoutube_comment_threads_with_search.json": (1, 0)}
    assert fmt == "youtube-api" and len(snapshots) == 7 and {s.kind for s in snapshots} == {ItemKind.COMMENT}
    assert summary.notes == ["pyyoutube_comment_threads_by_video_paged_2.json: thread UgwI_ylXVnzPS8Q-oAV4AaABAg "
                             "has 2 replies, 0 in this page"]
    first = snapshots[0]
    assert first.parent_id == first.root_id == "D-lhorsDlUQ"
    assert first.text.startswith("Super video !!!\nWith full power") and "<br />" in first.markup
    linked = next(s for s in snapshots if s.item_id == "UgyZ1jqkHKYvi1-ruOZ4AaABAg")
    assert linked.links == ("http://google.com/",)


def test_youtube_replies_hang_off_their_top_level_comment(tmp_path):
    def comment(cid, text, **extra):
        return {"kind": "youtube#comment", "id": cid, "snippet": {
            "videoId": "vid1", "textDisplay": text, "textOriginal": text, "authorDisplayName": "@resident",
            "authorChannelId": {"value": "UCresident"}, "publishedAt": "2026-02-01T10:00:00Z",
            "updatedAt": "2026-02-01T10:30:00Z", **extra}}
    page = {"kind": "youtube#commentThreadListResponse", "items": [{"kind": "youtube#commentThread", "id": "T1",
            "snippet": {"videoId": "vid1", "topLevelComment": comment("T1", "When is the meeting?"),
                        "totalReplyCount": 1},
            "replies": {"comments": [comment("T1.r1", "Tuesday #council", parentId="T1")]}}]}
    path = tmp_path / "threads.json"
    path.write_text(json.dumps(page))
    top, reply = import_all(path)[0]
    assert (top.kind, top.parent_id) == (ItemKind.COMMENT, "vid1")
    assert (reply.kind, reply.parent_id, reply.root_id) == (ItemKind.REPLY, "T1", "vid1")
    assert reply.edited_at is not None and reply.hashtags == ("council",)
    assert reply.url == "https://www.youtube.com/watch?v=vid1&lc=T1.r1"


def test_an_unknown_youtube_response_kind_is_not_taken(tmp_path):
    path = tmp_path / "videos.json"
    path.write_text(json.dumps({"kind": "youtube#videoListResponse", "items": []}))
    with pytest.raises(CaptureError, match="not a recognised export"):
        detect(path)
