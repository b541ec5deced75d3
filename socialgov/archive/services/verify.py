"""``verify archive``: re-hash everything and name every difference from what was committed.

Design principle: trust nothing stored but the bytes' own hashes and the signed tree head. Each
blob, and each raw payload kept in its version's row, is re-hashed; each version and tombstone is
re-serialised and re-hashed; the Merkle tree is rebuilt from the stored leaves (never from the
subtree cache), its root compared with the latest signed head, whose signature is checked with
the configured key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from socialgov.archive.models import Blob, LogLeaf, LogSubtree, RecordVersion, SignedTreeHeadRecord, Tombstone
from socialgov.archive.services.blobs import blob_stored_sha256
from socialgov.archive.services.hashing import sha256_hex, tombstone_bytes, version_bytes
from socialgov.archive.services.log import signed_head_of, signing_key
from socialgov.archive.transparency import (
    MemoryLeafHashStore,
    MemorySubtreeHashStore,
    MerkleTree,
    public_key_fingerprint,
    verify_tree_head,
)
from socialgov.archive.transparency import leaf_hash as leaf_hash_of
from socialgov.archive.transparency.proofs import VerificationError


@dataclass
class Problem:
    kind: str      # blob | version | tombstone | log | tree-head
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}: {self.detail}"


@dataclass
class ArchiveReport:
    blobs: int = 0
    versions: int = 0
    tombstones: int = 0
    leaves: int = 0
    tree_size: int | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, kind: str, where: str, detail: str) -> None:
        self.problems.append(Problem(kind, where, detail))


def archive_verify() -> ArchiveReport:
    report = ArchiveReport()
    _check_blobs(report)
    expected = {**_check_versions(report), **_check_tombstones(report)}
    subtrees = MemorySubtreeHashStore()
    tree = _check_leaves(report, expected, MerkleTree(MemoryLeafHashStore(), subtrees))
    _check_subtrees(report, subtrees)
    _check_signed_head(report, tree)
    return report


def _check_blobs(report: ArchiveReport) -> None:
    for blob in Blob.objects.order_by("sha256").iterator(chunk_size=2000):
        report.blobs += 1
        actual = blob_stored_sha256(blob)      # inline bytes or the file in the archive storage
        if actual is None:
            report.problem("blob", blob.sha256, f"missing from storage ({blob.stored_path})")
        elif actual != blob.sha256:
            report.problem("blob", blob.sha256, f"its bytes were changed: they now hash to {actual}")


def _check_versions(report: ArchiveReport) -> dict[tuple[str, int], str]:
    """Every version re-hashed; returns ("version", pk) -> the hash its leaf must carry."""
    known_blobs = set(Blob.objects.values_list("sha256", flat=True))
    expected = {}
    for version in RecordVersion.objects.select_related("record").order_by("pk").iterator(chunk_size=2000):
        report.versions += 1
        where = f"record {version.record.platform_item_id} version {version.number} (id {version.pk})"
        if sha256_hex(version_bytes(version, version.record)) != version.version_hash:
            report.problem("version", where, "its content or its record's fields were changed after capture")
        blobs = [m.get("sha256") for m in version.media if m.get("sha256")]
        if version.raw is None:
            blobs.insert(0, version.raw_sha256)
        elif (actual := sha256_hex(bytes(version.raw))) != version.raw_sha256:
            report.problem("version", where, f"its raw payload was changed: the bytes kept with it now hash to "
                                             f"{actual}, not {version.raw_sha256}")
        for sha256 in blobs:
            if sha256 not in known_blobs:
                report.problem("version", where, f"refers to blob {sha256}, which is not in the archive")
        expected[("version", version.pk)] = version.version_hash
    return expected


def _check_tombstones(report: ArchiveReport) -> dict[tuple[str, int], str]:
    expected = {}
    for tombstone in Tombstone.objects.select_related("record", "last_version").order_by("pk").iterator():
        report.tombstones += 1
        canonical = tombstone_bytes(tombstone, tombstone.record, tombstone.last_version.version_hash)
        if sha256_hex(canonical) != tombstone.tombstone_hash:
            report.problem("tombstone", f"record {tombstone.record.platform_item_id} (tombstone id {tombstone.pk})",
                           "it was changed after it was recorded")
        expected[("tombstone", tombstone.pk)] = tombstone.tombstone_hash
    return expected


def _check_leaves(report: ArchiveReport, expected: dict[tuple[str, int], str], tree: MerkleTree) -> MerkleTree:
    """Rebuild the tree from the stored leaves, in index order, naming gaps and mismatches."""
    logged = set()
    for leaf in LogLeaf.objects.order_by("index").iterator(chunk_size=5000):
        if leaf.index != tree.size:
            report.problem("log", f"leaf #{tree.size}", f"missing: the next stored leaf is #{leaf.index}")
        entry = ("version", leaf.version_id) if leaf.version_id else ("tombstone", leaf.tombstone_id)
        logged.add(entry)
        stored = bytes(leaf.leaf_hash)
        if entry in expected and stored != leaf_hash_of(bytes.fromhex(expected[entry])):
            report.problem("log", f"leaf #{leaf.index}", f"does not match {entry[0]} id {entry[1]}")
        tree.append_leaf_hash(stored)
        report.leaves += 1
    for kind, pk in sorted(set(expected) - logged):
        report.problem("log", f"{kind} id {pk}", "is not in the transparency log")
    return tree


def _check_subtrees(report: ArchiveReport, rebuilt: MemorySubtreeHashStore) -> None:
    for node in LogSubtree.objects.order_by("level", "index").iterator(chunk_size=5000):
        if rebuilt.get(node.level, node.index) not in (None, bytes(node.hash)):
            report.problem("log", f"subtree ({node.level}, {node.index})", "the cached hash was changed")


def _check_signed_head(report: ArchiveReport, tree: MerkleTree) -> None:
    row = SignedTreeHeadRecord.objects.order_by("-tree_size", "-pk").first()
    if row is None:
        if tree.size:
            report.problem("tree-head", "log", f"{tree.size} leaves but no signed tree head")
        return
    report.tree_size, where = row.tree_size, f"signed tree head of size {row.tree_size} (id {row.pk})"
    if row.tree_size > tree.size:
        report.problem("tree-head", where, f"the log holds only {tree.size} leaves: leaves were removed")
    elif tree.root(row.tree_size) != bytes(row.root_hash):
        report.problem("tree-head", where, "the root rebuilt from the stored leaves differs from the signed root")
    key = signing_key().public_key()
    if row.key_fingerprint != public_key_fingerprint(key):
        report.problem("tree-head", where, f"signed by key {row.key_fingerprint}, not the configured key")
        return
    try:
        verify_tree_head(signed_head_of(row), key)
    except VerificationError as exc:
        report.problem("tree-head", where, str(exc))
