"""Scoping for every read of athlete data (DESIGN.md rule 2).

A coach reaches the rows of the athletes they coach; an athlete reaches their
own rows; anyone else reaches nothing. Views use these with get_object_or_404,
so another user's object is a 404, never a 403 that confirms it exists."""

from coaching.site.touch import TouchingQuerySet


class AthleteScopedQuerySet(TouchingQuerySet):
    """Its bulk writes move the athlete's version on (coaching/site/touch.py)."""

    # How a row reaches its Athlete: "athlete__" for most models,
    # "session__athlete__" for session entries, "" for Athlete itself.
    athlete_path = "athlete__"

    def for_coach(self, user):
        """Rows of the athletes this user coaches."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(**{f"{self.athlete_path}coach": user})

    def for_athlete(self, user):
        """Rows of the athlete record linked to this signed-in user."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(**{f"{self.athlete_path}user": user})
