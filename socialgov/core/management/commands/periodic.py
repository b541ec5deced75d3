from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from socialgov.core import periodic


class Command(BaseCommand):
    help = ("Enqueue the registered periodic tasks when they fall due (missed monitoring checks, "
            "interrupted imports). Runs until stopped; --once enqueues every one now and exits (for cron).")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="enqueue every periodic task once, then exit")
        parser.add_argument("--list", action="store_true", help="list the periodic tasks and how often they run")

    def handle(self, *args, once: bool, list: bool, **options):  # noqa: A002 - the option's name
        jobs = periodic.registered()
        if list:
            for job in jobs:
                self.stdout.write(f"{job.name}\tevery {job.every}")
            return
        schedule = periodic.Schedule(jobs, timezone.now())
        while True:
            for name in schedule.run_due(timezone.now()):
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(schedule.seconds_to_next(timezone.now()))
