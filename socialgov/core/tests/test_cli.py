"""The ``socialgov`` command line: demo data, requirements traceability, the console script."""

from __future__ import annotations

import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from socialgov.agencies.models import Agency, Person
from socialgov.core.audit import verify_chain
from socialgov.policies.packlib import shipped_packs
from socialgov.policies.selectors import pack_in_force

JUNIT = """<?xml version="1.0"?><testsuites><testsuite name="pytest">
<testcase classname="a.test_x" name="test_one"><properties><property name="requirement" value="NJ-05"/></properties>
</testcase>
<testcase classname="a.test_x" name="test_two"><properties><property name="requirement" value="NJ-06"/></properties>
<failure message="boom"/></testcase>
</testsuite></testsuites>"""


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_requirements_lists_each_id_with_its_tests_and_last_outcome(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text(JUNIT)
    output = _run("requirements", "--junit", str(junit))
    lines = output.splitlines()
    assert any("proven" in line and "NJ-05" in line for line in lines)
    assert any("open" in line and "NJ-06" in line for line in lines)  # its test failed
    assert "failed  a.test_x::test_two" in output
    catalogue = Path(__file__).resolve().parents[3] / "docs" / "REQUIREMENTS.md"
    total = sum(1 for line in catalogue.read_text().splitlines() if line.startswith("| ") and "-" in line[2:8])
    assert lines[-1] == f"1 of {total} requirements proven"


def test_requirements_reads_the_projects_copy_without_shared(tmp_path, settings):
    settings.SHARED_DIR = tmp_path / "absent"
    output = _run("requirements", "--junit", str(tmp_path / "none.xml"))
    assert "docs/REQUIREMENTS.md" in output and "last test run: none found" in output
    assert output.splitlines()[-1].startswith("0 of ")


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_creates_one_agency_per_pack_and_is_idempotent():
    _run("demo", "--quiet")
    counts = (Agency.objects.count(), Person.objects.count())
    _run("demo", "--quiet")
    assert (Agency.objects.count(), Person.objects.count()) == counts
    for name in shipped_packs():
        agency = Agency.objects.get(slug=name)
        assert pack_in_force(agency).pack_name == name
        assert agency.people.count() == 15
    assert verify_chain().ok


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_demo_refuses_outside_debug():
    with pytest.raises(CommandError, match="well-known passwords"):
        _run("demo", "--quiet")


def test_console_script_runs_management_commands():
    script = shutil.which("socialgov", path=str(Path(__file__).resolve().parents[3] / ".venv" / "bin"))
    assert script, "the socialgov console script is installed with the package"
    result = subprocess.run([script, "help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    for command in ("verify", "requirements", "demo", "policy", "run"):
        assert command in result.stdout
