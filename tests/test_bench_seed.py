"""The benchmark's seed (bench/seed.py), run small: the data the numbers in
docs/performance.md rest on must be what it claims to be."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.utils import timezone

from athletes.models import Athlete
from bench import seed as bench_seed
from coaching.models import SessionEntry, TrainingSession


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def counts(db, today):
    return bench_seed.seed(today, coaches=1, per_coach=2, big=3, crowd=4, weeks=6)


def test_rosters_and_roles(counts):
    assert counts["athletes"] == 2 + 3 + 4 + 1  # coach01, bench-coach, -200, bench-small
    assert Athlete.objects.filter(coach__username=bench_seed.BIG_COACH).count() == 3
    crowd = Athlete.objects.filter(coach__username=bench_seed.CROWD_COACH)
    assert [crowd.filter(groups__name=name).count() for name in bench_seed.CROWD_GROUPS] == [
        1, 2, 4,
    ]  # fmt: skip
    coach = Athlete.objects.filter(coach__username="coach01").first().coach
    assert coach.has_perm("athletes.coach_athletes")
    athlete = Athlete.objects.get(user__username="bench-athlete-001").user
    assert athlete.has_perm("athletes.log_training")
    assert not athlete.has_perm("athletes.coach_athletes")


def test_everyone_signs_in_with_the_bench_password(counts):
    assert authenticate(username="bench-athlete-002", password=bench_seed.PASSWORD)
    assert authenticate(username=bench_seed.BIG_COACH, password=bench_seed.PASSWORD)


def test_every_athlete_has_something_to_check_off_today(counts, today):
    for athlete in Athlete.objects.all():
        entries = SessionEntry.objects.filter(session__athlete=athlete, session__date=today)
        assert entries.exists(), athlete
        assert not entries.filter(completed_at__isnull=False).exists()


def test_history_is_consistent(counts, today):
    """Past sessions are done or not as a whole; nothing ahead is done; the
    big roster has weeks of history and sessions planned into next week."""
    for session in TrainingSession.objects.prefetch_related("entries"):
        states = {entry.completed_at is not None for entry in session.entries.all()}
        assert states == {session.completed_at is not None}, session
        if session.date >= today:
            assert session.completed_at is None
    big = TrainingSession.objects.filter(athlete__coach__username=bench_seed.BIG_COACH)
    assert big.filter(date__lt=today - datetime.timedelta(weeks=5)).exists()
    assert big.filter(date__gt=today + datetime.timedelta(days=6)).exists()
    assert counts["entries"] == SessionEntry.objects.count()


def test_stamp_names_the_day(today):
    assert today.isoformat() in bench_seed.stamp(today)


def test_the_small_size_has_the_athletes_the_load_signs_in(db, today):
    bench_seed.seed(today, **bench_seed.SIZES["small"])
    big = Athlete.objects.filter(coach__username=bench_seed.BIG_COACH)
    assert big.filter(user__username="bench-athlete-016").exists()
    assert today.isoformat() in bench_seed.stamp(today, "small")
    assert bench_seed.stamp(today, "small") != bench_seed.stamp(today)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL database comment")
def test_the_stamp_becomes_the_database_comment(db, today):
    """COMMENT takes no bound parameters (server-side binding is on): the
    stamp, quote included, must still arrive as written."""
    label = bench_seed.stamp(today) + " it's"
    bench_seed.mark_seeded(label)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
            " WHERE datname = current_database()"
        )
        assert cursor.fetchone()[0] == label
