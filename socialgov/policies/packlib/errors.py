"""The one error type of the pack library: every problem names a place."""

from __future__ import annotations


class PackError(Exception):
    """A problem in a policy pack, located by file, document path and line.

    ``path`` is the place inside the document (``approvals.post.steps[1].role``,
    or ``""`` for the whole document); ``line`` is 1-based, or None when the
    problem has no line (a missing file).
    """

    def __init__(self, file: str, path: str, line: int | None, message: str) -> None:
        super().__init__(file, path, line, message)
        self.file = file
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.path:
            return f"{where}: {self.path}: {self.message}"
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"PackError({self.file!r}, {self.path!r}, {self.line!r}, {self.message!r})"

    # Errors are values: the same problem found twice is one problem.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, PackError) and self.args == other.args

    def __hash__(self) -> int:
        return hash(self.args)


class PackErrors(Exception):
    """Internal: a stage that cannot go on (broken YAML, bad ``extends``)."""

    def __init__(self, errors: list[PackError]) -> None:
        super().__init__(errors)
        self.errors = errors
