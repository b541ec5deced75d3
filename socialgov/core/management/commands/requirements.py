from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from socialgov.core.traceability import catalogue_path, load_catalogue, load_results, trace


class Command(BaseCommand):
    help = "Each requirement of REQUIREMENTS.md with the tests that carry it and whether they passed last run."

    def add_arguments(self, parser):
        parser.add_argument("--junit", default=str(settings.JUNIT_XML), help="JUnit XML of the last test run.")
        parser.add_argument("--missing", action="store_true", help="List only requirements not yet proven.")

    def handle(self, *args, junit: str, missing: bool, **options):
        source = catalogue_path()
        requirements = load_catalogue(source)
        results = load_results(junit)
        rows = trace(requirements, results)
        self.stdout.write(f"requirements: {source}\nlast test run: {junit if results is not None else 'none found'}\n")
        for row in rows:
            if missing and row.proven:
                continue
            mark = self.style.SUCCESS("proven ") if row.proven else self.style.WARNING("open   ")
            self.stdout.write(f"{mark} {row.id:8} {row.summary[:70]}")
            for test in row.tests:
                self.stdout.write(f"           {test.outcome:7} {test.name}")
        proven = sum(row.proven for row in rows)
        self.stdout.write(f"\n{proven} of {len(rows)} requirements proven")
