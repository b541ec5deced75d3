"""The periodic scheduler: sweeps are enqueued when due, once per interval, and cron can run them once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from socialgov.core import periodic

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class FakeTask:
    def __init__(self) -> None:
        self.enqueued = 0

    def enqueue(self) -> None:
        self.enqueued += 1


def test_each_job_is_enqueued_at_start_and_then_once_per_interval():
    fast, slow = FakeTask(), FakeTask()
    schedule = periodic.Schedule([periodic.Periodic("fast", fast, timedelta(minutes=5)),
                                  periodic.Periodic("slow", slow, timedelta(hours=1))], START)
    assert schedule.run_due(START) == ["fast", "slow"]
    assert schedule.run_due(START + timedelta(minutes=4)) == []
    assert schedule.seconds_to_next(START + timedelta(minutes=4)) == 60
    for minute in range(5, 61, 5):
        schedule.run_due(START + timedelta(minutes=minute))
    assert (fast.enqueued, slow.enqueued) == (13, 2)


def test_a_job_must_have_a_positive_interval():
    with pytest.raises(ValueError, match="'every' must be positive"):
        periodic.register("never", FakeTask(), every=timedelta(0))


def test_the_sweeps_are_registered(capsys):
    call_command("periodic", "--list")
    out = capsys.readouterr().out
    assert "archive.import_jobs_sweep\tevery 0:05:00" in out
    assert "monitoring.missed_checks_sweep\tevery 0:15:00" in out


def test_once_enqueues_every_registered_job_then_exits(monkeypatch, capsys):
    tasks = {job.name: FakeTask() for job in periodic.registered()}
    monkeypatch.setattr(periodic, "_JOBS", {name: periodic.Periodic(name, task, timedelta(minutes=5))
                                            for name, task in tasks.items()})
    call_command("periodic", "--once")
    assert {name: task.enqueued for name, task in tasks.items()} == {name: 1 for name in tasks}
    assert "enqueued monitoring.missed_checks_sweep" in capsys.readouterr().out


def test_a_job_registered_by_dotted_path_is_imported_only_when_enqueued(monkeypatch):
    task = FakeTask()
    monkeypatch.setattr("socialgov.core.tests.test_periodic.LAZY", task, raising=False)
    job = periodic.Periodic("lazy", "socialgov.core.tests.test_periodic.LAZY", timedelta(minutes=1))
    periodic.Schedule([job], START).run_due(START)
    assert task.enqueued == 1
