"""tools/verify_proof.py, run the way people outside the agency run it: a separate process on exported files."""

from __future__ import annotations

import ast
import base64
import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from socialgov.archive.transparency.bundles import dump_bundle, verify_bundle
from socialgov.archive.transparency.signing import (
    generate_signing_key,
    public_key_base64,
    public_key_pem,
    raw_public_key,
)
from socialgov.archive.transparency.testing import sample_log, sample_records

SCRIPT = Path(__file__).resolve().parents[3] / "tools" / "verify_proof.py"
RECORDS = sample_records(9)


@pytest.fixture(scope="module")
def log():
    return sample_log(RECORDS)


@pytest.fixture(scope="module")
def head(log):
    return log.sign_head()


@pytest.fixture
def files(tmp_path, log, head):
    """An export as the script sees it: record files, their bundles, and the published key."""
    for index, record in enumerate(RECORDS):
        (tmp_path / f"record-{index}.json").write_bytes(record)
        bundle = log.inclusion_bundle(index, head, record_bytes=record, record={"file": f"record-{index}.json"})
        (tmp_path / f"record-{index}.proof.json").write_text(dump_bundle(bundle), encoding="utf-8")
    (tmp_path / "log-key.pem").write_text(public_key_pem(log.public_key), encoding="ascii")
    return tmp_path


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    # -I: isolated mode, so nothing from the repository or the environment is on the path.
    return subprocess.run([sys.executable, "-I", str(SCRIPT), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=60, check=False)


def test_the_script_imports_only_the_standard_library_and_cryptography():
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported - set(sys.stdlib_module_names) == {"cryptography"}


@pytest.mark.parametrize("key_form", ["pem file", "base64 text", "base64 file", "raw file"])
def test_a_good_bundle_and_record_verify_with_the_published_key(files, log, key_form):
    key = {"pem file": "log-key.pem", "base64 text": public_key_base64(log.public_key)}.get(key_form)
    if key_form == "base64 file":
        key = "log-key.b64"
        (files / key).write_text(public_key_base64(log.public_key) + "\n", encoding="ascii")
    elif key_form == "raw file":
        key = "log-key.raw"
        (files / key).write_bytes(raw_public_key(log.public_key))
    result = run("record-4.proof.json", "--record", "record-4.json", "--public-key", key, cwd=files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith('VERIFIED: record-4.json is entry 4 of log "example.gov/records"')
    assert "FAIL" not in result.stdout and "WARN" not in result.stdout


def test_without_the_published_key_it_verifies_but_tells_you_to_compare_fingerprints(files, log):
    result = run("record-0.proof.json", "--record", "record-0.json", cwd=files)
    assert result.returncode == 0
    assert "WARN  the signature was checked with the key inside the bundle" in result.stdout


def test_a_tampered_record_is_not_verified(files):
    record = files / "record-2.json"
    record.write_bytes(record.read_bytes().replace(b"Official", b"Unofficial"))
    result = run("record-2.proof.json", "--record", record.name, "--public-key", "log-key.pem", cwd=files)
    assert result.returncode == 1
    assert "FAIL  record file is the leaf" in result.stdout
    assert result.stdout.splitlines()[-1] == "NOT VERIFIED: 1 check failed"


def test_another_records_file_is_not_verified(files):
    result = run("record-2.proof.json", "--record", "record-3.json", "--public-key", "log-key.pem", cwd=files)
    assert result.returncode == 1


def _rewrite(path: Path, change) -> None:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    change(bundle)
    path.write_text(json.dumps(bundle), encoding="utf-8")


def test_a_tampered_proof_is_not_verified(files):
    def flip(bundle):
        node = bundle["inclusion_path"][0]
        bundle["inclusion_path"][0] = f"{int(node[0], 16) ^ 8:x}" + node[1:]

    _rewrite(files / "record-6.proof.json", flip)
    result = run("record-6.proof.json", "--record", "record-6.json", "--public-key", "log-key.pem", cwd=files)
    assert result.returncode == 1
    assert "FAIL  inclusion proof: the inclusion path leads to root" in result.stdout


def test_a_wrong_key_is_not_verified(files):
    (files / "other.pem").write_text(public_key_pem(generate_signing_key()), encoding="ascii")
    result = run("record-1.proof.json", "--record", "record-1.json", "--public-key", "other.pem", cwd=files)
    assert result.returncode == 1
    assert "FAIL  bundle names the expected public key" in result.stdout
    assert "FAIL  tree head signature: the signature does not verify" in result.stdout


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "cannot read"), ('{"format": "other"}', 'FAIL  bundle format: not a proof bundle'),
])
def test_an_unreadable_or_foreign_file_is_not_verified(tmp_path, content, message):
    (tmp_path / "bundle.json").write_text(content, encoding="utf-8")
    result = run("bundle.json", cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stdout


def test_a_missing_record_file_is_not_verified(files):
    result = run("record-1.proof.json", "--record", "missing.json", cwd=files)
    assert result.returncode == 1
    assert "FAIL  record file is the leaf: cannot read the record file" in result.stdout


def test_a_consistency_bundle_verifies_and_a_tampered_one_does_not(tmp_path, log):
    bundle = log.consistency_bundle(log.sign_head(3), log.sign_head())
    (tmp_path / "good.json").write_text(dump_bundle(bundle), encoding="utf-8")
    bundle["consistency_path"][-1] = "0" * 64
    (tmp_path / "bad.json").write_text(dump_bundle(bundle), encoding="utf-8")
    key = public_key_base64(log.public_key)
    good = run("good.json", "--public-key", key, cwd=tmp_path)
    assert good.returncode == 0, good.stdout
    assert good.stdout.splitlines()[-1].startswith("VERIFIED: the log at size 3 is a prefix of log")
    bad = run("bad.json", "--public-key", key, cwd=tmp_path)
    assert bad.returncode == 1
    assert "FAIL  consistency proof" in bad.stdout


def _mutations(log, head) -> dict[str, tuple[dict, bytes]]:
    """Bundles (and the record offered with each) on which the library and the script must agree."""
    good = log.inclusion_bundle(7, head, record_bytes=RECORDS[7])
    cases = {"good": (good, RECORDS[7]), "wrong record": (good, RECORDS[6])}
    for field, value in [("leaf_index", 6), ("leaf_hash", "00" * 32), ("leaf_input", "11" * 32), ("format", "x"),
                         ("inclusion_path", []), ("public_key", {"algorithm": "ed25519", "key": "AAAA"})]:
        cases[f"changed {field}"] = (good | {field: value}, RECORDS[7])
    for field, value in [("tree_size", 10), ("timestamp_ms", 1), ("log_id", "x"), ("signature", "AAAA")]:
        changed = copy.deepcopy(good)
        changed["tree_head"][field] = value
        cases[f"changed tree_head.{field}"] = (changed, RECORDS[7])
    foreign = sample_log(RECORDS)
    cases["another log's bundle"] = (foreign.inclusion_bundle(7, foreign.sign_head(), record_bytes=RECORDS[7]),
                                     RECORDS[7])
    return cases


def test_the_script_and_the_library_reach_the_same_verdicts(tmp_path, log, head):
    key = public_key_base64(log.public_key)
    disagreements = []
    for name, (bundle, record) in _mutations(log, head).items():
        (tmp_path / "bundle.json").write_text(json.dumps(bundle), encoding="utf-8")
        (tmp_path / "record.json").write_bytes(record)
        script_ok = run("bundle.json", "--record", "record.json", "--public-key", key, cwd=tmp_path).returncode == 0
        library_ok = verify_bundle(bundle, record_bytes=record, public_key=log.public_key).ok
        if script_ok != library_ok or (name == "good") != library_ok:
            disagreements.append(name)
    assert disagreements == []


def test_the_documented_public_key_pem_is_the_raw_key_with_the_ed25519_prefix(log):
    # docs/verifying-records.md builds a PEM from the bundle's base64 key with this fixed DER prefix.
    der = bytes.fromhex("302a300506032b6570032100") + raw_public_key(log.public_key)
    assert public_key_pem(log.public_key).splitlines()[1] == base64.b64encode(der).decode()


def test_the_script_parses_as_python_3_8():
    ast.parse(SCRIPT.read_text(encoding="utf-8"), feature_version=(3, 8))


DOCS = Path(__file__).resolve().parents[3] / "docs" / "verifying-records.md"
RFC8032_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")


def test_the_worked_example_in_the_docs_is_what_the_library_produces(tmp_path):
    from socialgov.archive.transparency.signing import load_private_key

    key = load_private_key(RFC8032_SECRET)
    records = sample_records(5)
    example = sample_log(records, signing_key=key)
    bundle = example.inclusion_bundle(3, example.sign_head(), record_bytes=records[3],
                                      record={"file": "record-3.json"})
    docs = DOCS.read_text(encoding="utf-8")
    assert dump_bundle(bundle) in docs
    assert public_key_pem(key) in docs
    assert f"is these {len(records[3])} bytes:\n`{records[3].decode().strip()}` and a final line" in docs
    (tmp_path / "record-3.json").write_bytes(records[3])
    (tmp_path / "record-3.proof.json").write_text(dump_bundle(bundle), encoding="utf-8")
    (tmp_path / "log-key.pem").write_text(public_key_pem(key), encoding="ascii")
    result = run("record-3.proof.json", "--record", "record-3.json", "--public-key", "log-key.pem", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] in docs
