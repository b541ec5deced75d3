from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "socialgov.accounts"
    label = "accounts"
    verbose_name = "Registry of approved accounts"

    def ready(self) -> None:
        from socialgov.accounts.panels import register_panels

        register_panels()
