from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from socialgov.core.audit import verify_chain


class Command(BaseCommand):
    help = ("Verify the integrity of stored records. 'verify audit' recomputes the audit trail's hash chain; "
            "'verify archive' re-hashes every blob, record version and log leaf and checks the signed tree head.")

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["audit", "archive"], help="What to verify.")

    def handle(self, *args, what: str, **options):
        if what == "archive":
            return self._archive()
        report = verify_chain()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(
                f"audit chain OK: {report.events_checked} events, head #{report.head_seq}"))
            return
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(str(problem)))
        raise CommandError(f"audit chain BROKEN: {len(report.problems)} problem(s) in "
                           f"{report.events_checked} events; first: {report.first_problem}")

    def _archive(self) -> None:
        from socialgov.archive.services import archive_verify

        report = archive_verify()
        counts = (f"{report.blobs} blobs, {report.versions} versions, {report.tombstones} tombstones, "
                  f"{report.leaves} log leaves, signed tree head of size {report.tree_size}")
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"archive OK: {counts}"))
            return
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(str(problem)))
        raise CommandError(f"archive BROKEN: {len(report.problems)} problem(s) in {counts}; "
                           f"first: {report.problems[0]}")
