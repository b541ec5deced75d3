"""Read an export — a folder, a zip or a single file — without trusting it.

Nothing is extracted to disk: zip members are read through ``zipfile`` streams. Before any
member is read, the whole central directory is checked: names that escape the archive
(``../``, absolute paths, drive letters), symbolic links, encryption, unsupported compression,
duplicate names, and the zip-bomb limits (total uncompressed size, per-member compression
ratio, member count). ``zipfile`` never returns more bytes than a member's declared size, so
checking declared sizes up front bounds what reading can produce.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from .errors import CaptureError

KiB, MiB, GiB = 1 << 10, 1 << 20, 1 << 30


@dataclass(frozen=True)
class ArchiveLimits:
    """Zip-bomb and size limits; the defaults fit a large agency's multi-year X archive with video."""

    max_total_bytes: int = 64 * GiB      # sum of uncompressed member sizes
    max_members: int = 500_000
    max_ratio: float = 100.0             # uncompressed / compressed, per member ...
    ratio_floor_bytes: int = 1 * MiB     # ... for members bigger than this (tiny files compress oddly)
    max_document_bytes: int = 256 * MiB  # a JSON/YAML document read whole (API pages, actor.json)


DEFAULT_LIMITS = ArchiveLimits()

_ALLOWED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


def safe_member_name(name: str, *, file: str) -> str:
    """The archive-relative POSIX path for ``name``; raises if it would leave the archive."""
    posix = name.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    if posix.startswith("/") or (parts and len(parts[0]) == 2 and parts[0][1] == ":"):
        raise CaptureError(file, f"the archive holds an absolute path: {name!r}", item=name)
    if ".." in parts:
        raise CaptureError(file, f"the archive holds a path escaping it: {name!r}", item=name)
    return "/".join(p for p in parts if p not in ("", "."))


def resolve_reference(reference: str, *, base: str = "", file: str, item: str = "") -> str:
    """An archive member path for a path a payload refers to (Mastodon's ``/media_attachments/...``).

    A leading slash means the archive root, never the host's file system. ``..`` that climbs
    above the archive root is refused.
    """
    joined = PurePosixPath(base, reference.lstrip("/")) if base else PurePosixPath(reference.lstrip("/"))
    stack: list[str] = []
    for part in joined.parts:
        if part == "..":
            if not stack:
                raise CaptureError(file, f"a media path escapes the archive: {reference!r}", item=item)
            stack.pop()
        elif part not in ("", "."):
            stack.append(part)
    return "/".join(stack)


