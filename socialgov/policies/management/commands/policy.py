"""``manage.py policy validate|show|diff``: policy packs from the command line.

The work is done by ``socialgov.policies.packlib``; this only parses and prints.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialgov.policies.packlib import Pack, PackError, check, diff_packs, load_pack, render_pack, shipped_packs


class Command(BaseCommand):
    help = "Validate, show or compare policy packs (shipped pack names or YAML files)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{validate,show,diff}")
        validate = sub.add_parser("validate", help="Check packs; no PATH checks every shipped pack.")
        validate.add_argument("packs", nargs="*", metavar="PATH", help="pack name or YAML file")
        show = sub.add_parser("show", help="Print a pack as resolved (after extends), as YAML.")
        show.add_argument("pack", metavar="NAME", help="pack name or YAML file")
        diff = sub.add_parser("diff", help="List what changes from pack A to pack B.")
        diff.add_argument("a", metavar="A", help="pack name or YAML file")
        diff.add_argument("b", metavar="B", help="pack name or YAML file")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        {"validate": self.validate, "show": self.show, "diff": self.diff}[subcommand](**options)

    def validate(self, packs: list[str], **_: Any) -> None:
        failed = 0
        for target in packs or sorted(shipped_packs()):
            pack, errors = check(target)
            if pack is not None:
                self.stdout.write(f"OK  {pack.name} {pack.version}  {pack.file}")
            for error in errors:
                self.stdout.write(str(error))
            failed += bool(errors)
        if failed:
            raise CommandError(f"{failed} pack(s) have errors")

    def show(self, pack: str, **_: Any) -> None:
        self.stdout.write(render_pack(_load(pack)), ending="")

    def diff(self, a: str, b: str, **_: Any) -> None:
        old, new = _load(a), _load(b)
        changes = diff_packs(old, new)
        self.stdout.write(f"{old.name} {old.version} -> {new.name} {new.version}: {len(changes)} change(s)")
        for change in changes:
            self.stdout.write(str(change))
            for line in change.text_diff():
                self.stdout.write(f"    {line}")


def _load(target: str) -> Pack:
    try:
        return load_pack(target)
    except PackError as exc:
        raise CommandError(str(exc)) from None
