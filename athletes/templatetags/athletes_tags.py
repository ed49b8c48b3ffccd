"""Athlete wording; numbers and dates come from {% load formats %}."""

from django import template

from coaching.site.formats import number

register = template.Library()


@register.filter
def plain(symmetry, test_label: str) -> str:
    """{{ symmetry|plain:"heel raise" }}: "Your left leg is 14 % weaker on the heel raise test"."""
    return symmetry.plain_sentence(test_label)


@register.filter
def leg(value, unit: str = "") -> str:
    """{{ assessment.left_value|leg:"cm" }}: "131 cm", or "unable" for a leg
    that could not do the test (None), never a 0 it did not score."""
    if value is None:
        return "unable"
    return f"{number(value)} {unit}".strip()


TREND_WORDS = {
    "better": "More even than the time before",
    "worse": "Less even than the time before",
    "noise": "Same as the time before, within measurement noise",
}


@register.filter
def trend_words(trend) -> str:
    return TREND_WORDS.get(trend, "")
