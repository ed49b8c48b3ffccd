"""Limb Symmetry Index: one pure function, no ORM, no request.

    from athletes.lsi import limb_symmetry, trend, Detectable, Symmetry
    limb_symmetry(left, right, *, higher_is_better=True, threshold=90,
                  involved=None, detectable=None) -> Symmetry
    trend(before, now, detectable) -> "better" | "worse" | "noise" | None

A leg's value is a number, or None when it could not do the test ("unable").

Two frames, as physiotherapists use them:
- with an involved leg (injured, operated): LSI = involved / uninvolved x 100,
  which may exceed 100 % (the involved leg ahead);
- without one: LSI = weaker / stronger x 100, with the weaker side named.
For a lower-is-better test (a timed hop) the ratio inverts: the slower leg is
the weaker, and involved time / uninvolved time becomes uninvolved / involved.

The LSI is rounded to a whole percent before anything is derived from it, so
the number shown, the sentence and the flag never disagree.

A flag needs the LSI below the test's threshold AND the gap between the legs
beyond the test's smallest detectable difference (in LSI points, or per leg in
the test's unit), so measurement noise does not flag. A leg that could not do
the test always flags: "unable" never hides an asymmetry.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Number = Decimal | int | float | str
Side = Literal["left", "right"]
OTHER: dict[str, Side] = {"left": "right", "right": "left"}


@dataclass(frozen=True)
class Detectable:
    """The smallest difference the test can tell from noise: `amount` LSI
    points (in_lsi_points) or `amount` of the test's unit per leg."""

    amount: Decimal
    in_lsi_points: bool


@dataclass(frozen=True)
class Symmetry:
    lsi: int | None  # whole percent; None when it cannot be computed (or a leg was unable)
    weaker: Side | None  # the side behind; None when even or not computable
    involved: Side | None  # the frame: set when LSI is involved / uninvolved
    unable: tuple[Side, ...]  # legs that could not do the test
    gap: Decimal | None  # stronger minus weaker, in the test's unit (>= 0)
    beyond_noise: bool  # the legs' gap is beyond the smallest detectable difference
    flagged: bool
    threshold: int

    @property
    def difference(self) -> int:
        """Percent between the legs (|100 - LSI|)."""
        return 0 if self.lsi is None else abs(100 - self.lsi)

    @property
    def sentence(self) -> str:
        """Coach wording: "Left 14 % weaker", "Involved left 4 % ahead", "Left: unable"."""
        if self.unable:
            both = len(self.unable) == 2
            return "Both legs: unable" if both else f"{self.unable[0].capitalize()}: unable"
        if self.lsi is None:
            return "No score on either leg"
        if self.weaker is None:
            return "Symmetric"
        if self.involved:
            where = "behind" if self.weaker == self.involved else "ahead"
            words = f"Involved {self.involved} {self.difference} % {where}"
        else:
            words = f"{self.weaker} {self.difference} % weaker"
        words = words[0].upper() + words[1:]
        return words if self.beyond_noise else f"{words}: within measurement noise"

    def plain_sentence(self, test_label: str) -> str:
        """Athlete wording: "Your left leg is 14 % weaker on the heel raise test"."""
        if len(self.unable) == 2:
            return f"Neither leg could do the {test_label} test this time"
        if self.unable:
            return f"Your {self.unable[0]} leg could not do the {test_label} test this time"
        if self.lsi is None:
            return f"Neither leg scored on the {test_label} test yet"
        if self.weaker is None:
            return f"Both legs are even on the {test_label} test"
        if not self.beyond_noise:
            return f"Both legs are about even on the {test_label} test"
        return f"Your {self.weaker} leg is {self.difference} % weaker on the {test_label} test"


def _decimal(value: Number | None) -> Decimal | None:
    # str() first: Decimal(0.1) would carry binary noise into the ratio.
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _percent(numerator: Decimal, denominator: Decimal) -> int:
    return int((numerator / denominator * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def limb_symmetry(
    left: Number | None,
    right: Number | None,
    *,
    higher_is_better: bool = True,
    threshold: int = 90,
    involved: Side | None = None,
    detectable: Detectable | None = None,
) -> Symmetry:
    values: dict[Side, Decimal | None] = {"left": _decimal(left), "right": _decimal(right)}
    if any(v is not None and v < 0 for v in values.values()):
        raise ValueError("Leg values cannot be negative.")
    unable = tuple(side for side, v in values.items() if v is None)
    if unable:
        # No ratio (a chart draws no 0 % for it), but the largest asymmetry
        # there is: the leg that could not is the weaker, and it flags.
        weaker = unable[0] if len(unable) == 1 else None
        return Symmetry(None, weaker, involved, unable, None, True, True, threshold)
    # Scores where higher is better: a time's inverse keeps the ratio exact.
    low, high = min(values.values()), max(values.values())
    if high == 0:
        # Nothing on either leg: no ratio, but nothing to reassure about either.
        return Symmetry(None, None, involved, (), None, True, True, threshold)
    if higher_is_better:
        weaker: Side | None = "left" if values["left"] < values["right"] else "right"
    else:
        weaker = "left" if values["left"] > values["right"] else "right"
    if involved:
        mine, theirs = values[involved], values[OTHER[involved]]
        numerator, denominator = (mine, theirs) if higher_is_better else (theirs, mine)
        if denominator == 0:  # the uninvolved leg scored 0 (or a 0 s time)
            return Symmetry(None, weaker, involved, (), high - low, True, True, threshold)
        lsi = _percent(numerator, denominator)
    else:
        lsi = _percent(low, high)
    if lsi == 100:
        weaker = None
    gap = high - low
    if detectable is None:
        beyond = weaker is not None
    elif detectable.in_lsi_points:
        beyond = abs(100 - lsi) > detectable.amount
    else:
        beyond = gap > detectable.amount
    return Symmetry(lsi, weaker, involved, (), gap, beyond, beyond and lsi < threshold, threshold)


Trend = Literal["better", "worse", "noise"]


def trend(before: Symmetry, now: Symmetry, detectable: Detectable | None) -> Trend | None:
    """Has symmetry changed since `before`, beyond the smallest detectable
    difference? None when either result has no LSI to compare."""
    if before.lsi is None or now.lsi is None:
        return None
    if detectable is None:
        moved = before.lsi != now.lsi
    elif detectable.in_lsi_points:
        moved = abs(now.lsi - before.lsi) > detectable.amount
    else:
        moved = (
            before.gap is not None
            and now.gap is not None
            and abs(now.gap - before.gap) > detectable.amount
        )
    if not moved:
        return "noise"
    if detectable is not None and not detectable.in_lsi_points:
        return "better" if now.gap < before.gap else "worse"  # a smaller gap between the legs
    return "better" if now.lsi > before.lsi else "worse"  # involved frame too: up is better
