"""The pack's moderation section: validated, with clear errors, and read with defaults."""

from __future__ import annotations

import pytest

from socialgov.moderation import policy
from socialgov.policies.packlib import check, load_pack
from socialgov.policies.packlib.yamldoc import dump_yaml


def write_pack(tmp_path, moderation: dict) -> str:
    data = dict(load_pack("lucas-county-cs").data)
    data["moderation"] = moderation
    path = tmp_path / "pack.yaml"
    path.write_text(dump_yaml(data))
    return str(path)


def messages(path: str) -> list[str]:
    _, errors = check(path)
    return [str(e) for e in errors]


def test_the_shipped_packs_carry_their_moderation_rules():
    lccs = load_pack("lucas-county-cs").data
    assert "419-213-CARE (2273)" in policy.urgent_procedure(lccs)
    assert policy.rule_for(lccs, "pii") == "Procedure, item 8 (Comments policy), item 9"
    assert policy.moderator_roles(lccs) == ("pio",)
    nj = load_pack("new-jersey").data
    assert policy.record_series(nj) == "Routine Commentary/Dialogue"
    assert policy.second_person(nj) is False


def test_defaults_without_a_section():
    assert policy.no_case_when_alone(None) == {"off_topic"}
    assert policy.no_case_when_alone({"moderation": {"no_case_when_alone": []}}) == set()
    assert policy.record_series(None) == "Routine Commentary/Dialogue"
    assert policy.moderator_roles(None) == ("pio", "moderator")
    assert "{account}" in policy.author_notice(None, "removal")


@pytest.mark.parametrize(("moderation", "expected"), [
    ({"classifiers": {"enabled": ["no_such_classifier"]}}, "no_such_classifier"),
    ({"classifiers": {"thresholds": {"spam": 2}}}, "moderation.classifiers.thresholds"),
    ({"removal_requires_second_person": "yes"}, "removal_requires_second_person"),
    ({"moderators": {"roles": ["moderator"]}}, "moderator"),  # not a role the LCCS pack lists
    ({"urgent": {}}, "procedure"),
    ({"author_notice": {"deletion": "x"}}, "deletion"),
    ({"no_case_when_alone": ["off-topic"]}, "unknown classifier label 'off-topic'"),
    ({"no_case_when_alone": "off_topic"}, "no_case_when_alone"),
])
def test_a_bad_moderation_section_is_refused_naming_the_place(tmp_path, moderation, expected):
    found = messages(write_pack(tmp_path, moderation))
    assert found, "the pack should have been refused"
    assert any(expected in m for m in found), found
    assert any("moderation" in m for m in found), found
