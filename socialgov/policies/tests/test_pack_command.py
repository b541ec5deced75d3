"""``manage.py policy validate|show|diff`` prints what the library finds."""

from __future__ import annotations

from io import StringIO

import pytest

django = pytest.importorskip("django")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402

from socialgov.policies.management.commands.policy import Command  # noqa: E402
from socialgov.policies.packlib import shipped_packs  # noqa: E402

if not settings.configured:
    # Run without the project (pytest -p no:django): the command needs no apps or database.
    settings.configure()


def run(*args: str) -> str:
    out = StringIO()
    call_command(Command(), *args, stdout=out)
    return out.getvalue()


def test_validate_with_no_paths_checks_every_shipped_pack():
    lines = run("validate").splitlines()
    assert len(lines) == len(shipped_packs())
    assert all(line.startswith("OK  ") for line in lines)
    assert any(" la-county-cio 1.0.0 " in line for line in lines)


def test_validate_prints_each_error_and_fails(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntitel: x\n", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="1 pack"):
        call_command(Command(), "validate", str(bad), "kentucky-cot", stdout=out)
    lines = out.getvalue().splitlines()
    assert f"{bad}:2: titel: unknown key 'titel' (did you mean 'title'?)" in lines
    assert any(line.startswith("OK  kentucky-cot") for line in lines)


def test_show_prints_the_resolved_pack_as_yaml(tmp_path):
    child = tmp_path / "c.yaml"
    child.write_text("extends: kentucky-cot\nreview:\n  every_months: 12\n", encoding="utf-8")
    out = run("show", str(child))
    assert out.startswith("# kentucky-cot 1.0.0  sha256:")
    assert "\nreview:\n  every_months: 12\n  maintained_by: COT's Office of Contracts and Privacy\n" in out
    assert "extends" not in out.split("\n", 2)[2]


def test_show_writes_verbatim_texts_as_blocks():
    out = run("show", "lucas-county-cs")
    assert "  comment_notice:\n    text: |-\n      The safety of children is our paramount concern." in out


def test_show_an_unknown_pack_is_a_command_error():
    with pytest.raises(CommandError, match="no shipped pack has this name"):
        run("show", "la-county-nowhere")


def test_diff_lists_changes_by_path(tmp_path):
    child = tmp_path / "c.yaml"
    child.write_text("extends: la-county-cio\nlinks:\n  allowed_domains: [lacounty.gov, dcfs.lacounty.gov]\n",
                     encoding="utf-8")
    lines = run("diff", "la-county-cio", str(child)).splitlines()
    assert lines == [
        "la-county-cio 1.0.0 -> la-county-cio 1.0.0: 1 change(s)",
        'added   links.allowed_domains[1]: "dcfs.lacounty.gov"',
    ]


def test_diff_of_two_shipped_packs_exits_zero():
    out = run("diff", "new-jersey", "lucas-county-cs")
    assert "changed name: \"new-jersey\" -> \"lucas-county-cs\"" in out
    assert "removed request_fields:" in out

