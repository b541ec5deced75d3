"""``extends``: an agency adopts a pack and overrides what differs.

Mappings merge key by key; a list or a scalar in the child replaces the
parent's whole value; ``null`` removes the parent's key. Every resolved path
remembers the file and line it came from, so errors point at the right file.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import PackError, PackErrors
from .paths import PathT
from .yamldoc import Document, display_path, read_document

Origins = dict[PathT, tuple[str, int]]
PACKS_DIR = Path(__file__).resolve().parent.parent / "packs"


@dataclass(frozen=True)
class Resolved:
    """A pack with its ``extends`` chain applied."""

    file: str
    data: dict[str, Any]
    origins: Origins
    lineage: tuple[str, ...]  # this file first, then each file it extends

    def locate(self, path: PathT) -> tuple[str, int | None]:
        """File and line for a path, or for its nearest ancestor that was written down."""
        for i in range(len(path), -1, -1):
            if path[:i] in self.origins:
                return self.origins[path[:i]]
        return (self.file, None)


def shipped_packs() -> dict[str, Path]:
    """Shipped pack name -> file, for the packs that come with socialgov."""
    return {p.stem: p for p in sorted(PACKS_DIR.glob("*.yaml"))}


def resolve(name_or_path: str | Path) -> Path:
    """A shipped pack name or a file path -> the pack file; PackError when neither."""
    shipped = shipped_packs()
    text = str(name_or_path)
    if isinstance(name_or_path, str) and not _looks_like_path(text) and text in shipped:
        return shipped[text]
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate
    if _looks_like_path(text) or isinstance(name_or_path, Path):
        raise PackError(str(name_or_path), "", None, "no such file")
    names = ", ".join(shipped) or "none"
    raise PackError(str(name_or_path), "", None,
                    f"no shipped pack has this name and no such file exists (shipped packs: {names})")


def resolve_chain(path: Path) -> Resolved:
    """Read a pack and everything it extends; raise PackErrors on the first broken link."""
    return _resolve(path, ())


def _resolve(path: Path, chain: tuple[Path, ...]) -> Resolved:
    doc = read_document(path)
    origins = {p: (doc.file, line) for p, line in doc.lines.items()}
    own = Resolved(doc.file, doc.data, origins, (doc.file,))
    if "extends" not in doc.data:
        return own
    parent_path = _extends_target(doc, path, chain)
    parent = _resolve(parent_path, chain + (path.resolve(),))
    child_data = {k: v for k, v in doc.data.items() if k != "extends"}
    return Resolved(
        file=doc.file,
        data=deep_merge(parent.data, child_data),
        origins=_merge_origins(parent.origins, parent.data, child_data, origins),
        lineage=own.lineage + parent.lineage,
    )


def _extends_target(doc: Document, path: Path, chain: tuple[Path, ...]) -> Path:
    value = doc.data["extends"]
    line = doc.lines.get(("extends",))

    def fail(message: str) -> PackErrors:
        return PackErrors([PackError(doc.file, "extends", line, message)])

    if not isinstance(value, str) or not value.strip():
        raise fail("must name a shipped pack or a path to a pack file")
    target = _extends_path(value, path)
    if target is None:
        raise fail(f"{value!r} is not a shipped pack (shipped packs: {', '.join(shipped_packs())})")
    if not target.is_file():
        raise fail(f"{value!r}: no such file ({display_path(target)})")
    seen = chain + (path.resolve(),)
    if target.resolve() in seen:
        loop = [display_path(p) for p in seen[seen.index(target.resolve()):]] + [display_path(target)]
        raise fail("extends cycle: " + " -> ".join(loop))
    return target


def _extends_path(value: str, child: Path) -> Path | None:
    # A value that looks like a file is relative to the file that names it; any
    # other value names a shipped pack, so `extends: la-county-cio` always works.
    if _looks_like_path(value):
        return child.parent / value
    return shipped_packs().get(value)


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.endswith((".yaml", ".yml"))


def deep_merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(parent)
    for key, value in child.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _merge_origins(
    parent_origins: Origins, parent: dict[str, Any], child: dict[str, Any], child_origins: Origins
) -> Origins:
    replaced = set(_replaced_paths(parent, child, ()))
    kept = {p: o for p, o in parent_origins.items()
            if not any(p[:i] in replaced for i in range(1, len(p) + 1))}
    kept.update(child_origins)
    return kept


def _replaced_paths(parent: Any, child: dict[str, Any], path: PathT) -> Iterator[PathT]:
    for key, value in child.items():
        before = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(value, dict) and isinstance(before, dict):
            yield from _replaced_paths(before, value, path + (key,))
        else:
            yield path + (key,)
