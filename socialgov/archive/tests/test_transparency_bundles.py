"""Proof bundles (socialgov-proof/1): what an export attaches to a record, and what makes one fail."""

from __future__ import annotations

import copy
import json

import pytest

from socialgov.archive.transparency.bundles import FORMAT, dump_bundle, verify_bundle
from socialgov.archive.transparency.hashing import leaf_hash, record_leaf_input
from socialgov.archive.transparency.signing import generate_signing_key, public_key_base64, public_key_fingerprint
from socialgov.archive.transparency.testing import sample_log, sample_records
from socialgov.archive.transparency.tree_head import SignedTreeHead, sign_tree_head

RECORDS = sample_records(11)


LOG_KEY = generate_signing_key()


@pytest.fixture(scope="module")
def log():
    return sample_log(RECORDS, signing_key=LOG_KEY)


@pytest.fixture(scope="module")
def head(log):
    return log.sign_head()


def _failed(verdict) -> list[str]:
    return [check.name for check in verdict.checks if not check.passed]


def _flip_hex(value: str) -> str:
    return f"{int(value[0], 16) ^ 1:x}" + value[1:]


@pytest.mark.parametrize("index", range(len(RECORDS)))
def test_each_records_bundle_verifies_with_the_record_and_the_published_key(log, head, index):
    bundle = json.loads(dump_bundle(log.inclusion_bundle(index, head, record_bytes=RECORDS[index])))
    verdict = verify_bundle(bundle, record_bytes=RECORDS[index], public_key=log.public_key)
    assert verdict.ok, verdict
    assert verdict.warnings == []
    assert [check.name for check in verdict.checks] == [
        "bundle format", "bundle names the expected public key", "tree head signature",
        "leaf hash is SHA-256(0x00 || leaf input)", "record file is the leaf", "inclusion proof"]


def test_an_inclusion_bundle_carries_the_documented_fields(log, head):
    bundle = log.inclusion_bundle(4, head, record_bytes=RECORDS[4], record={"id": 4, "file": "records/4.json"})
    assert bundle["format"] == FORMAT == "socialgov-proof/1"
    assert set(bundle) == {"format", "type", "leaf_index", "leaf_input", "leaf_hash", "inclusion_path",
                           "tree_head", "public_key", "record"}
    assert bundle["leaf_input"] == record_leaf_input(RECORDS[4]).hex()
    assert bundle["leaf_hash"] == leaf_hash(record_leaf_input(RECORDS[4])).hex()
    assert bundle["public_key"] == {"algorithm": "ed25519", "key": public_key_base64(log.public_key),
                                    "fingerprint": public_key_fingerprint(log.public_key)}
    assert bundle["tree_head"] == head.to_dict()


def test_a_bundle_without_leaf_input_still_ties_the_record_to_the_leaf_hash(log, head):
    bundle = log.inclusion_bundle(2, head)
    assert "leaf_input" not in bundle
    assert verify_bundle(bundle, record_bytes=RECORDS[2], public_key=log.public_key).ok
    assert _failed(verify_bundle(bundle, record_bytes=RECORDS[3], public_key=log.public_key)) == [
        "record file is the leaf"]


def _tamper(bundle: dict, what: str) -> dict:
    bundle = copy.deepcopy(bundle)
    if what == "proof node":
        bundle["inclusion_path"][1] = _flip_hex(bundle["inclusion_path"][1])
    elif what == "leaf index":
        bundle["leaf_index"] += 1
    elif what == "leaf hash":
        bundle["leaf_hash"] = _flip_hex(bundle["leaf_hash"])
    elif what == "leaf input":
        bundle["leaf_input"] = _flip_hex(bundle["leaf_input"])
    elif what == "signed root":
        bundle["tree_head"]["root_hash"] = _flip_hex(bundle["tree_head"]["root_hash"])
    elif what == "signed size":
        bundle["tree_head"]["tree_size"] += 1
    elif what == "removed proof node":
        bundle["inclusion_path"].pop()
    return bundle


