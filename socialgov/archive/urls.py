from django.urls import path

from socialgov.archive.views import browse, imports

A = "<slug:slug>/archive/"
RECORD = A + "records/<int:pk>/"

urlpatterns = [
    path(A, browse.archive_index, name="archive-index"),
    path(A + "accounts/<int:account_pk>/", browse.archive_account, name="archive-account"),
    path(RECORD, browse.archive_record, name="archive-record"),
    path(RECORD + "proof.json", browse.archive_record_proof, name="archive-record-proof"),
    path(RECORD + "entry.json", browse.archive_record_entry, name="archive-record-entry"),
    path(RECORD + "files/<str:sha256>/", browse.archive_blob, name="archive-blob"),
    path(A + "imports/", imports.import_list, name="archive-imports"),
    path(A + "imports/new/", imports.import_start, name="archive-import-new"),
    path(A + "imports/<int:pk>/", imports.import_detail, name="archive-import"),
    path(A + "imports/<int:pk>/resume/", imports.import_resume, name="archive-import-resume"),
]
