"""Declared touches (coaching/site/touch.py): every model with a path to an
athlete or an exercise declares it, and every ORM write moves that root on."""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from athletes.groups import Membership
from athletes.models import (
    AssessmentChange,
    AssessmentTest,
    Athlete,
    AthleteInvite,
    BodyMass,
    StrengthAssessment,
)
from athletes.versions import library_version
from coaching.models import (
    Assignment,
    LevelChange,
    MorningMail,
    PrescriptionChange,
    ReminderSettings,
    Run,
    RunningPlan,
    SessionEntry,
    TrainingSession,
)
from coaching.notes import Note, NoteRevision
from coaching.programmes import ProgrammeItem
from coaching.site.touch import TouchingQuerySet, resolve
from exercises.models import CommonMistake, Exercise, ProgressionLevel, TechniqueStep
from tests import factories

pytestmark = pytest.mark.django_db

OUR_APPS = {"athletes", "exercises", "coaching"}
ROOTS = (Athlete, Exercise)  # in this order: a row reaching both belongs to the athlete


# -- Coverage: over apps.get_models() ------------------------------------------


def forward_reach(model) -> set:
    """Every model reached from `model` by forward FK/O2O paths, at any depth."""
    seen, todo = set(), [model]
    while todo:
        for field in todo.pop()._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def uncovered() -> list[str]:
    problems = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        name, reach = model.__name__, forward_reach(model)
        declared = {resolve(model, path) for path in getattr(model, "touches", ())}
        root = next((root for root in ROOTS if root in reach), None)
        if root is not None and root not in declared and not getattr(model, "touches_nothing", ""):
            problems.append(f"{name} has a path to {root.__name__} but does not touch it")
        if (root or model in ROOTS) and not isinstance(
            model._default_manager.all(), TouchingQuerySet
        ):
            problems.append(f"{name}'s default manager is not a TouchingQuerySet")
        if declared and model._meta.many_to_many:
            problems.append(f"{name} has a many-to-many field, which touch does not cover")
    return problems


def test_every_model_with_a_path_to_an_athlete_or_exercise_touches_it():
    assert uncovered() == []


def test_a_missing_declaration_fails_the_coverage_check(monkeypatch):
    monkeypatch.delattr(SessionEntry, "touches")
    assert uncovered() == ["SessionEntry has a path to Athlete but does not touch it"]


def test_touching_nothing_is_said_with_a_reason(monkeypatch):
    monkeypatch.delattr(SessionEntry, "touches")
    monkeypatch.setattr(SessionEntry, "touches_nothing", "no cached page shows it", raising=False)
    assert uncovered() == []
    monkeypatch.setattr(SessionEntry, "touches_nothing", "")
    assert uncovered() == ["SessionEntry has a path to Athlete but does not touch it"]


def test_a_programme_edit_leaves_the_library_version_alone(world):
    """Programmes are on no cached page: editing one must not move every
    athlete's cached pages on through the library version."""
    before = library_version(), Exercise.objects.get(pk=world.drill.pk).updated_at
    programme = factories.programme(coach=world.coach, name="Base phase")
    item = ProgrammeItem.objects.create(
        programme=programme, level=world.drill.levels.first(), sets=2, reps_per_leg=8
    )
    ProgrammeItem.objects.filter(pk=item.pk).update(sets=3)
    item.delete()
    assert (library_version(), Exercise.objects.get(pk=world.drill.pk).updated_at) == before


def test_a_plain_manager_fails_the_coverage_check(monkeypatch):
    monkeypatch.setattr(TechniqueStep._default_manager, "_queryset_class", models.QuerySet)
    assert uncovered() == ["TechniqueStep's default manager is not a TouchingQuerySet"]


# -- Behaviour: each declared model, each kind of write -------------------------


@dataclass
class World:
    coach: object
    ana: Athlete
    bea: Athlete
    drill: Exercise
    other: Exercise
    serial: Callable[[], int]

    def assignment(self, owner: Athlete) -> Assignment:
        return Assignment.objects.filter(athlete=owner).first() or factories.assignment(
            owner, self.drill
        )

    def session(self, owner: Athlete) -> TrainingSession:
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=self.serial())
        return TrainingSession.objects.create(athlete=owner, date=day)


