from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def measure(value) -> str:
    """40.00 -> "40", 12.50 -> "12.5": results read as the coach wrote them."""
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{number.normalize():f}"


@register.filter
def short_date(value) -> str:
    """7 Mar (portable: no platform-specific strftime flags)."""
    return f"{value.day} {value:%b}" if value else ""


@register.filter
def long_date(value) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


@register.filter
def plain(symmetry, test_label: str) -> str:
    """{{ symmetry|plain:"heel raise" }}: "Your left leg is 14 % weaker on the heel raise test"."""
    return symmetry.plain_sentence(test_label)
