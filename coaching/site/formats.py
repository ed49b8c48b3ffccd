"""How numbers, weights and dates read on every page, in one place: the
template filters (coaching/templatetags/formats.py) wrap these, and Python
that writes sentences (charts, readiness evidence, form errors) calls them.
Domain-free, so every app may use it."""

import datetime
from decimal import Decimal

from django.utils import dateformat


def number(value) -> str:
    """40.00 -> "40", 12.50 -> "12.5": values read as the coach wrote them."""
    if value is None or value == "":
        return ""
    as_decimal = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{as_decimal.normalize():f}"


def kg(value) -> str:
    """8 -> "8 kg", 12.5 -> "12.5 kg"."""
    return f"{number(value)} kg" if value is not None else ""


LB_PER_KG = Decimal("2.20462")


def weight(value, unit: str = "kg") -> str:
    """A mass stored in kg, in the unit the coach reads: "58 kg" or "127.9 lb"."""
    if value is None:
        return ""
    if unit == "lb":
        pounds = (Decimal(str(value)) * LB_PER_KG).quantize(Decimal("0.1"))
        return f"{number(pounds)} lb"
    return kg(value)


def short_date(value: datetime.date | None) -> str:
    """7 Mar. Django's own date formatting, as the `date` filter does it."""
    return dateformat.format(value, "j M") if value else ""


def long_date(value: datetime.date | None) -> str:
    """7 Mar 2026."""
    return dateformat.format(value, "j M Y") if value else ""
