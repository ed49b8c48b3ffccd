"""Reads other pages need about assessments, in a fixed number of queries.

    from athletes.selectors import latest_symmetry, latest_results_for, lsi_flag, Result

    latest_symmetry(athlete, *, today=None) -> list[Result]
        The latest symmetry of one athlete per test (one query): what other
        apps read (the progression helper's "extra set on the weaker leg":
        `result.symmetry.weaker` when `result.flagged`).
    latest_results_for(athletes, *, today=None) -> dict[int, list[Result]]
        The same for many athletes in ONE query however many (a ROW_NUMBER()
        window, PostgreSQL and SQLite). Every athlete id is a key; lists follow
        the test order. The caller scopes the athletes (for_coach(user)).
    lsi_flag(results) -> Result | None
        The flagged result within the window with the lowest LSI ("needs attention").
    symmetry_headline(results) -> Result | None
        What one cell says about an athlete's symmetry: the flag, else the
        least symmetric current result, else the latest old one ("retest").

    Result: .test, .assessment, .symmetry (athletes.lsi.Symmetry), .current
    (within settings.ASSESSMENT_FLAG_WINDOW_DAYS), .flagged, .last_tested.

Page helpers: roster_rows(athletes), assessment_overview(athlete).
"""

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from coaching.site import compiled

from . import charts
from .lsi import Symmetry, Trend, trend
from .models import (
    AssessmentChange,
    AssessmentTest,
    Athlete,
    BodyMass,
    Normalisation,
    StrengthAssessment,
    with_latest,
)
from .versions import with_library_version


def coached_athlete(user, pk: int, *, active: bool = False, latest: bool = False) -> Athlete | None:
    """One of the user's athletes (archived too unless `active`), or None:
    the lookup of every coach's athlete page, compiled once
    (coaching/site/compiled.py), with the library's version (athlete_version).
    `latest`: with the latest body mass and invite (models.with_latest)."""
    if not getattr(user, "is_authenticated", False):
        return None
    build = _active_coached if active else _coached
    if latest:
        build = functools.partial(_with_latest, build)
    key = f"coached athlete:{active}:{latest}"
    found = compiled.run(key, build, coach=user.pk, pk=pk)
    return found[0] if found else None


def _with_latest(build, coach: int, pk: int):
    return with_latest(build(coach=coach, pk=pk), coach)


def _coached(coach: int, pk: int):
    athletes = Athlete.objects.for_coach(get_user_model()(pk=coach)).filter(pk=pk)
    return with_library_version(athletes)


def _active_coached(coach: int, pk: int):
    return _coached(coach, pk).active()


def ago(days: int) -> str:
    """12 -> "12 days ago", 150 -> "5 months ago": how long since a test, roughly."""
    if days <= 1:
        return "today" if days <= 0 else "yesterday"
    if days < 21:
        return f"{days} days ago"
    if days < 60:
        return f"{round(days / 7)} weeks ago"
    if days < 700:
        return f"{round(days / 30.44)} months ago"
    return f"{round(days / 365.25)} years ago"


@dataclass(frozen=True)
class Result:
    test: AssessmentTest
    assessment: StrengthAssessment
    symmetry: Symmetry
    today: datetime.date

    @property
    def age_days(self) -> int:
        return (self.today - self.assessment.date).days

    @property
    def current(self) -> bool:
        """Recent enough to flag (settings.ASSESSMENT_FLAG_WINDOW_DAYS)."""
        return self.age_days <= settings.ASSESSMENT_FLAG_WINDOW_DAYS

    @property
    def flagged(self) -> bool:
        return self.current and self.symmetry.flagged

    @property
    def last_tested(self) -> str:
        return ago(self.age_days)

    @property
    def sort_lsi(self) -> int | None:
        """For sorting a list by LSI: None when old or not computable."""
        return self.symmetry.lsi if self.current else None


def _result(assessment: StrengthAssessment, today: datetime.date) -> Result:
    return Result(assessment.test, assessment, assessment.symmetry, today)


