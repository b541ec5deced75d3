from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "socialgov.accounts"
    label = "accounts"
    verbose_name = "Registry of approved accounts"
