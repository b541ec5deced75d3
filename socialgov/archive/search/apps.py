from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "socialgov.archive.search"
    label = "search"
    verbose_name = "Archive search"

    def ready(self) -> None:
        from socialgov.archive.search.panels import register_panels

        register_panels()
