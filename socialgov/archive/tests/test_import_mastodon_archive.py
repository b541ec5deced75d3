"""The Mastodon account archive importer.

There is no real Mastodon archive in ../shared/data, so these tests build a small one by
following the format Mastodon documents in its code: ``BackupService``
(mastodon/mastodon, app/services/backup_service.rb) writes a zip holding ``outbox.json`` (an
ActivityStreams ``OrderedCollection`` whose ``orderedItems`` are ``Create`` activities of Notes
or Questions and ``Announce`` activities for boosts, with each attachment's ``url`` rewritten to
its path inside the archive, the ``/system/`` prefix removed), ``actor.json`` (the Person, with
``outbox``/``likes``/``bookmarks`` pointing at the files), ``likes.json``, ``bookmarks.json``,
and the media under ``media_attachments/files/…``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from socialgov.archive.capture import CaptureError, ItemKind, detect, open_import

HOST = "https://social.example.gov"
ACTOR = f"{HOST}/users/county"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
CONTEXT = ["https://www.w3.org/ns/activitystreams", {"ostatus": "http://ostatus.org#", "sensitive": "as:sensitive"}]


def note(number: int, content: str, **extra) -> dict:
    uri = f"{ACTOR}/statuses/{number}"
    return {"id": uri, "type": "Note", "summary": None, "inReplyTo": None, "published": "2026-02-01T10:00:00Z",
            "url": f"{HOST}/@county/{number}", "attributedTo": ACTOR, "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "cc": [f"{ACTOR}/followers"], "sensitive": False, "atomUri": uri, "inReplyToAtomUri": None,
            "conversation": f"tag:social.example.gov,2026-02-01:objectId={number}:objectType=Conversation",
            "content": content, "contentMap": {"en": content}, "attachment": [], "tag": [],
            "replies": {"id": f"{uri}/replies", "type": "Collection"}} | extra


def create(obj: dict) -> dict:
    return {"id": f"{obj['id']}/activity", "type": "Create", "actor": ACTOR, "published": obj["published"],
            "to": obj["to"], "cc": obj["cc"], "object": obj}


ITEMS = [
    create(note(110, '<p>Road closures for the parade: <a href="https://example.gov/parade" rel="nofollow noopener" '
                     'target="_blank"><span class="invisible">https://</span><span class="">example.gov/parade</span>'
                     '</a> <a href="https://social.example.gov/tags/Parade" class="mention hashtag" rel="tag">'
                     '#<span>Parade</span></a></p>',
                updated="2026-02-01T10:05:00Z",
                attachment=[{"type": "Document", "mediaType": "image/png",
                             "url": "media_attachments/files/110/000/000/000/000/001/original/map.png",
                             "name": "Map of the closed streets", "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
                             "width": 1200, "height": 800}],
                tag=[{"type": "Hashtag", "href": f"{HOST}/tags/parade", "name": "#Parade"}])),
    create(note(111, '<p><span class="h-card"><a href="https://other.example/@resident" class="u-url mention">'
                     '@<span>resident</span></a></span> Yes, the detour is signed.</p>',
                inReplyTo=f"{ACTOR}/statuses/110", summary="Traffic",
                attachment=[{"type": "Document", "mediaType": "video/mp4",
                             "url": "/media_attachments/files/111/000/000/000/000/002/original/detour.mp4",
                             "name": None}],
                tag=[{"type": "Mention", "href": "https://other.example/users/resident",
                      "name": "@resident@other.example"}])),
    {"id": f"{ACTOR}/statuses/112/activity", "type": "Announce", "actor": ACTOR,
     "published": "2026-02-02T08:00:00Z", "to": ["https://www.w3.org/ns/activitystreams#Public"],
     "cc": [], "object": "https://state.example/users/dot/statuses/999"},
    create(note(113, "<p>Which day suits the town hall?</p>", type="Question",
                oneOf=[{"type": "Note", "name": "Monday"}, {"type": "Note", "name": "Friday"}])),
    {"id": f"{ACTOR}#updates/1", "type": "Update", "actor": ACTOR, "object": ACTOR},
]


def outbox(items=ITEMS, **top) -> bytes:
    return json.dumps({"@context": CONTEXT, "id": "outbox.json", "type": "OrderedCollection",
                       "totalItems": len(items), "orderedItems": items} | top).encode()


def actor() -> bytes:
    return json.dumps({"@context": CONTEXT, "id": ACTOR, "type": "Person", "preferredUsername": "county",
                       "name": "County of Example", "outbox": "outbox.json", "likes": "likes.json",
                       "bookmarks": "bookmarks.json", "icon": {"type": "Image", "url": "avatar.png"}}).encode()


def build_zip(path: Path, outbox_bytes: bytes | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("outbox.json", outbox_bytes or outbox())
        archive.writestr("media_attachments/files/110/000/000/000/000/001/original/map.png", PNG)
        archive.writestr("likes.json", json.dumps({"id": "likes.json", "type": "OrderedCollection",
                                                   "orderedItems": []}))
        archive.writestr("bookmarks.json", json.dumps({"id": "bookmarks.json", "type": "OrderedCollection",
                                                       "orderedItems": []}))
        archive.writestr("actor.json", actor())
        archive.writestr("avatar.png", PNG)
    return path


@pytest.fixture
def archive(tmp_path):
    return build_zip(tmp_path / "archive-20260301-0a1b2c.zip")


def test_the_zip_is_detected_as_a_mastodon_archive(archive):
    assert detect(archive) == "mastodon-archive"


def test_statuses_and_boosts_are_imported_and_other_activities_skipped(archive):
    with open_import(archive) as run:
        snapshots = list(run)
    assert [(s.item_id, s.kind) for s in snapshots] == [
        ("110", ItemKind.POST), ("111", ItemKind.REPLY), ("112", ItemKind.REPOST), ("113", ItemKind.POST)]
    assert run.summary.skipped_count == 1
    assert run.summary.skipped[0].reason == "activity type 'Update' is not a status"


def test_a_status_maps_field_by_field(archive):
    with open_import(archive) as run:
        post, reply, boost, poll = list(run)
        assert post.media[0].open().read() == PNG
    assert (post.platform, post.account_id, post.account_handle) == ("mastodon", ACTOR, "county@social.example.gov")
    assert post.author.display_name == "County of Example"
    assert post.text == "Road closures for the parade: https://example.gov/parade #Parade"
    assert post.markup.startswith("<p>Road closures") and post.markup_format == "html"
    assert post.links == ("https://example.gov/parade",) and post.hashtags == ("Parade",)
    assert post.created_at.isoformat() == "2026-02-01T10:00:00+00:00"
    assert post.edited_at.isoformat() == "2026-02-01T10:05:00+00:00"
    assert post.url == f"{HOST}/@county/110" and post.language == "en"
    assert post.raw.file == "outbox.json" and post.raw.locator == "[0]"
    assert json.loads(post.raw.data) == ITEMS[0]
    assert reply.parent_id == "110" and reply.text.startswith("Traffic\n\n@resident Yes")   # content warning first
    assert [(m.handle, m.id) for m in reply.mentions] == [("resident@other.example", "https://other.example/users/resident")]
    assert boost.parent_id == "https://state.example/users/dot/statuses/999" and boost.text == ""
    assert poll.text == "Which day suits the town hall?"


def test_media_in_the_archive_are_present_and_missing_ones_recorded(archive):
    with open_import(archive) as run:
        snapshots = list(run)
    (present,), (missing,) = snapshots[0].media, snapshots[1].media
    assert present.present and present.alt_text == "Map of the closed streets" and present.content_type == "image/png"
    assert not missing.present and missing.reference.startswith("/media_attachments/files/111/")
    assert (run.summary.media_present, run.summary.media_missing) == (1, 1)


def test_an_unpacked_folder_imports_the_same(tmp_path, archive):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            target = folder / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
    with open_import(archive) as zipped, open_import(folder) as unpacked:
        assert [s.fingerprint for s in zipped] == [s.fingerprint for s in unpacked]


def test_a_media_path_escaping_the_archive_is_refused(tmp_path):
    hostile = create(note(120, "<p>x</p>", attachment=[{"type": "Document", "mediaType": "image/png",
                                                         "url": "../../../../etc/passwd", "name": ""}]))
    path = build_zip(tmp_path / "a.zip", outbox([hostile]))
    with pytest.raises(CaptureError, match="escapes the archive") as caught, open_import(path) as run:
        list(run)
    assert caught.value.item == f"{ACTOR}/statuses/120"


@pytest.mark.parametrize(("data", "reason"), [
    (outbox(type="Collection"), "unknown outbox schema: type 'Collection'"),
    (outbox()[:-200], "truncated"),
    (json.dumps({"type": "OrderedCollection", "items": []}).encode(), "no 'orderedItems' array"),
    (outbox(["https://social.example.gov/users/county/statuses/1"]), "must be an object"),
])
def test_bad_outboxes_are_refused_naming_the_file(tmp_path, data, reason):
    path = build_zip(tmp_path / "a.zip", data)
    with pytest.raises(CaptureError, match=reason) as caught, open_import(path, format="mastodon-archive") as run:
        list(run)
    assert caught.value.file == "outbox.json"
