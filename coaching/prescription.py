"""A prescription in the words an athlete reads on the phone: "3 sets of 8 each leg,
8 kg in the hand opposite the standing leg" (sets, reps per leg, load and the
level's load note; per leg when one leg has extra sets), the leg to start on,
and which hand holds the weight on it.

Pure functions, so the coach's pages and the library use the same wording
(templates through {% prescription %}, coaching/templatetags/formats.py)."""

from decimal import Decimal

from athletes.models import Leg
from coaching.coach_forms import WEEKDAY_CHOICES
from coaching.site.formats import kg

OTHER_LEG = {Leg.LEFT: Leg.RIGHT, Leg.RIGHT: Leg.LEFT}


def prescription_text(
    *,
    sets: int,
    reps_per_leg: int,
    load_kg: Decimal | None,
    load_note: str = "",
    unilateral: bool = True,
    extra_sets: int = 0,
    extra_sets_leg: str = "",
) -> str:
    """ "3 x 8 each leg, 8 kg ..."; with extra sets on one leg "3 x 8 left, 2 x 8 right"."""
    if extra_sets and extra_sets_leg in OTHER_LEG:
        more, other = Leg(extra_sets_leg), OTHER_LEG[Leg(extra_sets_leg)]
        words = (
            f"{sets + extra_sets} × {reps_per_leg} {more.label.lower()} leg, "
            f"{sets} × {reps_per_leg} {other.label.lower()} leg"
        )
    else:
        words = f"{sets} × {reps_per_leg}{' each leg' if unilateral else ''}"
    if load_kg:
        words += f", {kg(load_kg)}"
        if load_note:
            words += f" {load_note.strip()}"
    return words


def schedule_text(*, sessions_per_week: int, weekdays=()) -> str:
    """How often, with the preferred weekdays when there are any: "2 x a week (Tue, Fri)"."""
    names = dict(WEEKDAY_CHOICES)
    days = ", ".join(names[d] for d in sorted(weekdays or ()) if d in names)
    return f"{sessions_per_week} × a week" + (f" ({days})" if days else "")


def first_leg(dominant_leg: str, weaker_leg: str | None = None) -> str:
    """Start on the weaker (or involved) leg, else the non-dominant one: the
    weaker side gets the fresh effort, and the other then matches its reps
    rather than the other way round."""
    if weaker_leg in OTHER_LEG:
        return Leg(weaker_leg)
    return OTHER_LEG.get(dominant_leg, Leg.LEFT)


def hand_hint(*, load_note: str, standing_leg: str) -> str:
    """Turn "the hand opposite the standing leg" into a concrete hand for the
    leg the athlete starts on; empty when the note says nothing about sides."""
    note = load_note.lower()
    leg = Leg(standing_leg).label.lower()
    other = Leg(OTHER_LEG[Leg(standing_leg)]).label.lower()
    if "opposite the standing leg" in note or "free-leg side" in note:
        hand = other
    elif "working side" in note or "same side" in note:
        hand = leg
    else:
        return ""
    return f"Standing on your {leg} leg: weight in your {hand} hand. Swap when you swap legs."
