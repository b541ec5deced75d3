from django.urls import path

from socialgov.moderation import views

M = "<slug:slug>/moderation/"
CASE = M + "cases/<int:pk>/"

urlpatterns = [
    path(M, views.queue, name="moderation-queue"),
    path(M + "accounts/<int:account_pk>/reviewed/", views.queue_reviewed, name="moderation-queue-reviewed"),
    path(CASE, views.case_detail, name="moderation-case"),
    path(CASE + "decide/", views.case_decide, name="moderation-case-decide"),
    path(CASE + "assign/", views.case_assign, name="moderation-case-assign"),
    path(CASE + "approve/", views.case_approve, name="moderation-case-approve"),
    path(CASE + "reopen/", views.case_reopen, name="moderation-case-reopen"),
    path(CASE + "tasks/<int:tpk>/done/", views.task_done, name="moderation-task-done"),
    path(M + "transparency/", views.transparency, name="moderation-transparency"),
    path(M + "transparency.csv", views.transparency_csv, name="moderation-transparency-csv"),
]
