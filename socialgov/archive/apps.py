from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "socialgov.archive"
    label = "archive"
    verbose_name = "Records archive"

    def ready(self) -> None:
        from datetime import timedelta

        from socialgov.archive.panels import register_panels
        from socialgov.core import periodic

        register_panels()
        periodic.register("archive.import_jobs_sweep", "socialgov.archive.tasks.import_jobs_sweep_task",
                          every=timedelta(minutes=5))
