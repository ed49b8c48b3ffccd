"""Limb Symmetry Index: how far the weaker leg is behind the stronger one.

    from athletes.lsi import limb_symmetry, Symmetry
    limb_symmetry(left, right, *, higher_is_better=True, threshold=90) -> Symmetry

LSI = weaker / stronger x 100. For a lower-is-better test (a timed hop) the
weaker leg has the *larger* value, so the ratio inverts to stronger / weaker;
either way it is the smaller value over the larger one, and only which side is
called weaker changes. The LSI is rounded to a whole percent before anything
else is derived from it, so the number shown, the sentence and the flag never
disagree (89.6 shows as 90 % and is not flagged against a 90 % threshold).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Number = Decimal | int | float | str


@dataclass(frozen=True)
class Symmetry:
    lsi: int | None  # whole percent 0-100; None when neither leg scored
    weaker: str | None  # "left" / "right"; None when symmetric or not computable
    difference: int  # percent the weaker leg is behind (100 - lsi)
    below_threshold: bool
    threshold: int

    @property
    def sentence(self) -> str:
        """Coach wording: "Left 14 % weaker", "Symmetric"."""
        if self.lsi is None:
            return "No score on either leg"
        if self.weaker is None:
            return "Symmetric"
        return f"{self.weaker.capitalize()} {self.difference} % weaker"

    def plain_sentence(self, test_label: str) -> str:
        """Athlete wording: "Your left leg is 14 % weaker on the heel raise test"."""
        if self.lsi is None:
            return f"Neither leg scored on the {test_label} test yet"
        if self.weaker is None:
            return f"Both legs are even on the {test_label} test"
        return f"Your {self.weaker} leg is {self.difference} % weaker on the {test_label} test"


def _decimal(value: Number) -> Decimal:
    # str() first: Decimal(0.1) would carry binary noise into the ratio.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def limb_symmetry(
    left: Number, right: Number, *, higher_is_better: bool = True, threshold: int = 90
) -> Symmetry:
    left, right = _decimal(left), _decimal(right)
    if left < 0 or right < 0:
        raise ValueError("Leg values cannot be negative.")
    low, high = min(left, right), max(left, right)
    if high == 0:
        # Both legs zero: there is no stronger leg to compare against.
        return Symmetry(None, None, 0, False, threshold)
    lsi = int((low / high * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if lsi == 100:
        weaker = None
    elif higher_is_better:
        weaker = "left" if left < right else "right"
    else:
        weaker = "left" if left > right else "right"
    return Symmetry(lsi, weaker, 100 - lsi, lsi < threshold, threshold)
