from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from socialgov.agencies.models import Agency
from socialgov.core.personas import DEMO_PASSWORD, PERSONAS, build_agency, username
from socialgov.policies.packlib import load_pack, shipped_packs
from socialgov.policies.selectors import pack_in_force
from socialgov.policies.services import pack_adopt

# Short sign-in prefixes for the shipped packs' agencies.
PREFIXES = {"la-county-cio": "lac", "la-county-dcfs": "dcfs", "new-jersey": "nj",
            "lucas-county-cs": "lccs", "kentucky-cot": "ky"}


def _demo_modules() -> list:
    """Each socialgov app may add demo data with ``<app>.demo.build(agency=, pack=, prefix=)``;
    it must be idempotent."""
    names = [f"{app.name}.demo" for app in apps.get_app_configs() if app.name.startswith("socialgov.")]
    return [import_module(name) for name in names if find_spec(name) is not None]


class Command(BaseCommand):
    help = "Create one demo agency per shipped policy pack, with departments and one person per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never in production).")
        parser.add_argument("--quiet", action="store_true", help="Do not print the sign-ins.")

    def handle(self, *args, force: bool = False, quiet: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data has well-known passwords: refusing with DEBUG off (use --force to insist).")
        for name in sorted(shipped_packs()):
            pack = load_pack(name)
            prefix = PREFIXES.get(name, name[:6])
            agency = build_agency(name=pack.data.get("agency") or pack.title, slug=name, prefix=prefix)
            current = pack_in_force(agency)
            if current is None or current.pack_name != pack.name:
                pack_adopt(actor=None, agency=agency, pack=pack)
            for module in _demo_modules():
                module.build(agency=agency, pack=pack, prefix=prefix)
            if not quiet:
                self._print_signins(agency, prefix)
        if not quiet:
            self.stdout.write(f"\nEvery demo sign-in uses the password: {DEMO_PASSWORD}")

    def _print_signins(self, agency: Agency, prefix: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"\n{agency.name}"))
        for persona in PERSONAS:
            self.stdout.write(f"  {username(prefix, persona):34} {persona.role}")
