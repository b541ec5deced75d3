"""Every named page and endpoint appears in some app's permission matrix."""

from __future__ import annotations

import importlib

from django.urls import URLPattern, URLResolver, get_resolver

MATRIX_MODULES = ["socialgov.core.tests.test_matrix", "socialgov.agencies.tests.test_matrix",
                  "socialgov.policies.tests.test_matrix"]


def _names(patterns) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_url_is_in_a_permission_matrix():
    covered: set[str] = set()
    for module_name in MATRIX_MODULES:
        module = importlib.import_module(module_name)
        covered |= {row.name for row in getattr(module, "ROWS", []) + getattr(module, "API_ROWS", [])}
    missing = _names(get_resolver().url_patterns) - covered
    assert not missing, f"pages/endpoints with no permission-matrix row: {sorted(missing)}"
