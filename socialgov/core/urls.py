from django.urls import path

from socialgov.core import views

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications-read-all"),
    path("audit/", views.audit_view, name="audit"),
    path("audit/verify/", views.audit_verify, name="audit-verify"),
    path("settings/tokens/", views.api_tokens_view, name="api-tokens"),
    path("settings/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
]
