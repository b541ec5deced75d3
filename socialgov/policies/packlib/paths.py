"""Paths inside a pack document: ``("approvals", "post", "steps", 1)`` <->
``approvals.post.steps[1]``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

PathT = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TOKEN = re.compile(r"\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")
_MISSING = object()


def format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            out += f".{part}" if out else part
        else:
            # Keys with dots or spaces stay unambiguous when quoted.
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out += f"['{escaped}']"
    return out


def parse_path(dotted: str) -> PathT:
    parts: list[str | int] = []
    pos = 0
    while pos < len(dotted):
        match = _TOKEN.match(dotted, pos)
        if not match or match.end() == pos:
            raise ValueError(f"not a pack path: {dotted!r}")
        key, index, quoted = match.groups()
        if index is not None:
            parts.append(int(index))
        elif quoted is not None:
            parts.append(re.sub(r"\\(.)", r"\1", quoted))
        else:
            # "steps.1" reads as an index too, the way people write it.
            parts.append(int(key) if key.isdigit() else key)
        pos = match.end()
    return tuple(parts)


def lookup(data: Any, path: PathT, default: Any = None) -> Any:
    node = data
    for part in path:
        node = _step(node, part)
        if node is _MISSING:
            return default
    return node


def _step(node: Any, part: str | int) -> Any:
    if isinstance(node, Mapping):
        return node.get(part, _MISSING)
    if isinstance(node, Sequence) and not isinstance(node, str) and isinstance(part, int):
        return node[part] if -len(node) <= part < len(node) else _MISSING
    return _MISSING


def prefixes(path: PathT) -> list[PathT]:
    """The path and each of its ancestors, longest first, ending at the root."""
    return [path[:i] for i in range(len(path), -1, -1)]
