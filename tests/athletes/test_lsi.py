"""The LSI table (issue 11): both frames, both directions, unable legs, noise."""

import datetime
from decimal import Decimal

import pytest

from athletes.lsi import Detectable, limb_symmetry, trend

D = Decimal
LSI_POINTS_8 = Detectable(D(8), in_lsi_points=True)  # a hop test
REPS_6 = Detectable(D(6), in_lsi_points=False)  # a heel raise: 6 reps per leg


@pytest.mark.parametrize(
    ("left", "right", "kwargs", "lsi", "weaker", "sentence", "flagged"),
    [
        # No involved leg: weaker / stronger, higher is better.
        (43, 50, {}, 86, "left", "Left 14 % weaker", True),
        (50, 43, {}, 86, "right", "Right 14 % weaker", True),
        (45, 50, {}, 90, "left", "Left 10 % weaker", False),  # exactly the threshold
        (D("44.8"), 50, {}, 90, "left", "Left 10 % weaker", False),  # 89.6 rounds up
        (D("44.7"), 50, {}, 89, "left", "Left 11 % weaker", True),
        (30, 30, {}, 100, None, "Symmetric", False),  # equal legs
        (200, 199, {}, 100, None, "Symmetric", False),  # 99.5 rounds to 100
        (0, 12, {}, 0, "left", "Left 100 % weaker", True),
        (0, 0, {}, None, None, "No score on either leg", True),  # nothing reassures
        # Lower is better (a timed hop), no involved leg: the slower leg is weaker.
        (D("2.50"), D("2.25"), {"higher_is_better": False}, 90, "left", "Left 10 % weaker", False),
        (D("2.00"), D("2.50"), {"higher_is_better": False}, 80, "right", "Right 20 % weaker", True),
        (D("2.40"), D("2.40"), {"higher_is_better": False}, 100, None, "Symmetric", False),
        # Involved frame: involved / uninvolved, above 100 % possible.
        (120, 150, {"involved": "left"}, 80, "left", "Involved left 20 % behind", True),
        (150, 120, {"involved": "left"}, 125, "right", "Involved left 25 % ahead", False),
        (150, 120, {"involved": "right"}, 80, "right", "Involved right 20 % behind", True),
        (100, 100, {"involved": "right"}, 100, None, "Symmetric", False),
        # Involved frame, lower is better: uninvolved time / involved time.
        (D("2.50"), D("2.00"), {"involved": "left", "higher_is_better": False}, 80, "left",
         "Involved left 20 % behind", True),
        (D("2.00"), D("2.50"), {"involved": "left", "higher_is_better": False}, 125, "right",
         "Involved left 25 % ahead", False),
        # Unable: its own outcome, always a flag, never a 0 that clears one.
        (None, 40, {}, None, "left", "Left: unable", True),
        (40, None, {"higher_is_better": False}, None, "right", "Right: unable", True),
        (None, 40, {"involved": "left"}, None, "left", "Left: unable", True),
        (40, None, {"involved": "left"}, None, "right", "Right: unable", True),
        (None, None, {}, None, None, "Both legs: unable", True),
        # Noise: below the threshold but within the detectable difference.
        (7, 8, {"detectable": REPS_6}, 88, "left", "Left 12 % weaker: within measurement noise",
         False),
        (20, 30, {"detectable": REPS_6}, 67, "left", "Left 33 % weaker", True),
        (84, 91, {"detectable": LSI_POINTS_8}, 92, "left",
         "Left 8 % weaker: within measurement noise", False),
        (80, 100, {"detectable": LSI_POINTS_8}, 80, "left", "Left 20 % weaker", True),
        (120, 150, {"involved": "left", "detectable": LSI_POINTS_8}, 80, "left",
         "Involved left 20 % behind", True),
        (145, 150, {"involved": "left", "detectable": LSI_POINTS_8, "threshold": 100}, 97, "left",
         "Involved left 3 % behind: within measurement noise", False),
    ],
)  # fmt: skip
def test_limb_symmetry(left, right, kwargs, lsi, weaker, sentence, flagged):
    result = limb_symmetry(left, right, **kwargs)
    assert result.lsi == lsi
    assert result.weaker == weaker
    assert result.sentence == sentence
    assert result.flagged is flagged
    assert result.difference == (0 if lsi is None else abs(100 - lsi))


@pytest.mark.parametrize(
    ("threshold", "flagged"), [(80, False), (86, False), (87, True), (100, True)]
)
def test_threshold_is_the_tests_own(threshold, flagged):
    assert limb_symmetry(43, 50, threshold=threshold).flagged is flagged


def test_negative_values_are_refused():
    with pytest.raises(ValueError):
        limb_symmetry(-1, 10)


@pytest.mark.parametrize(
    ("before", "now", "detectable", "expected"),
    [
        ((91, 100), (94, 100), None, "better"),
        # Issue 11: "91 % ... 94 % now" from one rep on the stronger leg is noise.
        ((31, 34), (31, 33), REPS_6, "noise"),
        ((20, 34), (30, 34), REPS_6, "better"),
        ((30, 34), (20, 34), REPS_6, "worse"),
        ((85, 100), (90, 100), LSI_POINTS_8, "noise"),
        ((80, 100), (95, 100), LSI_POINTS_8, "better"),
        ((95, 100), (80, 100), LSI_POINTS_8, "worse"),
        ((None, 40), (30, 40), LSI_POINTS_8, None),  # unable before: no ratio to compare
        ((30, 40), (None, 40), REPS_6, None),
    ],
)
def test_trend_beyond_the_detectable_difference(before, now, detectable, expected):
    old = limb_symmetry(*before, detectable=detectable)
    new = limb_symmetry(*now, detectable=detectable)
    assert trend(old, new, detectable) == expected


def test_trend_in_the_involved_frame_up_is_better():
    old = limb_symmetry(80, 100, involved="left", detectable=LSI_POINTS_8)
    new = limb_symmetry(105, 100, involved="left", detectable=LSI_POINTS_8)
    assert trend(old, new, LSI_POINTS_8) == "better"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (43, 50, "Your left leg is 14 % weaker on the heel raise test"),
        (50, 43, "Your right leg is 14 % weaker on the heel raise test"),
        (50, 50, "Both legs are even on the heel raise test"),
        (0, 0, "Neither leg scored on the heel raise test yet"),
        (None, 50, "Your left leg could not do the heel raise test this time"),
        (None, None, "Neither leg could do the heel raise test this time"),
    ],
)
def test_plain_sentence_for_athletes(left, right, expected):
    assert limb_symmetry(left, right).plain_sentence("heel raise") == expected


def test_within_noise_reads_even_to_the_athlete():
    symmetry = limb_symmetry(7, 8, detectable=REPS_6)
    assert (
        symmetry.plain_sentence("heel raise") == "Both legs are about even on the heel raise test"
    )


@pytest.mark.parametrize(
    ("days_ago", "flagged", "last_tested"),
    [(0, True, "today"), (90, True, "3 months ago"), (91, False, "3 months ago"),
     (150, False, "5 months ago"), (400, False, "13 months ago")],
)  # fmt: skip
def test_old_results_outside_the_window_do_not_flag(days_ago, flagged, last_tested, settings):
    from athletes.selectors import Result

    settings.ASSESSMENT_FLAG_WINDOW_DAYS = 90
    today = datetime.date(2026, 12, 2)

    class Assessment:  # what Result reads of a result: its day
        date = today - datetime.timedelta(days=days_ago)

    result = Result(None, Assessment, limb_symmetry(20, 30), today)
    assert result.flagged is flagged
    assert result.last_tested == last_tested
