"""The archive's transparency log: an RFC 9162 Merkle tree of record versions with signed tree heads.

Design principle: nothing here trusts the agency. Every record version becomes a leaf of an
append-only Merkle tree; the log signs its tree heads with Ed25519; inclusion proofs show that a
record is in a signed tree and consistency proofs show that a later tree extends an earlier one.
Everything is checkable offline by people outside the agency with ``tools/verify_proof.py`` or
any RFC 6962 implementation (``docs/verifying-records.md``). A pure library: no Django, no ORM.
"""

from socialgov.archive.transparency.bundles import (
    FORMAT,
    Check,
    Verdict,
    consistency_bundle,
    dump_bundle,
    inclusion_bundle,
    verify_bundle,
)
from socialgov.archive.transparency.hashing import (
    EMPTY_ROOT_HASH,
    HASH_SIZE,
    leaf_hash,
    node_hash,
    record_leaf_input,
)
from socialgov.archive.transparency.log import TransparencyLog
from socialgov.archive.transparency.proofs import (
    VerificationError,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)
from socialgov.archive.transparency.signing import (
    KeyFormatError,
    generate_signing_key,
    load_private_key,
    load_public_key,
    private_key_pem,
    public_key_base64,
    public_key_fingerprint,
    public_key_pem,
    raw_public_key,
)
from socialgov.archive.transparency.stores import (
    LeafHashStore,
    MemoryLeafHashStore,
    MemorySubtreeHashStore,
    SubtreeHashStore,
)
from socialgov.archive.transparency.tree import MerkleTree
from socialgov.archive.transparency.tree_head import SignedTreeHead, TreeHead, sign_tree_head, verify_tree_head

__all__ = [
    "EMPTY_ROOT_HASH", "FORMAT", "HASH_SIZE", "Check", "KeyFormatError", "LeafHashStore", "MemoryLeafHashStore",
    "MemorySubtreeHashStore", "MerkleTree", "SignedTreeHead", "SubtreeHashStore", "TransparencyLog", "TreeHead",
    "VerificationError", "Verdict", "consistency_bundle", "dump_bundle", "generate_signing_key",
    "inclusion_bundle", "leaf_hash", "load_private_key", "load_public_key", "node_hash", "private_key_pem",
    "public_key_base64", "public_key_fingerprint", "public_key_pem", "raw_public_key", "record_leaf_input",
    "root_from_inclusion_proof", "sign_tree_head", "verify_bundle", "verify_consistency", "verify_inclusion",
    "verify_tree_head",
]
