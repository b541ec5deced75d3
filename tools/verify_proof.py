#!/usr/bin/env python3
"""Verify a socialgov proof bundle offline, with nothing from the agency but the bundle (and its key).

    python verify_proof.py bundle.json [--record FILE] [--public-key KEY]

An *inclusion* bundle proves that a record is in the agency's transparency log: this script
checks that FILE's SHA-256 is the log entry, that the inclusion proof leads from that entry to
the root hash of the signed tree head, and that the Ed25519 signature on the tree head verifies.
A *consistency* bundle proves that the log at one signed tree head is a prefix of the log at a
later one (nothing was removed or rewritten in between).

KEY is the log's public key as the agency publishes it: a file (PEM, the 32 raw bytes, or their
base64) or the base64 text itself. Without it the key inside the bundle is used, and the script
prints its fingerprint for you to compare with the published one.

Needs Python 3.8+ and the ``cryptography`` package (for Ed25519); nothing else. The Merkle tree
rules are RFC 6962 / RFC 9162 (SHA-256, leaf = H(0x00 || input), node = H(0x01 || left || right));
the verification steps are those of RFC 9162 sections 2.1.3.2 and 2.1.4.2. The bundle format is
described in docs/verifying-records.md of socialgov. Exit status: 0 verified, 1 not verified.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import sys
from datetime import datetime, timezone

FORMAT = "socialgov-proof/1"
TREE_HEAD_VERSION = "socialgov-tree-head/1"
HASH_SIZE = 32
EMPTY_ROOT_HASH = hashlib.sha256(b"").digest()
HEX_HASH = re.compile(r"[0-9a-f]{64}")
HEX = re.compile(r"(?:[0-9a-f]{2})*")
LOG_ID = re.compile(r"[!-~]{0,255}")
HEAD_FIELDS = {"log_id", "tree_size", "root_hash", "timestamp_ms", "signature"}
MAX_UINT64 = 2**64 - 1


class Failure(Exception):
    """A check that did not pass; the message says why."""


# --- RFC 9162 hashing and proof verification --------------------------------------------------

def leaf_hash(leaf_input: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf_input).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def shift_until_lsb_set_or_zero(fn: int, sn: int) -> tuple:
    while fn and not fn & 1:
        fn, sn = fn >> 1, sn >> 1
    return fn, sn


def verify_inclusion(leaf: bytes, leaf_index: int, tree_size: int, path: list, root: bytes) -> None:
    """RFC 9162 section 2.1.3.2, steps 1-5."""
    if leaf_index >= tree_size:
        raise Failure(f"leaf index {leaf_index} is not below the tree size {tree_size}")
    fn, sn, r = leaf_index, tree_size - 1, leaf
    for p in path:
        if sn == 0:
            raise Failure("the inclusion path is longer than a tree of this size allows")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                fn, sn = shift_until_lsb_set_or_zero(fn, sn)
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise Failure("the inclusion path is shorter than a tree of this size needs")
    if not hmac.compare_digest(r, root):
        raise Failure(f"the inclusion path leads to root {r.hex()}, not to the signed root {root.hex()}")


def verify_consistency(first: int, second: int, first_hash: bytes, second_hash: bytes, path: list) -> None:
    """RFC 9162 section 2.1.4.2, steps 1-7, after the cases the RFC defines no proof for."""
    if first > second:
        raise Failure(f"the first tree ({first}) is larger than the second ({second})")
    if first == second or first == 0:
        if path:
            raise Failure(f"a consistency proof from size {first} to {second} must be empty")
        if first == 0 and not hmac.compare_digest(first_hash, EMPTY_ROOT_HASH):
            raise Failure("a tree of size 0 must have the empty-tree root (SHA-256 of nothing)")
        if first == second and not hmac.compare_digest(first_hash, second_hash):
            raise Failure(f"two trees of the same size {first} have different roots")
        return
    if not path:
        raise Failure("the consistency path is empty")
    path = list(path)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise Failure("the consistency path is longer than these tree sizes allow")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                fn, sn = shift_until_lsb_set_or_zero(fn, sn)
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise Failure("the consistency path is shorter than these tree sizes need")
    if not hmac.compare_digest(fr, first_hash):
        raise Failure(f"the consistency path leads to first root {fr.hex()}, not to {first_hash.hex()}")
    if not hmac.compare_digest(sr, second_hash):
        raise Failure(f"the consistency path leads to second root {sr.hex()}, not to {second_hash.hex()}")


# --- tree heads and keys ------------------------------------------------------------------------

def parse_tree_head(data: object, name: str) -> dict:
    """Check a signed tree head's JSON strictly; returns it with root_hash and signature as bytes."""
    if not isinstance(data, dict) or set(data) != HEAD_FIELDS:
        raise Failure(f"the {name} must have exactly the fields {', '.join(sorted(HEAD_FIELDS))}")
    for field in ("tree_size", "timestamp_ms"):
        if type(data[field]) is not int or not 0 <= data[field] <= MAX_UINT64:
            raise Failure(f"{name} {field} must be an integer from 0 to 2**64 - 1")
    if not isinstance(data["log_id"], str) or not LOG_ID.fullmatch(data["log_id"]):
        raise Failure(f"{name} log_id must be 0-255 printable ASCII characters without spaces")
    root = parse_hash(data["root_hash"], f"{name} root_hash")
    signature = parse_base64(data["signature"], f"{name} signature")
    if len(signature) != 64:
        raise Failure(f"{name} signature must be 64 bytes")
    return dict(data, root_hash=root, signature=signature)


