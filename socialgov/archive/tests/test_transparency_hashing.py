"""RFC 6962 / RFC 9162 hashing and the Merkle Tree Hash, against published vectors and the RFC's example."""

from __future__ import annotations

import hashlib

import pytest

from socialgov.archive.transparency import rfc9162
from socialgov.archive.transparency.hashing import (
    EMPTY_ROOT_HASH,
    largest_power_of_two_below,
    leaf_hash,
    node_hash,
    record_leaf_input,
)
from socialgov.archive.transparency.testing import (
    CT_LEAVES,
    CT_ROOTS,
    EMPTY_LEAF_HASH_HEX,
    EMPTY_TREE_ROOT_HEX,
    L123456_LEAF_HASH_HEX,
    N123_N456_NODE_HASH_HEX,
)
from socialgov.archive.transparency.tree import MerkleTree


@pytest.mark.parametrize(("computed", "expected_hex"), [
    pytest.param(EMPTY_ROOT_HASH, EMPTY_TREE_ROOT_HEX, id="empty tree"),
    pytest.param(leaf_hash(b""), EMPTY_LEAF_HASH_HEX, id="empty leaf"),
    pytest.param(leaf_hash(b"L123456"), L123456_LEAF_HASH_HEX, id="leaf"),
    pytest.param(node_hash(b"N123", b"N456"), N123_N456_NODE_HASH_HEX, id="node"),
])
def test_hashing_matches_the_rfc6962_hasher_vectors(computed, expected_hex):
    assert computed.hex() == expected_hex


def test_leaves_and_nodes_are_domain_separated():
    left, right = leaf_hash(b"Hello"), leaf_hash(b"World")
    assert left != right
    assert node_hash(left, right) != leaf_hash(left + right)  # no second preimage from a node
    assert node_hash(left, right) != node_hash(right, left)  # order matters
    assert leaf_hash(b"") != EMPTY_ROOT_HASH  # an empty leaf is not the empty tree


def test_a_record_leaf_input_is_the_sha256_of_its_bytes():
    assert record_leaf_input(b"post body") == hashlib.sha256(b"post body").digest()


@pytest.mark.parametrize(("n", "k"), [(2, 1), (3, 2), (4, 2), (5, 4), (8, 4), (9, 8), (2**40 + 1, 2**40)])
def test_the_split_point_is_the_largest_power_of_two_below_n(n, k):
    assert largest_power_of_two_below(n) == k


@pytest.mark.parametrize("n", [0, 1])
def test_there_is_no_split_point_below_two(n):
    with pytest.raises(ValueError):
        largest_power_of_two_below(n)


@pytest.mark.parametrize("size", sorted(CT_ROOTS))
def test_tree_roots_match_the_certificate_transparency_vectors(size):
    tree = MerkleTree()
    tree.extend(CT_LEAVES[:size])
    assert tree.root() == CT_ROOTS[size]
    assert rfc9162.mth(CT_LEAVES[:size]) == CT_ROOTS[size]


def test_earlier_roots_of_a_grown_tree_match_the_vectors():
    tree = MerkleTree()
    tree.extend(CT_LEAVES)
    assert {size: tree.root(size) for size in CT_ROOTS} == CT_ROOTS
    assert tree.root(0) == EMPTY_ROOT_HASH == bytes.fromhex(EMPTY_TREE_ROOT_HEX)


# RFC 9162 §2.1.5 (the same example as RFC 6962 §2.1.3): seven entries d0..d6 and the named nodes
#             hash
#            /    \
#           k      l
#          / \    / \
#         g   h  i   j
#        / \ / \ / \  |
#        a b c d e f  d6
def _rfc_example_nodes() -> dict[str, bytes]:
    a, b, c, d, e, f, j = (leaf_hash(entry) for entry in CT_LEAVES[:7])
    g, h, i = node_hash(a, b), node_hash(c, d), node_hash(e, f)
    k, l = node_hash(g, h), node_hash(i, j)  # noqa: E741 - the RFC's name
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "i": i, "j": j, "k": k, "l": l,
            "hash": node_hash(k, l)}


@pytest.fixture
def rfc_example() -> tuple[MerkleTree, dict[str, bytes]]:
    tree = MerkleTree()
    tree.extend(CT_LEAVES[:7])
    return tree, _rfc_example_nodes()


def test_the_rfc_example_tree_has_the_rfc_root(rfc_example):
    tree, nodes = rfc_example
    assert tree.root() == nodes["hash"] == CT_ROOTS[7]


@pytest.mark.parametrize(("entry", "names"), [(0, "b h l"), (3, "c g l"), (4, "f j k"), (6, "i k")])
def test_inclusion_paths_are_those_of_the_rfc_example(rfc_example, entry, names):
    tree, nodes = rfc_example
    assert tree.inclusion_proof(entry) == [nodes[name] for name in names.split()]


@pytest.mark.parametrize(("first_size", "names"), [(3, "c d g l"), (4, "l"), (6, "i j k")])
def test_consistency_proofs_are_those_of_the_rfc_example(rfc_example, first_size, names):
    tree, nodes = rfc_example
    assert tree.consistency_proof(first_size) == [nodes[name] for name in names.split()]
