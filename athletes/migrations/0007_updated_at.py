"""Athlete.data_changed_at becomes updated_at (auto_now), keeping its values;
AssessmentTest gets an updated_at for the library's version."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("athletes", "0006_coach_permission"),
    ]

    operations = [
        migrations.RenameField(
            model_name="athlete", old_name="data_changed_at", new_name="updated_at"
        ),
        migrations.AlterField(
            model_name="athlete",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name="assessmenttest",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
