"""The transparency log in the database agrees with the reference tree, and only appends."""

from __future__ import annotations

import hashlib

import pytest

from socialgov.archive.models import LogHead, LogLeaf, LogSubtree, RecordVersion
from socialgov.archive.services import ingest_snapshots, tree_head_sign
from socialgov.archive.services.log import DatabaseLeafStore, DatabaseSubtreeStore, signed_head_of, signing_key
from socialgov.archive.tests.conftest import snapshot
from socialgov.archive.transparency import (
    MerkleTree,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
    verify_tree_head,
)
from socialgov.archive.transparency.rfc9162 import mth

pytestmark = pytest.mark.django_db


def test_the_database_tree_has_the_rfc9162_root_at_every_size(account):
    ingest_snapshots(account=account, snapshots=[snapshot(str(i), text=f"n{i}") for i in range(13)], batch_size=4)
    leaf_inputs = [bytes.fromhex(h) for h in RecordVersion.objects.order_by("leaf__index")
                   .values_list("version_hash", flat=True)]
    tree = MerkleTree(DatabaseLeafStore(LogHead.objects.get().size), DatabaseSubtreeStore())
    assert [tree.root(n) for n in range(14)] == [mth(leaf_inputs[:n]) for n in range(14)]


def test_only_subtrees_of_256_leaves_and_more_are_stored_and_every_root_and_proof_still_agrees(account):
    # 600 leaves in batches that end inside blocks: nodes below level 8 are recomputed from the leaves.
    ingest_snapshots(account=account, snapshots=[snapshot(str(i), text=f"n{i}") for i in range(600)], batch_size=97)
    assert sorted(LogSubtree.objects.values_list("level", "index")) == [(8, 0), (8, 1), (9, 0)]
    leaf_inputs = [bytes.fromhex(h) for h in RecordVersion.objects.order_by("leaf__index")
                   .values_list("version_hash", flat=True)]
    tree = MerkleTree(DatabaseLeafStore(600), DatabaseSubtreeStore())
    for size in (1, 2, 7, 255, 256, 257, 300, 511, 512, 513, 599, 600):
        root = mth(leaf_inputs[:size])
        assert tree.root(size) == root
        for index in {0, size // 3, size - 1}:
            verify_inclusion(leaf_hash(leaf_inputs[index]), index, size, tree.inclusion_proof(index, size), root)
        for first in {1, size // 2, size - 1} - {0}:
            verify_consistency(first, size, mth(leaf_inputs[:first]), root, tree.consistency_proof(first, size))


def test_a_proof_reads_a_block_of_leaves_not_one_leaf_at_a_time(account, django_assert_max_num_queries):
    ingest_snapshots(account=account, snapshots=[snapshot(str(i), text=f"n{i}") for i in range(300)])
    with django_assert_max_num_queries(8):
        tree = MerkleTree(DatabaseLeafStore(300), DatabaseSubtreeStore())
        tree.inclusion_proof(100, 300)


def test_a_signed_head_verifies_and_a_version_is_provably_in_it(account):
    ingest_snapshots(account=account, snapshots=[snapshot(str(i), text=f"n{i}") for i in range(5)])
    row = tree_head_sign()
    verify_tree_head(signed_head_of(row), signing_key().public_key())
    version = RecordVersion.objects.get(record__platform_item_id="3")
    tree = MerkleTree(DatabaseLeafStore(row.tree_size), DatabaseSubtreeStore())
    proof = tree.inclusion_proof(version.leaf.index, row.tree_size)
    verify_inclusion(leaf_hash(bytes.fromhex(version.version_hash)), version.leaf.index, row.tree_size, proof,
                     bytes(row.root_hash))


def test_a_version_hash_is_the_sha256_of_its_canonical_bytes(account):
    from socialgov.archive.services.hashing import version_bytes

    ingest_snapshots(account=account, snapshots=[snapshot("1", text="Café opens — today")])
    version = RecordVersion.objects.select_related("record").get()
    canonical = version_bytes(version, version.record)
    assert hashlib.sha256(canonical).hexdigest() == version.version_hash
    assert "Café opens — today".encode() in canonical and b'"scheme":"socialgov-record-version/1"' in canonical


def test_leaves_are_numbered_without_gaps_across_batches(account):
    ingest_snapshots(account=account, snapshots=[snapshot(str(i)) for i in range(7)], batch_size=3)
    assert list(LogLeaf.objects.values_list("index", flat=True)) == list(range(7))
    assert LogHead.objects.get().size == 7


def test_the_signing_task_signs_the_current_head(account):
    from socialgov.archive.models import SignedTreeHeadRecord
    from socialgov.archive.tasks import tree_head_sign_task

    ingest_snapshots(account=account, snapshots=[snapshot("1"), snapshot("2")])
    assert tree_head_sign_task.enqueue().return_value == 2
    assert SignedTreeHeadRecord.objects.latest().tree_size == 2
