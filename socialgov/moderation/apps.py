from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "socialgov.moderation"
    label = "moderation"
    verbose_name = "Comment moderation"
