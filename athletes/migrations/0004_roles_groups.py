"""Role groups production needs: "Coaches" exists, and "Content editors" may
edit the assessment test catalogue in the admin (add, change, view; tests
that history refers to are retired, not deleted)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["add_assessmenttest", "change_assessmenttest", "view_assessmenttest"]


def forwards(apps, schema_editor):
    # Permissions are normally created after migrate (post_migrate); create
    # them now so the group can be given them in the same run.
    app_config = apps.get_app_config("athletes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name="Coaches")
    editors, _ = Group.objects.get_or_create(name="Content editors")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="athletes", codename__in=EDITOR_CODENAMES
        )
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Content editors").first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="athletes", codename__in=EDITOR_CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("athletes", "0003_seed_assessment_tests"),
        # The library's migration creates the same group; run after it so the
        # group's permissions are complete whichever app migrates first.
        ("exercises", "0002_content_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
