"""Public pages (no sign-in), under /public/: the registry of official accounts (NJ-08)."""

from django.urls import path

from socialgov.accounts.views import public

urlpatterns = [
    path("<slug:slug>/accounts/", public.public_registry, name="accounts-public-registry"),
    path("<slug:slug>/accounts.json", public.public_feed, name="accounts-public-feed"),
    path("<slug:slug>/accounts/lookup/", public.public_lookup, name="accounts-public-lookup"),
    path("<slug:slug>/accounts/lookup.json", public.public_lookup_json, name="accounts-public-lookup-json"),
    path("<slug:slug>/accounts/<int:pk>/", public.public_account, name="accounts-public-account"),
]
