"""Reads other pages need about assessments, in a fixed number of queries.

    from athletes.selectors import latest_results_for, lsi_flag, Result

    latest_results_for(athletes: Iterable[Athlete | int]) -> dict[int, list[Result]]
        The latest assessment per (athlete, test) for every given athlete, in
        ONE query however many athletes (a ROW_NUMBER() window, which works on
        PostgreSQL and SQLite). Every athlete id is a key; athletes without
        assessments map to []. Lists follow the test order (AssessmentTest.order).
        The caller scopes the athletes (e.g. Athlete.objects.for_coach(user)).

    lsi_flag(results: list[Result]) -> Result | None
        The result most below its test's LSI threshold, or None when nothing is
        flagged: use it for a single "needs attention" badge per athlete.

    Result: .test (AssessmentTest), .assessment (StrengthAssessment, with .test
    loaded), .symmetry (athletes.lsi.Symmetry: .lsi, .weaker, .sentence, ...).

Page helpers: roster_rows(athletes) for the Athletes page (one query for results),
assessment_overview(athlete) for the detail and "my results" pages (one query).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from . import charts
from .lsi import Symmetry
from .models import AssessmentTest, Athlete, StrengthAssessment


@dataclass(frozen=True)
class Result:
    test: AssessmentTest
    assessment: StrengthAssessment
    symmetry: Symmetry


def latest_results_for(athletes: Iterable[Athlete | int]) -> dict[int, list[Result]]:
    ids = [a if isinstance(a, int) else a.pk for a in athletes]
    results: dict[int, list[Result]] = {pk: [] for pk in ids}
    if not ids:
        return results
    latest = (
        StrengthAssessment.objects.filter(athlete_id__in=ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("athlete_id"), F("test_id")],
                order_by=[F("date").desc(), F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .select_related("test")
        .order_by("athlete_id", "test__order", "test__name")
    )
    for assessment in latest:
        results[assessment.athlete_id].append(
            Result(assessment.test, assessment, assessment.symmetry)
        )
    return results


def lsi_flag(results: list[Result]) -> Result | None:
    flagged = [r for r in results if r.symmetry.below_threshold]
    return min(flagged, key=lambda r: r.symmetry.lsi, default=None)


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


@dataclass(frozen=True)
class TestHistory:
    test: AssessmentTest
    history: list[StrengthAssessment]  # oldest first
    latest: Result
    first: Result
    values_chart: charts.Chart
    lsi_chart: charts.Chart

    @property
    def newest_first(self) -> list[StrengthAssessment]:
        return self.history[::-1]

    @property
    def has_notes(self) -> bool:
        return any(a.notes for a in self.history)


@dataclass(frozen=True)
class AssessmentOverview:
    tests: list[TestHistory]

    @property
    def latest(self) -> list[Result]:
        return [t.latest for t in self.tests]

    @property
    def flag(self) -> Result | None:
        return lsi_flag(self.latest)


def assessment_overview(athlete: Athlete) -> AssessmentOverview:
    """Every assessment of one athlete grouped by test, with charts (one query)."""
    by_test: dict[int, list[StrengthAssessment]] = {}
    for assessment in StrengthAssessment.objects.filter(athlete=athlete).history():
        by_test.setdefault(assessment.test_id, []).append(assessment)
    tests = []
    for history in by_test.values():
        test = history[0].test
        first, latest = history[0], history[-1]
        tests.append(
            TestHistory(
                test=test,
                history=history,
                latest=Result(test, latest, latest.symmetry),
                first=Result(test, first, first.symmetry),
                values_chart=charts.values_chart(test, history),
                lsi_chart=charts.lsi_chart(test, history),
            )
        )
    tests.sort(key=lambda t: (t.test.order, t.test.name))
    return AssessmentOverview(tests)
