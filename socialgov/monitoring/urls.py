from django.urls import path

from socialgov.monitoring import views

M = "<slug:slug>/monitoring/"
A = M + "accounts/<int:pk>/"
INC = M + "incidents/"

urlpatterns = [
    path(M, views.overview, name="monitoring-overview"),
    path(A + "check/", views.check_record, name="monitoring-check-record"),
    path(A + "report/", views.report, name="monitoring-report"),
    path(A + "report.csv", views.report_csv, name="monitoring-report-csv"),
    path(M + "coverage/", views.coverage, name="monitoring-coverage"),
    path(M + "coverage/<int:cpk>/end/", views.coverage_end, name="monitoring-coverage-end"),
    path(INC, views.incidents, name="monitoring-incidents"),
    path(INC + "new/", views.incident_create, name="monitoring-incident-create"),
    path(INC + "<int:ipk>/", views.incident_detail, name="monitoring-incident"),
    path(INC + "<int:ipk>/screenshot/", views.incident_screenshot, name="monitoring-incident-screenshot"),
]
