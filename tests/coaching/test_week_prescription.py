from decimal import Decimal

import pytest

from coaching.prescription import first_leg, hand_hint, prescription_text


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"sets": 3, "reps_per_leg": 8, "load_kg": None}, "3 × 8 each leg"),
        (
            {
                "sets": 3,
                "reps_per_leg": 8,
                "load_kg": Decimal("8.0"),
                "load_note": "in the hand opposite the standing leg",
            },
            "3 × 8 each leg, 8 kg in the hand opposite the standing leg",
        ),
        ({"sets": 2, "reps_per_leg": 10, "load_kg": Decimal("12.5")}, "2 × 10 each leg, 12.5 kg"),
        # A load note without a load says nothing useful.
        (
            {"sets": 3, "reps_per_leg": 8, "load_kg": None, "load_note": "per hand"},
            "3 × 8 each leg",
        ),
        ({"sets": 3, "reps_per_leg": 12, "load_kg": None, "unilateral": False}, "3 × 12"),
        # Per leg: the extra sets on one leg.
        (
            {
                "sets": 2,
                "reps_per_leg": 8,
                "load_kg": None,
                "extra_sets": 1,
                "extra_sets_leg": "left",
            },
            "Left 3 × 8 · Right 2 × 8",
        ),
        # Per leg: its own reps too, and the load after both legs.
        (
            {
                "sets": 2,
                "reps_per_leg": 10,
                "load_kg": Decimal("8.0"),
                "extra_sets": 1,
                "extra_sets_leg": "right",
                "leg_reps": 8,
            },
            "Left 2 × 10 · Right 3 × 8 · 8 kg",
        ),
        # Only other reps on one leg, no extra set.
        (
            {
                "sets": 3,
                "reps_per_leg": 10,
                "load_kg": None,
                "extra_sets_leg": "left",
                "leg_reps": 6,
            },
            "Left 3 × 6 · Right 3 × 10",
        ),
        # A range.
        ({"sets": 3, "reps_per_leg": 8, "load_kg": None, "reps_max": 10}, "3 × 8-10 each leg"),
    ],
)
def test_prescription_text(kwargs, expected):
    assert prescription_text(**kwargs) == expected


def test_start_on_the_non_dominant_leg():
    assert (first_leg("right"), first_leg("left")) == ("left", "right")


def test_start_on_the_weaker_leg_when_there_is_one():
    assert (first_leg("left", "left"), first_leg("right", "right")) == ("left", "right")
    assert first_leg("right", None) == "left"


@pytest.mark.parametrize(
    ("note", "standing", "hand"),
    [
        ("in the hand opposite the standing leg", "left", "right"),
        ("in the hand opposite the standing leg", "right", "left"),
        ("in the hand on the working side, or in a backpack", "left", "left"),
        ("in the hand on the free-leg side", "right", "left"),
    ],
)
def test_hand_hint_names_the_hand(note, standing, hand):
    assert hand_hint(load_note=note, standing_leg=standing) == (
        f"Standing on your {standing} leg: weight in your {hand} hand. Swap when you swap legs."
    )


def test_no_hand_hint_when_the_note_has_no_side():
    assert hand_hint(load_note="per hand, a dumbbell on each side", standing_leg="left") == ""
