"""Roll planning forward: run daily (cron or a worker) so every athlete with an
active assignment always has this week and next week planned. Re-runnable."""

from django.core.management.base import BaseCommand

from coaching.services.sessions import athletes_to_plan, plan_ahead


class Command(BaseCommand):
    help = "Plan the rest of this week and next week for every active athlete (idempotent)."

    def handle(self, *args, **options):
        athletes = entries = 0
        for athlete in athletes_to_plan().iterator():
            entries += plan_ahead(athlete=athlete)
            athletes += 1
        self.stdout.write(f"Planned {entries} new entries for {athletes} athletes.")
