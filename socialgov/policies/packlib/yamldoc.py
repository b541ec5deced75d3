"""Reading a pack's YAML with the line of every node, and writing it back.

The document is composed to a node tree first, so each value's line is known
before it becomes Python data: errors can then say where a value is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import PackError, PackErrors
from .paths import PathT, format_path

Lines = dict[PathT, int]


_ALIAS_TAG = "tag:socialgov,2025:alias"


class _PackLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text and marks aliases where they are written.

    Dates such as ``2012-12-31`` stay ISO strings, so a pack is plain JSON data:
    it can be hashed, validated (``format: date``) and diffed without surprises.
    """

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        # PyYAML hands back the anchored node for an alias, losing where the alias
        # is written; a marker node keeps that place so the error can point at it.
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            return yaml.ScalarNode(_ALIAS_TAG, event.anchor, event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


_NO_TIMESTAMPS = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.yaml_implicit_resolvers = _NO_TIMESTAMPS

if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's parser, several times faster; aliases come back as shared nodes."""

    _FastLoader.yaml_implicit_resolvers = _NO_TIMESTAMPS
    _LOADERS: tuple[type, ...] = (_FastLoader, _PackLoader)
else:  # pragma: no cover - PyYAML built without libyaml
    _LOADERS = (_PackLoader,)


@dataclass(frozen=True)
class Document:
    """One pack file as written: its data and the line of each path in it."""

    file: str
    data: dict[str, Any]
    lines: Lines


def read_document(path: Path) -> Document:
    """Parse one pack file; raise PackErrors naming file and line on any problem."""
    file = display_path(path)
    text = _read_text(path, file)
    node = _compose(text, file)
    lines: Lines = {}
    errors: list[PackError] = []
    _walk(node, (), lines, errors, file)
    if errors:
        raise PackErrors(errors)
    data = _construct(node, file)
    if not isinstance(data, dict):
        kind = "an empty file" if data is None else f"a {_kind(data)}"
        raise PackErrors([PackError(file, "", 1, f"a pack must be a mapping of keys to values, got {kind}")])
    return Document(file, data, lines)


def display_path(path: Path) -> str:
    """The path as people want to read it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_text(path: Path, file: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackErrors([PackError(file, "", None, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackErrors([PackError(file, "", None, f"cannot read the file: {exc}")]) from None


def _compose(text: str, file: str) -> yaml.Node | None:
    # The pure-Python composer knows where each alias is written and words errors
    # the same everywhere; it re-reads whatever the fast one did not take cleanly.
    for loader in _LOADERS[:-1]:
        try:
            node = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            continue
        if not _has_shared_nodes(node):
            return node
    try:
        return yaml.compose(text, Loader=_PackLoader)
    except yaml.MarkedYAMLError as exc:
        raise PackErrors([_syntax_error(exc, file)]) from None
    except yaml.YAMLError as exc:
        raise PackErrors([PackError(file, "", None, f"YAML syntax error: {exc}")]) from None


def _has_shared_nodes(node: yaml.Node | None) -> bool:
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(item for pair in current.value for item in pair)
    return False


def _construct(node: yaml.Node | None, file: str) -> Any:
    if node is None:
        return None
    try:
        return _PackLoader("").construct_document(node)
    except yaml.YAMLError as exc:  # e.g. a bad !!tag found only while constructing
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise PackErrors([PackError(file, "", line, f"YAML error: {exc}")]) from None


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> PackError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or "invalid YAML"
    context = ""
    if exc.context and exc.context_mark:
        context = f" ({exc.context} started on line {exc.context_mark.line + 1})"
    elif exc.context:
        context = f" ({exc.context})"
    return PackError(file, "", line, f"YAML syntax error: {problem}{context}")


def _walk(node: yaml.Node | None, path: PathT, lines: Lines, errors: list[PackError], file: str) -> None:
    if node is None:
        return
    lines.setdefault(path, node.start_mark.line + 1)
    if node.tag == _ALIAS_TAG:
        # A pack should read on its own, line by line, and diff the same way.
        errors.append(PackError(file, format_path(path), node.start_mark.line + 1,
                                f"YAML aliases (*{node.value}) are not allowed in packs: write the value out"))
    elif isinstance(node, yaml.MappingNode):
        _walk_mapping(node, path, lines, errors, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, errors, file)


def _walk_mapping(node: yaml.MappingNode, path: PathT, lines: Lines, errors: list[PackError], file: str) -> None:
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = _key_text(key_node)
        if key is None:
            errors.append(PackError(file, format_path(path), line, _bad_key_message(key_node)))
            continue
        if key in first_line:
            errors.append(PackError(file, format_path(path + (key,)), line,
                                    f"duplicate key {key!r} (first written on line {first_line[key]})"))
            continue
        first_line[key] = line
        lines[path + (key,)] = line  # the key's line is where people look for a value
        _walk(value_node, path + (key,), lines, errors, file)


def _key_text(key_node: yaml.Node) -> str | None:
    if not isinstance(key_node, yaml.ScalarNode):
        return None
    if key_node.tag == "tag:yaml.org,2002:str":
        return key_node.value
    # Unquoted keys such as `on` or `1` resolve to booleans or numbers in YAML 1.1,
    # and `<<` merge keys need aliases, which packs do not use.
    return None


def _bad_key_message(key_node: yaml.Node) -> str:
    if key_node.tag == "tag:yaml.org,2002:merge":
        return "YAML merge keys (<<) are not allowed in packs: write the keys out"
    if isinstance(key_node, yaml.ScalarNode):
        return f"key {key_node.value!r} must be text: quote it"
    return "a key must be plain text, not a list or mapping"


def _kind(value: Any) -> str:
    names = {list: "list", str: "text", int: "number", float: "number", bool: "boolean"}
    return names.get(type(value), type(value).__name__)


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line text as ``|`` blocks so shown packs stay readable."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_BlockDumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)
