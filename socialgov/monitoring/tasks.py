"""Background work of monitoring: thin and idempotent."""

from __future__ import annotations

from django_tasks import task


@task()
def missed_checks_sweep_task() -> list[int]:
    """Record missed monitoring and alert once per account-day (scheduled, e.g. hourly or nightly)."""
    from socialgov.monitoring.services import missed_checks_sweep

    return [m.pk for m in missed_checks_sweep()]
