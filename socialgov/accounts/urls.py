from django.urls import path

from socialgov.accounts.views import account, decommission, registry, requests, stewardship

A = "<slug:slug>/accounts/"
ONE = A + "<int:pk>/"

urlpatterns = [
    path(A, registry.registry, name="accounts-registry"),
    path(A + "registry.csv", registry.registry_csv, name="accounts-registry-csv"),
    path(A + "new/", requests.request_create, name="accounts-request-create"),
    path(ONE, account.account_detail, name="accounts-detail"),
    path(ONE + "edit/", requests.request_edit, name="accounts-request-edit"),
    path(ONE + "submit/", requests.request_submit, name="accounts-request-submit"),
    path(ONE + "withdraw/", requests.request_withdraw, name="accounts-request-withdraw"),
    path(ONE + "reopen/", requests.request_reopen, name="accounts-request-reopen"),
    path(ONE + "begin/", account.review_begin, name="accounts-review-begin"),
    path(ONE + "approve/", account.review_approve, name="accounts-review-approve"),
    path(ONE + "reject/", account.review_reject, name="accounts-review-reject"),
    path(ONE + "activate/", account.activate, name="accounts-activate"),
    path(ONE + "suspend/", account.suspend, name="accounts-suspend"),
    path(ONE + "reinstate/", account.reinstate, name="accounts-reinstate"),
    path(ONE + "administrators/", stewardship.administrator_designate, name="accounts-administrator-designate"),
    path(ONE + "administrators/<int:dpk>/acknowledge/", stewardship.administrator_acknowledge,
         name="accounts-administrator-acknowledge"),
    path(ONE + "administrators/<int:dpk>/remove/", stewardship.administrator_remove,
         name="accounts-administrator-remove"),
    path(ONE + "terms/", stewardship.terms_record, name="accounts-terms-record"),
    path(ONE + "terms/reviews/<int:rpk>/", stewardship.terms_review, name="accounts-terms-review"),
    path(ONE + "texts/<slug:kind>/", stewardship.text_edit, name="accounts-text-edit"),
    # NJ-19: decommissioning.
    path(ONE + "decommission/", decommission.decommission_page, name="accounts-decommission"),
    path(ONE + "decommission/direct/", decommission.decommission_direct, name="accounts-decommission-direct"),
    path(ONE + "decommission/<slug:step>/", decommission.decommission_step, name="accounts-decommission-step"),
]
