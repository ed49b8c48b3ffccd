"""The extra set a coach may give the weaker or involved leg, suggested from
the athlete's latest assessments ("Left 14 % weaker on the single-leg heel
raise: one extra set on the left?"). A suggestion only: it changes nothing
until the coach accepts it (services.assignments.change_prescription).

The limb symmetry is read through the athletes app's public selector
(latest_symmetry, lsi_flag: `result.symmetry.weaker` of the flagged result), so what
"weaker" means (the involved leg, a test's threshold, measurement noise, the
date window) is decided there, in one place."""

from dataclasses import dataclass

from athletes.models import Athlete
from athletes.selectors import latest_symmetry, lsi_flag

EXTRA_SETS = 1


@dataclass(frozen=True)
class ExtraSet:
    leg: str  # "left" / "right"
    sets: int
    reason: str  # the words on the button's confirmation and in the history

    @property
    def question(self) -> str:
        return f"{self.reason}: one extra set on the {self.leg}?"


def extra_set_suggestion(athlete: Athlete) -> ExtraSet | None:
    """One extra set on the leg the most asymmetric flagged test names; None
    when no test is below its threshold (one query)."""
    flag = lsi_flag(latest_symmetry(athlete))
    if flag is None or flag.symmetry.weaker not in ("left", "right"):
        return None
    reason = f"{flag.symmetry.sentence} on the {flag.test.short_name}"
    return ExtraSet(leg=flag.symmetry.weaker, sets=EXTRA_SETS, reason=reason)


def weaker_leg(athlete: Athlete) -> str | None:
    """The leg to start on from the assessments, if one is flagged weaker."""
    suggestion = extra_set_suggestion(athlete)
    return suggestion.leg if suggestion else None
