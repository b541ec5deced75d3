from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "socialgov.policies"
    label = "policies"
    verbose_name = "Policies"

    def ready(self) -> None:
        from socialgov.policies.panels import register_panels

        register_panels()
