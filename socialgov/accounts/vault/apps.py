from django.apps import AppConfig


class VaultConfig(AppConfig):
    """The credential vault of the registry's accounts (its own app so its migrations stand apart)."""

    name = "socialgov.accounts.vault"
    label = "vault"
    verbose_name = "Credential vault"

    def ready(self) -> None:
        from socialgov.accounts.vault.panels import register_panels

        register_panels()
