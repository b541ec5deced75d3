from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "socialgov.archive"
    label = "archive"
    verbose_name = "Records archive"
