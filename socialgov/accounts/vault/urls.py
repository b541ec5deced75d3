from django.urls import path

from socialgov.accounts.vault import views

VAULT = "<slug:slug>/accounts/<int:account_pk>/vault/"

urlpatterns = [
    path(VAULT, views.vault_account, name="vault-account"),
    path(VAULT + "new/<str:kind>/", views.secret_create, name="vault-secret-create"),
    path(VAULT + "<int:secret_pk>/change/", views.secret_change, name="vault-secret-change"),
    path(VAULT + "<int:secret_pk>/reveal/", views.secret_reveal, name="vault-secret-reveal"),
    path(VAULT + "custodians/", views.custodians, name="vault-custodians"),
    path(VAULT + "custodians/<int:custodian_pk>/remove/", views.custodian_remove, name="vault-custodian-remove"),
    path("<slug:slug>/vault/rotation/", views.rotation, name="vault-rotation"),
]
