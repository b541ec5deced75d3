"""``socialgov monitoring sweep``: record the account-days that ended without the checks the
schedule requires (LCCS-07, NJ-11) and alert the responsible people and the agency head, once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from socialgov.agencies.models import Agency
from socialgov.monitoring.services import missed_checks_sweep


class Command(BaseCommand):
    help = "Monitoring: sweep (record missed checks and alert the responsible people and the agency head)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sweep = sub.add_parser("sweep", help="Record days that ended missed and alert, once per account-day.")
        sweep.add_argument("--agency", help="Only this agency (its slug).")
        sweep.add_argument("--days", type=int, default=14, help="How many past days to look at (default 14).")

    def handle(self, *args, action: str, **options):
        if action == "sweep":
            agency = None
            if options.get("agency"):
                agency = Agency.objects.filter(slug=options["agency"]).first()
                if agency is None:
                    raise CommandError(f"No agency with the slug {options['agency']!r}.")
            if options["days"] < 1:
                raise CommandError("--days must be at least 1.")
            missed = missed_checks_sweep(agency=agency, days_back=options["days"])
            if not missed:
                self.stdout.write("No newly missed monitoring.")
            for m in missed:
                self.stdout.write(f"{m.account.agency.slug}: {m.account.name} missed on {m.day} "
                                  f"({m.found} of {m.expected}); alerted {len(m.alerted)} people.")