@pytest.mark.parametrize(("what", "failed"), [
    ("proof node", ["inclusion proof"]),
    ("leaf index", ["inclusion proof"]),
    ("removed proof node", ["inclusion proof"]),
    ("leaf hash", ["leaf hash is SHA-256(0x00 || leaf input)", "record file is the leaf", "inclusion proof"]),
    ("leaf input", ["leaf hash is SHA-256(0x00 || leaf input)", "record file is the leaf"]),
    ("signed root", ["tree head signature", "inclusion proof"]),
    # entry 5's path is the same in trees of 11 and 12: only the signature binds the size
    ("signed size", ["tree head signature"]),
])
def test_each_tampering_of_an_inclusion_bundle_is_named(log, head, what, failed):
    bundle = _tamper(log.inclusion_bundle(5, head, record_bytes=RECORDS[5]), what)
    assert _failed(verify_bundle(bundle, record_bytes=RECORDS[5], public_key=log.public_key)) == failed


def test_a_changed_record_fails(log, head):
    bundle = log.inclusion_bundle(5, head, record_bytes=RECORDS[5])
    changed = RECORDS[5].replace(b"Official", b"Offishal")
    assert _failed(verify_bundle(bundle, record_bytes=changed, public_key=log.public_key)) == [
        "record file is the leaf"]


def test_another_published_key_fails(log, head):
    bundle = log.inclusion_bundle(5, head, record_bytes=RECORDS[5])
    verdict = verify_bundle(bundle, record_bytes=RECORDS[5], public_key=generate_signing_key().public_key())
    assert _failed(verdict) == ["bundle names the expected public key", "tree head signature"]


def test_a_bundle_re_signed_with_a_forgers_key_passes_only_unpinned_and_then_says_whose_key(log, head):
    forger = generate_signing_key()
    records = [*RECORDS[:5], b"forged record\n", *RECORDS[6:]]
    forged_log = sample_log(records, signing_key=forger)  # a copy of the log with one record swapped
    forged = forged_log.inclusion_bundle(5, forged_log.sign_head(), record_bytes=records[5])
    unpinned = verify_bundle(forged, record_bytes=records[5])
    assert unpinned.ok
    assert public_key_fingerprint(forger) in unpinned.warnings[0]
    assert not verify_bundle(forged, record_bytes=records[5], public_key=log.public_key).ok


def test_unchecked_parts_are_reported_as_warnings(log, head):
    verdict = verify_bundle(log.inclusion_bundle(1, head))
    assert verdict.ok
    assert len(verdict.warnings) == 2
    assert "key inside the bundle" in verdict.warnings[0]
    assert "no record file" in verdict.warnings[1]


def test_descriptive_record_metadata_is_not_covered_by_the_proof(log, head):
    bundle = log.inclusion_bundle(1, head, record={"id": 1})
    bundle["record"] = {"id": 999}
    assert verify_bundle(bundle, record_bytes=RECORDS[1], public_key=log.public_key).ok  # as documented


@pytest.mark.parametrize(("change", "failed"), [
    ({"format": "socialgov-proof/2"}, "bundle format"),
    ({"type": "exclusion"}, "bundle format"),
    ({"leaf_hash": None}, "bundle format"),
    ({"leaf_hash": "ABC"}, "bundle format"),
    ({"inclusion_path": "not a list"}, "bundle format"),
    ({"leaf_index": -1}, "bundle format"),
    ({"leaf_input": "xyz"}, "bundle format"),
    ({"public_key": {"algorithm": "rsa"}}, "public key"),
    ({"tree_head": {"tree_size": 1}}, "tree head format"),
])
def test_malformed_bundles_fail_with_the_reason(log, head, change, failed):
    bundle = log.inclusion_bundle(3, head) | change
    verdict = verify_bundle(bundle)
    assert not verdict.ok
    assert _failed(verdict) == [failed]


def test_a_missing_field_or_a_non_object_is_not_a_bundle(log, head):
    bundle = log.inclusion_bundle(3, head)
    del bundle["inclusion_path"]
    assert "missing fields: inclusion_path" in verify_bundle(bundle).checks[0].detail
    assert _failed(verify_bundle([1, 2])) == ["bundle format"]


def test_a_public_key_whose_fingerprint_does_not_match_fails(log, head):
    bundle = log.inclusion_bundle(3, head)
    bundle["public_key"]["fingerprint"] = "sha256:" + "0" * 64
    assert _failed(verify_bundle(bundle)) == ["public key"]


