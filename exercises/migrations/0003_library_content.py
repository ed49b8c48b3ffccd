"""The exercise library content on every new database (production included).
Editors change it in the admin afterwards; reversing leaves it in place."""

from django.db import migrations


def load(apps, schema_editor):
    from exercises.content import load_content

    load_content(apps)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0002_content_editors_group")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
