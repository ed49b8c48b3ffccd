"""The "Coaches" group held no permission; views asked for the group's name.
It now holds `athletes.coach_athletes`, which the coach's pages ask for."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    # Permissions are normally created after migrate (post_migrate); create
    # them now so the group can be given this one in the same run.
    app_config = apps.get_app_config("athletes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coaches, _ = Group.objects.get_or_create(name="Coaches")
    coaches.permissions.add(
        Permission.objects.get(content_type__app_label="athletes", codename="coach_athletes")
    )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="athletes", codename="coach_athletes"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("athletes", "0005_data_changed_at")]

    operations = [
        migrations.AlterModelOptions(
            name="athlete",
            options={
                "ordering": ["name", "pk"],
                "permissions": [
                    ("coach_athletes", "Can coach athletes: roster, assessments, training")
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
