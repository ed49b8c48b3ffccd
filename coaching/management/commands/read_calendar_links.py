"""Re-read every active athlete's calendar link (what the worker's periodic
task does, for a cron or by hand): new and moved runs come in, open sessions
move to fit."""

from django.core.management.base import BaseCommand

from coaching.models import RunningPlan
from coaching.services.running import athletes_with_calendar_links, read_calendar_link


class Command(BaseCommand):
    help = "Import the runs of every active athlete's calendar link (idempotent)."

    def handle(self, *args, **options):
        for athlete in athletes_with_calendar_links().iterator():
            read_calendar_link(athlete=athlete)
            status = RunningPlan.objects.get(athlete=athlete).calendar_status
            self.stdout.write(f"{athlete}: {status}")
