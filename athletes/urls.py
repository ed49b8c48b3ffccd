from django.urls import path

from . import views

app_name = "athletes"

urlpatterns = [
    path("", views.roster, name="roster"),
    path("archived/", views.archived, name="archived"),
    path("new/", views.athlete_create, name="create"),
    path("me/", views.my_results, name="my_results"),
    path("invite/<str:token>/", views.accept_invite, name="accept_invite"),
    path("<int:pk>/", views.athlete_detail, name="detail"),
    path("<int:pk>/edit/", views.athlete_edit, name="edit"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/unarchive/", views.unarchive, name="unarchive"),
    path("<int:pk>/assessments/new/", views.record_assessment, name="record_assessment"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("weight-unit/", views.weight_unit, name="weight_unit"),
    path("results.csv", views.results_csv, name="results_csv"),
    path("<int:pk>/results.csv", views.athlete_csv, name="athlete_csv"),
    path("<int:pk>/report/", views.athlete_report, name="report"),
    path("tests/details/", views.test_details, name="test_details"),
    path("results/<int:pk>/correct/", views.correct_assessment, name="correct_assessment"),
    path("results/<int:pk>/delete/", views.delete_assessment, name="delete_assessment"),
]
