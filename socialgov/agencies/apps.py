from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "socialgov.agencies"
    label = "agencies"
    verbose_name = "Agencies and people"

    def ready(self) -> None:
        from socialgov.agencies.panels import register_panels

        register_panels()
