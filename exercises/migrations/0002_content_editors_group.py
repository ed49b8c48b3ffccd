"""The "Content editors" group with exactly the exercise library permissions.

get_or_create + permissions.add: other apps' migrations add their own
permissions to the same group (athletes does, for assessment tests)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_EDITORS = "Content editors"  # migrations import no app code
MODELS = ["exercise", "techniquestep", "commonmistake", "progressionlevel"]
CODENAMES = [
    f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")
]


def add_group(apps, schema_editor):
    # Permissions normally appear after migrate (post_migrate); create them now
    # so the group can be given them in this same run, on a fresh database.
    app_config = apps.get_app_config("exercises")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="exercises", codename__in=CODENAMES)
    )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=CONTENT_EDITORS).first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="exercises", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, remove_permissions)]
