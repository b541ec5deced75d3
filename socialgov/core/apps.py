from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "socialgov.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from socialgov.core.panels import register_panels

        register_panels()
