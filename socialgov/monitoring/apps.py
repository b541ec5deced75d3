from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "socialgov.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"