def latest_results_for(
    athletes: Iterable[Athlete | int], *, today: datetime.date | None = None
) -> dict[int, list[Result]]:
    today = today or timezone.localdate()
    ids = [a if isinstance(a, int) else a.pk for a in athletes]
    results: dict[int, list[Result]] = {pk: [] for pk in ids}
    if not ids:
        return results
    latest = (
        StrengthAssessment.objects.current()
        .filter(athlete_id__in=ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("athlete_id"), F("test_id")],
                order_by=[F("date").desc(), F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .select_related("test", "athlete")
        .order_by("athlete_id", "test__order", "test__name")
    )
    for assessment in latest:
        results[assessment.athlete_id].append(_result(assessment, today))
    return results


def latest_symmetry(athlete: Athlete | int, *, today: datetime.date | None = None) -> list[Result]:
    """The latest result of each test for one athlete, in the test order (one query)."""
    pk = athlete if isinstance(athlete, int) else athlete.pk
    return latest_results_for([pk], today=today)[pk]


def _lsi_or_unable(result: Result) -> int:
    # No LSI (unable) first: it is the largest asymmetry there is.
    return -1 if result.symmetry.lsi is None else result.symmetry.lsi


def _worst(results: list[Result]) -> Result | None:
    return min(results, key=_lsi_or_unable, default=None)


def lsi_flag(results: list[Result]) -> Result | None:
    return _worst([r for r in results if r.flagged])


def symmetry_headline(results: list[Result]) -> Result | None:
    current = [r for r in results if r.current]
    if flag := lsi_flag(current):
        return flag
    if scored := [r for r in current if r.symmetry.lsi is not None]:
        return _worst(scored)
    return max(results, key=lambda r: r.assessment.date, default=None)


@dataclass(frozen=True)
class AthleteListRow:
    """One athlete on the coach's Athletes page: the latest results and the flag."""

    athlete: Athlete
    results: list[Result]
    flag: Result | None


def roster_rows(athletes: Iterable[Athlete]) -> list[AthleteListRow]:
    athletes = list(athletes)
    results = latest_results_for(athletes)
    return [AthleteListRow(a, results[a.pk], lsi_flag(results[a.pk])) for a in athletes]


# -- One athlete's page --------------------------------------------------------


@dataclass(frozen=True)
class Normalised:
    left: Decimal | None
    right: Decimal | None
    unit: str  # "N/kg", "% leg length"


def normalised(
    assessment: StrengthAssessment, masses: list[BodyMass], leg_length: Decimal | None
) -> Normalised | None:
    """The values per kg of body mass (the latest mass on or before the
    test's day, `masses` newest first) or as % of leg length; None when the
    test is not normalised or the athlete's measure is missing."""
    kind = assessment.test.normalisation
    if kind == Normalisation.BODY_MASS:
        mass = next((m.kg for m in masses if m.date <= assessment.date), None)
        by, unit, scale = mass, "N/kg", Decimal("0.01")
    elif kind == Normalisation.LEG_LENGTH:
        by, unit, scale = (leg_length / 100 if leg_length else None), "% leg length", Decimal("1")
    else:
        return None
    if not by:
        return None

    def per(value):
        return None if value is None else (value / by).quantize(scale)

    return Normalised(per(assessment.left_value), per(assessment.right_value), unit)


@dataclass(frozen=True)
class HistoryRow:
    assessment: StrengthAssessment
    symmetry: Symmetry
    normalised: Normalised | None
    changes: list[AssessmentChange]


@dataclass(frozen=True)
class TestHistory:
    test: AssessmentTest
    rows: list[HistoryRow]  # oldest first
    latest: Result
    previous: Result | None
    values_chart: charts.Chart
    lsi_chart: charts.Chart

    @property
    def history(self) -> list[StrengthAssessment]:
        return [row.assessment for row in self.rows]

    @property
    def newest_first(self) -> list[HistoryRow]:
        return self.rows[::-1]

    @property
    def latest_row(self) -> HistoryRow:
        return self.rows[-1]

    @property
    def has_notes(self) -> bool:
        return any(row.assessment.notes for row in self.rows)

    @property
    def trend(self) -> Trend | None:
        """Since the previous result, beyond the test's detectable difference."""
        if self.previous is None:
            return None
        return trend(self.previous.symmetry, self.latest.symmetry, self.test.detectable)


@dataclass(frozen=True)
class AssessmentOverview:
    athlete: Athlete
    tests: list[TestHistory]
    deleted: list[HistoryRow]  # deleted results, kept with their history

    @property
    def latest(self) -> list[Result]:
        return [t.latest for t in self.tests]

    @property
    def flag(self) -> Result | None:
        return lsi_flag(self.latest)


def assessment_overview(
    athlete: Athlete, *, today: datetime.date | None = None
) -> AssessmentOverview:
    """Every result of one athlete grouped by test, with charts, corrections,
    normalised values and deleted results (three queries)."""
    today = today or timezone.localdate()
    assessments = (
        StrengthAssessment.objects.filter(athlete=athlete)
        .history()
        .prefetch_related(
            Prefetch("changes", AssessmentChange.objects.select_related("changed_by"))
        )
    )
    masses = list(BodyMass.objects.filter(athlete=athlete).order_by("-date", "-pk"))
    by_test: dict[int, list[HistoryRow]] = {}
    deleted = []
    for assessment in assessments:
        assessment.athlete = athlete  # the caller's: its involved leg is the frame
        row = HistoryRow(
            assessment,
            assessment.symmetry,
            normalised(assessment, masses, athlete.leg_length_cm),
            list(assessment.changes.all()),
        )
        if assessment.is_deleted:
            deleted.append(row)
        else:
            by_test.setdefault(assessment.test_id, []).append(row)
    tests = []
    for rows in by_test.values():
        test = rows[0].assessment.test
        history = [row.assessment for row in rows]
        tests.append(
            TestHistory(
                test=test,
                rows=rows,
                latest=_result(history[-1], today),
                previous=_result(history[-2], today) if len(history) > 1 else None,
                values_chart=charts.values_chart(test, history),
                lsi_chart=charts.lsi_chart(test, history),
            )
        )
    tests.sort(key=lambda t: (t.test.order, t.test.name))
    return AssessmentOverview(athlete, tests, deleted[::-1])
