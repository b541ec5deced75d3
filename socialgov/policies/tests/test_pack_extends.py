"""``extends``: an agency adopts a shipped pack and overrides only what differs."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialgov.policies.packlib import Change, diff_data, diff_packs, load_pack, shipped_packs, validate

NEW_NOTICE = "Call our hotline at 555-0100 to report a concern about a child."

CHILD = f"""\
# Our agency adopts LCCS's pack, with its own notice and only staff in scope.
extends: lucas-county-cs
texts:
  comment_notice:
    text: {NEW_NOTICE}
applicability:
  employment_types: [employee]
"""


@pytest.fixture
def child(tmp_path: Path) -> Path:
    path = tmp_path / "our-agency.yaml"
    path.write_text(CHILD, encoding="utf-8")
    return path


def test_child_overrides_one_text_and_one_list_and_inherits_the_rest(child):
    parent, pack = load_pack("lucas-county-cs"), load_pack(child)
    assert pack.get("texts.comment_notice.text") == NEW_NOTICE
    assert pack.get("applicability.employment_types") == ["employee"]
    # Deep merge: siblings of the overridden keys come from the parent.
    assert pack.get("texts.comment_notice.use") == parent.get("texts.comment_notice.use")
    assert pack.get("texts.moderation_statement") == parent.get("texts.moderation_statement")
    assert pack.get("applicability.description") == parent.get("applicability.description")
    assert pack.get("monitoring") == parent.get("monitoring")
    assert (pack.name, pack.version, pack.source) == (parent.name, parent.version, parent.source)
    assert [Path(f).name for f in pack.lineage] == ["our-agency.yaml", "lucas-county-cs.yaml"]
    assert pack.sha256 != parent.sha256


def test_diff_between_parent_and_child_lists_exactly_the_overrides(child):
    changes = diff_packs(load_pack("lucas-county-cs"), load_pack(child))
    assert [(c.path, c.kind) for c in changes] == [
        ("applicability.employment_types[1]", "removed"),
        ("texts.comment_notice.text", "changed"),
    ]
    assert changes[0].old == "board_member"
    assert changes[1].new == NEW_NOTICE
    assert str(changes[0]) == 'removed applicability.employment_types[1]: "board_member"'
    assert str(changes[1]).startswith('changed texts.comment_notice.text: "The safety of children')
    assert str(changes[1]).endswith(f'-> "{NEW_NOTICE}"')


def test_a_child_that_changes_nothing_has_the_parents_hash(tmp_path):
    (tmp_path / "same.yaml").write_text("extends: kentucky-cot\n", encoding="utf-8")
    assert load_pack(tmp_path / "same.yaml").sha256 == load_pack("kentucky-cot").sha256


def test_null_removes_an_inherited_section(tmp_path):
    (tmp_path / "c.yaml").write_text("extends: la-county-cio\nlinks: null\n", encoding="utf-8")
    pack = load_pack(tmp_path / "c.yaml")
    assert pack.get("links") is None
    assert diff_packs(load_pack("la-county-cio"), pack)[0].path == "links"


def test_extends_a_relative_path_through_two_levels(tmp_path):
    (tmp_path / "base.yaml").write_text(shipped_packs()["kentucky-cot"].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mid").mkdir()
    (tmp_path / "mid" / "state.yaml").write_text("extends: ../base.yaml\nreview:\n  every_months: 12\n")
    (tmp_path / "mid" / "agency.yaml").write_text("extends: state.yaml\nagency: Kentucky Agency\n")
    pack = load_pack(tmp_path / "mid" / "agency.yaml")
    assert (pack.get("agency"), pack.get("review.every_months")) == ("Kentucky Agency", 12)
    assert pack.get("review.maintained_by") == "COT's Office of Contracts and Privacy"
    assert len(pack.lineage) == 3


def test_an_error_in_the_child_points_at_the_child(child):
    child.write_text(CHILD + "monitoring:\n  responsible: cheif\n", encoding="utf-8")
    [error] = validate(child)
    assert (Path(error.file), error.path, error.line) == (child, "monitoring.responsible", 9)


def test_an_error_in_an_inherited_value_points_at_the_parent(tmp_path):
    # Removing a role the parent's steps still name: the step is written in the parent.
    (tmp_path / "c.yaml").write_text("extends: lucas-county-cs\nroles:\n  cio: null\n", encoding="utf-8")
    errors = validate(tmp_path / "c.yaml")
    parent_file = shipped_packs()["lucas-county-cs"]
    parent_text = parent_file.read_text(encoding="utf-8").splitlines()
    assert errors and all(Path(e.file).resolve() == parent_file.resolve() for e in errors)
    assert errors[0].path == "approvals.account_request.steps[1].consults[1]"
    assert "cio" in parent_text[errors[0].line - 1]


def test_a_broken_parent_is_reported_in_the_parent(tmp_path):
    (tmp_path / "base.yaml").write_text("name: [broken\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    [error] = validate(tmp_path / "c.yaml")
    assert Path(error.file).name == "base.yaml" and "YAML syntax error" in error.message


def test_diff_between_two_shipped_packs_is_readable():
    changes = diff_packs(load_pack("la-county-cio"), load_pack("kentucky-cot"))
    assert changes
    kinds = {c.kind for c in changes}
    assert kinds == {"added", "removed", "changed"}
    assert Change("name", "changed", "la-county-cio", "kentucky-cot") in changes
    assert any(c.path == "review" and c.kind == "added" for c in changes)
    assert any(c.path == "links" and c.kind == "removed" for c in changes)
    for change in changes:
        line = str(change)
        assert "\n" not in line and len(line) < 260
        assert line.startswith(change.kind) and change.path in line


@pytest.mark.parametrize("old, new, expected", [
    ({"a": [1, 2, 3]}, {"a": [1, 9, 2, 3]}, [("a[1]", "added", None, 9)]),
    ({"a": [1, 2, 3]}, {"a": [1, 3]}, [("a[1]", "removed", 2, None)]),
    ({"s": [{"n": "x", "r": "pio"}]}, {"s": [{"n": "x", "r": "cio"}]}, [("s[0].r", "changed", "pio", "cio")]),
    ({"a": 1}, {"a": "1"}, [("a", "changed", 1, "1")]),
    ({"a": {"b": 1}}, {"a": {"b": 1}}, []),
])
def test_diff_data_reports_the_smallest_change(old, new, expected):
    assert [(c.path, c.kind, c.old, c.new) for c in diff_data(old, new)] == expected


def test_a_pack_has_no_diff_with_itself():
    assert diff_packs(load_pack("new-jersey"), load_pack("new-jersey")) == []


def test_a_long_text_change_comes_with_a_line_diff(child):
    change = diff_packs(load_pack("lucas-county-cs"), load_pack(child))[1]
    lines = change.text_diff()
    assert f"+{NEW_NOTICE}" in lines
    assert any(line.startswith("-Please help us by calling 419-213-CARE") for line in lines)