class ArchiveSource:
    """What an importer reads: named members, opened as binary streams."""

    name: str = ""          # the archive or file as given, for messages
    limits: ArchiveLimits = DEFAULT_LIMITS

    def names(self) -> Iterator[str]:
        raise NotImplementedError

    def exists(self, member: str) -> bool:
        raise NotImplementedError

    def size(self, member: str) -> int:
        raise NotImplementedError

    def open(self, member: str) -> IO[bytes]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the archive; media openers stop working after this."""

    def __enter__(self) -> ArchiveSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- shared helpers ---------------------------------------------------------------------

    def head(self, member: str, size: int = 4096) -> bytes:
        with self.open(member) as stream:
            return stream.read(size)

    def read(self, member: str) -> bytes:
        """A whole member, refused above ``limits.max_document_bytes``."""
        if self.size(member) > self.limits.max_document_bytes:
            raise CaptureError(member, f"larger than {self.limits.max_document_bytes} bytes: too large to read whole")
        with self.open(member) as stream:
            return stream.read()

    def find(self, suffix: str) -> str | None:
        """The shortest member path equal to ``suffix`` or ending in ``/suffix`` (archives re-zipped in a folder)."""
        matches = [n for n in self.names() if n == suffix or n.endswith("/" + suffix)]
        return min(matches, key=len) if matches else None


class FileSource(ArchiveSource):
    """A single file: a ``tweets.js``, a CAR, an API page, a cassette."""

    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.path, self.name, self.limits = path, path.name, limits

    def names(self) -> Iterator[str]:
        yield self.path.name

    def exists(self, member: str) -> bool:
        return member == self.path.name

    def size(self, member: str) -> int:
        return self.path.stat().st_size

    def open(self, member: str) -> IO[bytes]:
        if member != self.path.name:
            raise CaptureError(self.name, f"no member {member!r} in a single-file source")
        return self.path.open("rb")


class FolderSource(ArchiveSource):
    """An unpacked export. Symbolic links are followed only when they stay inside the folder."""

    def __init__(self, root: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.root, self.name, self.limits = root.resolve(), root.name, limits

    def names(self) -> Iterator[str]:
        for dirpath, dirnames, filenames in os.walk(self.root):
            for entry in dirnames + filenames:
                self._check_link(Path(dirpath, entry))
            for filename in sorted(filenames):
                yield Path(dirpath, filename).relative_to(self.root).as_posix()
            dirnames.sort()

    def _check_link(self, path: Path) -> None:
        if path.is_symlink() and not path.resolve().is_relative_to(self.root):
            member = path.relative_to(self.root).as_posix()
            raise CaptureError(self.name, f"a symbolic link points outside the archive: {member!r}", item=member)

    def _path(self, member: str) -> Path:
        path = self.root / safe_member_name(member, file=self.name)
        if not path.resolve().is_relative_to(self.root):
            raise CaptureError(self.name, f"{member!r} resolves outside the archive", item=member)
        return path

    def exists(self, member: str) -> bool:
        return self._path(member).is_file()

    def size(self, member: str) -> int:
        return self._path(member).stat().st_size

    def open(self, member: str) -> IO[bytes]:
        try:
            return self._path(member).open("rb")
        except OSError as exc:
            raise CaptureError(member, f"cannot be read: {exc.strerror}") from None


class ZipSource(ArchiveSource):
    """A zip read in place; the central directory is checked before any member is read."""

    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.path, self.name, self.limits = path, path.name, limits
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise CaptureError(self.name, f"not a readable zip archive ({exc})") from None
        try:
            self._members = self._check(self._zip.infolist())
        except CaptureError:
            self._zip.close()
            raise

    def _check(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        if len(infos) > self.limits.max_members:
            raise CaptureError(self.name, f"{len(infos)} members: more than the limit of {self.limits.max_members}")
        total, members = 0, {}
        for info in infos:
            member = safe_member_name(info.filename, file=self.name)
            self._check_member(info, member)
            if info.is_dir():
                continue
            if member in members:
                raise CaptureError(self.name, f"the archive holds {member!r} twice", item=member)
            total += info.file_size
            if total > self.limits.max_total_bytes:
                raise CaptureError(self.name, f"uncompressed size exceeds the limit of {self.limits.max_total_bytes} "
                                              "bytes (zip bomb?)")
            members[member] = info
        return members

    def _check_member(self, info: zipfile.ZipInfo, member: str) -> None:
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise CaptureError(self.name, f"the archive holds a symbolic link: {member!r}", item=member)
        if info.flag_bits & 0x1:
            raise CaptureError(self.name, f"{member!r} is encrypted", item=member)
        if info.compress_type not in _ALLOWED_COMPRESSION:
            # bzip2/lzma decompress without an output bound in zipfile: refuse rather than risk a bomb.
            raise CaptureError(self.name, f"{member!r} uses unsupported compression method {info.compress_type}",
                               item=member)
        if info.file_size > self.limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > self.limits.max_ratio:
                raise CaptureError(self.name, f"{member!r} expands {ratio:.0f}:1, more than the limit of "
                                              f"{self.limits.max_ratio:.0f}:1 (zip bomb?)", item=member)

    def names(self) -> Iterator[str]:
        yield from self._members

    def exists(self, member: str) -> bool:
        return member in self._members

    def size(self, member: str) -> int:
        return self._info(member).file_size

    def _info(self, member: str) -> zipfile.ZipInfo:
        try:
            return self._members[member]
        except KeyError:
            raise CaptureError(self.name, f"no member {member!r}", item=member) from None

    def open(self, member: str) -> IO[bytes]:
        try:
            return _GuardedStream(self._zip.open(self._info(member)), f"{self.name}:{member}")
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise CaptureError(f"{self.name}:{member}", f"cannot be read ({exc})") from None

    def close(self) -> None:
        self._zip.close()


class _GuardedStream:
    """A member stream whose read errors (bad CRC, corrupt deflate data) become CaptureErrors."""

    def __init__(self, stream: IO[bytes], file: str) -> None:
        self._stream, self._file = stream, file

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise CaptureError(self._file, f"corrupt data in the archive ({exc})") from None

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _GuardedStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(path: str | os.PathLike[str], limits: ArchiveLimits = DEFAULT_LIMITS) -> ArchiveSource:
    """A folder, a zip (by content, not by name) or a single file."""
    target = Path(path)
    if target.is_symlink() and target.is_dir():
        raise CaptureError(target.name, "the archive folder is a symbolic link")
    if target.is_dir():
        return FolderSource(target, limits)
    if not target.is_file():
        raise CaptureError(target.name, "no such file or folder")
    if zipfile.is_zipfile(target) or target.suffix.lower() == ".zip":
        return ZipSource(target, limits)
    return FileSource(target, limits)
