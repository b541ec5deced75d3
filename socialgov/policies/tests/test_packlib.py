"""The policy-pack library: shipped packs, the schema's vocabulary, Pack, paths."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from socialgov.policies.packlib import (
    DAYS,
    DESIGNATION_KEYS,
    ROLE_KEYS,
    Pack,
    PackError,
    load_pack,
    load_schema,
    resolve,
    shipped_packs,
    validate,
)
from socialgov.policies.packlib.paths import format_path, parse_path

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
SHIPPED = {
    "la-county-cio": "000_0796b6ba218b59c1.txt",
    "la-county-dcfs": "001_4f3047903a6150a1.txt",
    "new-jersey": "002_71877f7b8392baca.txt",
    "lucas-county-cs": "003_d90592b2f88d1aee.txt",
    "kentucky-cot": "004_e791c297b7510aab.txt",
}


def test_the_five_seed_packs_ship():
    assert set(shipped_packs()) == set(SHIPPED)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_pack_validates(name):
    assert validate(name) == []


@pytest.mark.parametrize("name, seed", sorted(SHIPPED.items()))
def test_shipped_pack_cites_its_seed(name, seed):
    pack = load_pack(name)
    assert pack.name == name == shipped_packs()[name].stem
    assert pack.source["seed"] == seed
    assert pack.source["title"] and pack.source["issuer"]
    if SEEDS.is_dir():
        assert (SEEDS / seed).is_file()


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_role_a_pack_declares_has_a_label_and_duties(name):
    roles = load_pack(name).data["roles"]
    assert roles
    for key, role in roles.items():
        assert key in ROLE_KEYS
        assert role["label"].strip() and role["duties"].strip()


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(load_schema())


@pytest.mark.parametrize("def_name, words", [
    ("role_key", ROLE_KEYS),
    ("designation_key", DESIGNATION_KEYS),
    ("day", DAYS),
])
def test_schema_enums_match_the_library_vocabulary(def_name, words):
    assert load_schema()["$defs"][def_name]["enum"] == list(words)


def test_role_keys_are_exactly_the_fifteen_roles_of_the_design():
    assert ROLE_KEYS == (
        "agency_admin", "agency_head", "department_head", "cio", "ciso", "diso",
        "communications_director", "pio", "web_content_team", "account_administrator",
        "moderator", "records_officer", "legal_counsel", "employee", "auditor",
    )


def test_pack_records_a_hash_of_its_canonical_content():
    pack = load_pack("new-jersey")
    canonical = json.dumps(pack.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert pack.sha256 == hashlib.sha256(canonical.encode()).hexdigest()
    assert load_pack("new-jersey").sha256 == pack.sha256
    assert load_pack("kentucky-cot").sha256 != pack.sha256


def test_pack_is_frozen_and_identifies_itself():
    pack = load_pack("kentucky-cot")
    assert (pack.name, pack.version, pack.title) == ("kentucky-cot", "1.0.0", "CIO-061: Social Media Policy")
    assert pack.source is pack.data["source"]
    assert Path(pack.file).resolve() == shipped_packs()["kentucky-cot"].resolve()
    assert "extends" not in pack.data
    with pytest.raises(AttributeError):
        pack.name = "other"  # type: ignore[misc]


@pytest.mark.parametrize("dotted, expected", [
    ("review.every_months", 24),
    ("exceptions.routes.security.chain[0].role", "ciso"),
    ("exceptions.routes.security.chain.0.role", "ciso"),
    ("jurisdiction.records_law.id", "ky-ora"),
    ("texts.disclaimer.text", None),
    ("review.every_months.deeper", None),
    ("exceptions.routes.security.chain[9]", None),
])
def test_pack_get_reads_dotted_paths(dotted, expected):
    assert load_pack("kentucky-cot").get(dotted) == expected


def test_pack_get_default():
    assert load_pack("kentucky-cot").get("links.allowed_domains", default=[]) == []


@pytest.mark.parametrize("path, text", [
    ((), ""),
    (("approvals", "account_request", "steps", 1, "role"), "approvals.account_request.steps[1].role"),
    (("texts", "a.b"), "texts['a.b']"),
])
def test_paths_round_trip(path, text):
    assert format_path(path) == text
    assert parse_path(text) == path


def test_pack_error_reads_file_line_path_message():
    err = PackError("packs/x.yaml", "approvals.account_request.steps[1].role", 42, "'cheif' is not one of [...]")
    assert str(err) == "packs/x.yaml:42: approvals.account_request.steps[1].role: 'cheif' is not one of [...]"
    assert str(PackError("x.yaml", "", None, "no such file")) == "x.yaml: no such file"
    assert str(PackError("x.yaml", "", 3, "YAML syntax error")) == "x.yaml:3: YAML syntax error"


def test_resolve_finds_shipped_names_and_files(tmp_path):
    assert resolve("new-jersey") == shipped_packs()["new-jersey"]
    own = tmp_path / "own.yaml"
    own.write_text("{}")
    assert resolve(str(own)) == own
    assert resolve(own) == own


@pytest.mark.parametrize("target, fragment", [
    ("la-county-nowhere", "no shipped pack has this name"),
    ("packs/missing.yaml", "no such file"),
])
def test_resolve_refuses_what_does_not_exist(target, fragment):
    with pytest.raises(PackError) as caught:
        resolve(target)
    assert fragment in caught.value.message
    assert caught.value.file == target and caught.value.line is None


def test_load_pack_accepts_a_path(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(shipped_packs()["lucas-county-cs"].read_text(encoding="utf-8"), encoding="utf-8")
    assert isinstance(load_pack(copy), Pack)
    assert load_pack(str(copy)).sha256 == load_pack("lucas-county-cs").sha256


def test_library_does_not_import_django():
    # Checked in a fresh interpreter: this process may have Django loaded already.
    import subprocess
    import sys

    code = ("import sys, socialgov.policies.packlib as p; p.load_pack('new-jersey'); "
            "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                            env={"PYTHONPATH": str(root), "PATH": ""})
    assert result.returncode == 0, result.stderr
