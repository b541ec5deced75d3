"""The one error an import raises: it names the file, the item and the reason (DESIGN invariant 6)."""

from __future__ import annotations


class CaptureError(ValueError):
    """Bad input: a corrupt, truncated, hostile or unrecognised export.

    ``file`` is the file as the person knows it (a member of the archive, or the archive itself),
    ``item`` the item's id or index when known (empty otherwise), ``reason`` what is wrong, in
    words a records officer can act on. The message carries all three, so a log line or an
    import job's error field is enough to find the problem; no traceback is needed.
    """

    def __init__(self, file: str, reason: str, *, item: str | int | None = None) -> None:
        self.file = str(file)
        self.item = "" if item is None else str(item)
        self.reason = reason
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.file}, item {self.item}" if self.item else self.file
        return f"{where}: {self.reason}"
