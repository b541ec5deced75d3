"""Work that must happen on a clock (missed-check sweeps, interrupted-import sweeps).

Apps register a background task with how often it is due; ``socialgov periodic`` enqueues each
when it falls due, so the work itself runs in the ordinary task worker with its retries and logs.
Every registered task must be safe to run twice (each sweep records what it found once), so a
restart, a second scheduler or a cron job calling ``socialgov periodic --once`` does no harm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Any                 # a django-tasks Task (has .enqueue()), or its dotted path
    every: timedelta

    def enqueue(self) -> None:
        # A dotted path is imported only now: importing a task module while apps load would bind
        # the task backend before settings (e.g. the test settings) are final.
        (import_string(self.task) if isinstance(self.task, str) else self.task).enqueue()


_JOBS: dict[str, Periodic] = {}


def register(name: str, task, *, every: timedelta) -> None:
    """Register ``task`` (a Task or, from ``AppConfig.ready``, its dotted path) to run every ``every``."""
    if every <= timedelta(0):
        raise ValueError(f"periodic job {name!r}: 'every' must be positive, not {every}")
    _JOBS[name] = Periodic(name, task, every)


def registered() -> list[Periodic]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


class Schedule:
    """When each job is next due; every job is due at once when the scheduler starts."""

    def __init__(self, jobs: list[Periodic], start: datetime) -> None:
        self.jobs = jobs
        self.due = {job.name: start for job in jobs}

    def run_due(self, now: datetime) -> list[str]:
        """Enqueue every job due at ``now``; returns their names."""
        ran = []
        for job in self.jobs:
            if self.due[job.name] <= now:
                job.enqueue()
                self.due[job.name] = now + job.every
                ran.append(job.name)
        return ran

    def seconds_to_next(self, now: datetime) -> float:
        return max(0.0, min((due - now).total_seconds() for due in self.due.values())) if self.due else 60.0
