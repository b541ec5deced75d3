"""Proof bundles (``socialgov-proof/1``): what an export attaches to each record so anyone can check it.

An *inclusion* bundle says "this record is entry ``leaf_index`` of the log whose signed tree
head is enclosed"; a *consistency* bundle says "the log at the first signed head is a prefix of
the log at the second". Each carries everything needed to check it offline, including the log's
public key; a careful verifier compares that key's fingerprint with the one the agency publishes.
The JSON layout is documented in ``docs/verifying-records.md``; ``tools/verify_proof.py`` checks
bundles without this package.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from socialgov.archive.transparency.hashing import leaf_hash
from socialgov.archive.transparency.proofs import VerificationError, verify_consistency, verify_inclusion
from socialgov.archive.transparency.signing import (
    AnyKey,
    load_public_key,
    public_key_base64,
    public_key_fingerprint,
    raw_public_key,
)
from socialgov.archive.transparency.tree import MerkleTree
from socialgov.archive.transparency.tree_head import SignedTreeHead, verify_tree_head

FORMAT = "socialgov-proof/1"
INCLUSION = "inclusion"
CONSISTENCY = "consistency"
_HEX_HASH = re.compile(r"[0-9a-f]{64}")
_HEX = re.compile(r"(?:[0-9a-f]{2})*")


@dataclass(frozen=True)
class Check:
    """One step of a bundle's verification, with what was found."""

    name: str
    passed: bool
    detail: str = ""


