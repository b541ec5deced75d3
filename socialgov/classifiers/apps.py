from django.apps import AppConfig


class ClassifiersConfig(AppConfig):
    """Installed only so ``socialgov classify`` is found; the classifiers never touch the database."""

    name = "socialgov.classifiers"
    label = "classifiers"
    verbose_name = "Content analysis"
