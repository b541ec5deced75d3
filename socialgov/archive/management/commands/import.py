"""``socialgov import --account ID PATH``: read a platform export into an account's records.

Re-running the same command after a crash or a kill resumes after the last committed batch;
re-running it after success changes nothing (every item is found unchanged).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from socialgov.accounts.models import Account
from socialgov.archive.capture import CaptureError, available
from socialgov.archive.services import import_job_resumable, import_job_run
from socialgov.archive.services.ingest import OUTCOMES


class Command(BaseCommand):
    help = "Import a platform export (file, folder or zip) into a registered account's records."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export: a zip, a folder, or a single file.")
        parser.add_argument("--account", type=int, required=True, help="The id of the registered account.")
        parser.add_argument("--format", choices=available(), help="The export's format (detected when omitted).")
        parser.add_argument("--batch-size", type=int, default=None,
                            help="Items committed together (default: ARCHIVE_IMPORT_BATCH_SIZE).")

    def handle(self, *args, path: str, account: int, format: str | None, batch_size: int | None, **options):
        found = Account.objects.filter(pk=account).first()
        if found is None:
            raise CommandError(f"no account with id {account}")
        try:
            job = import_job_resumable(account=found, path=path, format=format)
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc}") from exc
        if job.position:
            self.stdout.write(f"Resuming import #{job.pk} after item {job.position} ({job.last_item_id}).")
        job = self._run(job, batch_size)
        self._summary(job)

    def _run(self, job, batch_size):
        console = Console(file=self.stderr._out, width=max(Console().width, 120))
        columns = (SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[counts]}"), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=False) as bar:
            name = Path(job.source_name).name
            task = bar.add_task(f"Importing {name}", total=None, completed=job.position, counts="")
            totals: Counter[str] = Counter()

            def advance(items: int, counts: Counter[str]) -> None:
                totals.update(counts)
                bar.update(task, advance=items, counts=", ".join(f"{k.replace('_', ' ')} {totals[k]}"
                                                                 for k in OUTCOMES))
            try:
                return import_job_run(job=job, progress=advance, batch_size=batch_size)
            except CaptureError as exc:
                where = f"file {exc.file}" + (f", item {exc.item}" if exc.item else "")
                raise CommandError(f"import failed at {where}: {exc.reason}. Nothing of the failing batch "
                                   f"was stored; {job.position} items before it were.") from exc
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc

    def _summary(self, job) -> None:
        counters = job.counters
        self.stdout.write(self.style.SUCCESS(
            f"Import #{job.pk} finished: {job.position} items read from {job.source_name} ({job.format})."))
        for name in (*OUTCOMES, "skipped"):
            self.stdout.write(f"  {name.replace('_', ' '):>13}: {counters[name]}")
        for reason, count in sorted(job.skipped_reasons.items()):
            self.stdout.write(f"    skipped {count}: {reason}")
