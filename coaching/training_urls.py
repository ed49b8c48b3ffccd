"""URLs of the coaching app (namespace "coaching")."""

from django.urls import path, re_path

from .views import calendar, coach, groups, notes, offline, reminders, running, week

app_name = "coaching"

# == athlete side (views/week.py) ==
athlete_patterns = [
    path("week/", week.week, name="week"),
    re_path(r"^week/(?P<day>\d{4}-\d{2}-\d{2})/$", week.week, name="week_of"),
    path("week/entries/<int:pk>/done/", week.entry_done, name="entry_done"),
    path("week/entries/<int:pk>/log/", week.entry_log, name="entry_log"),
    path("week/entries/<int:pk>/undo/", week.entry_undo, name="entry_undo"),
    path("week/running/", running.my_running_upload, name="my_running_upload"),
    path("week/reminders/", reminders.reminder_settings, name="reminders"),
    # An athlete's calendar link, or a coach's (of all their athletes).
    path("calendar/", calendar.calendar_link, name="calendar"),
]

# == no sign-in: the signed token in the URL is the key (views/reminders.py) ==
token_patterns = [
    path("mail/stop/<str:token>/", reminders.stop_morning_mail, name="stop_morning_mail"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    # The service worker at the root: its scope is every page (views/offline.py).
    path("sw.js", offline.service_worker, name="service_worker"),
    path("week/sessions/<int:pk>/effort/", week.session_effort, name="session_effort"),
    # Linked from the next-morning reminder: GET asks, POST answers (0-10).
    path("week/sessions/<int:pk>/morning/", week.next_morning, name="next_morning"),
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
    path(
        "coach/assignments/<int:pk>/prescription/",
        coach.change_prescription,
        name="change_prescription",
    ),
    path("coach/assignments/<int:pk>/end/", coach.end_assignment, name="end_assignment"),
    path("coach/sessions/<int:pk>/comment/", coach.session_comment, name="session_comment"),
    # The running plan (views/running.py).
    path("athletes/<int:pk>/running/", running.athlete_running, name="athlete_running"),
    path(
        "athletes/<int:pk>/running/upload/",
        running.athlete_running_upload,
        name="athlete_running_upload",
    ),
    path("athletes/<int:pk>/running/rules/", running.running_rules, name="running_rules"),
    path("coach/runs/<int:pk>/", running.run_kind, name="run_kind"),
]

# == groups and programmes (views/groups.py) ==
group_patterns = [
    path("groups/", groups.groups, name="groups"),
    path("groups/<int:pk>/", groups.group, name="group"),
    path("groups/<int:pk>/rename/", groups.group_rename, name="group_rename"),
    path("groups/<int:pk>/members/", groups.group_members, name="group_members"),
    path("groups/<int:pk>/archive/", groups.group_archive, name="group_archive"),
    path("programmes/", groups.programmes, name="programmes"),
    path("programmes/assign/", groups.assign_programme, name="assign_programme"),
    path("programmes/<int:pk>/", groups.programme, name="programme"),
    path("programmes/<int:pk>/add/", groups.programme_add, name="programme_add"),
    path("programmes/<int:pk>/archive/", groups.programme_archive, name="programme_archive"),
    path("programmes/items/<int:pk>/remove/", groups.programme_remove, name="programme_remove"),
    path(
        "athletes/<int:pk>/save-programme/",
        groups.save_as_programme,
        name="save_as_programme",
    ),
]

# == notes both ways (views/notes.py) ==
note_patterns = [
    path("week/notes/", notes.note_add, name="note_add"),
    path("notes/<int:pk>/edit/", notes.note_edit, name="note_edit"),
    path("athletes/<int:pk>/notes/", notes.athlete_notes, name="athlete_notes"),
    path("athletes/<int:pk>/notes/read/", notes.notes_read, name="notes_read"),
]

urlpatterns = athlete_patterns + token_patterns + coach_patterns + group_patterns + note_patterns
