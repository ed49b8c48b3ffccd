"""A prescription in the words an athlete reads on the phone: "3 sets of 8 each leg,
8 kg in the hand opposite the standing leg" (sets, reps per leg, load and the
level's load note; per leg when one leg has extra sets), the leg to start on,
and which hand holds the weight on it.

Pure functions, so the coach's pages and the library use the same wording
(templates through {% prescription %}, coaching/templatetags/formats.py)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from athletes.models import Leg
from coaching.site.formats import kg

WEEKDAY_CHOICES = [
    (1, "Mon"),
    (2, "Tue"),
    (3, "Wed"),
    (4, "Thu"),
    (5, "Fri"),
    (6, "Sat"),
    (7, "Sun"),
]

OTHER_LEG = {Leg.LEFT: Leg.RIGHT, Leg.RIGHT: Leg.LEFT}
# What an assignment prescribes within its level, and each entry copies.
PRESCRIPTION_FIELDS = (
    "sets",
    "reps_per_leg",
    "load_kg",
    "extra_sets",
    "extra_sets_leg",
    "leg_reps",
    "reps_max",
)


def per_leg(
    *,
    sets: int,
    reps_per_leg: int,
    extra_sets: int = 0,
    extra_sets_leg: str = "",
    leg_reps: int | None = None,
) -> dict[str, tuple[int, int]]:
    """Sets and reps of each leg: {"left": (3, 10), "right": (2, 10)}. The leg
    shaped apart (the weaker or involved one) has its extra sets and its reps."""
    legs = {Leg.LEFT.value: (sets, reps_per_leg), Leg.RIGHT.value: (sets, reps_per_leg)}
    if extra_sets_leg in OTHER_LEG:
        legs[str(extra_sets_leg)] = (sets + extra_sets, leg_reps or reps_per_leg)
    return legs


def legs_of(obj) -> dict[str, tuple[int, int]]:
    """per_leg of an assignment or an entry's snapshot."""
    names = ("sets", "reps_per_leg", "extra_sets", "extra_sets_leg", "leg_reps")
    return per_leg(**{name: getattr(obj, name) for name in names})


def prescription_text(
    *,
    sets: int,
    reps_per_leg: int,
    load_kg: Decimal | None,
    load_note: str = "",
    unilateral: bool = True,
    extra_sets: int = 0,
    extra_sets_leg: str = "",
    leg_reps: int | None = None,
    reps_max: int | None = None,
) -> str:
    """ "3 x 8 each leg, 8 kg ..."; a range "3 x 8-10 each leg"; one leg shaped
    apart "Left 3 x 10 · Right 2 x 10 · 8 kg ..." (always left first)."""

    def reps(low: int) -> str:
        return f"{low}-{reps_max}" if reps_max and reps_max > low else f"{low}"

    legs = per_leg(
        sets=sets,
        reps_per_leg=reps_per_leg,
        extra_sets=extra_sets,
        extra_sets_leg=extra_sets_leg,
        leg_reps=leg_reps,
    )
    if legs[Leg.LEFT] != legs[Leg.RIGHT]:
        words = " · ".join(f"{Leg(leg).label} {n} × {reps(r)}" for leg, (n, r) in legs.items())
        if load_kg:
            words += f" · {kg(load_kg)}" + (f" {load_note.strip()}" if load_note else "")
        return words
    words = f"{sets} × {reps(reps_per_leg)}{' each leg' if unilateral else ''}"
    if load_kg:
        words += f", {kg(load_kg)}"
        if load_note:
            words += f" {load_note.strip()}"
    return words


def shaped(obj) -> dict:
    """The prescription fields of an assignment or an entry's snapshot, as
    prescription_text's keywords (one list: PrescriptionChange.FIELDS)."""
    return {name: getattr(obj, name) for name in PRESCRIPTION_FIELDS}


def shaped_prescription(
    *,
    sets: int,
    reps_per_leg: int,
    load_kg: Decimal | None,
    extra_sets: int = 0,
    extra_sets_leg: str = "",
    leg_reps: int | None = None,
    reps_max: int | None = None,
) -> dict:
    """The prescription as stored: the same reps on the shaped leg read as
    none, an empty shape names no leg, a range of one number is no range.
    Problems come back keyed by the form's fields."""
    extra_sets = extra_sets or 0
    if leg_reps == reps_per_leg:
        leg_reps = None
    if not extra_sets and leg_reps is None:
        extra_sets_leg = ""
    elif extra_sets_leg not in (Leg.LEFT, Leg.RIGHT):
        raise ValidationError({"extra_sets_leg": "Choose the leg that gets these sets or reps."})
    lows = {reps_per_leg, leg_reps or reps_per_leg}
    if reps_max is not None and reps_max < max(lows):
        raise ValidationError(
            {"reps_max": f"The top of the range is below {max(lows)} reps: put it higher."}
        )
    if lows == {reps_max}:
        reps_max = None
    return {
        "sets": sets,
        "reps_per_leg": reps_per_leg,
        "load_kg": load_kg,
        "extra_sets": extra_sets,
        "extra_sets_leg": extra_sets_leg,
        "leg_reps": leg_reps,
        "reps_max": reps_max,
    }


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
