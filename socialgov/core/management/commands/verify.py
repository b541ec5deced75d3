from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from socialgov.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the integrity of stored records. 'verify audit' recomputes the audit trail's hash chain."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["audit"], help="What to verify.")

    def handle(self, *args, what: str, **options):
        report = verify_chain()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(
                f"audit chain OK: {report.events_checked} events, head #{report.head_seq}"))
            return
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(str(problem)))
        raise CommandError(f"audit chain BROKEN: {len(report.problems)} problem(s) in "
                           f"{report.events_checked} events; first: {report.first_problem}")
