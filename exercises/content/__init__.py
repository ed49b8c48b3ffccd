"""The exercise library as plain data, and the loader that puts it in the database.

`load_content()` is run once by the data migration 0003 (with historical
models) so every new database has the library; editors change it in the admin
afterwards. It is idempotent: exercises are matched by slug, their steps,
mistakes and levels by order, and nothing is ever deleted (levels may be
referred to by athletes' assignments).

Migration 0003 imports this package with the models as they were then: the
loader sets only the fields the (historical) model has. A field added later
gets its library values from its own data migration, which calls
`load_level_fields()` with the new field names (0005: the criteria of issue 10).
"""

from django.db import transaction

from .deadlift import SINGLE_LEG_DEADLIFT
from .hip import HIP_HIKE, SINGLE_LEG_GLUTE_BRIDGE
from .knee import SINGLE_LEG_BOX_SQUAT, SPLIT_SQUAT, STEP_DOWN
from .lower_leg import SINGLE_LEG_BALANCE_HOP, SINGLE_LEG_CALF_RAISE

LIBRARY = [
    SINGLE_LEG_DEADLIFT,
    SINGLE_LEG_CALF_RAISE,
    SPLIT_SQUAT,
    STEP_DOWN,
    SINGLE_LEG_GLUTE_BRIDGE,
    SINGLE_LEG_BOX_SQUAT,
    SINGLE_LEG_BALANCE_HOP,
    HIP_HIKE,
]

CHILDREN = {"steps": "TechniqueStep", "mistakes": "CommonMistake", "levels": "ProgressionLevel"}


def load_content(apps=None) -> int:
    """Create or update every library exercise (published); returns how many.

    `apps` is the historical registry inside a migration, the live one otherwise."""
    if apps is None:
        from django.apps import apps
    Exercise = apps.get_model("exercises", "Exercise")
    with transaction.atomic():
        for data in LIBRARY:
            fields = {k: v for k, v in data.items() if k not in CHILDREN and k != "slug"}
            fields["key_points"] = "\n".join(fields["key_points"])
            exercise, _ = Exercise.objects.update_or_create(
                slug=data["slug"], defaults={**fields, "published": True}
            )
            for key, model_name in CHILDREN.items():
                model = apps.get_model("exercises", model_name)
                known = {f.name for f in model._meta.concrete_fields}
                for order, child in enumerate(data[key], start=1):
                    defaults = {k: v for k, v in child.items() if k in known}
                    model.objects.update_or_create(
                        exercise=exercise, order=order, defaults=defaults
                    )
    return len(LIBRARY)


def load_level_fields(apps, fields: list[str]) -> int:
    """Set only `fields` of the library's levels (matched by exercise slug and
    order), leaving what editors changed elsewhere alone; returns how many."""
    ProgressionLevel = apps.get_model("exercises", "ProgressionLevel")
    changed = 0
    with transaction.atomic():
        for data in LIBRARY:
            for order, child in enumerate(data["levels"], start=1):
                changed += ProgressionLevel.objects.filter(
                    exercise__slug=data["slug"], order=order
                ).update(**{name: child[name] for name in fields})
    return changed
