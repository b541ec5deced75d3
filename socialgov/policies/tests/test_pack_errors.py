"""Broken packs: every problem is a PackError naming the file, the path and the line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from socialgov.policies.packlib import PackError, load_pack, validate

TINY = """\
schema_version: 1
name: tiny
version: "1"
title: Tiny
agency: Tiny Agency
source:
  title: Tiny policy
  issuer: Tiny Agency
roles:
  pio:
    label: PIO
    duties: Reviews posts.
approvals:
  post:
    steps:
      - name: pio_review
        role: pio
        purpose: Review the post.
"""

MONITORING = """\
monitoring:
  responsible: pio
  schedule:
    - days: [monday, tuesday]
      min_checks_per_day: 1
      description: Weekdays.
    - days: [saturday, tuesday]
      min_checks_per_day: 0
      description: Weekend.
"""


@dataclass(frozen=True)
class Broken:
    files: dict[str, str]   # file name -> text; the first one is validated
    file: str               # the file the error is in
    path: str
    line_of: str | None     # the error's line is the first line holding this text
    fragment: str


def tiny(old: str = "", new: str = "", extra: str = "") -> str:
    assert old in TINY
    return TINY.replace(old, new, 1) + extra


CASES = {
    "yaml syntax error": Broken(
        {"p.yaml": "schema_version: 1\nname: tiny\n  version: '1'\n"}, "p.yaml", "", "  version", "YAML syntax error"),
    "wrong type": Broken(
        {"p.yaml": tiny('version: "1"', "version: 1.0")}, "p.yaml", "version", "version: 1.0",
        "is not of type 'string'"),
    "unknown top-level key (typo)": Broken(
        {"p.yaml": tiny(extra="agnecy: Tiny\n")}, "p.yaml", "agnecy", "agnecy",
        "unknown key 'agnecy' (did you mean 'agency'?)"),
    "bad role in an approval step": Broken(
        {"p.yaml": tiny("role: pio", "role: cheif")}, "p.yaml", "approvals.post.steps[0].role", "role: cheif",
        "'cheif' is not one of"),
    "missing required field": Broken(
        {"p.yaml": tiny("agency: Tiny Agency\n")}, "p.yaml", "", "schema_version", "'agency' is required"),
    "unknown schema_version": Broken(
        {"p.yaml": tiny("schema_version: 1", "schema_version: 2")}, "p.yaml", "schema_version", "schema_version",
        "unsupported schema_version 2"),
    "missing schema_version": Broken(
        {"p.yaml": tiny("schema_version: 1\n")}, "p.yaml", "", "name: tiny", "schema_version is required"),
    "extends an unknown pack": Broken(
        {"p.yaml": "extends: la-county-nowhere\n"}, "p.yaml", "extends", "extends", "not a shipped pack"),
    "extends a missing file": Broken(
        {"p.yaml": "title: X\nextends: ./base.yaml\n"}, "p.yaml", "extends", "extends", "no such file"),
    "extends cycle": Broken(
        {"a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"}, "b.yaml", "extends", "extends",
        "extends cycle"),
    "extends itself": Broken(
        {"a.yaml": "extends: a.yaml\n"}, "a.yaml", "extends", "extends", "extends cycle"),
    "role used but not listed under roles": Broken(
        {"p.yaml": tiny("role: pio", "role: cio")}, "p.yaml", "approvals.post.steps[0].role", "role: cio",
        "role 'cio' is not listed under roles"),
    "designation used but not designated": Broken(
        {"p.yaml": tiny("role: pio", "designation: access_approver")}, "p.yaml",
        "approvals.post.steps[0].designation", "designation: access_approver", "not listed under designations"),
    "step names two approvers": Broken(
        {"p.yaml": tiny("role: pio", "role: pio\n        relation: supervisor")}, "p.yaml",
        "approvals.post.steps[0]", "- name: pio_review", "exactly one of role, designation or relation"),
    "duplicate step names": Broken(
        {"p.yaml": tiny(extra="    tasks:\n      - role: pio\n        name: pio_review\n        purpose: Publish.\n")},
        "p.yaml", "approvals.post.tasks[0].name", "        name: pio_review",
        "duplicate step name 'pio_review'"),
    "day name misspelt": Broken(
        {"p.yaml": tiny(extra=MONITORING.replace("[monday, tuesday]", "[munday, tuesday]"))}, "p.yaml",
        "monitoring.schedule[0].days[0]", "munday", "'munday' is not one of"),
    "day scheduled twice": Broken(
        {"p.yaml": tiny(extra=MONITORING)}, "p.yaml", "monitoring.schedule[1].days[1]", "[saturday, tuesday]",
        "'tuesday' is already scheduled"),
    "bad date": Broken(
        {"p.yaml": tiny(extra="review:\n  every_months: 24\n  last_reviewed: 2019-02-30\n")}, "p.yaml",
        "review.last_reviewed", "last_reviewed", "expected a date written YYYY-MM-DD"),
    "unknown key in a section": Broken(
        {"p.yaml": tiny("    duties: Reviews posts.", "    dutys: Reviews posts.")}, "p.yaml", "roles.pio.dutys",
        "dutys", "unknown key 'dutys' (did you mean 'duties'?)"),
    "unknown event": Broken(
        {"p.yaml": tiny(extra="notifications:\n  post_published:\n    notify: [pio]\n")}, "p.yaml",
        "notifications.post_published", "post_published", "is not one of"),
    "document is a list": Broken(
        {"p.yaml": "- a\n- b\n"}, "p.yaml", "", "- a", "a pack must be a mapping"),
    "empty file": Broken(
        {"p.yaml": ""}, "p.yaml", "", None, "got an empty file"),
    "duplicate key": Broken(
        {"p.yaml": tiny(extra="title: Again\n")}, "p.yaml", "title", "title: Again", "duplicate key 'title'"),
    "alias": Broken(
        {"p.yaml": tiny(extra="links: &l\n  allowed_domains: [x.gov]\nreview: *l\n")}, "p.yaml", "review",
        "review: *l", "aliases"),
    "key that YAML reads as a boolean": Broken(
        {"p.yaml": tiny(extra="on: true\n")}, "p.yaml", "", "on: true", "must be text"),
}


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / next(iter(files))


def line_of(text: str, needle: str | None) -> int | None:
    if needle is None:
        return 1
    before = text[: text.index(needle)]
    return before.count("\n") + 1


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_broken_pack_error_names_file_path_line_and_problem(tmp_path, case):
    entry = write(tmp_path, case.files)
    errors = validate(entry)
    assert errors, "the broken pack validated"
    matching = [e for e in errors if case.fragment in e.message]
    assert matching, [str(e) for e in errors]
    error = matching[0]
    assert Path(error.file).resolve() == (tmp_path / case.file).resolve()
    assert error.path == case.path
    assert error.line == line_of(case.files[case.file], case.line_of)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_load_pack_raises_the_first_error(tmp_path, case):
    entry = write(tmp_path, case.files)
    with pytest.raises(PackError) as caught:
        load_pack(entry)
    assert caught.value == validate(entry)[0]
    assert str(caught.value).startswith(caught.value.file)


def test_validate_reports_every_error_in_line_order(tmp_path):
    text = tiny("role: pio", "role: cheif", extra="agnecy: Tiny\n")
    text = text.replace('version: "1"', "version: 1.0")
    errors = validate(write(tmp_path, {"p.yaml": text}))
    assert [e.path for e in errors] == ["version", "approvals.post.steps[0].role", "agnecy"]
    assert [e.line for e in errors] == sorted(e.line for e in errors)


def test_a_wrong_role_is_reported_once(tmp_path):
    # The schema rejects the word; the "not listed under roles" check stays quiet about it.
    errors = validate(write(tmp_path, {"p.yaml": tiny("role: pio", "role: cheif")}))
    assert len(errors) == 1


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    errors = validate(tmp_path / "nowhere.yaml")
    assert [(e.path, e.line, e.message) for e in errors] == [("", None, "no such file")]


def test_an_unreadable_encoding_is_an_error(tmp_path):
    (tmp_path / "p.yaml").write_bytes(b"title: \xff\xfe\n")
    [error] = validate(tmp_path / "p.yaml")
    assert "cannot read" in error.message


# Each section that names a role, with `cio` (a real role key the tiny pack does not list).
UNLISTED_ROLE = {
    "designation": ("designations:\n  access_approver:\n    role: cio\n    per: department\n    holders: one\n"
                    "    description: Approves access.\n", "designations.access_approver.role"),
    "designated by": ("designations:\n  access_approver:\n    role: pio\n    designated_by: cio\n    per: department\n"
                      "    holders: one\n    description: Approves access.\n",
                      "designations.access_approver.designated_by"),
    "notification": ("notifications:\n  account_requested:\n    notify: [pio, cio]\n",
                     "notifications.account_requested.notify[1]"),
    "exception chain": ("exceptions:\n  routes:\n    general:\n      description: Any exception.\n      chain:\n"
                        "        - name: review\n          role: cio\n          purpose: Decide.\n",
                        "exceptions.routes.general.chain[0].role"),
    "exception notice": ("exceptions:\n  routes:\n    general:\n      description: Any exception.\n      chain:\n"
                         "        - name: review\n          role: pio\n          purpose: Decide.\n"
                         "      notify_on_grant: [cio]\n", "exceptions.routes.general.notify_on_grant[0]"),
    "monitoring": ("monitoring:\n  responsible: cio\n  schedule:\n    - days: [monday]\n      min_checks_per_day: 1\n"
                   "      description: Daily.\n", "monitoring.responsible"),
    "acknowledgement audience": ("acknowledgements:\n  - key: policy\n    title: Policy\n    documents: [Policy]\n"
                                 "    audience:\n      roles: [cio]\n      description: IT.\n",
                                 "acknowledgements[0].audience.roles[0]"),
    "spokespersons": ("spokespersons:\n  roles: [cio]\n  description: Speaks.\n", "spokespersons.roles[0]"),
}


@pytest.mark.parametrize("section, path", [(k, v[1]) for k, v in UNLISTED_ROLE.items()], ids=UNLISTED_ROLE.keys())
def test_every_role_reference_must_be_a_listed_role(tmp_path, section, path):
    text = tiny(extra=UNLISTED_ROLE[section][0])
    [error] = validate(write(tmp_path, {"p.yaml": text}))
    assert error.path == path
    assert error.message == "role 'cio' is not listed under roles: add it there or use one that is"
    assert "cio" in text.splitlines()[error.line - 1]


def test_consults_must_name_listed_roles(tmp_path):
    text = tiny("        role: pio\n", "        role: pio\n        consults: [cio]\n")
    [error] = validate(write(tmp_path, {"p.yaml": text}))
    assert error.path == "approvals.post.steps[0].consults[0]"


def _paths(value, path=()):
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        yield from _paths(item, path + (key,))


def test_any_wrong_value_anywhere_is_a_pack_error_never_a_traceback(tmp_path):
    import yaml

    data = yaml.safe_load(tiny(extra=MONITORING.replace("[saturday, tuesday]", "[saturday, sunday]")))
    assert validate(write(tmp_path, {"valid.yaml": yaml.safe_dump(data)})) == []
    target = tmp_path / "p.yaml"
    for path in list(_paths(data))[1:]:
        for wrong in (None, 7, "zz", [{"x": 1}], {"x": []}):
            mutated = yaml.safe_load(yaml.safe_dump(data))
            parent = mutated
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = wrong
            target.write_text(yaml.safe_dump(mutated), encoding="utf-8")
            errors = validate(target)
            assert all(isinstance(e, PackError) and e.message and e.line for e in errors), (path, wrong)
