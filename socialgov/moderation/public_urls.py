from django.urls import path

from socialgov.moderation import public_views

urlpatterns = [
    path("<slug:slug>/moderation/", public_views.transparency, name="moderation-public-transparency"),
    path("<slug:slug>/moderation.csv", public_views.transparency_csv, name="moderation-public-transparency-csv"),
]
