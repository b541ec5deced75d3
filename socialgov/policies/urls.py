from django.urls import path

from socialgov.policies import views

urlpatterns = [
    path("<slug:slug>/policy/", views.policy_view, name="policy"),
    path("<slug:slug>/policy/adopt/", views.policy_adopt, name="policy-adopt"),
]
