"""Requirements traceability: REQUIREMENTS.md IDs -> the tests carrying them -> last outcome."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own test runner's output
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

_ROW = re.compile(r"^\|\s*([A-Z]+-\d+)\s*\|\s*(.+?)\s*\|\s*$")


@dataclass
class TestResult:
    name: str
    outcome: str  # passed | failed | skipped


@dataclass
class Requirement:
    id: str
    summary: str
    tests: list[TestResult] = field(default_factory=list)

    @property
    def proven(self) -> bool:
        return bool(self.tests) and all(t.outcome == "passed" for t in self.tests)


def catalogue_path() -> Path:
    shared = Path(settings.SHARED_DIR) / "REQUIREMENTS.md"
    return shared if shared.exists() else Path(settings.BASE_DIR) / "docs" / "REQUIREMENTS.md"


def load_catalogue(path: Path) -> list[Requirement]:
    rows = (_ROW.match(line) for line in path.read_text(encoding="utf-8").splitlines())
    return [Requirement(m.group(1), m.group(2)) for m in rows if m]


def load_results(junit_path: str | Path) -> dict[str, list[TestResult]] | None:
    """requirement id -> results, from the ``requirement`` properties the test suite records."""
    path = Path(junit_path)
    if not path.exists():
        return None
    results: dict[str, list[TestResult]] = {}
    for case in ET.parse(path).getroot().iter("testcase"):  # noqa: S314
        ids = [p.get("value") for p in case.iter("property") if p.get("name") == "requirement"]
        if not ids:
            continue
        outcome = "passed"
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        name = f"{case.get('classname')}::{case.get('name')}"
        for req_id in ids:
            results.setdefault(req_id, []).append(TestResult(name, outcome))
    return results


def trace(requirements: list[Requirement], results: dict[str, list[TestResult]] | None) -> list[Requirement]:
    for req in requirements:
        req.tests = sorted((results or {}).get(req.id, []), key=lambda t: t.name)
    return requirements
