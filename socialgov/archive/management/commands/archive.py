"""``socialgov archive sweep-jobs``: housekeeping of the records archive.

``sweep-jobs`` marks failed every import left "running" by a killed process (no committed batch
for ``ARCHIVE_IMPORT_STALE_AFTER`` seconds), so it can be resumed from its checkpoint.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from socialgov.archive.services.jobs import import_jobs_sweep, stale_after


class Command(BaseCommand):
    help = "Records archive housekeeping: sweep-jobs (fail imports interrupted by a killed process)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("sweep-jobs", help="Mark failed the running imports with no progress for "
                                          "ARCHIVE_IMPORT_STALE_AFTER seconds, so they can be resumed.")

    def handle(self, *args, action: str, **options):
        if action == "sweep-jobs":
            swept = import_jobs_sweep()
            if not swept:
                self.stdout.write(f"No running import has been without progress for more than {stale_after()}.")
            for job in swept:
                self.stdout.write(f"Import #{job.pk} ({job.source_name}) marked failed: {job.error}")
