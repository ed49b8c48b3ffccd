from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0003_library_content"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="progressionlevel",
            constraint=models.UniqueConstraint(
                fields=("id", "exercise"), name="level_id_with_exercise"
            ),
        ),
    ]
