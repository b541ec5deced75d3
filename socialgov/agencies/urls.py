from django.urls import path

from socialgov.agencies import views

urlpatterns = [
    path("", views.agency_list, name="agencies"),
    path("new/", views.agency_create, name="agency-create"),
    path("<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("<slug:slug>/departments/new/", views.department_create, name="department-create"),
    path("<slug:slug>/departments/<int:pk>/", views.department_detail, name="department-detail"),
    path("<slug:slug>/departments/<int:pk>/edit/", views.department_edit, name="department-edit"),
    path("<slug:slug>/departments/<int:pk>/designate/", views.department_designate, name="department-designate"),
    path("<slug:slug>/people/", views.people, name="people"),
    path("<slug:slug>/people/new/", views.person_create, name="person-create"),
    path("<slug:slug>/people/<int:pk>/", views.person_detail, name="person-detail"),
    path("<slug:slug>/people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("<slug:slug>/people/<int:pk>/roles/", views.person_grant, name="person-grant"),
    path("<slug:slug>/people/<int:pk>/roles/<int:membership_pk>/end/", views.membership_end, name="membership-end"),
    path("<slug:slug>/people/<int:pk>/password/", views.person_set_password, name="person-set-password"),
    path("<slug:slug>/people/<int:pk>/deactivate/", views.person_deactivate, name="person-deactivate"),
]