@dataclass
class Verdict:
    """The outcome of :func:`verify_bundle`: every check made, and warnings that do not fail it."""

    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when at least one check ran and every check passed."""
        return bool(self.checks) and all(check.passed for check in self.checks)

    def check(self, name: str, step: Callable[[], str | None]) -> bool:
        """Run ``step``; a :class:`VerificationError` or ``ValueError`` makes the check fail with its message."""
        try:
            detail = step() or ""
        except (VerificationError, ValueError) as exc:
            self.checks.append(Check(name, False, str(exc)))
            return False
        self.checks.append(Check(name, True, detail))
        return True


def inclusion_bundle(tree: MerkleTree, signed_head: SignedTreeHead, leaf_index: int, public_key: AnyKey, *,
                     leaf_input: bytes | None = None, record: dict[str, Any] | None = None) -> dict[str, Any]:
    """The inclusion bundle for entry ``leaf_index`` against ``signed_head``.

    ``leaf_input`` (for a record: the SHA-256 of its bytes) is included when given and must match
    the stored leaf. ``record`` is descriptive metadata (ids, file name) that the proof does NOT cover.
    """
    size = signed_head.head.tree_size
    if tree.root(size) != signed_head.head.root_hash:
        raise ValueError(f"the signed head's root is not this tree's root at size {size}")
    stored = tree.leaf_hash(leaf_index)
    if leaf_input is not None and leaf_hash(leaf_input) != stored:
        raise ValueError(f"the leaf input given does not hash to leaf {leaf_index}")
    bundle: dict[str, Any] = {"format": FORMAT, "type": INCLUSION, "leaf_index": leaf_index}
    if leaf_input is not None:
        bundle["leaf_input"] = leaf_input.hex()
    bundle |= {"leaf_hash": stored.hex(),
               "inclusion_path": [node.hex() for node in tree.inclusion_proof(leaf_index, size)],
               "tree_head": signed_head.to_dict(), "public_key": _public_key_entry(public_key)}
    if record is not None:
        bundle["record"] = record
    return bundle


def consistency_bundle(tree: MerkleTree, first: SignedTreeHead, second: SignedTreeHead,
                       public_key: AnyKey) -> dict[str, Any]:
    """The consistency bundle proving that the log at ``first`` is a prefix of the log at ``second``."""
    for signed_head in (first, second):
        if tree.root(signed_head.head.tree_size) != signed_head.head.root_hash:
            raise ValueError(f"a signed head's root is not this tree's root at size {signed_head.head.tree_size}")
    path = tree.consistency_proof(first.head.tree_size, second.head.tree_size)
    return {"format": FORMAT, "type": CONSISTENCY, "first_tree_head": first.to_dict(),
            "second_tree_head": second.to_dict(), "consistency_path": [node.hex() for node in path],
            "public_key": _public_key_entry(public_key)}


def dump_bundle(bundle: dict[str, Any]) -> str:
    """A bundle as the JSON text written to files: UTF-8, two-space indent, sorted keys, final newline."""
    return json.dumps(bundle, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def verify_bundle(bundle: Any, *, record_bytes: bytes | None = None,
                  public_key: AnyKey | None = None) -> Verdict:
    """Check a parsed bundle: its format, the signature(s), the leaf or record, and the proof.

    ``public_key`` pins the key the agency publishes; without it the bundle's own key is used and
    a warning says so. ``record_bytes`` (inclusion bundles) checks that the record is the leaf.
    """
    verdict = Verdict()
    kind = bundle.get("type") if isinstance(bundle, dict) else None
    if not verdict.check("bundle format", lambda: _check_format(bundle)):
        return verdict
    key = _resolve_key(verdict, bundle["public_key"], public_key)
    if key is None:
        return verdict
    if kind == INCLUSION:
        _verify_inclusion_bundle(verdict, bundle, key, record_bytes)
    else:
        _verify_consistency_bundle(verdict, bundle, key)
    return verdict


def _verify_inclusion_bundle(verdict: Verdict, bundle: dict[str, Any], key: AnyKey, record: bytes | None) -> None:
    signed_head = _parse_head(verdict, bundle["tree_head"], "tree head")
    if signed_head is None:
        return
    verdict.check("tree head signature", lambda: _verify_signature(signed_head, key))
    hashed_leaf = bytes.fromhex(bundle["leaf_hash"])
    if "leaf_input" in bundle:
        verdict.check("leaf hash is SHA-256(0x00 || leaf input)",
                      lambda: _same(leaf_hash(bytes.fromhex(bundle["leaf_input"])), hashed_leaf, "leaf hash"))
    if record is None:
        verdict.warnings.append("no record file was checked against the leaf")
    else:
        verdict.check("record file is the leaf", lambda: _check_record(record, bundle, hashed_leaf))
    path = [bytes.fromhex(node) for node in bundle["inclusion_path"]]
    verdict.check("inclusion proof", lambda: _check_inclusion(hashed_leaf, bundle["leaf_index"], path, signed_head))


def _verify_consistency_bundle(verdict: Verdict, bundle: dict[str, Any], key: AnyKey) -> None:
    first = _parse_head(verdict, bundle["first_tree_head"], "first tree head")
    second = _parse_head(verdict, bundle["second_tree_head"], "second tree head")
    if first is None or second is None:
        return
    verdict.check("first tree head signature", lambda: _verify_signature(first, key))
    verdict.check("second tree head signature", lambda: _verify_signature(second, key))
    verdict.check("both tree heads are from the same log",
                  lambda: _same(first.head.log_id, second.head.log_id, "log id"))
    if second.head.tree_size > first.head.tree_size and second.head.timestamp_ms < first.head.timestamp_ms:
        verdict.warnings.append("the larger tree head carries the earlier timestamp")
    path = [bytes.fromhex(node) for node in bundle["consistency_path"]]
    verdict.check("consistency proof", lambda: _check_consistency(path, first, second))


def _check_format(bundle: Any) -> str:
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise ValueError(f'not a proof bundle: "format" must be "{FORMAT}"')
    required = {INCLUSION: ("leaf_index", "leaf_hash", "inclusion_path", "tree_head", "public_key"),
                CONSISTENCY: ("first_tree_head", "second_tree_head", "consistency_path", "public_key")}
    fields = required.get(bundle.get("type"))
    if fields is None:
        raise ValueError(f'"type" must be "{INCLUSION}" or "{CONSISTENCY}"')
    missing = [name for name in fields if name not in bundle]
    if missing:
        raise ValueError(f"missing fields: {', '.join(missing)}")
    _check_hex_fields(bundle)
    return f"{FORMAT}, {bundle['type']}"


def _check_hex_fields(bundle: dict[str, Any]) -> None:
    hashes = [bundle.get("leaf_hash")] if bundle["type"] == INCLUSION else []
    path = bundle.get("inclusion_path", bundle.get("consistency_path"))
    if not isinstance(path, list):
        raise ValueError("the proof path must be a list of hashes")
    for value in [*hashes, *path]:
        if not isinstance(value, str) or not _HEX_HASH.fullmatch(value):
            raise ValueError("every hash must be 64 lowercase hex digits")
    leaf_input = bundle.get("leaf_input", "")
    if not isinstance(leaf_input, str) or not _HEX.fullmatch(leaf_input):
        raise ValueError("leaf_input must be lowercase hex")
    if "leaf_index" in bundle and (type(bundle["leaf_index"]) is not int or bundle["leaf_index"] < 0):
        raise ValueError("leaf_index must be a non-negative integer")


def _resolve_key(verdict: Verdict, entry: Any, pinned: AnyKey | None) -> AnyKey | None:
    try:
        bundled = _parse_public_key_entry(entry)
    except ValueError as exc:
        verdict.checks.append(Check("public key", False, str(exc)))
        return None
    if pinned is None:
        verdict.warnings.append(f"the signature was checked with the key inside the bundle "
                                f"({public_key_fingerprint(bundled)}); compare it with the agency's published key")
        return bundled
    same = raw_public_key(pinned) == raw_public_key(bundled)
    verdict.checks.append(Check("bundle names the expected public key", same,
                                public_key_fingerprint(pinned) if same else
                                f"bundle has {public_key_fingerprint(bundled)}, "
                                f"expected {public_key_fingerprint(pinned)}"))
    return pinned


def _parse_public_key_entry(entry: Any) -> AnyKey:
    if not isinstance(entry, dict) or entry.get("algorithm") != "ed25519" or not isinstance(entry.get("key"), str):
        raise ValueError('public_key must be {"algorithm": "ed25519", "key": <base64>, "fingerprint": ...}')
    try:
        key = load_public_key(base64.b64decode(entry["key"], validate=True))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"public_key.key is not a base64 Ed25519 key: {exc}") from exc
    if entry.get("fingerprint") != public_key_fingerprint(key):
        raise ValueError("public_key.fingerprint does not match public_key.key")
    return key


def _parse_head(verdict: Verdict, data: Any, name: str) -> SignedTreeHead | None:
    try:
        return SignedTreeHead.from_dict(data)
    except ValueError as exc:
        verdict.checks.append(Check(f"{name} format", False, str(exc)))
        return None


def _verify_signature(signed_head: SignedTreeHead, key: AnyKey) -> str:
    verify_tree_head(signed_head, key)
    head = signed_head.head
    return (f"Ed25519 by {public_key_fingerprint(key)}: log {head.log_id or '(unnamed)'}, "
            f"size {head.tree_size}, at {head.timestamp.isoformat()}")


def _check_record(record: bytes, bundle: dict[str, Any], hashed_leaf: bytes) -> str:
    digest = hashlib.sha256(record).digest()
    if "leaf_input" in bundle:
        _same(digest, bytes.fromhex(bundle["leaf_input"]), "record SHA-256 and leaf input")
    _same(leaf_hash(digest), hashed_leaf, "leaf hash of the record")
    return f"SHA-256 {digest.hex()}"


def _check_inclusion(hashed_leaf: bytes, index: int, path: list[bytes], signed_head: SignedTreeHead) -> str:
    head = signed_head.head
    verify_inclusion(hashed_leaf, index, head.tree_size, path, head.root_hash)
    return f"entry {index} of the tree of size {head.tree_size}, root {head.root_hash.hex()}"


def _check_consistency(path: list[bytes], first: SignedTreeHead, second: SignedTreeHead) -> str:
    one, two = first.head, second.head
    verify_consistency(one.tree_size, two.tree_size, one.root_hash, two.root_hash, path)
    return f"the tree of size {one.tree_size} is a prefix of the tree of size {two.tree_size}"


def _same(found: Any, expected: Any, what: str) -> str:
    if found != expected:
        raise VerificationError(f"{what} differ")
    return f"{what} match"


def _public_key_entry(key: AnyKey) -> dict[str, str]:
    return {"algorithm": "ed25519", "key": public_key_base64(key), "fingerprint": public_key_fingerprint(key)}
