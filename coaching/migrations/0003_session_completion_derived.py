"""TrainingSession.completed_at is derived from the entries now
(TrainingSession.objects.with_completion()): a session is done when it has
entries and every entry is completed, at the latest entry's completed_at.
The entries keep their completed_at, so dropping the copy loses nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0002_derived_state"),
    ]

    operations = [
        migrations.RemoveField(model_name="trainingsession", name="completed_at"),
    ]