@pytest.fixture
def world() -> World:
    coach = factories.coach("carmen")
    counter = itertools.count(1)
    return World(
        coach=coach,
        ana=factories.athlete(coach=coach, name="Ana"),
        bea=factories.athlete(coach=coach, name="Bea"),
        drill=factories.exercise("Hinge drill"),
        other=factories.exercise("Wall sit test"),
        serial=lambda: next(counter),
    )


def _entry(w: World, owner: Athlete) -> SessionEntry:
    assignment = w.assignment(owner)
    return SessionEntry(
        session=w.session(owner),
        assignment=assignment,
        level=assignment.level,
        sets=3,
        reps_per_leg=8,
    )


def _level_change(w: World, owner: Athlete) -> LevelChange:
    assignment = w.assignment(owner)
    levels = list(assignment.exercise.levels.order_by("order")[:2])
    return LevelChange(
        assignment=assignment,
        from_level=levels[0],
        to_level=levels[1],
        direction="advance",
        changed_by=w.coach,
    )


def _prescription_change(w: World, owner: Athlete) -> PrescriptionChange:
    return PrescriptionChange(
        assignment=w.assignment(owner),
        from_sets=3,
        from_reps_per_leg=8,
        to_sets=3,
        to_reps_per_leg=10,
        changed_by=w.coach,
    )


@dataclass(frozen=True)
class Case:
    model: type
    root: str  # "athlete" or "exercise": which of the world's pairs it belongs to
    text: str  # a text field to write
    make: Callable  # (world, root) -> an unsaved row of that root, its parents saved
    value: object = "x"  # what the writes put in `text` (a row with no text field: another)


CASES = [
    Case(
        Assignment,
        "athlete",
        "notes",
        lambda w, a: Assignment(
            athlete=a,
            exercise=(ex := factories.exercise(f"Drill {w.serial()}")),
            level=ex.levels.first(),
            sets=3,
            reps_per_leg=8,
            created_by=w.coach,
        ),
    ),
    Case(
        TrainingSession,
        "athlete",
        "note",
        lambda w, a: TrainingSession(
            athlete=a, date=w.session(a).date + datetime.timedelta(days=500)
        ),
    ),
    Case(SessionEntry, "athlete", "form_note", _entry),
    Case(LevelChange, "athlete", "reason", _level_change),
    Case(PrescriptionChange, "athlete", "reason", _prescription_change),
    Case(
        StrengthAssessment,
        "athlete",
        "notes",
        lambda w, a: StrengthAssessment(
            athlete=a,
            test=AssessmentTest.objects.first(),
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=w.serial()),
            left_value=Decimal(10),
            right_value=Decimal(12),
        ),
    ),
    Case(
        AssessmentChange,
        "athlete",
        "reason",
        lambda w, a: AssessmentChange(
            assessment=StrengthAssessment.objects.create(
                athlete=a,
                test=AssessmentTest.objects.first(),
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=w.serial()),
                left_value=Decimal(10),
                right_value=Decimal(12),
            ),
            kind="corrected",
            revision=2,
            reason="typo",
            before={"left": "1"},
            after={"left": "10"},
        ),
    ),
    Case(
        BodyMass,
        "athlete",
        "note",
        lambda w, a: BodyMass(
            athlete=a, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=w.serial()), kg=60
        ),
    ),
    Case(
        AthleteInvite,
        "athlete",
        "sent_to",
        lambda w, a: AthleteInvite(
            athlete=a,
            token_hash=f"{w.serial():064d}",
            expires_at=timezone.now() + datetime.timedelta(days=7),
        ),
    ),
    Case(ReminderSettings, "athlete", "time_zone", lambda w, a: ReminderSettings(athlete=a)),
    Case(
        MorningMail,
        "athlete",
        "subject",
        lambda w, a: MorningMail(
            athlete=a, day=datetime.date(2026, 1, 1) + datetime.timedelta(days=w.serial())
        ),
    ),
    Case(
        Run,
        "athlete",
        "title",
        lambda w, a: Run(
            athlete=a,
            date=datetime.date(2026, 1, 1),
            title="Easy",
            source="file",
            source_key=f"uid-{w.serial()}",
            detected_kind="easy",
        ),
    ),
    Case(RunningPlan, "athlete", "calendar_url", lambda w, a: RunningPlan(athlete=a)),
    Case(
        TechniqueStep,
        "exercise",
        "title",
        lambda w, ex: TechniqueStep(
            exercise=ex, order=100 + w.serial(), title="t", instruction="i"
        ),
    ),
    Case(
        CommonMistake,
        "exercise",
        "title",
        lambda w, ex: CommonMistake(
            exercise=ex, order=100 + w.serial(), title="t", what_happens="w", how_to_fix="f"
        ),
    ),
    Case(
        ProgressionLevel,
        "exercise",
        "name",
        lambda w, ex: ProgressionLevel(
            exercise=ex, order=100 + w.serial(), name="n", description="d", advance_reps_per_leg=10
        ),
    ),
    Case(
        Membership,
        "athlete",
        "added_at",
        lambda w, a: Membership(
            group=factories.group(coach=w.coach, name=f"G{w.serial()}"), athlete=a
        ),
        value=timezone.now(),
    ),
    Case(
        Note,
        "athlete",
        "text",
        lambda w, a: Note(athlete=a, author=w.coach, week=datetime.date(2026, 1, 5), text="t"),
    ),
    Case(
        NoteRevision,
        "athlete",
        "text",
        lambda w, a: NoteRevision(
            note=Note.objects.create(
                athlete=a, author=w.coach, week=datetime.date(2026, 1, 5), text="t"
            ),
            text="before",
        ),
    ),
]
IDS = [case.model.__name__ for case in CASES]


