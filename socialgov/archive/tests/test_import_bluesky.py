"""Bluesky: repository exports (CAR v1, DAG-CBOR, MST) and XRPC JSON.

Real samples from ../shared/data/platforms/bluesky; expected counts are recounted here with
``libipld.decode_car`` (every block, typed) independently of the importer's tree walk. The
facet (UTF-8 byte offset) quirk is also tested on a small repository built here, since the
real posts with facets are all ASCII.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import libipld
import pytest

from socialgov.archive.capture import CaptureError, ItemKind, detect, open_import

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
BLUESKY = DATA / "platforms" / "bluesky"
needs_samples = pytest.mark.skipif(not BLUESKY.is_dir(), reason=f"real Bluesky samples not found at {BLUESKY} "
                                                                "(a clone without ../shared/data)")
BNEWBOLD = BLUESKY / "indigo_bnewbold.robocracy.org.20250310005405.car"
PAUL = BLUESKY / "indigo_paul_staging.repo.car"
GREENGROUND = BLUESKY / "indigo_greenground.repo.car"


def typed_blocks(path: Path) -> Counter:
    _, blocks = libipld.decode_car(path.read_bytes())
    return Counter(b.get("$type") for b in blocks.values() if isinstance(b, dict) and "$type" in b)


def import_all(path: Path, **options):
    with open_import(path, **options) as run:
        return list(run), run.summary


# --- real repositories ---------------------------------------------------------------------------

@needs_samples
@pytest.mark.parametrize(("car", "posts", "replies", "reposts", "media"), [
    (BNEWBOLD, 21, 2, 1, 4),
    (PAUL, 82, 19, 15, 70),
    (GREENGROUND, 0, 0, 0, 0),
])
def test_every_post_and_repost_of_a_real_repository_is_imported(car, posts, replies, reposts, media):
    assert detect(car) == "bluesky-car"
    snapshots, summary = import_all(car)
    blocks = typed_blocks(car)
    assert blocks["app.bsky.feed.post"] == posts + replies
    assert blocks["app.bsky.feed.repost"] == reposts
    kinds = Counter(s.kind for s in snapshots)
    assert (kinds[ItemKind.POST], kinds[ItemKind.REPLY], kinds[ItemKind.REPOST]) == (posts, replies, reposts)
    assert summary.media_missing == media and summary.media_present == 0     # blobs are not in a CAR


@needs_samples
def test_records_that_are_not_items_are_listed_as_skipped():
    _, summary = import_all(BNEWBOLD)
    assert summary.skipped_reasons["app.bsky.feed.like records are not published items"] == 2
    assert summary.skipped_reasons["app.bsky.graph.follow records are not published items"] == 3
    assert summary.skipped_count == 14      # 13 other records and the profile


@needs_samples
def test_a_real_post_maps_field_by_field():
    snapshots, _ = import_all(BNEWBOLD)
    post = next(s for s in snapshots if s.text == "github.com/bluesky-soci...")
    assert post.platform == "bluesky" and post.account_id == "did:plc:nhxcyu4ewwhl5pqil4dotqjo"
    assert post.item_id.startswith("at://did:plc:nhxcyu4ewwhl5pqil4dotqjo/app.bsky.feed.post/")
    assert post.kind is ItemKind.REPLY
    assert post.parent_id == post.root_id == "at://did:plc:box3ql3jyrlb7ptzh2tnn2aw/app.bsky.feed.post/3lizyzajiks23"
    assert post.created_at.isoformat() == "2025-02-26T02:57:03.419000+00:00"
    assert post.links == ("https://github.com/bluesky-social/indigo/blob/main/atproto/identity/base_directory.go#L44",)
    assert post.spans[0].start == 0 and post.spans[0].end == 26
    (image,) = post.media
    assert image.alt_text == 'spray bottle "no" meme image' and image.content_type == "image/jpeg"
    assert image.reference.startswith("bafkrei") and not image.present
    assert post.author.display_name == "now roaming free"          # from the profile record
    assert post.markup_format == "bluesky-facets" and json.loads(post.markup)[0]["index"]["byteEnd"] == 26
    # The raw payload is the record's DAG-CBOR block: its hash is the one in the record's CID.
    assert post.raw.media_type == "application/vnd.ipld.dag-cbor"
    cid = libipld.decode_cid(post.raw.locator.removeprefix("cid:"))
    assert cid["hash"]["digest"] == hashlib.sha256(post.raw.data).digest()
    assert libipld.decode_dag_cbor(post.raw.data)["text"] == post.text


@needs_samples
def test_legacy_2023_entities_become_spans():
    snapshots, _ = import_all(PAUL)
    post = next(s for s in snapshots if s.text.startswith("test atproto.com cool"))
    assert [post.text[s.start:s.end] for s in post.spans] == ["atproto.com", "example.com", "pfrazee.com"]
    assert post.links[:3] == ("https://atproto.com", "https://example.com", "https://pfrazee.com")


@needs_samples
def test_a_tampered_block_is_refused(tmp_path):
    data = bytearray(BNEWBOLD.read_bytes())
    at = data.index(b"does it work?")
    data[at:at + 13] = b"does it w0rk?"
    path = tmp_path / "tampered.car"
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match="does not match its content hash") as caught:
        import_all(path)
    assert caught.value.file == "tampered.car" and caught.value.item.startswith("bafyrei")


@needs_samples
def test_a_truncated_repository_is_refused(tmp_path):
    path = tmp_path / "cut.car"
    path.write_bytes(BNEWBOLD.read_bytes()[:-100])
    with pytest.raises(CaptureError, match="truncated") as caught:
        import_all(path, format="bluesky-car")
    assert caught.value.file == "cut.car"


# --- a repository built here ---------------------------------------------------------------------

DID = "did:plc:countyofexample00000000"
TEXT = "Öffentliche Sitzung 👋 heute: https://example.gov/sitzung #Rathaus @clerk.example.gov"


def facet(text: str, fragment: str, feature: dict) -> dict:
    start = text.encode().index(fragment.encode())
    return {"index": {"byteStart": start, "byteEnd": start + len(fragment.encode())}, "features": [feature]}


def cid_of(block: bytes) -> bytes:
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()      # CIDv1, dag-cbor, sha2-256


def varint(n: int) -> bytes:
    out = b""
    while True:
        byte, n = n & 0x7F, n >> 7
        out += bytes([byte | (0x80 if n else 0)])
        if not n:
            return out


def build_car(path: Path, records: dict[str, dict], *, commit_version: int = 3, car_version: int = 1) -> Path:
    blocks = []
    entries = []
    for key, record in sorted(records.items()):
        block = libipld.encode_dag_cbor(record)
        blocks.append((cid_of(block), block))
        entries.append({"p": 0, "k": key.encode(), "v": cid_of(block), "t": None})
    mst = libipld.encode_dag_cbor({"l": None, "e": entries})
    commit = libipld.encode_dag_cbor({"did": DID, "version": commit_version, "data": cid_of(mst), "rev": "3lxyz",
                                      "prev": None, "sig": b"\0" * 64})
    blocks += [(cid_of(mst), mst), (cid_of(commit), commit)]
    header = libipld.encode_dag_cbor({"version": car_version, "roots": [cid_of(commit)]})
    body = varint(len(header)) + header + b"".join(varint(len(c) + len(b)) + c + b for c, b in blocks)
    path.write_bytes(body)
    return path


RECORDS = {
    "app.bsky.actor.profile/self": {"$type": "app.bsky.actor.profile", "displayName": "County of Example"},
    "app.bsky.feed.post/3laaaaaaaaaa2": {
        "$type": "app.bsky.feed.post", "text": TEXT, "createdAt": "2026-02-03T09:00:00.000Z", "langs": ["de"],
        "facets": [facet(TEXT, "https://example.gov/sitzung",
                         {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.gov/sitzung"}),
                   facet(TEXT, "#Rathaus", {"$type": "app.bsky.richtext.facet#tag", "tag": "Rathaus"}),
                   facet(TEXT, "@clerk.example.gov", {"$type": "app.bsky.richtext.facet#mention",
                                                      "did": "did:plc:clerk"})],
        "embed": {"$type": "app.bsky.embed.images", "images": [{"alt": "Der Ratssaal", "image": {
            "$type": "blob", "ref": cid_of(b"jpeg bytes"), "mimeType": "image/jpeg", "size": 10}}]}},
    "app.bsky.feed.repost/3lbbbbbbbbbb2": {
        "$type": "app.bsky.feed.repost", "createdAt": "2026-02-04T09:00:00Z",
        "subject": {"uri": "at://did:plc:state/app.bsky.feed.post/3lccc", "cid": "bafyreiexample"}},
    "app.bsky.graph.follow/3ldddddddddd2": {"$type": "app.bsky.graph.follow", "subject": "did:plc:state",
                                            "createdAt": "2026-02-04T09:00:00Z"},
}


def test_facets_index_utf8_bytes_and_become_character_spans(tmp_path):
    snapshots, summary = import_all(build_car(tmp_path / "repo.car", RECORDS))
    post, repost = snapshots
    assert len(TEXT.encode()) != len(TEXT)           # the point: bytes and characters differ here
    by_kind = {s.kind: post.text[s.start:s.end] for s in post.spans}
    assert by_kind == {"link": "https://example.gov/sitzung", "hashtag": "#Rathaus", "mention": "@clerk.example.gov"}
    assert post.hashtags == ("Rathaus",) and post.mentions[0].handle == "clerk.example.gov"
    assert post.mentions[0].id == "did:plc:clerk" and post.language == "de"
    assert post.author.display_name == "County of Example"
    assert repost.kind is ItemKind.REPOST and repost.parent_id == "at://did:plc:state/app.bsky.feed.post/3lccc"
    assert summary.skipped_reasons["app.bsky.graph.follow records are not published items"] == 1


def test_blobs_next_to_the_repository_are_present(tmp_path):
    import zipfile
    car = build_car(tmp_path / "repo.car", RECORDS)
    blob_cid = libipld.encode_cid(cid_of(b"jpeg bytes"))
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.write(car, "repo.car")
        z.writestr(f"blobs/{blob_cid}", b"jpeg bytes")
    with open_import(bundle) as run:
        post = next(iter(run))
        assert post.media[0].present and post.media[0].open().read() == b"jpeg bytes"


@pytest.mark.parametrize(("options", "reason"), [
    ({"commit_version": 9}, "unknown repository commit version 9"),
    ({"car_version": 2}, "unknown CAR version 2"),
])
def test_unknown_versions_are_refused(tmp_path, options, reason):
    with pytest.raises(CaptureError, match=reason):
        import_all(build_car(tmp_path / "repo.car", RECORDS, **options), format="bluesky-car")


def test_a_file_that_is_not_a_car_is_refused(tmp_path):
    path = tmp_path / "repo.car"
    path.write_bytes(b"\x05hello world")
    with pytest.raises(CaptureError, match="not a CAR file"):
        import_all(path)


# --- XRPC JSON ------------------------------------------------------------------------------------

@needs_samples
def test_real_xrpc_payloads():
    files = sorted(BLUESKY.glob("marshalx_*.json"))
    assert len(files) == 4
    found = {}
    for file in files:
        assert detect(file) == "bluesky-xrpc"
        found[file.name] = import_all(file)
    assert {name: len(snaps) for name, (snaps, _) in found.items()} == {
        "marshalx_extended_post_record.json": 1, "marshalx_feed_record.json": 0,
        "marshalx_post_record.json": 1, "marshalx_thread_view_post_with_embed_media.json": 1}
    assert found["marshalx_feed_record.json"][1].skipped[0].reason == "app.bsky.feed.generator is not a published item"
    (thread_post,), _ = found["marshalx_thread_view_post_with_embed_media.json"]
    assert thread_post.author.handle == "test.marshal.dev" and thread_post.raw.locator == "/thread/post"
    assert thread_post.links == ("at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kahesw26il2z",)
    (image,) = thread_post.media
    assert image.reference == "bafkreic3cp5ky525vsukjvrzxsc2h3jka2gud74l2hgeatw2rhj2qycnmq"
    assert image.remote_url.startswith("https://cdn.bsky.app/img/feed_fullsize/") and not image.present
    (old,), _ = found["marshalx_extended_post_record.json"]
    assert old.created_at.isoformat() == "2023-07-21T01:33:51.481951+00:00"   # zone-less time: UTC by protocol


def view(rkey: str, text: str, **record) -> dict:
    return {"uri": f"at://{DID}/app.bsky.feed.post/{rkey}", "cid": "bafyreiexample",
            "author": {"did": DID, "handle": "county.example.gov", "displayName": "County"},
            "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-02-03T09:00:00Z", **record},
            "indexedAt": "2026-02-03T09:00:01Z"}


def test_a_thread_is_walked_up_through_parents_and_down_through_replies(tmp_path):
    reply_ref = {"root": {"uri": f"at://{DID}/app.bsky.feed.post/root", "cid": "x"},
                 "parent": {"uri": f"at://{DID}/app.bsky.feed.post/root", "cid": "x"}}
    thread = {"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": view("mid", "answer", reply=reply_ref),
                         "parent": {"$type": "app.bsky.feed.defs#threadViewPost", "post": view("root", "question")},
                         "replies": [{"$type": "app.bsky.feed.defs#threadViewPost",
                                      "post": view("leaf", "thanks", reply=reply_ref), "replies": []},
                                     {"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://x/y/z",
                                      "blocked": True}]}}
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(thread))
    snapshots, summary = import_all(path)
    assert [s.item_id.rpartition("/")[2] for s in snapshots] == ["root", "mid", "leaf"]
    assert [s.kind for s in snapshots] == [ItemKind.POST, ItemKind.REPLY, ItemKind.REPLY]
    assert summary.skipped[0].reason == "thread entry app.bsky.feed.defs#blockedPost"


def test_an_author_feed_with_a_repost_reason(tmp_path):
    feed = {"feed": [{"post": view("a", "hello")},
                     {"post": view("b", "shared"), "reason": {
                         "$type": "app.bsky.feed.defs#reasonRepost", "uri": f"at://{DID}/app.bsky.feed.repost/r1",
                         "by": {"did": DID, "handle": "county.example.gov"}, "indexedAt": "2026-02-05T00:00:00Z"}}],
            "cursor": "abc"}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    snapshots, _ = import_all(path)
    assert [s.kind for s in snapshots] == [ItemKind.POST, ItemKind.POST, ItemKind.REPOST]
    assert snapshots[2].parent_id == f"at://{DID}/app.bsky.feed.post/b"
