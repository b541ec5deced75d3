from django.urls import path

from socialgov.policies import views

D = "<slug:slug>/policy/documents/<int:pk>"
V = f"{D}/versions/<int:number>"
E = "<slug:slug>/exceptions/<int:pk>"
R = "<slug:slug>/conduct/reports/<int:pk>"

urlpatterns = [
    path("<slug:slug>/policy/", views.policy_view, name="policy"),
    path("<slug:slug>/policy/adopt/", views.policy_adopt, name="policy-adopt"),
    path("<slug:slug>/policy/reviews/", views.reviews, name="policies-reviews"),
    path("<slug:slug>/policy/documents/", views.documents, name="policies-documents"),
    path("<slug:slug>/policy/documents/new/", views.document_create, name="policies-document-new"),
    path(f"{D}/", views.document_detail, name="policies-document"),
    path(f"{D}/versions/new/", views.version_create, name="policies-version-new"),
    path(f"{V}/", views.version_detail, name="policies-version"),
    path(f"{V}/publish/", views.version_publish, name="policies-version-publish"),
    path(f"{V}/discard/", views.version_discard, name="policies-version-discard"),
    path(f"{V}/file/", views.version_file, name="policies-version-file"),
    path("<slug:slug>/training/", views.training, name="policies-training"),
    path("<slug:slug>/training/overview/", views.training_overview, name="policies-training-overview"),
    path("<slug:slug>/training/<int:version_pk>/acknowledge/", views.acknowledge,
         name="policies-training-acknowledge"),
    path("<slug:slug>/conduct/", views.conduct, name="policies-conduct"),
    path("<slug:slug>/conduct/spokespersons/", views.spokespersons, name="policies-spokespersons"),
    path("<slug:slug>/conduct/spokespersons/<int:pk>/revoke/", views.spokesperson_revoke,
         name="policies-spokesperson-revoke"),
    path("<slug:slug>/conduct/reports/", views.reports, name="policies-reports"),
    path("<slug:slug>/conduct/reports/new/", views.report_create, name="policies-report-new"),
    path(f"{R}/", views.report_detail, name="policies-report"),
    path(f"{R}/review/", views.report_review, name="policies-report-review"),
    path(f"{R}/finding/", views.report_finding, name="policies-report-finding"),
    path(f"{R}/close/", views.report_close, name="policies-report-close"),
    path("<slug:slug>/exceptions/", views.exceptions, name="policies-exceptions"),
    path("<slug:slug>/exceptions/new/", views.exception_create, name="policies-exception-new"),
    path(f"{E}/", views.exception_detail, name="policies-exception"),
    path(f"{E}/approve/", views.exception_approve, name="policies-exception-approve"),
    path(f"{E}/deny/", views.exception_deny, name="policies-exception-deny"),
    path(f"{E}/return/", views.exception_return, name="policies-exception-return"),
    path(f"{E}/resubmit/", views.exception_resubmit, name="policies-exception-resubmit"),
    path(f"{E}/withdraw/", views.exception_withdraw, name="policies-exception-withdraw"),
    path(f"{E}/notes/", views.exception_note, name="policies-exception-note"),
]
