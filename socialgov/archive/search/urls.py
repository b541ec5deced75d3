from django.urls import path

from socialgov.archive.search import views

S = "<slug:slug>/archive/search"

urlpatterns = [
    path(f"{S}/", views.archive_search, name="archive-search"),
    path(f"{S}/save/", views.archive_search_save, name="archive-search-save"),
    path(f"{S}/saved/", views.archive_saved_searches, name="archive-saved-searches"),
    path(f"{S}/saved/<int:pk>/", views.archive_saved_search, name="archive-saved-search"),
    path(f"{S}/saved/<int:pk>/rerun/", views.archive_saved_search_rerun, name="archive-saved-search-rerun"),
    path(f"{S}/records/<int:pk>/label/", views.archive_record_label, name="archive-record-label"),
    path(f"{S}/records/<int:pk>/unlabel/", views.archive_record_unlabel, name="archive-record-unlabel"),
]
