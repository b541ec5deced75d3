"""Policy packs: an agency's social media policy as versioned, validated YAML.

Pure Python (PyYAML and jsonschema only): no Django, no ORM, so packs can be
checked anywhere, including in CI and by agencies writing their own. The
format is documented in ``docs/policy-packs.md``.

    >>> from socialgov.policies.packlib import load_pack
    >>> pack = load_pack("lucas-county-cs")
    >>> pack.get("monitoring.schedule[0].min_checks_per_day")
    2
"""

from __future__ import annotations

from .diff import Change, diff_data, diff_packs
from .errors import PackError
from .loader import Pack, canonical_json, check, load_pack, render_pack, validate
from .resolution import PACKS_DIR, resolve, shipped_packs
from .schema import SCHEMA_FILE, load_schema
from .vocabulary import DAYS, DESIGNATION_KEYS, ROLE_KEYS, SUPPORTED_SCHEMA_VERSIONS
from .yamldoc import dump_yaml

__all__ = [
    "DAYS",
    "DESIGNATION_KEYS",
    "PACKS_DIR",
    "ROLE_KEYS",
    "SCHEMA_FILE",
    "SUPPORTED_SCHEMA_VERSIONS",
    "Change",
    "Pack",
    "PackError",
    "canonical_json",
    "check",
    "diff_data",
    "diff_packs",
    "dump_yaml",
    "load_pack",
    "load_schema",
    "render_pack",
    "resolve",
    "shipped_packs",
    "validate",
]
