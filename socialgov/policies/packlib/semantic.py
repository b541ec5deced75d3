"""Checks the schema cannot express: references between parts of a pack.

Role and designation references are found by walking the data alongside the
schema, so a section added to the schema later is checked with no change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .paths import PathT
from .schema import Problem, load_schema
from .vocabulary import DESIGNATION_KEYS, ROLE_KEYS

_REF_DEFS = {"#/$defs/role_ref": "role", "#/$defs/designation_ref": "designation"}
_WHO = ("role", "designation", "relation")
Reference = tuple[PathT, str, Any]  # (path, "role" | "designation", value)


def semantic_problems(data: dict[str, Any]) -> list[Problem]:
    problems = list(_undeclared_references(data))
    problems += list(_step_problems(data))
    problems += list(_duplicate_days(data))
    problems += list(_duplicate_keys(data))
    problems += list(_moderation_classifier_problems(data))
    problems += list(_moderation_label_problems(data))
    return problems


def references(data: Any) -> Iterator[Reference]:
    """Every (path, "role" | "designation", value) the schema marks as a reference."""
    schema = load_schema()
    yield from _walk(data, schema, schema, ())


def _walk(value: Any, node: dict[str, Any], root: dict[str, Any], path: PathT) -> Iterator[Reference]:
    ref = node.get("$ref")
    if ref in _REF_DEFS:
        yield path, _REF_DEFS[ref], value
        return
    if ref:
        yield from _walk(value, _definition(root, ref), root, path)
    if isinstance(value, dict):
        yield from _walk_mapping(value, node, root, path)
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for index, item in enumerate(value):
            yield from _walk(item, node["items"], root, path + (index,))


def _walk_mapping(
    value: dict[str, Any], node: dict[str, Any], root: dict[str, Any], path: PathT
) -> Iterator[Reference]:
    properties = node.get("properties", {})
    extra = node.get("additionalProperties")
    for key, item in value.items():
        sub = properties.get(key, extra if isinstance(extra, dict) else None)
        if sub is not None:
            yield from _walk(item, sub, root, path + (key,))


def _definition(root: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _undeclared_references(data: dict[str, Any]) -> Iterator[Problem]:
    declared = {"role": _keys(data.get("roles")), "designation": _keys(data.get("designations"))}
    known = {"role": ROLE_KEYS, "designation": DESIGNATION_KEYS}
    section = {"role": "roles", "designation": "designations"}
    for path, kind, value in references(data):
        # An unknown word is the schema's to report; here only real but undeclared ones.
        if value in known[kind] and value not in declared[kind]:
            yield path, f"{kind} {value!r} is not listed under {section[kind]}: add it there or use one that is"


def _keys(section: Any) -> set[str]:
    return set(section) if isinstance(section, dict) else set()


Chain = tuple[PathT, list[Any]]


def _chain_groups(data: dict[str, Any]) -> Iterator[list[Chain]]:
    """Lists of steps that share one namespace of step names.

    An approval's steps and its tasks form one group; each exception route's
    chain is its own group.
    """
    for name, approval in _items(data.get("approvals")):
        if isinstance(approval, dict):
            yield [(("approvals", name, part), approval[part])
                   for part in ("steps", "tasks") if isinstance(approval.get(part), list)]
    exceptions = data.get("exceptions")
    routes = exceptions.get("routes") if isinstance(exceptions, dict) else None
    for kind, route in _items(routes):
        if isinstance(route, dict) and isinstance(route.get("chain"), list):
            yield [(("exceptions", "routes", kind, "chain"), route["chain"])]


def _items(section: Any) -> list[tuple[str, Any]]:
    return list(section.items()) if isinstance(section, dict) else []


def _step_problems(data: dict[str, Any]) -> Iterator[Problem]:
    for group in _chain_groups(data):
        seen: set[str] = set()
        for path, steps in group:
            for index, step in enumerate(steps):
                if not isinstance(step, dict):
                    continue
                yield from _who_problem(path + (index,), step)
                name = step.get("name")
                if isinstance(name, str) and name in seen:
                    message = f"duplicate step name {name!r}: each step in a chain needs its own name"
                    yield path + (index, "name"), message
                elif isinstance(name, str):
                    seen.add(name)


def _who_problem(path: PathT, step: dict[str, Any]) -> Iterator[Problem]:
    named = [k for k in _WHO if k in step]
    if len(named) != 1:
        found = " and ".join(named) if named else "none"
        yield path, f"a step names exactly one of role, designation or relation (found {found})"


def _duplicate_days(data: dict[str, Any]) -> Iterator[Problem]:
    monitoring = data.get("monitoring")
    schedule = monitoring.get("schedule") if isinstance(monitoring, dict) else None
    first: dict[str, int] = {}
    for index, slot in enumerate(schedule if isinstance(schedule, list) else []):
        days = slot.get("days") if isinstance(slot, dict) else None
        for day_index, day in enumerate(days if isinstance(days, list) else []):
            if isinstance(day, str) and day in first and first[day] != index:
                yield (("monitoring", "schedule", index, "days", day_index),
                       f"{day!r} is already scheduled in monitoring.schedule[{first[day]}]")
            elif isinstance(day, str):
                first.setdefault(day, index)


def _duplicate_keys(data: dict[str, Any]) -> Iterator[Problem]:
    """Lists whose items are named by a key must not repeat a key."""
    request_fields = data.get("request_fields")
    fields = request_fields.get("fields") if isinstance(request_fields, dict) else None
    yield from _repeated(("request_fields", "fields"), fields, "key")
    yield from _repeated(("acknowledgements",), data.get("acknowledgements"), "key")


def _repeated(path: PathT, items: Any, field: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, item in enumerate(items if isinstance(items, list) else []):
        value = item.get(field) if isinstance(item, dict) else None
        if isinstance(value, str) and value in seen:
            yield path + (index, field), f"duplicate {field} {value!r}"
        elif isinstance(value, str):
            seen.add(value)


def _moderation_classifier_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """moderation.classifiers: names from the classifier registry, usable options (socialgov.classifiers)."""
    moderation = data.get("moderation")
    section = moderation.get("classifiers") if isinstance(moderation, dict) else None
    if not isinstance(section, dict):
        return
    from socialgov.classifiers import section_problems

    for problem in section_problems(section):
        where, _, message = problem.partition(": ")
        yield ("moderation", *where.split(".")), message


def _moderation_label_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """moderation.no_case_when_alone: labels the built-in classifiers give (a plugin's own labels are
    accepted when the pack declares classifier plugins)."""
    moderation = data.get("moderation")
    labels = moderation.get("no_case_when_alone") if isinstance(moderation, dict) else None
    if not isinstance(labels, list) or (moderation.get("classifiers") or {}).get("plugins"):
        return
    from socialgov.classifiers import LABELS

    for index, label in enumerate(labels):
        if isinstance(label, str) and label not in LABELS:
            yield ("moderation", "no_case_when_alone", index), (
                f"unknown classifier label {label!r}; known labels: {', '.join(sorted(LABELS))}")
