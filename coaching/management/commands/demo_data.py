"""Demo accounts and data for trying Flamingo locally (`make run`).

Idempotent: running it again changes nothing. Demo users exist only through
this command, never in migrations. Password for all: "flamingo"."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from athletes import demo as athletes_demo
from athletes.auth import COACHES, CONTENT_EDITORS
from coaching import demo as coaching_demo

DEMO_PASSWORD = "flamingo"


def demo_user(username: str, *, first_name: str, last_name: str = "", group: str | None = None):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.com",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        if group == CONTENT_EDITORS:
            user.is_staff = True  # the admin requires staff; permissions come from the group
        user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


class Command(BaseCommand):
    help = "Create the demo accounts (coach, ana, editor; password 'flamingo') and their data."

    @transaction.atomic
    def handle(self, *args, **options):
        coach = demo_user("coach", first_name="Carmen", last_name="Ortiz", group=COACHES)
        ana = demo_user("ana", first_name="Ana", last_name="Ruiz")
        demo_user("editor", first_name="Eddie", last_name="Lopez", group=CONTENT_EDITORS)
        athletes_demo.populate(coach=coach, ana=ana)
        coaching_demo.populate(coach=coach)
        self.stdout.write(
            self.style.SUCCESS("Demo data ready: coach, ana, editor (password: flamingo).")
        )
