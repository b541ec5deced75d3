from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from socialgov.core.views import healthz


def _socialgov_modules(suffix: str) -> list:
    """``<app>.<suffix>`` of every socialgov app that has one, in INSTALLED_APPS order."""
    names = [f"{app.name}.{suffix}" for app in apps.get_app_configs() if app.name.startswith("socialgov.")]
    return [import_module(name) for name in names if find_spec(name) is not None]


router = DefaultRouter()
for api_module in _socialgov_modules("api"):
    for prefix, viewset, basename in getattr(api_module, "ROUTES", []):
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include(router.urls)),
    # Public pages (no sign-in) come from each app's public_urls; agency pages from its urls.
    *[path("public/", include(m.__name__)) for m in _socialgov_modules("public_urls")],
    *[path("agencies/", include(m.__name__)) for m in _socialgov_modules("urls")
      if m.__name__ != "socialgov.core.urls"],
    path("", include("socialgov.core.urls")),
]
