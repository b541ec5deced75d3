"""What changed between two packs, path by path, in words people can review."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any, Literal

from .loader import Pack, canonical_json
from .paths import PathT, format_path

Kind = Literal["added", "removed", "changed"]
_MAX_VALUE = 100


@dataclass(frozen=True)
class Change:
    path: str
    kind: Kind
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        if self.kind == "added":
            return f"added   {self.path}: {_short(self.new)}"
        if self.kind == "removed":
            return f"removed {self.path}: {_short(self.old)}"
        return f"changed {self.path}: {_short(self.old)} -> {_short(self.new)}"

    def text_diff(self) -> list[str]:
        """Line-by-line diff of a changed text too long for one line; else []."""
        if self.kind != "changed" or not (isinstance(self.old, str) and isinstance(self.new, str)):
            return []
        if "\n" not in self.old + self.new and len(_short(self.old)) + len(_short(self.new)) < _MAX_VALUE:
            return []
        lines = difflib.unified_diff(self.old.splitlines(), self.new.splitlines(), lineterm="", n=1)
        return [line for line in lines if not line.startswith(("---", "+++"))]


def diff_packs(a: Pack, b: Pack) -> list[Change]:
    """Changes that turn pack ``a`` into pack ``b``, in document order."""
    return diff_data(a.data, b.data)


def diff_data(old: Any, new: Any, path: PathT = ()) -> list[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        return _diff_mappings(old, new, path)
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    if old == new and type(old) is type(new):
        return []
    return [Change(format_path(path), "changed", old, new)]


def _diff_mappings(old: dict[str, Any], new: dict[str, Any], path: PathT) -> list[Change]:
    changes: list[Change] = []
    for key in list(old) + [k for k in new if k not in old]:
        if key not in new:
            changes.append(Change(format_path(path + (key,)), "removed", old[key], None))
        elif key not in old:
            changes.append(Change(format_path(path + (key,)), "added", None, new[key]))
        else:
            changes.extend(diff_data(old[key], new[key], path + (key,)))
    return changes


def _diff_lists(old: list[Any], new: list[Any], path: PathT) -> list[Change]:
    # Match equal items first, so inserting one item reads as one addition
    # rather than as every later item having changed.
    matcher = difflib.SequenceMatcher(a=[canonical_json(x) for x in old],
                                      b=[canonical_json(x) for x in new], autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # Items replaced in place are compared field by field, so a step whose
        # role changed reads as that one change.
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            changes.extend(diff_data(old[i1 + offset], new[j1 + offset], path + (j1 + offset,)))
        changes.extend(Change(format_path(path + (i,)), "removed", old[i], None) for i in range(i1 + paired, i2))
        changes.extend(Change(format_path(path + (j,)), "added", None, new[j]) for j in range(j1 + paired, j2))
    return changes


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"
