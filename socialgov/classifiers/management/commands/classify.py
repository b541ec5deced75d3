"""``socialgov classify INPUT [-o OUTPUT] [--pack NAME]``: run the classifiers over a file.

Thin over ``socialgov.classifiers``: reads records (JSON Lines or CSV, see
``socialgov.classifiers.records``), classifies them in streamed batches and
writes one JSON line per record. Bad input lines are reported on stderr with
their line number; the good ones are still classified, and the command then
exits with status 1.
"""

from __future__ import annotations

import contextlib
import sys
from collections import deque
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialgov.classifiers import (
    ClassifierConfigError,
    Context,
    Finding,
    Registry,
    context_for,
    registry_for,
    section_problems,
)
from socialgov.classifiers.records import FORMATS, InputError, InputRecord, format_for, read_records, result_line


class Command(BaseCommand):
    help = "Classify texts from a JSON Lines or CSV file (id, text) and write JSON Lines findings."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", metavar="INPUT", help="a .jsonl or .csv file, or - for standard input")
        parser.add_argument("-o", "--output", metavar="OUTPUT", help="write here instead of standard output")
        parser.add_argument("--pack", metavar="NAME", help="policy pack (name or YAML file) whose settings apply")
        parser.add_argument("--format", choices=FORMATS, help="input format (default: by extension, else sniffed)")

    def handle(self, *args: Any, input: str, output: str | None, pack: str | None, format: str | None,
               **options: Any) -> None:
        registry, context = _setup(pack)
        self.bad_lines = 0
        with _open_input(input) as stream, _open_output(output, self.stdout) as out:
            first = stream.peek(1024).split(b"\n", 1)[0] if hasattr(stream, "peek") else b"{"
            fmt = format or format_for(input, first)
            records = self._good_records(read_records(stream, fmt))
            for record, findings in _classified(records, registry, context):
                out.write(result_line(record.id, findings) + "\n")
        if self.bad_lines:
            raise CommandError(f"{self.bad_lines} input line(s) rejected; the others were classified", returncode=1)

    def _good_records(self, items: Iterator[InputRecord | InputError]) -> Iterator[InputRecord]:
        for item in items:
            if isinstance(item, InputError):
                self.bad_lines += 1
                self.stderr.write(str(item))
            else:
                yield item


def _classified(records: Iterator[InputRecord], registry: Registry, context: Context
                ) -> Iterator[tuple[InputRecord, list[Finding]]]:
    pending: deque[InputRecord] = deque()  # the records of the batch being classified: bounded memory

    def texts() -> Iterator[str]:
        for record in records:
            pending.append(record)
            yield record.text

    for findings in registry.classify_many(texts(), context):
        yield pending.popleft(), findings


def _setup(pack_name: str | None) -> tuple[Registry, Context]:
    if pack_name is None:
        return Registry(), Context()
    from socialgov.policies.packlib import PackError, load_pack  # pure Python, no ORM

    try:
        pack = load_pack(pack_name)
    except PackError as exc:
        raise CommandError(str(exc)) from None
    section = pack.data.get("classifiers")
    problems = section_problems(section)
    if problems:
        raise CommandError(f"{pack.name}: " + "; ".join(problems))
    try:
        return registry_for(section), context_for(pack.data)
    except ClassifierConfigError as exc:
        raise CommandError(f"{pack.name}: {exc}") from None


@contextlib.contextmanager
def _open_input(name: str) -> Iterator[BinaryIO]:
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        stream = open(name, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CommandError(f"cannot read {name}: {exc.strerror}") from None
    with stream:
        yield stream


@contextlib.contextmanager
def _open_output(name: str | None, stdout: Any) -> Iterator[TextIO]:
    if name is None:
        yield _Lines(stdout)
        return
    try:
        stream = open(name, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CommandError(f"cannot write {name}: {exc.strerror}") from None
    with stream:
        yield stream


class _Lines:
    """Django's stdout wrapper adds its own newline; hand it text as is."""

    def __init__(self, wrapper: Any) -> None:
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")
