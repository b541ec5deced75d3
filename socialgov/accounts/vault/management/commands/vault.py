"""``socialgov vault genkey|rotate|check``: the vault's keys (see docs/vault.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from socialgov.accounts.vault.keyring import generate_key, keyring
from socialgov.accounts.vault.selectors import keys_check
from socialgov.accounts.vault.services import keys_rotate


class Command(BaseCommand):
    help = ("The credential vault's keys. 'genkey' prints a new key; 'rotate' re-encrypts every stored "
            "credential under the newest key in VAULT_KEYS; 'check' opens every one and says which key it uses.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["genkey", "rotate", "check"])
        parser.add_argument("--batch-size", type=int, default=500, help="rotate: versions per transaction.")
        parser.add_argument("--summary", action="store_true", help="check: totals only, not one line per version.")

    def handle(self, *args, action: str, batch_size: int, summary: bool, **options):
        if action == "genkey":
            self.stdout.write(generate_key())
        elif action == "rotate":
            self._rotate(batch_size)
        else:
            self._check(summary)

    def _rotate(self, batch_size: int) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        counts = keys_rotate(actor=None, batch_size=batch_size)
        self.stdout.write(f"newest key {keyring().primary_id}: {counts['rotated']} re-encrypted, "
                          f"{counts['already_newest']} already on it, {counts['unreadable']} unreadable "
                          f"(of {counts['checked']} stored versions).")
        if counts["unreadable"]:
            raise CommandError(f"{counts['unreadable']} stored version(s) open with no configured key and were left "
                               "as they are: run `socialgov vault check` to name them.")

    def _check(self, summary: bool) -> None:
        report, ring = keys_check(), keyring()
        if not summary:
            for line in report.lines:
                self.stdout.write(line)
        for problem in report.unreadable:
            self.stdout.write(self.style.ERROR(problem))
        for position, ident in enumerate(ring.key_ids, 1):
            role = "newest, encrypts" if position == 1 else f"older key #{position}, decrypts only"
            self.stdout.write(f"key {ident} ({role}): {report.by_key.get(ident, 0)} version(s)")
        if not report.ok:
            raise CommandError(f"{len(report.unreadable)} of {report.checked} stored version(s) cannot be decrypted "
                               "(tampered with, moved to another record, or under a key no longer configured).")
        older = report.checked - report.by_key.get(ring.primary_id, 0)
        advice = f"; {older} on an older key: run `socialgov vault rotate`" if older else ""
        self.stdout.write(self.style.SUCCESS(f"vault OK: {report.checked} stored version(s) decrypt{advice}."))
