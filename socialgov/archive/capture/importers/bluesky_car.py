"""Bluesky repository export (``com.atproto.sync.getRepo``): a CAR v1 file of DAG-CBOR blocks.

The root is the signed commit; its ``data`` is the root of the Merkle Search Tree (MST) whose
keys are ``<collection>/<record key>`` and whose values are record CIDs. The tree is walked in
key order from the commit, so only records the commit reaches are imported (a CAR may also
carry stale blocks). Blobs (images, video) are not part of a repository export: media are
recorded as missing unless a file named by the blob's CID sits next to the CAR in the archive.
The commit's signature is not checked here (that needs the account's DID document).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from typing import Any

from ..car import CarReader, cid_str
from ..errors import CaptureError
from ..snapshot import Author, ItemSnapshot, MediaRef, RawPayload
from ..source import ArchiveSource
from .base import Importer
from .bluesky_records import POST, REPOST, at_uri, blob_cid, post_fields, post_url, repost_fields

COMMIT_VERSIONS = {2, 3}
PROFILE = "app.bsky.actor.profile"
MAX_MST_DEPTH = 64      # an MST is a few levels deep; more means a cycle or a hostile file


class BlueskyCarImporter(Importer):
    name = "bluesky-car"
    label = "Bluesky repository export (CAR)"
    platform = "bluesky"
    version = "1"

    @classmethod
    def sniff(cls, source: ArchiveSource) -> int:
        cars = [n for n in source.names() if n.endswith(".car")]
        if cars:
            return 100
        names = list(source.names())
        if len(names) == 1:
            head = source.head(names[0], 64)
            # A CAR v1 header is DAG-CBOR {"roots": [...], "version": 1} behind a small varint.
            if head and 0 < head[0] < 0x80 and b"roots" in head[:16] and b"version" in head:
                return 90
        return 0

    def read(self, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        cars = sorted(n for n in source.names() if n.endswith(".car")) or list(source.names())[:1]
        blobs = _BlobIndex(source)
        for member in cars:
            self.summary.read_file(member)
            with source.open(member) as stream:
                if not (hasattr(stream, "seekable") and stream.seekable()):
                    stream = io.BytesIO(source.read(member))   # zip members: bounded by max_document_bytes
                yield from self._repository(CarReader(stream, file=member), member, blobs)

    def _repository(self, car: CarReader, member: str, blobs: _BlobIndex) -> Iterator[ItemSnapshot]:
        commit = car.decode(car.roots[0])
        if not isinstance(commit, dict) or "data" not in commit or "did" not in commit:
            raise CaptureError(member, "the root block is not a repository commit")
        if commit.get("version") not in COMMIT_VERSIONS:
            raise CaptureError(member, f"unknown repository commit version {commit.get('version')!r}; known: 2, 3")
        did = commit["did"]
        self._author = Author(did, self.account_handle, "")
        self._captured_at = self.clock()
        for key, cid in self._walk(car, commit["data"], member, 0):
            snapshot = self._record(car, member, did, key, cid, blobs)
            if snapshot is not None:
                yield snapshot

    def _walk(self, car: CarReader, node_cid: bytes, member: str, depth: int) -> Iterator[tuple[str, bytes]]:
        """In-order walk of an MST node: left subtree, then each entry followed by its right subtree."""
        if depth > MAX_MST_DEPTH:
            raise CaptureError(member, "the repository tree is deeper than any real one (a cycle?)")
        if node_cid not in car:
            raise CaptureError(member, "incomplete repository: a tree node is missing", item=cid_str(node_cid))
        node = car.decode(node_cid)
        if node.get("l"):
            yield from self._walk(car, node["l"], member, depth + 1)
        key = b""
        for entry in node.get("e") or []:
            key = key[:entry["p"]] + entry["k"]     # keys are prefix-compressed against the previous one
            yield key.decode("utf-8"), entry["v"]
            if entry.get("t"):
                yield from self._walk(car, entry["t"], member, depth + 1)

    def _record(self, car: CarReader, member: str, did: str, key: str, cid: bytes,
                blobs: _BlobIndex) -> ItemSnapshot | None:
        collection = key.partition("/")[0]
        if collection not in (POST, REPOST, PROFILE):
            self.summary.skip(member, at_uri(did, key), f"{collection} records are not published items")
            return None
        if cid not in car:
            self.summary.skip(member, at_uri(did, key), "the record's block is missing from the CAR file")
            return None
        raw = car.block(cid)
        with self.item(member, at_uri(did, key)):
            record = car.decode(cid)
            if collection == PROFILE:
                # Sorted before app.bsky.feed.*, so the name is known before the first post.
                self._author = Author(did, self.account_handle, record.get("displayName") or "")
                self.summary.skip(member, at_uri(did, key), "the profile is not a published item (its name is "
                                                            "recorded as the posts' author name)")
                return None
            if collection == POST:
                fields = post_fields(record, functools.partial(blobs.ref, did))
            else:
                fields = repost_fields(record)
            uri = at_uri(did, key)
            payload = RawPayload.of(raw, media_type="application/vnd.ipld.dag-cbor", file=member,
                                    locator=f"cid:{cid_str(cid)}")
            return ItemSnapshot(platform="bluesky", account_id=self.account_id or did,
                                account_handle=self.account_handle, item_id=uri, author=self._author,
                                captured_at=self._captured_at, raw=payload, source=self.capture_source,
                                url=post_url(uri) if collection == POST else "", **fields)


class _BlobIndex:
    """Files in the archive named by a blob CID (``<anything>/<cid>`` or ``<cid>.<ext>``)."""

    def __init__(self, source: ArchiveSource) -> None:
        self.source = source
        self.by_cid = {n.rpartition("/")[2].partition(".")[0]: n for n in source.names() if not n.endswith(".car")}

    def ref(self, did: str, blob: dict[str, Any], alt: str) -> MediaRef:
        cid = blob_cid(blob)
        member = self.by_cid.get(cid) if cid else None
        return MediaRef(reference=cid, content_type=blob.get("mimeType") or "", alt_text=alt,
                        present=member is not None,
                        remote_url=f"https://bsky.social/xrpc/com.atproto.sync.getBlob?did={did}&cid={cid}",
                        opener=functools.partial(self.source.open, member) if member else None)