def tree_head_bytes(head: dict) -> bytes:
    """The exact bytes the log signed: five lines of ASCII, each ending in a line feed."""
    return (f"{TREE_HEAD_VERSION}\nlog_id={head['log_id']}\ntree_size={head['tree_size']}\n"
            f"root_hash={head['root_hash'].hex()}\ntimestamp_ms={head['timestamp_ms']}\n").encode("ascii")


def verify_signature(raw_key: bytes, head: dict) -> None:
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError as exc:
        raise Failure("cannot check Ed25519 signatures: install the 'cryptography' package") from exc
    try:
        Ed25519PublicKey.from_public_bytes(raw_key).verify(head["signature"], tree_head_bytes(head))
    except InvalidSignature as exc:
        raise Failure("the signature does not verify with this public key") from exc


def fingerprint(raw_key: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw_key).hexdigest()


def bundled_key(entry: object) -> bytes:
    if not isinstance(entry, dict) or entry.get("algorithm") != "ed25519":
        raise Failure('public_key must be {"algorithm": "ed25519", "key": <base64>, "fingerprint": ...}')
    raw = parse_base64(entry.get("key"), "public_key.key")
    if len(raw) != 32:
        raise Failure("public_key.key must be 32 bytes")
    if entry.get("fingerprint") != fingerprint(raw):
        raise Failure("public_key.fingerprint does not match public_key.key")
    return raw


def pinned_key(argument: str) -> bytes:
    """The raw public key from --public-key: a file (PEM, raw or base64) or base64 text."""
    if os.path.isfile(argument):
        with open(argument, "rb") as handle:
            data = handle.read()
    else:
        data = argument.encode("ascii", "replace")
    if data.lstrip().startswith(b"-----BEGIN"):
        return raw_key_from_pem(data)
    if len(data) == 32:
        return data
    raw = parse_base64(data.strip().decode("ascii", "replace"), "--public-key (neither a file nor base64 text)")
    if len(raw) != 32:
        raise Failure("--public-key is not an Ed25519 public key (PEM, 32 raw bytes or their base64)")
    return raw


