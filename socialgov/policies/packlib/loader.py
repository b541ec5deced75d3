"""Loading a policy pack: read, apply ``extends``, validate, and freeze it.

Every failure becomes a PackError naming file, path and line; nothing escapes
as a traceback, because packs are written by people who need to fix them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PackError, PackErrors
from .paths import PathT, format_path, lookup, parse_path
from .resolution import Resolved, resolve, resolve_chain
from .schema import schema_problems
from .semantic import semantic_problems
from .vocabulary import SUPPORTED_SCHEMA_VERSIONS
from .yamldoc import dump_yaml


@dataclass(frozen=True)
class Pack:
    """A validated, fully resolved policy pack.

    ``data`` is plain JSON-like data; treat it as read-only. ``sha256`` is the
    hash of its canonical JSON, so the app can record exactly which content
    was in force.
    """

    name: str
    version: str
    title: str
    source: dict[str, Any]
    data: dict[str, Any] = field(repr=False)
    file: str
    sha256: str
    lineage: tuple[str, ...] = ()  # this file, then each file it extends

    def get(self, dotted_path: str, default: Any = None) -> Any:
        """``pack.get("texts.disclaimer.text")``, ``pack.get("approvals.post.steps[0].role")``."""
        return lookup(self.data, parse_path(dotted_path), default)

    @property
    def citation(self) -> str:
        seed = self.source.get("seed")
        return f"{self.source['title']} ({self.source['issuer']})" + (f", seed {seed}" if seed else "")


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def check(path_or_name: str | Path) -> tuple[Pack | None, list[PackError]]:
    """The pack and no errors, or None and every error found, in file and line order."""
    try:
        resolved = resolve_chain(resolve(path_or_name))
    except PackError as exc:
        return None, [exc]
    except PackErrors as exc:
        return None, exc.errors
    errors = _problems(resolved)
    if errors:
        return None, errors
    return _freeze(resolved), []


def validate(path_or_name: str | Path) -> list[PackError]:
    """Every problem in a pack; an empty list means it is valid."""
    return check(path_or_name)[1]


def load_pack(path_or_name: str | Path) -> Pack:
    """The validated pack; raises the first PackError when there is any."""
    pack, errors = check(path_or_name)
    if errors:
        raise errors[0]
    assert pack is not None
    return pack


def _problems(resolved: Resolved) -> list[PackError]:
    version_error = _schema_version_problem(resolved)
    if version_error:
        # Another format version may mean anything; checking it against v1 would only mislead.
        return [version_error]
    problems = schema_problems(resolved.data) + semantic_problems(resolved.data)
    errors = {_located(resolved, path, message) for path, message in problems}
    order = {file: i for i, file in enumerate(resolved.lineage)}
    return sorted(errors, key=lambda e: (order.get(e.file, len(order)), e.line or 0, e.path, e.message))


def _schema_version_problem(resolved: Resolved) -> PackError | None:
    version = resolved.data.get("schema_version")
    supported = ", ".join(str(v) for v in SUPPORTED_SCHEMA_VERSIONS)
    if version is None:
        return _located(resolved, (), f"schema_version is required (this socialgov reads {supported})")
    if isinstance(version, bool) or version not in SUPPORTED_SCHEMA_VERSIONS:
        return _located(resolved, ("schema_version",),
                        f"unsupported schema_version {version!r}: this socialgov reads schema_version {supported}")
    return None


def _located(resolved: Resolved, path: PathT, message: str) -> PackError:
    file, line = resolved.locate(path)
    return PackError(file, format_path(path), line, message)


def _freeze(resolved: Resolved) -> Pack:
    data = resolved.data
    return Pack(
        name=data["name"],
        version=data["version"],
        title=data["title"],
        source=data["source"],
        data=data,
        file=resolved.file,
        sha256=hashlib.sha256(canonical_json(data)).hexdigest(),
        lineage=resolved.lineage,
    )


def render_pack(pack: Pack) -> str:
    """The resolved pack as YAML, headed by what identifies it."""
    header = [
        f"# {pack.name} {pack.version}  sha256:{pack.sha256}",
        "# resolved from: " + " <- ".join(pack.lineage),
    ]
    return "\n".join(header) + "\n" + dump_yaml(pack.data)
