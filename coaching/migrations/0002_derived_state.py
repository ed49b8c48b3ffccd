"""Stored state that can be derived (issue 9): `Assignment.active` goes
(active = ended_at IS NULL), and `Assignment.exercise`, kept for the
one-active-assignment-per-exercise constraint, is proved equal to
level.exercise by a composite foreign key (PostgreSQL) or triggers (SQLite,
which cannot add a foreign key to an existing table).

On SQLite a later migration that rebuilds coaching_assignment or
exercises_progressionlevel drops these triggers: it must create them again
(tests/coaching/test_derived_state.py fails if it does not)."""

from django.db import migrations, models
from django.db.models import F

POSTGRESQL = {
    "forward": """
        ALTER TABLE coaching_assignment ADD CONSTRAINT assignment_level_of_its_exercise
        FOREIGN KEY (level_id, exercise_id)
        REFERENCES exercises_progressionlevel (id, exercise_id)
        DEFERRABLE INITIALLY DEFERRED
    """,
    "backward": """
        ALTER TABLE coaching_assignment DROP CONSTRAINT assignment_level_of_its_exercise
    """,
}

_REFUSE_ASSIGNMENT = """
    WHEN NOT EXISTS (SELECT 1 FROM exercises_progressionlevel
                     WHERE id = NEW.level_id AND exercise_id = NEW.exercise_id)
    BEGIN SELECT RAISE(ABORT, 'assignment_level_of_its_exercise'); END
"""
SQLITE = {
    "forward": [
        "CREATE TRIGGER assignment_level_of_its_exercise_insert"
        " BEFORE INSERT ON coaching_assignment" + _REFUSE_ASSIGNMENT,
        "CREATE TRIGGER assignment_level_of_its_exercise_update"
        " BEFORE UPDATE OF level_id, exercise_id ON coaching_assignment" + _REFUSE_ASSIGNMENT,
        """CREATE TRIGGER assignment_level_of_its_exercise_level
        BEFORE UPDATE OF exercise_id ON exercises_progressionlevel
        WHEN EXISTS (SELECT 1 FROM coaching_assignment
                     WHERE level_id = OLD.id AND exercise_id <> NEW.exercise_id)
        BEGIN SELECT RAISE(ABORT, 'assignment_level_of_its_exercise'); END""",
    ],
    "backward": [
        "DROP TRIGGER assignment_level_of_its_exercise_insert",
        "DROP TRIGGER assignment_level_of_its_exercise_update",
        "DROP TRIGGER assignment_level_of_its_exercise_level",
    ],
}


def _run(direction):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(POSTGRESQL[direction])
        elif vendor == "sqlite":
            for statement in SQLITE[direction]:
                schema_editor.execute(statement)

    return run


def _checks_now(schema_editor):
    # Deferred foreign-key checks left pending would make the ALTER TABLEs
    # below fail ("pending trigger events"): run them at each statement.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def ended_where_inactive(apps, schema_editor):
    """Keep what `active` said: an inactive row without an end date ends when
    it was created; an active row has no end date."""
    _checks_now(schema_editor)
    Assignment = apps.get_model("coaching", "Assignment")
    Assignment.objects.filter(active=False, ended_at__isnull=True).update(ended_at=F("created_at"))
    Assignment.objects.filter(active=True, ended_at__isnull=False).update(ended_at=None)


def active_where_not_ended(apps, schema_editor):
    Assignment = apps.get_model("coaching", "Assignment")
    Assignment.objects.filter(ended_at__isnull=False).update(active=False)


def level_exercise(apps, schema_editor):
    """An assignment whose exercise disagreed with its level's takes the
    level's: the level is what its sessions were planned from."""
    _checks_now(schema_editor)
    Assignment = apps.get_model("coaching", "Assignment")
    ProgressionLevel = apps.get_model("exercises", "ProgressionLevel")
    level_of = ProgressionLevel.objects.filter(pk=models.OuterRef("level_id"))
    Assignment.objects.exclude(exercise_id=F("level__exercise_id")).update(
        exercise_id=models.Subquery(level_of.values("exercise_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
        ("exercises", "0004_level_id_with_exercise"),
    ]

    operations = [
        migrations.RunPython(ended_where_inactive, active_where_not_ended),
        migrations.RemoveConstraint(
            model_name="assignment",
            name="one_active_assignment_per_exercise",
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("ended_at__isnull", True)),
                fields=("athlete", "exercise"),
                name="one_active_assignment_per_exercise",
            ),
        ),
        migrations.RemoveField(
            model_name="assignment",
            name="active",
        ),
        migrations.RunPython(level_exercise, migrations.RunPython.noop),
        migrations.RunPython(_run("forward"), _run("backward")),
    ]
