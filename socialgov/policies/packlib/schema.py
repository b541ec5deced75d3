"""Checking a resolved pack against ``schema.json`` and saying what is wrong in plain words."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator

from .paths import PathT

SCHEMA_FILE = Path(__file__).resolve().parent / "schema.json"

# (path, message) pairs; the loader turns them into located PackErrors.
Problem = tuple[PathT, str]


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_problems(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for error in _validator().iter_errors(data):
        problems.extend(_explain(error))
    return problems


def _explain(error: jsonschema.ValidationError) -> Iterator[Problem]:
    path: PathT = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        yield from _unknown_keys(error, path)
    elif "propertyNames" in error.relative_schema_path:
        # The error sits on the mapping; the culprit is the key itself.
        yield path + (error.instance,), "key " + _message(error)
    elif error.validator == "required":
        yield path, error.message.replace("is a required property", "is required")
    else:
        yield path, _message(error)


def _unknown_keys(error: jsonschema.ValidationError, path: PathT) -> Iterator[Problem]:
    known = list(error.schema.get("properties", {}))
    for key in error.instance:
        if key not in known:
            hint = _did_you_mean(key, known)
            yield path + (key,), f"unknown key {key!r}{hint}"


def _message(error: jsonschema.ValidationError) -> str:
    instance, schema = error.instance, error.schema
    if error.validator == "enum":
        return _with_suggestion(error.message, error)
    if error.validator == "type" and instance is None:
        return f"empty value (null): expected {schema['type']}"
    if error.validator == "type" and schema.get("type") == "string" and not isinstance(instance, (dict, list)):
        return f"{error.message} (quote it in YAML to make it text)"
    if error.validator == "pattern":
        return f"{instance!r} is not valid: expected {schema.get('description', 'text matching ' + schema['pattern'])}"
    if error.validator == "format":
        return f"{instance!r} is not valid: expected {schema.get('description', error.validator_value)}"
    if error.validator == "const":
        return f"must be {error.validator_value!r}, not {instance!r}"
    return error.message


def _with_suggestion(message: str, error: jsonschema.ValidationError) -> str:
    choices = error.validator_value if error.validator == "enum" else error.schema.get("enum", [])
    if isinstance(error.instance, str) and choices:
        return message + _did_you_mean(error.instance, [str(c) for c in choices])
    return message


def _did_you_mean(word: str, choices: list[str]) -> str:
    scores = [(difflib.SequenceMatcher(None, word, c).ratio(), -i, c) for i, c in enumerate(choices)]
    best = max(scores, default=(0.0, 0, ""))
    # Ties go to the earlier choice: "munday" reads as monday, not sunday.
    return f" (did you mean {best[2]!r}?)" if best[0] >= 0.6 else ""


def schema_enum(def_name: str) -> list[Any]:
    """The enum of a ``$defs`` entry, e.g. ``schema_enum("role_key")``."""
    return list(load_schema()["$defs"][def_name]["enum"])
