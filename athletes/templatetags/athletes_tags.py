"""Athlete wording; numbers and dates come from {% load formats %}."""

from django import template

register = template.Library()


@register.filter
def plain(symmetry, test_label: str) -> str:
    """{{ symmetry|plain:"heel raise" }}: "Your left leg is 14 % weaker on the heel raise test"."""
    return symmetry.plain_sentence(test_label)
