"""Roll planning forward so every athlete with an active assignment always has
this week and next week planned. The worker runs it every day by itself
(coaching/periodic.py); this command stays for cron or a hand run. Re-runnable."""

from django.core.management.base import BaseCommand

from coaching.services.sessions import plan_all


class Command(BaseCommand):
    help = "Plan the rest of this week and next week for every active athlete (idempotent)."

    def handle(self, *args, **options):
        athletes, entries = plan_all()
        self.stdout.write(f"Planned {entries} new entries for {athletes} athletes.")