def raw_key_from_pem(pem: bytes) -> bytes:
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError as exc:
        raise Failure("reading a PEM key needs the 'cryptography' package") from exc
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise Failure(f"--public-key is not a PEM public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise Failure("--public-key is not an Ed25519 key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def parse_hash(value: object, name: str) -> bytes:
    if not isinstance(value, str) or not HEX_HASH.fullmatch(value):
        raise Failure(f"{name} must be 64 lowercase hex digits")
    return bytes.fromhex(value)


def parse_base64(value: object, name: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)  # type: ignore[arg-type]
    except (binascii.Error, TypeError, ValueError) as exc:
        raise Failure(f"{name} is not valid base64") from exc


def describe_head(head: dict) -> str:
    when = datetime.fromtimestamp(head["timestamp_ms"] / 1000, tz=timezone.utc)  # noqa: UP017 - Python 3.8+
    log = head["log_id"] or "(unnamed)"
    return f'log "{log}", tree size {head["tree_size"]}, signed {when.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]} UTC'


# --- the report ---------------------------------------------------------------------------------

class Report:
    """Collects check results and warnings, and prints them."""

    def __init__(self) -> None:
        self.results: list = []
        self.warnings: list = []

    def check(self, name: str, step) -> bool:
        try:
            detail = step() or ""
        except Failure as exc:
            self.results.append((False, name, str(exc)))
            return False
        self.results.append((True, name, detail))
        return True

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(passed for passed, _, _ in self.results)

    def print(self, out) -> None:
        for passed, name, detail in self.results:
            out.write(f"  {'PASS' if passed else 'FAIL'}  {name}" + (f": {detail}" if detail else "") + "\n")
        for warning in self.warnings:
            out.write(f"  WARN  {warning}\n")


# --- checking a bundle --------------------------------------------------------------------------

def check_format(bundle: object) -> str:
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise Failure(f'not a proof bundle: "format" must be "{FORMAT}"')
    required = {"inclusion": ("leaf_index", "leaf_hash", "inclusion_path", "tree_head", "public_key"),
                "consistency": ("first_tree_head", "second_tree_head", "consistency_path", "public_key")}
    if bundle.get("type") not in required:
        raise Failure('"type" must be "inclusion" or "consistency"')
    missing = [name for name in required[bundle["type"]] if name not in bundle]
    if missing:
        raise Failure("missing fields: " + ", ".join(missing))
    path = bundle.get("inclusion_path", bundle.get("consistency_path"))
    if not isinstance(path, list):
        raise Failure("the proof path must be a list of hashes")
    for value in path + ([bundle["leaf_hash"]] if bundle["type"] == "inclusion" else []):
        parse_hash(value, "every hash")
    leaf_input = bundle.get("leaf_input", "")
    if not isinstance(leaf_input, str) or not HEX.fullmatch(leaf_input):
        raise Failure("leaf_input must be lowercase hex")
    if "leaf_index" in bundle and (type(bundle["leaf_index"]) is not int or bundle["leaf_index"] < 0):
        raise Failure("leaf_index must be a non-negative integer")
    return f"{FORMAT}, {bundle['type']}"


def choose_key(report: Report, bundle: dict, pinned: bytes | None) -> bytes | None:
    try:
        in_bundle = bundled_key(bundle["public_key"])
    except Failure as exc:
        report.results.append((False, "public key", str(exc)))
        return None
    if pinned is None:
        report.warnings.append(f"the signature was checked with the key inside the bundle ({fingerprint(in_bundle)});"
                               f" compare it with the agency's published key, or pass --public-key")
        return in_bundle
    report.check("bundle names the expected public key", lambda: expect_same_key(in_bundle, pinned))
    return pinned


def expect_same_key(in_bundle: bytes, pinned: bytes) -> str:
    if in_bundle != pinned:
        raise Failure(f"bundle has {fingerprint(in_bundle)}, expected {fingerprint(pinned)}")
    return fingerprint(pinned)


def check_head(report: Report, data: object, name: str, key: bytes) -> dict | None:
    try:
        head = parse_tree_head(data, name)
    except Failure as exc:
        report.results.append((False, f"{name} format", str(exc)))
        return None

    def signature() -> str:
        verify_signature(key, head)
        return f"Ed25519 by {fingerprint(key)}; {describe_head(head)}"

    report.check(f"{name} signature", signature)
    return head


def check_record(record_path: str, bundle: dict, leaf: bytes) -> str:
    digest = hashlib.sha256()
    try:
        with open(record_path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise Failure(f"cannot read the record file: {exc}") from exc
    record_sha256 = digest.digest()
    if "leaf_input" in bundle and bytes.fromhex(bundle["leaf_input"]) != record_sha256:
        raise Failure(f"the file's SHA-256 is {record_sha256.hex()}, the bundle's leaf input is {bundle['leaf_input']}")
    if leaf_hash(record_sha256) != leaf:
        raise Failure(f"the file's SHA-256 is {record_sha256.hex()}, which is not the leaf of this bundle")
    return f"SHA-256 {record_sha256.hex()}"


def check_inclusion_bundle(report: Report, bundle: dict, key: bytes, record_path: str | None) -> str:
    head = check_head(report, bundle["tree_head"], "tree head", key)
    leaf = bytes.fromhex(bundle["leaf_hash"])
    if "leaf_input" in bundle:
        report.check("leaf hash is SHA-256(0x00 || leaf input)", lambda: expect_leaf(bundle["leaf_input"], leaf))
    if record_path is None:
        report.warnings.append("no record file was checked against the leaf (use --record FILE)")
    else:
        report.check("record file is the leaf", lambda: check_record(record_path, bundle, leaf))
    if head is None:
        return ""
    index, path = bundle["leaf_index"], [bytes.fromhex(node) for node in bundle["inclusion_path"]]

    def inclusion() -> str:
        verify_inclusion(leaf, index, head["tree_size"], path, head["root_hash"])
        return f"entry {index} of the tree of size {head['tree_size']}, root {head['root_hash'].hex()}"

    report.check("inclusion proof", inclusion)
    subject = os.path.basename(record_path) if record_path else "the leaf"
    return f"{subject} is entry {index} of {describe_head(head)}"


def expect_leaf(leaf_input_hex: str, leaf: bytes) -> str:
    if leaf_hash(bytes.fromhex(leaf_input_hex)) != leaf:
        raise Failure("the leaf hash is not SHA-256(0x00 || leaf input)")
    return ""


def check_consistency_bundle(report: Report, bundle: dict, key: bytes) -> str:
    first = check_head(report, bundle["first_tree_head"], "first tree head", key)
    second = check_head(report, bundle["second_tree_head"], "second tree head", key)
    if first is None or second is None:
        return ""
    report.check("both tree heads are from the same log", lambda: expect_same_log(first, second))
    if second["tree_size"] > first["tree_size"] and second["timestamp_ms"] < first["timestamp_ms"]:
        report.warnings.append("the larger tree head carries the earlier timestamp")
    path = [bytes.fromhex(node) for node in bundle["consistency_path"]]

    def consistency() -> str:
        verify_consistency(first["tree_size"], second["tree_size"], first["root_hash"], second["root_hash"], path)
        return f"the tree of size {first['tree_size']} is a prefix of the tree of size {second['tree_size']}"

    report.check("consistency proof", consistency)
    return f"the log at size {first['tree_size']} is a prefix of {describe_head(second)}"


def expect_same_log(first: dict, second: dict) -> str:
    if first["log_id"] != second["log_id"]:
        raise Failure(f'log ids differ: "{first["log_id"]}" and "{second["log_id"]}"')
    return ""


def verify(bundle_path: str, record_path: str | None, public_key: str | None, out) -> bool:
    report = Report()
    try:
        with open(bundle_path, encoding="utf-8") as handle:
            bundle = json.load(handle)
    except (OSError, ValueError) as exc:
        out.write(f"NOT VERIFIED: cannot read {bundle_path} as JSON: {exc}\n")
        return False
    out.write(f"Proof bundle {bundle_path}\n")
    summary = ""
    if report.check("bundle format", lambda: check_format(bundle)):
        key = None
        try:
            key = choose_key(report, bundle, pinned_key(public_key) if public_key else None)
        except Failure as exc:
            report.results.append((False, "public key", str(exc)))
        if key is not None and bundle["type"] == "inclusion":
            summary = check_inclusion_bundle(report, bundle, key, record_path)
        elif key is not None:
            summary = check_consistency_bundle(report, bundle, key)
    report.print(out)
    if report.ok:
        out.write(f"VERIFIED: {summary}\n")
    else:
        failed = sum(1 for passed, _, _ in report.results if not passed)
        out.write(f"NOT VERIFIED: {failed} check{'s' if failed != 1 else ''} failed\n")
    return report.ok


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify a socialgov proof bundle offline.")
    parser.add_argument("bundle", help="the proof bundle (JSON)")
    parser.add_argument("--record", metavar="FILE", help="the record file the bundle is about")
    parser.add_argument("--public-key", metavar="KEY",
                        help="the log's published public key: a file (PEM, raw or base64) or base64 text")
    args = parser.parse_args(argv)
    return 0 if verify(args.bundle, args.record, args.public_key, sys.stdout) else 1


if __name__ == "__main__":
    sys.exit(main())
