from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Employees' access to social media for professional use (LAC-07, DCFS-07, LAC-06)."""

    name = "socialgov.accounts.access"
    label = "access"
    verbose_name = "Employee access"

    def ready(self) -> None:
        from socialgov.accounts.access.panels import register_panels

        register_panels()
