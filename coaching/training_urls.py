"""URLs of the coaching app (namespace "coaching")."""

from django.urls import path

from .views import coach, week

app_name = "coaching"

# == athlete side (views/week.py) ==
athlete_patterns = []

# == coach side (views/coach.py) ==
coach_patterns = []

urlpatterns = athlete_patterns + coach_patterns
