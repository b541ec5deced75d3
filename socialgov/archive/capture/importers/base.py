"""The importer extension point: one export format in, a stream of ``ItemSnapshot`` out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from ..errors import CaptureError
from ..snapshot import CaptureSource, ItemSnapshot
from ..source import ArchiveSource

MAX_LISTED_SKIPS = 1000    # the summary lists this many skipped items; beyond, it only counts them


@dataclass(frozen=True)
class SkippedItem:
    file: str
    item: str
    reason: str


@dataclass
class ImportSummary:
    """What an import read, yielded and left out, and why: shown to the person on the import job."""

    importer: str
    files: list[str] = field(default_factory=list)
    items: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    deleted: int = 0
    media_present: int = 0
    media_missing: int = 0
    skipped_count: int = 0
    skipped_reasons: Counter[str] = field(default_factory=Counter)
    skipped: list[SkippedItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # e.g. a count that differs from the export's manifest

    def count(self, snapshot: ItemSnapshot) -> None:
        self.items += 1
        self.by_kind[str(snapshot.kind)] += 1
        self.deleted += snapshot.deleted
        present = sum(m.present for m in snapshot.media)
        self.media_present += present
        self.media_missing += len(snapshot.media) - present

    def skip(self, file: str, item: str | int, reason: str) -> None:
        self.skipped_count += 1
        self.skipped_reasons[reason] += 1
        if len(self.skipped) < MAX_LISTED_SKIPS:
            self.skipped.append(SkippedItem(file, str(item), reason))

    def read_file(self, file: str) -> None:
        if file not in self.files:
            self.files.append(file)

    def as_dict(self) -> dict[str, Any]:
        return {
            "importer": self.importer, "files": list(self.files), "items": self.items,
            "by_kind": dict(self.by_kind), "deleted": self.deleted,
            "media_present": self.media_present, "media_missing": self.media_missing,
            "skipped_count": self.skipped_count, "skipped_reasons": dict(self.skipped_reasons),
            "skipped": [vars(s) for s in self.skipped], "notes": list(self.notes),
        }


def utc_now() -> datetime:
    return datetime.now(UTC)


# Structure surprises inside one item: turned into a CaptureError that names file and item.
_STRUCTURE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class Importer(ABC):
    """Base class of the importers (the extension point for new export formats).

    A subclass reads one format and registers under ``name`` (see ``importers.register``):

    * ``sniff(source)`` looks at member names and the first bytes only, and returns how sure it
      is that the source is its format, 0 (no) to 100 (certain); ``detect`` picks the highest.
    * ``read(source)`` yields ``ItemSnapshot`` objects one at a time, in bounded memory, and
      records what it leaves out with ``self.summary.skip(file, item, reason)``. It raises
      ``CaptureError`` for bad input, naming the file and item; wrap the mapping of each item
      in ``with self.item(file, item):`` so that a surprise in its structure does the same.
    * Media bytes are never read eagerly: a ``MediaRef`` gets an opener over the source, which
      stays open for as long as the caller's ``ImportRun`` is open.

    ``version`` changes whenever the mapping of a payload to a snapshot changes, so the archive
    can tell which importer produced a record. Importers are pure Python: no Django, no ORM.
    """

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    platform: ClassVar[str] = ""
    version: ClassVar[str] = "1"

    def __init__(self, *, clock: Callable[[], datetime] = utc_now, account_id: str = "",
                 account_handle: str = "") -> None:
        self.clock = clock
        self.account_id = account_id        # the archived account, when the caller knows it better
        self.account_handle = account_handle
        self.summary = ImportSummary(self.name)
        self.capture_source = CaptureSource(self.name, self.version)

    @classmethod
    @abstractmethod
    def sniff(cls, source: ArchiveSource) -> int:
        """0..100: how sure this importer is that ``source`` is its format."""

    @abstractmethod
    def read(self, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        """Yield the snapshots of ``source``; subclasses implement this."""

    def snapshots(self, source: ArchiveSource) -> Iterator[ItemSnapshot]:
        """Yield the snapshots of ``source``, counting them into ``self.summary``."""
        self.summary = ImportSummary(self.name)
        self.capture_source = CaptureSource(self.name, self.version, source.name)
        try:
            for snapshot in self.read(source):
                self.summary.count(snapshot)
                yield snapshot
        except CaptureError:
            raise
        except _STRUCTURE_ERRORS as exc:
            raise CaptureError(source.name, f"unexpected structure: {_describe(exc)}") from None

    @contextmanager
    def item(self, file: str, item: str | int) -> Iterator[None]:
        """Map one item: a missing key or a wrong type becomes a CaptureError naming file and item."""
        try:
            yield
        except CaptureError:
            raise
        except _STRUCTURE_ERRORS as exc:
            raise CaptureError(file, f"unexpected structure: {_describe(exc)}", item=item) from None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return f"{type(exc).__name__}: {exc}"
