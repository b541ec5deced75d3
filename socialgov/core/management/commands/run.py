from __future__ import annotations

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the background worker, the periodic scheduler and the web server (development quick start)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        worker = subprocess.Popen([sys.executable, "-m", "socialgov.cli", "db_worker"])
        self.stdout.write(f"background worker started (pid {worker.pid})")
        scheduler = subprocess.Popen([sys.executable, "-m", "socialgov.cli", "periodic"])
        self.stdout.write(f"periodic scheduler started (pid {scheduler.pid})")
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for process in (scheduler, worker):
                process.terminate()
                process.wait(timeout=10)
