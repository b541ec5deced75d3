from django.urls import path

from socialgov.accounts.access import views

A = "<slug:slug>/access/<int:pk>"

urlpatterns = [
    path("<slug:slug>/access/", views.access_home, name="access"),
    path("<slug:slug>/access/new/", views.access_request_create, name="access-request-new"),
    path("<slug:slug>/access/grants/", views.access_grants, name="access-grants"),
    path(f"{A}/", views.access_request_detail, name="access-request"),
    path(f"{A}/approve/", views.access_request_approve, name="access-request-approve"),
    path(f"{A}/decline/", views.access_request_decline, name="access-request-decline"),
    path(f"{A}/withdraw/", views.access_request_withdraw, name="access-request-withdraw"),
    path(f"{A}/revoke/", views.access_grant_revoke, name="access-grant-revoke"),
]
