"""The monitoring schedule of each account, coverage, missed checks, and advertising incidents."""
from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "socialgov.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from datetime import timedelta

        from socialgov.core import periodic
        from socialgov.monitoring.panels import register_panels

        register_panels()
        periodic.register("monitoring.missed_checks_sweep", "socialgov.monitoring.tasks.missed_checks_sweep_task",
                          every=timedelta(minutes=15))