def test_every_declared_model_is_in_the_behaviour_table():
    declared = {model for model in apps.get_models() if getattr(model, "touches", ())}
    assert {case.model for case in CASES} == declared


def roots(w: World, case: Case):
    return (w.ana, w.bea) if case.root == "athlete" else (w.drill, w.other)


def version(root) -> datetime.datetime:
    return type(root)._base_manager.values_list("updated_at", flat=True).get(pk=root.pk)


def moved(w: World, case: Case, write: Callable[[], object]) -> tuple[bool, bool]:
    """Whether (its root, the other root) moved on during `write`."""
    mine, theirs = roots(w, case)
    before = version(mine), version(theirs)
    write()
    return version(mine) > before[0], version(theirs) > before[1]


def new_row(w: World, case: Case):
    return case.make(w, roots(w, case)[0])


def saved(w: World, case: Case):
    row = new_row(w, case)
    row.save()
    return row


# name: (whether the row is saved first, the write)
WRITES = {
    "save": (False, lambda row, c: row.save()),
    "bulk_create": (False, lambda row, c: c.model.objects.bulk_create([row])),
    "save(update_fields)": (True, lambda row, c: row.save(update_fields=[c.text])),
    "delete": (True, lambda row, c: row.delete()),
    "queryset delete": (True, lambda row, c: c.model.objects.filter(pk=row.pk).delete()),
    "queryset update": (
        True,
        lambda row, c: c.model.objects.filter(pk=row.pk).update(**{c.text: c.value}),
    ),
    "bulk_update": (
        True,
        lambda row, c: (
            setattr(row, c.text, c.value),
            c.model.objects.bulk_update([row], [c.text]),
        ),
    ),
}


@pytest.mark.parametrize("how", WRITES)
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_write_moves_its_root_on_and_no_other(world, case, how):
    save_first, write = WRITES[how]
    row = saved(world, case) if save_first else new_row(world, case)
    assert moved(world, case, lambda: write(row, case)) == (True, False)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_rolled_back_write_rolls_its_touch_back(world, case):
    row = new_row(world, case)

    def write_and_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            row.save()
            raise RuntimeError("rolled back")

    assert moved(world, case, write_and_fail) == (False, False)


