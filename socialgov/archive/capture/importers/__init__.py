"""The importer registry: format name -> importer class, loaded lazily by dotted path.

Third-party packages add formats through the ``socialgov.importers`` entry-point group
(``name = "package.module:ImporterClass"``) or by calling ``register`` at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from ..errors import CaptureError
from ..snapshot import ItemSnapshot
from ..source import DEFAULT_LIMITS, ArchiveLimits, ArchiveSource, open_source
from .base import Importer, ImportSummary, SkippedItem

__all__ = ["Importer", "ImportRun", "ImportSummary", "SkippedItem", "available", "detect", "detect_source",
           "get", "open_import", "register"]

_HERE = __name__
_REGISTRY: dict[str, str | type[Importer]] = {
    "x-archive": f"{_HERE}.x_archive.XArchiveImporter",
    "mastodon-archive": f"{_HERE}.mastodon_archive.MastodonArchiveImporter",
    "bluesky-car": f"{_HERE}.bluesky_car.BlueskyCarImporter",
    "facebook-dyi": f"{_HERE}.meta_dyi.FacebookDyiImporter",
    "instagram-export": f"{_HERE}.meta_dyi.InstagramExportImporter",
    "mastodon-api": f"{_HERE}.mastodon_api.MastodonApiImporter",
    "x-api-v2": f"{_HERE}.x_api.XApiV2Importer",
    "facebook-graph": f"{_HERE}.graph_api.FacebookGraphImporter",
    "instagram-graph": f"{_HERE}.graph_api.InstagramGraphImporter",
    "youtube-api": f"{_HERE}.youtube_api.YouTubeApiImporter",
    "bluesky-xrpc": f"{_HERE}.bluesky_xrpc.BlueskyXrpcImporter",
}
_entry_points_loaded = False


def register(name: str, importer: str | type[Importer]) -> None:
    """Add or replace a format: a dotted path ``"pkg.module.Class"`` (loaded on first use) or a class."""
    _REGISTRY[name] = importer


def _load_entry_points() -> None:
    global _entry_points_loaded
    if not _entry_points_loaded:
        _entry_points_loaded = True
        for ep in entry_points(group="socialgov.importers"):
            _REGISTRY.setdefault(ep.name, ep.value.replace(":", "."))


def available() -> list[str]:
    _load_entry_points()
    return sorted(_REGISTRY)


def get(name: str) -> type[Importer]:
    _load_entry_points()
    try:
        target = _REGISTRY[name]
    except KeyError:
        raise CaptureError(name, f"no importer named {name!r}; known: {', '.join(available())}") from None
    if isinstance(target, str):
        module, _, attr = target.rpartition(".")
        target = _REGISTRY[name] = getattr(import_module(module), attr)
    return target


def detect_source(source: ArchiveSource) -> type[Importer]:
    """The importer most sure of ``source``; a CaptureError when none is, or two are equally sure."""
    scores = sorted(((get(name).sniff(source), name) for name in available()), reverse=True)
    best, name = scores[0]
    if best <= 0:
        raise CaptureError(source.name, "not a recognised export or API payload; known formats: "
                                        + ", ".join(available()))
    if len(scores) > 1 and scores[1][0] == best:
        raise CaptureError(source.name, f"ambiguous: looks like both {name} and {scores[1][1]}; name the format")
    return get(name)


def export_root(path: str | os.PathLike[str]) -> str | os.PathLike[str]:
    """The export's own folder when someone points at the folder inside it that holds the files:
    an X archive unpacked is ``<root>/data/tweets.js``, and people naturally pick ``data/``."""
    folder = Path(path)
    if folder.is_dir() and folder.name == "data" and any((folder / n).is_file() for n in ("manifest.js", "tweets.js")):
        return folder.parent
    return path


def detect(path: str | os.PathLike[str], limits: ArchiveLimits = DEFAULT_LIMITS) -> str:
    """The format name of the file, folder or zip at ``path``."""
    with open_source(export_root(path), limits) as source:
        return detect_source(source).name


class ImportRun:
    """An open import: iterate it for snapshots; ``summary`` fills in as it goes.

    Media openers read from the open archive, so use them before the ``with`` block ends.
    """

    def __init__(self, source: ArchiveSource, importer: Importer) -> None:
        self.source, self.importer = source, importer

    @property
    def format(self) -> str:
        return self.importer.name

    @property
    def summary(self) -> ImportSummary:
        return self.importer.summary

    def __iter__(self) -> Iterator[ItemSnapshot]:
        return self.importer.snapshots(self.source)


@contextmanager
def open_import(path: str | os.PathLike[str], *, format: str | None = None,
                limits: ArchiveLimits = DEFAULT_LIMITS, **options: Any) -> Iterator[ImportRun]:
    """Open ``path`` (folder, zip or file), pick its importer (or ``format``), and keep it open.

    ``options`` go to the importer: ``clock``, ``account_id``, ``account_handle``.
    """
    with open_source(export_root(path), limits) as source:
        importer_class = get(format) if format else detect_source(source)
        yield ImportRun(source, importer_class(**options))
