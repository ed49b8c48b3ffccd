from decimal import Decimal

import pytest

from athletes.lsi import limb_symmetry


@pytest.mark.parametrize(
    ("left", "right", "higher_is_better", "lsi", "weaker", "sentence", "flagged"),
    [
        # higher is better: weaker / stronger
        (43, 50, True, 86, "left", "Left 14 % weaker", True),
        (50, 43, True, 86, "right", "Right 14 % weaker", True),
        (45, 50, True, 90, "left", "Left 10 % weaker", False),  # exactly the threshold
        (Decimal("44.8"), 50, True, 90, "left", "Left 10 % weaker", False),  # 89.6 rounds up
        (Decimal("44.7"), 50, True, 89, "left", "Left 11 % weaker", True),
        (30, 30, True, 100, None, "Symmetric", False),
        (200, 199, True, 100, None, "Symmetric", False),  # 99.5 rounds to 100
        (0, 12, True, 0, "left", "Left 100 % weaker", True),  # one leg zero
        (12, 0, True, 0, "right", "Right 100 % weaker", True),
        (0, 0, True, None, None, "No score on either leg", False),  # both zero
        # lower is better (timed hop): the slower (larger) leg is weaker
        (Decimal("2.50"), Decimal("2.25"), False, 90, "left", "Left 10 % weaker", False),
        (Decimal("2.00"), Decimal("2.50"), False, 80, "right", "Right 20 % weaker", True),
        (Decimal("2.40"), Decimal("2.40"), False, 100, None, "Symmetric", False),
        (0, 0, False, None, None, "No score on either leg", False),
        (0, 3, False, 0, "right", "Right 100 % weaker", True),
        # floats and strings are read exactly as written
        (0.1, 0.3, True, 33, "left", "Left 67 % weaker", True),
        ("7.5", "10", True, 75, "left", "Left 25 % weaker", True),
    ],
)
def test_limb_symmetry(left, right, higher_is_better, lsi, weaker, sentence, flagged):
    result = limb_symmetry(left, right, higher_is_better=higher_is_better, threshold=90)
    assert result.lsi == lsi
    assert result.weaker == weaker
    assert result.sentence == sentence
    assert result.below_threshold is flagged
    assert result.difference == (0 if lsi is None else 100 - lsi)


@pytest.mark.parametrize(
    ("threshold", "flagged"), [(80, False), (86, False), (87, True), (100, True)]
)
def test_threshold_is_the_tests_own(threshold, flagged):
    assert limb_symmetry(43, 50, threshold=threshold).below_threshold is flagged


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (43, 50, "Your left leg is 14 % weaker on the heel raise test"),
        (50, 43, "Your right leg is 14 % weaker on the heel raise test"),
        (50, 50, "Both legs are even on the heel raise test"),
        (0, 0, "Neither leg scored on the heel raise test yet"),
    ],
)
def test_plain_sentence_for_athletes(left, right, expected):
    assert limb_symmetry(left, right).plain_sentence("heel raise") == expected


def test_negative_values_are_refused():
    with pytest.raises(ValueError):
        limb_symmetry(-1, 10)