MOVES = {
    "save": lambda row, to: (setattr(row, "athlete", to), row.save()),
    "queryset update": lambda row, to: StrengthAssessment.objects.filter(pk=row.pk).update(
        athlete=to
    ),
    "bulk_update": lambda row, to: (
        setattr(row, "athlete", to),
        StrengthAssessment.objects.bulk_update([row], ["athlete"]),
    ),
}


@pytest.mark.parametrize("how", MOVES)
def test_moving_a_row_to_another_root_moves_both(world, how):
    assessment = saved(world, CASES[IDS.index("StrengthAssessment")])
    before = version(world.ana), version(world.bea)
    MOVES[how](assessment, world.bea)
    assert version(world.ana) > before[0] and version(world.bea) > before[1]


def test_a_cascade_moves_the_root_of_what_it_deletes(world):
    entry = saved(world, CASES[IDS.index("SessionEntry")])
    before = version(world.ana)
    TrainingSession.objects.filter(pk=entry.session_id).delete()  # takes the entry with it
    assert not SessionEntry.objects.filter(pk=entry.pk).exists()
    assert version(world.ana) > before


def test_bulk_writes_touch_once_per_call_not_per_row(world, django_assert_num_queries):
    rows = [new_row(world, CASES[IDS.index("SessionEntry")]) for _ in range(3)]
    with django_assert_num_queries(2):  # the INSERT, one UPDATE of the athletes
        SessionEntry.objects.bulk_create(rows)
    with django_assert_num_queries(2):  # one UPDATE of the athletes, the UPDATE
        SessionEntry.objects.filter(session__athlete=world.ana).update(form_note="x")
    before = version(world.ana)
    # One UPDATE of the athletes, the Collector's SELECT, the DELETE: not a touch a row.
    with django_assert_num_queries(3):
        SessionEntry.objects.filter(session__athlete=world.ana).delete()
    assert version(world.ana) > before


# -- Roots: their own writes ---------------------------------------------------


@pytest.mark.parametrize(
    "write",
    [
        lambda a: Athlete.objects.filter(pk=a.pk).update(name="Ana B."),
        lambda a: (setattr(a, "name", "Ana B."), a.save(update_fields=["name"])),
        lambda a: (setattr(a, "name", "Ana B."), Athlete.objects.bulk_update([a], ["name"])),
    ],
    ids=["update", "save(update_fields)", "bulk_update"],
)
def test_a_roots_own_writes_move_it_on(world, write):
    before = version(world.ana), version(world.bea)
    write(world.ana)
    assert version(world.ana) > before[0] and version(world.bea) == before[1]


@pytest.mark.parametrize(
    "write",
    [
        lambda w: Exercise.objects.filter(pk=w.drill.pk).update(published=False),
        lambda w: AssessmentTest.objects.filter(pk=AssessmentTest.objects.first().pk).update(
            active=False
        ),
        lambda w: ProgressionLevel.objects.filter(exercise=w.drill, order=3).delete(),
        lambda w: Exercise.objects.filter(pk=w.other.pk).delete(),  # its levels go too
    ],
    ids=["exercise", "assessment test", "level deleted", "exercise deleted"],
)
def test_library_edits_move_the_library_version_not_the_athletes(world, write):
    before, athlete_before = library_version(), version(world.ana)
    write(world)
    assert library_version() != before
    assert version(world.ana) == athlete_before


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_save_is_touched_after_the_write(world):
    """Autocommit (a shell): the roots are touched after the row is written,
    so no reader can cache the old rows under the new version."""
    assessment = saved(world, CASES[IDS.index("StrengthAssessment")])
    assert not transaction.get_connection().in_atomic_block
    before = version(world.ana), version(world.bea)
    MOVES["save"](assessment, world.bea)
    assert version(world.ana) > before[0] and version(world.bea) > before[1]
