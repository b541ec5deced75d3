"""Every named page and endpoint appears in some app's permission matrix
(``ROWS`` / ``API_ROWS`` of any ``socialgov/<app>/tests/test_matrix*.py``)."""

from __future__ import annotations

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

PACKAGE = Path(__file__).resolve().parents[2]


def _matrix_modules() -> list:
    files = sorted(PACKAGE.glob("**/tests/test_matrix*.py"))
    names = [".".join(("socialgov", *f.relative_to(PACKAGE).with_suffix("").parts)) for f in files]
    return [importlib.import_module(n) for n in names if not n.endswith("test_matrix_coverage")]


def _names(patterns) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_url_is_in_a_permission_matrix():
    covered = {row.name for module in _matrix_modules()
               for row in getattr(module, "ROWS", []) + getattr(module, "API_ROWS", [])}
    missing = _names(get_resolver().url_patterns) - covered
    assert not missing, f"pages/endpoints with no permission-matrix row: {sorted(missing)}"


def test_matrix_modules_are_found():
    found = {m.__name__ for m in _matrix_modules()}
    assert {"socialgov.core.tests.test_matrix", "socialgov.agencies.tests.test_matrix"} <= found
