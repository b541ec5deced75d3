"""Canonical JSON: ``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` in UTF-8.

What fingerprints and the transparency log's leaves are hashed over. Made by orjson, about ten times
faster and byte for byte the same for what they hold (strings, integers, booleans, null, lists,
objects with string keys; never floats, which the two write differently: ``1e-07`` against
``1e-7``); what orjson refuses (an integer beyond 64 bits, a type json does not know either) goes to
json, which gives the same bytes or the same refusal. ``archive/tests/test_canonical.py`` pins it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def canonical_json(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=_OPTIONS)
    except orjson.JSONEncodeError:
        return _JSON.encode(value).encode("utf-8")
