"""URLs of the coaching app (namespace "coaching")."""

from django.urls import path, re_path

from .views import coach, week

app_name = "coaching"

# == athlete side (views/week.py) ==
athlete_patterns = [
    path("week/", week.week, name="week"),
    re_path(r"^week/(?P<day>\d{4}-\d{2}-\d{2})/$", week.week, name="week_of"),
    path("week/entries/<int:pk>/done/", week.entry_done, name="entry_done"),
    path("week/entries/<int:pk>/log/", week.entry_log, name="entry_log"),
    path("week/entries/<int:pk>/undo/", week.entry_undo, name="entry_undo"),
]

# == coach side (views/coach.py) ==
coach_patterns = [
    path("dashboard/", coach.dashboard, name="dashboard"),
    path("athletes/<int:pk>/assign/", coach.assign, name="assign"),
    path(
        "athletes/<int:pk>/assign/levels/",
        coach.assign_options,
        {"part": "levels"},
        name="assign_levels",
    ),
    path(
        "athletes/<int:pk>/assign/prescription/",
        coach.assign_options,
        {"part": "prescription"},
        name="assign_prescription",
    ),
    path("athletes/<int:pk>/training/", coach.athlete_training, name="athlete_training"),
    path("coach/assignments/<int:pk>/level/", coach.change_level, name="change_level"),
    path("coach/assignments/<int:pk>/end/", coach.end_assignment, name="end_assignment"),
    path("coach/sessions/<int:pk>/comment/", coach.session_comment, name="session_comment"),
]

urlpatterns = athlete_patterns + coach_patterns