def test_bundles_are_only_made_for_heads_of_this_tree_and_for_matching_leaf_inputs(log, head):
    other_head = sample_log([b"another\n", b"log's\n", b"records\n"]).sign_head()
    with pytest.raises(ValueError, match="not this tree's root"):
        log.inclusion_bundle(1, other_head)
    with pytest.raises(ValueError, match="does not hash"):
        log.inclusion_bundle(1, head, record_bytes=RECORDS[2])
    with pytest.raises(ValueError):
        log.inclusion_bundle(len(RECORDS), head)


def test_bundles_for_an_earlier_head_prove_against_that_head(log):
    early = log.sign_head(4)
    bundle = log.inclusion_bundle(3, early, record_bytes=RECORDS[3])
    assert bundle["tree_head"]["tree_size"] == 4
    assert verify_bundle(bundle, record_bytes=RECORDS[3], public_key=log.public_key).ok


# --- consistency ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second"), [(0, 11), (1, 11), (4, 11), (6, 7), (11, 11), (3, 8)])
def test_consistency_bundles_between_signed_heads_verify(log, first, second):
    bundle = json.loads(dump_bundle(log.consistency_bundle(log.sign_head(first), log.sign_head(second))))
    verdict = verify_bundle(bundle, public_key=log.public_key)
    assert verdict.ok, verdict
    assert [check.name for check in verdict.checks] == [
        "bundle format", "bundle names the expected public key", "first tree head signature",
        "second tree head signature", "both tree heads are from the same log", "consistency proof"]


def test_a_tampered_consistency_bundle_fails(log):
    bundle = log.consistency_bundle(log.sign_head(5), log.sign_head())
    bundle["consistency_path"][0] = _flip_hex(bundle["consistency_path"][0])
    assert _failed(verify_bundle(bundle, public_key=log.public_key)) == ["consistency proof"]


def test_a_rewritten_log_cannot_give_a_consistency_bundle_from_an_earlier_head(log):
    earlier = log.sign_head(6)
    # the same operator, re-signing a rewritten history with the log's own key
    rewritten = sample_log([*RECORDS[:2], b"quietly edited\n", *RECORDS[3:]], signing_key=LOG_KEY)
    with pytest.raises(ValueError, match="not this tree's root"):
        rewritten.consistency_bundle(earlier, rewritten.sign_head())
    bundle = rewritten.consistency_bundle(rewritten.sign_head(6), rewritten.sign_head())
    bundle["first_tree_head"] = earlier.to_dict()  # splice in the head people already hold
    assert _failed(verify_bundle(bundle, public_key=log.public_key)) == ["consistency proof"]


def test_heads_from_two_logs_or_out_of_order_are_refused(log):
    first, second = log.sign_head(3), log.sign_head(9)
    renamed = sign_tree_head(type(second.head)(second.head.tree_size, second.head.root_hash,
                                               second.head.timestamp_ms, "example.gov/other"), LOG_KEY)
    bundle = log.consistency_bundle(first, second)
    bundle["second_tree_head"] = renamed.to_dict()
    assert _failed(verify_bundle(bundle, public_key=log.public_key)) == ["both tree heads are from the same log"]
    swapped = log.consistency_bundle(first, second) | {"first_tree_head": second.to_dict(),
                                                       "second_tree_head": first.to_dict()}
    verdict = verify_bundle(swapped, public_key=log.public_key)
    assert _failed(verdict) == ["consistency proof"]
    assert verdict.warnings == []  # the sizes are out of order, which the proof itself refuses


def test_a_larger_head_with_an_earlier_time_is_flagged(log):
    first, second = log.sign_head(3), log.sign_head(9)
    backdated = sign_tree_head(type(second.head)(9, second.head.root_hash, first.head.timestamp_ms - 1,
                                                 second.head.log_id), LOG_KEY)
    verdict = verify_bundle(log.consistency_bundle(first, backdated), public_key=log.public_key)
    assert verdict.ok
    assert "the larger tree head carries the earlier timestamp" in verdict.warnings


def test_signed_heads_in_bundles_parse_back(log, head):
    assert SignedTreeHead.from_dict(log.inclusion_bundle(0, head)["tree_head"]) == head
