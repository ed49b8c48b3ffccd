"""Reports to share with a physiotherapist: CSV rows and the one-page report.

csv_rows(athletes) -> Iterator[list[str]]
    A header, then one row per result and leg side (current results,
    oldest first), for the athletes given (the caller scopes them):
    two queries however many.
"""

import datetime
from collections.abc import Iterable, Iterator

from django.utils import timezone

from coaching.site.formats import number

from .models import Athlete, BodyMass, StrengthAssessment
from .selectors import normalised

HEADER = [
    "athlete", "athlete_id", "involved_leg", "test", "test_id", "date", "side", "outcome",
    "value", "unit", "normalised_value", "normalised_unit", "lsi_percent", "lsi_frame",
    "weaker_side", "flagged", "note",
]  # fmt: skip

# A cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_rows(athletes: Iterable[Athlete], *, today: datetime.date | None = None) -> Iterator[list]:
    athletes = {a.pk: a for a in athletes}
    today = today or timezone.localdate()
    masses: dict[int, list[BodyMass]] = {pk: [] for pk in athletes}
    for mass in BodyMass.objects.filter(athlete_id__in=athletes).order_by("-date", "-pk"):
        masses[mass.athlete_id].append(mass)
    results = (
        StrengthAssessment.objects.current()
        .filter(athlete_id__in=athletes)
        .select_related("test")
        .order_by("athlete__name", "athlete_id", "test__order", "date", "pk")
    )
    yield HEADER
    for result in results:
        athlete = result.athlete = athletes[result.athlete_id]
        symmetry = result.symmetry
        norm = normalised(result, masses[athlete.pk], athlete.leg_length_cm)
        frame = "involved/uninvolved" if athlete.involved else "weaker/stronger"
        for side in ("left", "right"):
            value = getattr(result, f"{side}_value")
            yield [
                _cell(athlete.name),
                athlete.pk,
                athlete.involved_leg,
                result.test.name,
                result.test.slug,
                result.date.isoformat(),
                side,
                "unable" if value is None else "measured",
                number(value),
                result.test.unit,
                number(getattr(norm, side)) if norm else "",
                norm.unit if norm else "",
                "" if symmetry.lsi is None else symmetry.lsi,
                frame,
                symmetry.weaker or "",
                "yes" if symmetry.flagged else "no",
                _cell(result.notes),
            ]
