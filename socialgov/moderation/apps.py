"""Comment moderation: cases from classifier findings, the queue, decisions, removals that preserve first."""
from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "socialgov.moderation"
    label = "moderation"
    verbose_name = "Comment moderation"

    def ready(self) -> None:
        from socialgov.archive.signals import records_captured
        from socialgov.moderation.panels import register_panels
        from socialgov.moderation.signals import on_records_captured

        records_captured.connect(on_records_captured, dispatch_uid="moderation.records_captured")
        register_panels()
