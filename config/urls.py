from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from socialgov.agencies import api as agencies_api
from socialgov.core.views import healthz

router = DefaultRouter()
router.register("agencies", agencies_api.AgencyViewSet, basename="api-agency")
router.register("departments", agencies_api.DepartmentViewSet, basename="api-department")
router.register("people", agencies_api.PersonViewSet, basename="api-person")
router.register("memberships", agencies_api.MembershipViewSet, basename="api-membership")

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include(router.urls)),
    path("agencies/", include("socialgov.agencies.urls")),
    path("agencies/", include("socialgov.policies.urls")),
    path("", include("socialgov.core.urls")),
]
