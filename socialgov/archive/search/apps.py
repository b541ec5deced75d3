from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "socialgov.archive.search"
    label = "search"
    verbose_name = "Archive search"
