"""make cluster: start the cluster on loopback, break it under a mixed load,
and compare the database with what the clients were told.

    python -m scripts.cluster.drills [--drills kill,worker,slowdb,nodb,backup,deploy,pgrestart]
                                     [--threads 8] [--serve SECONDS]

(scripts/cluster/run.sh prepares the database and static files first; run that.)
Each drill runs the load for a few seconds, applies its fault, repairs it,
runs a few seconds more, then stops the load and checks the database:
- errors seen by clients (a first attempt that failed) only inside the fault
  window, none after it, and no request that failed after every retry;
- every check-off a client was told succeeded is stored done, once; no entry
  done that nobody was told about; no duplicate session or entry;
- every assessment a client was told saved is stored exactly once;
- every programme a client was told assigned to a group is there for every
  member, once; one sent but not confirmed is there for all or for none;
- (drill "worker") every athlete due a morning mail has one MorningMail row,
  sent, and one mail written with its Message-ID; a mail written twice with
  the same Message-ID is counted (the gap between the mail server and the
  commit); every task worker is still running after every drill.
Prints one table per drill and a summary; exits 1 if any drill failed.
`--serve N` only starts the cluster and keeps it up N seconds (max 600)."""

import argparse
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zoneinfo
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["DJANGO_SETTINGS_MODULE"] = "coaching.settings.production"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.tasks import TaskResultStatus  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from athletes.models import AssessmentTest, Athlete, StrengthAssessment  # noqa: E402
from bench.load import reset, today_entries  # noqa: E402
from bench.seed import BIG_COACH, PASSWORD  # noqa: E402
from coaching import tasks  # noqa: E402
from coaching.models import Assignment, MorningMail, ReminderSettings, SessionEntry  # noqa: E402
from coaching.programmes import Programme  # noqa: E402
from coaching.services import groups as group_services  # noqa: E402
from coaching.services import programmes  # noqa: E402
from coaching.services.sessions import plan_locked  # noqa: E402
from exercises.models import Exercise  # noqa: E402
from scripts.cluster.cluster import Cluster, get  # noqa: E402
from scripts.cluster.load import Browser, Load, Work  # noqa: E402
from scripts.cluster.mail import MAIL_ID, morning_zone, written_mails  # noqa: E402

BEFORE, AFTER = 3.0, 5.0  # seconds of load before a fault and after its repair
GROUPS, GROUP_SIZE = 8, 3  # fresh groups per drill, for the programme assignments
TASK_WORKERS = 2  # `manage.py worker` processes, as docs/deploy.md recommends
MAIL_BATCH = 200  # athletes due a morning mail at once, in the worker drill
MAIL_COACH = "cluster-mail-coach"  # their coach: the load's coach keeps its roster
SEND_TASK = tasks.send_morning_mail.module_path
ALL_DRILLS = ("kill", "worker", "slowdb", "nodb", "backup", "deploy", "pgrestart")
DB = os.environ["CLUSTER_DB"]
PG_ADMIN = os.environ["CLUSTER_PG"] + "/postgres"
PG_CLUSTER = os.environ.get("CLUSTER_PG_CLUSTER", "main")  # Debian's name of the server
PG_VERSION = sorted(os.listdir("/etc/postgresql"))[-1] if os.path.isdir("/etc/postgresql") else ""


def psql(url: str, *sql: str) -> str:
    argv = ["psql", url, "-qtAX", "-v", "ON_ERROR_STOP=1"]
    for statement in sql:
        argv += ["-c", statement]
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout.strip()


def wait_for(predicate, seconds: float, step: float = 0.05) -> float | None:
    """Seconds until predicate() held, or None if it did not within `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if predicate():
            return time.monotonic() - started
        time.sleep(step)
    return None


class Drills:
    def __init__(self, cluster: Cluster, threads: int):
        self.cx = cluster
        self.today = timezone.localdate()
        usernames = [f"bench-athlete-{i:03}" for i in range(1, threads + 1)]
        self.entries = today_entries(usernames)
        self.entry_ids = [pk for pks in self.entries.values() for pk in pks]
        coach = Athlete.objects.filter(coach__username=BIG_COACH, archived_at__isnull=True)
        self.coach_user = User.objects.get(username=BIG_COACH)
        self.programme = self.new_programme()
        self.work = Work(
            athletes=self.entries,
            coach_athletes=list(coach.values_list("pk", flat=True)[:10]),
            tests=list(AssessmentTest.objects.values_list("pk", flat=True)),
            taken=set(StrengthAssessment.objects.values_list("athlete_id", "test_id", "date")),
            programme=self.programme.pk,
            groups=[],
        )
        port = cluster.port
        print(f"Signing in {len(usernames)} athletes and {BIG_COACH} through the balancer...")
        self.sessions = {name: Browser(port).sign_in(name, PASSWORD) for name in self.entries}
        self.coach = Browser(port).sign_in(BIG_COACH, PASSWORD)
        self.results = []

    def new_programme(self) -> Programme:
        """Two exercises at their first level, twice a week."""
        stamp = time.strftime("%H%M%S")
        plan = programmes.create_programme(by=self.coach_user, name=f"Cluster drill {stamp}")
        for exercise in Exercise.objects.published().order_by("pk")[:2]:
            level = exercise.levels.order_by("order").first()
            programmes.add_item(
                programme=plan, by=self.coach_user, level=level, sessions_per_week=2,
                weekdays=[2, 5],
            )  # fmt: skip
        return plan

    def fresh_groups(self, drill: str) -> dict[int, list[int]]:
        """New athletes (no assignment yet) in new groups: group -> members."""
        groups = {}
        for n in range(GROUPS):
            members = [
                Athlete.objects.create(coach=self.coach_user, name=f"Drill {drill} {n}-{i}")
                for i in range(GROUP_SIZE)
            ]
            name = f"Drill {drill} {time.strftime('%H%M%S')} {n}"
            group = group_services.create_group(by=self.coach_user, name=name)
            group_services.set_members(group=group, by=self.coach_user, athletes=members)
            groups[group.pk] = [a.pk for a in members]
        return groups

    # -- the frame every drill shares -------------------------------------------

    def under_load(self, name: str, title: str, fault, check=None) -> dict:
        """Load, then fault() (applies the fault, repairs it, returns its
        timings), then more load; then the tally against the database, and
        check() if given (returns its problems and its figures)."""
        print(f"\n== {name}: {title}", flush=True)
        reset(self.entry_ids)
        self.groups = self.fresh_groups(name)
        self.work.groups = list(self.groups)
        connection.close()
        load = Load(self.cx.port, self.sessions, self.coach, self.work, self.today).start()
        time.sleep(BEFORE)
        window_start = load.now()
        timings = fault(load)
        window_end = load.now()
        time.sleep(AFTER)
        tally = load.stop()
        connection.close()  # a drill may have killed this process's connection too
        return self.judge(name, title, tally, window_start, window_end, timings, check)

    def judge(self, name, title, tally, start, end, timings, check=None) -> dict:
        phases = {"before": [], "during": [], "after": []}
        for attempt in tally.attempts:
            ended = attempt.at + attempt.took  # a request in flight when the fault hit is its
            phase = "before" if ended < start else "during" if ended <= end else "after"
            phases[phase].append(attempt)
        print(
            f"{'phase':<7} {'seconds':>7} {'attempts':>8} {'errors':>6} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'max ms':>7}  errors seen by clients"
        )
        spans = {"before": start, "during": end - start, "after": AFTER}
        row = {"drill": name, "title": title, **timings}
        for phase, attempts in phases.items():
            took = sorted(a.took * 1000 for a in attempts) or [0]
            errors = [a for a in attempts if a.outcome != "ok"]
            kinds = {}
            for a in errors:
                kinds[a.outcome] = kinds.get(a.outcome, 0) + 1
            print(
                f"{phase:<7} {spans[phase]:>7.1f} {len(attempts):>8} {len(errors):>6} "
                f"{took[len(took) // 2]:>7.0f} {took[int(len(took) * 0.95)]:>7.0f} "
                f"{took[-1]:>7.0f}  {', '.join(f'{n} x {k}' for k, n in kinds.items())}"
            )
            row[f"{phase}_attempts"], row[f"{phase}_errors"] = len(attempts), len(errors)
            row[f"{phase}_max_ms"] = round(took[-1])
        slowest = max(tally.attempts, key=lambda a: a.took)
        row["slowest"] = f"{slowest.kind} {slowest.outcome} {slowest.took:.1f} s"
        print(f"  slowest request: {row['slowest']}")
        errors_at = [a.at + a.took for a in tally.attempts if a.outcome != "ok"]
        if errors_at:
            row["last_error_after_fault_s"] = round(max(errors_at) - start, 2)
        by_kind = Counter(a.kind for a in tally.attempts)
        row["requests_by_kind"] = dict(by_kind.most_common())
        print("  requests by kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))
        problems = self.consistency(tally)
        if check is not None:
            more, figures = check()
            problems += more
            timings = {**timings, **figures}
            row.update(figures)
        for n in range(1, TASK_WORKERS + 1):
            # A worker must outlive every fault (systemd would restart it, but
            # the queue would wait meanwhile); started again for the next drill.
            if (status := self.cx.exited(f"worker{n}")) is not None:
                problems.append(f"task worker {n} exited (status {status}): restarted")
                self.cx.groups.pop(f"worker{n}")
                self.cx.start_worker(n)
        if row["after_errors"]:
            problems.append(f"{row['after_errors']} client errors after the fault was repaired")
        if tally.gave_up:
            problems.append(
                f"requests failed after {sum(tally.gave_up.values())} retries: "
                f"{dict(tally.gave_up)}"
            )
        if tally.refused:
            problems.append(f"unexpected answers: {dict(tally.refused)}")
        row.update(
            check_offs_told=len(tally.checked),
            programmes_told=len(tally.assigned),
            assessments_told=len(tally.saved),
            problems=problems,
            ok=not problems,
        )
        for key, value in timings.items():
            print(f"  {key.replace('_', ' ')}: {value}")
        print(
            f"  check-offs told done: {len(tally.checked)}, assessments told saved: "
            f"{len(tally.saved)} of {len(tally.tried)} sent, programmes told assigned: "
            f"{len(tally.assigned)} of {len(tally.sent_to)} sent (to groups of {GROUP_SIZE})"
        )
        print(
            "  consistency: " + ("OK" if not problems else "FAILED\n    " + "\n    ".join(problems))
        )
        self.results.append(row)
        return row

    def consistency(self, tally) -> list[str]:
        problems = []
        with connection.cursor() as cursor:
            cursor.execute(
                "select count(*) from (select session_id, assignment_id from coaching_sessionentry"
                " group by 1, 2 having count(*) > 1) d"
            )
            if dupes := cursor.fetchone()[0]:
                problems.append(f"{dupes} duplicate entries per session and assignment")
        done = set(
            SessionEntry.objects.filter(
                pk__in=self.entry_ids, completed_at__isnull=False
            ).values_list("pk", flat=True)
        )
        if lost := tally.checked - done:
            problems.append(f"{len(lost)} check-offs told done are not stored done: {sorted(lost)}")
        if unknown := done - tally.checked:
            problems.append(f"{len(unknown)} entries stored done that no client was told about")
        stored = {}
        for key in StrengthAssessment.objects.filter(
            athlete_id__in=self.work.coach_athletes, date__lt=self.today
        ).values_list("athlete_id", "test_id", "date"):
            stored[key] = stored.get(key, 0) + 1
        if twice := [k for k in tally.tried if stored.get(k, 0) > 1]:
            problems.append(f"{len(twice)} assessments stored more than once")
        if missing := [k for k in tally.saved if stored.get(k, 0) != 1]:
            problems.append(f"{len(missing)} assessments told saved are not stored")
        if untold := [k for k in tally.tried - tally.saved if stored.get(k, 0)]:
            problems.append(f"{len(untold)} assessments stored that no client was told about")
        problems += self.programmes_applied(tally)
        return problems

    def programmes_applied(self, tally) -> list[str]:
        exercises = list(self.programme.items.values_list("level__exercise_id", flat=True))
        problems = []
        for group, members in self.groups.items():
            rows = Assignment.objects.active().filter(
                athlete_id__in=members, exercise_id__in=exercises
            )
            pairs = list(rows.values_list("athlete_id", "exercise_id"))
            full = len(members) * len(exercises)
            if len(set(pairs)) != len(pairs):
                problems.append(f"group {group}: an exercise assigned twice to one athlete")
            if group in tally.assigned and len(pairs) != full:
                problems.append(f"group {group}: told assigned, {len(pairs)} of {full} there")
            elif group not in tally.assigned and len(pairs) not in (0, full):
                problems.append(f"group {group}: half-applied, {len(pairs)} of {full}")
            elif group not in tally.sent_to and pairs:
                problems.append(f"group {group}: assignments nobody sent")
        return problems

    # -- the faults -------------------------------------------------------------

    def kill(self):
        def fault(load):
            killed = time.monotonic()
            self.cx.kill_server(2)
            out = wait_for(lambda: not self.cx.server_states().get("app2", "").startswith("UP"), 10)
            time.sleep(max(0, 3 - (time.monotonic() - killed)))  # the host stays dead 3 s
            restarted = time.monotonic()
            self.cx.start_server(2, wait=False)
            back = wait_for(lambda: self.cx.server_states().get("app2") == "UP", 30)
            return {
                "taken_out_of_rotation_after_s": round(out, 2) if out is not None else None,
                "dead_for_s": round(restarted - killed, 2),
                "back_in_rotation_after_restart_s": round(back, 2) if back is not None else None,
            }

        return self.under_load(
            "kill", "one app server SIGKILLed (its process group), restarted 3 s later", fault
        )

    def mail_batch(self, drill: str) -> dict[int, str]:
        """MAIL_BATCH new athletes, each with a sign-in and an address, in a time
        zone where it is morning now, with an exercise planned for their local
        today: every one due a morning mail. Returns athlete id -> address.
        The previous batch is archived first, so only this one is due."""
        coach, _ = User.objects.get_or_create(username=MAIL_COACH)
        Athlete.objects.filter(coach=coach).active().update(archived_at=timezone.now())
        zone = morning_zone(timezone.now())
        day = timezone.now().astimezone(zoneinfo.ZoneInfo(zone)).date()
        stamp = time.strftime("%H%M%S")
        users = [
            User(
                username=f"mail-{drill}-{stamp}-{n:03}", email=f"{drill}-{stamp}-{n:03}@example.com"
            )
            for n in range(MAIL_BATCH)
        ]
        for user in users:
            user.set_unusable_password()  # mail only: nobody signs in as them
        users = User.objects.bulk_create(users)
        athletes = Athlete.objects.bulk_create(
            Athlete(coach=coach, name=f"Mail {drill} {stamp} {n:03}", user=user)
            for n, user in enumerate(users)
        )
        level = Exercise.objects.published().get(slug="single-leg-deadlift").levels.get(order=1)
        Assignment.objects.bulk_create(
            Assignment(
                athlete=athlete,
                exercise=level.exercise,
                level=level,
                **level.default_prescription,
                sessions_per_week=1,
                weekdays=[day.isoweekday()],
                start_date=day - datetime.timedelta(weeks=4),
                created_by=coach,
            )
            for athlete in athletes
        )
        ReminderSettings.objects.bulk_create(
            ReminderSettings(athlete=athlete, time_zone=zone) for athlete in athletes
        )
        with transaction.atomic():
            ids = [athlete.pk for athlete in athletes]
            locked = list(Athlete.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
            plan_locked(athletes=locked, start=day, end=day)
        print(f"  {MAIL_BATCH} athletes due a morning mail ({zone}, their {day})", flush=True)
        return {athlete.pk: user.email for athlete, user in zip(athletes, users, strict=True)}

    def worker(self):
        mail_dir = Path(os.environ["EMAIL_FILE_PATH"])
        shutil.rmtree(mail_dir, ignore_errors=True)
        mail_dir.mkdir(parents=True)
        batch = self.mail_batch("worker")
        since = timezone.now()
        rows = MorningMail.objects.filter(athlete_id__in=batch)
        sent = rows.filter(sent_at__isnull=False)
        sends = DBTaskResult.objects.filter(task_path=SEND_TASK, enqueued_at__gte=since)
        retry_after = settings.MORNING_MAIL_RETRY_AFTER.total_seconds()

        def schedule_tick():
            """What the quarter-hourly schedule does (coaching/periodic.py): the
            periodic task enqueued, for a worker to run; here not more often than
            one waiting at a time."""
            task = tasks.enqueue_morning_mails
            if not DBTaskResult.objects.ready().filter(task_path=task.module_path).exists():
                task.enqueue()

        def fault(load):
            started = time.monotonic()
            schedule_tick()  # the batch: a worker creates the rows and one send task each
            wait_for(lambda: sent.count() >= MAIL_BATCH // 4, 60, step=0.02)
            before = sent.count()
            running = sends.filter(status=TaskResultStatus.RUNNING).count()
            killed = time.monotonic()
            self.cx.kill_worker(1)
            time.sleep(max(0, 3 - (time.monotonic() - killed)))  # its host stays dead 3 s
            self.cx.start_worker(1)
            restarted = time.monotonic()

            # Until every mail went: the schedule's tick every second (not every
            # 15 minutes), re-enqueuing mails unsent RETRY_AFTER after their task.
            def all_sent():
                schedule_tick()
                return sent.count() == MAIL_BATCH

            done = wait_for(all_sent, 120, step=1)
            return {
                "batch": MAIL_BATCH,
                "sent_before_the_kill": before,
                "send_tasks_running_at_the_kill": running,
                "dead_for_s": round(restarted - killed, 2),
                "retry_after_s": retry_after,
                "all_sent_after_the_kill_s": None
                if done is None
                else round(restarted + done - killed, 2),
                "batch_took_s": None if done is None else round(restarted + done - started, 2),
            }

        def check():
            problems, figures = self.mails_sent_once(batch, mail_dir)
            figures["send_tasks"] = sends.count()
            figures["send_tasks_left_running"] = sends.filter(
                status=TaskResultStatus.RUNNING
            ).count()  # their worker was killed: nobody finishes them; the retry did
            return problems, figures

        try:
            return self.under_load(
                "worker",
                f"a task worker SIGKILLed in a batch of {MAIL_BATCH} morning mails, back 3 s later",
                fault,
                check,
            )
        finally:
            Athlete.objects.filter(pk__in=batch).update(archived_at=timezone.now())

    def mails_sent_once(self, batch: dict[int, str], mail_dir: Path) -> tuple[list, dict]:
        """Every athlete of the batch has one MorningMail row, sent, and one
        mail written to their address with that row's Message-ID; every mail
        written is a row recorded sent. A mail written twice with the same
        Message-ID is the known gap (killed between the mail server taking it
        and the commit): counted and reported, shown once by mail programs."""
        problems = []
        rows = {mail.athlete_id: mail for mail in MorningMail.objects.filter(athlete_id__in=batch)}
        written = written_mails(mail_dir)
        ids = Counter(message_id for message_id, _ in written)
        pks = {int(m[1]): message_id for message_id in ids if (m := MAIL_ID.match(message_id))}
        recorded = MorningMail.objects.filter(pk__in=pks).in_bulk()
        if missing := len(batch) - len(rows):
            problems.append(f"{missing} athletes due a mail have no MorningMail row")
        if unsent := [m.pk for m in rows.values() if m.sent_at is None]:
            problems.append(f"{len(unsent)} morning mails never sent: {unsent[:10]}")
        if lost := [m.pk for m in rows.values() if m.sent_at and m.pk not in pks]:
            problems.append(f"{len(lost)} mails recorded sent but not written: {lost[:10]}")
        if stray := [pk for pk in pks if pk not in recorded or recorded[pk].sent_at is None]:
            problems.append(f"{len(stray)} mails written that no row records as sent")
        pairs = set(written)
        if wrong := [
            pk for pk, message_id in pks.items()
            if pk in recorded and (message_id, recorded[pk].sent_to) not in pairs
        ]:  # fmt: skip
            problems.append(f"{len(wrong)} mails written to another address than recorded")
        by_address = {}
        for message_id, to in written:
            by_address.setdefault(to, set()).add(message_id)
        if several := [to for to, found in by_address.items() if len(found) > 1]:
            problems.append(f"{len(several)} athletes got two different morning mails")
        addresses = set(batch.values())
        twice = sum(n - 1 for n in ids.values() if n > 1)
        figures = {
            "mail_rows": len(rows),
            "mail_rows_sent": sum(m.sent_at is not None for m in rows.values()),
            "mails_written": len(written),
            "mails_written_to_the_batch": sum(to in addresses for _, to in written),
            "written_twice_same_message_id": twice,
        }
        return problems, figures

    def slowdb(self):
        def fault(load):
            # A session that holds the sessions table for 6 s: every signed-in
            # request's first query waits on it, until DB_STATEMENT_TIMEOUT.
            locker = subprocess.Popen(
                [
                    "psql",
                    os.environ["DATABASE_URL"],
                    "-qtAX",
                    "-c",
                    "begin",
                    "-c",
                    "lock table django_session in access exclusive mode",
                    "-c",
                    "select pg_sleep(6)",
                    "-c",
                    "commit",
                ],
                stdout=subprocess.DEVNULL,
            )
            started = time.monotonic()
            locker.wait(timeout=20)
            held = time.monotonic() - started
            back = wait_for(lambda: self.cx.in_rotation() == self.cx.servers, 20)
            return {
                "lock_held_s": round(held, 2),
                "all_in_rotation_after_s": round(back, 2) if back is not None else None,
            }

        return self.under_load(
            "slowdb", "slow database: the sessions table locked 6 s (statement timeout 2 s)", fault
        )

    def nodb(self):
        def fault(load):
            # The database refuses new connections and drops the app's: the
            # pools cannot get one and time out (DB_POOL_TIMEOUT).
            psql(
                PG_ADMIN,
                f'alter database "{DB}" allow_connections false',
                "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                f" where datname = '{DB}'",
            )
            try:
                out = wait_for(lambda: self.cx.in_rotation() == 0, 15)
                time.sleep(6)
            finally:
                psql(PG_ADMIN, f'alter database "{DB}" allow_connections true')
            back = wait_for(lambda: self.cx.in_rotation() == self.cx.servers, 30)
            return {
                "all_out_of_rotation_after_s": round(out, 2) if out is not None else None,
                "refused_for_s": round(6 + (out or 0), 2),
                "all_back_in_rotation_after_s": round(back, 2) if back is not None else None,
            }

        return self.under_load(
            "nodb",
            "database refuses connections 6 s+: pool timeout (3 s), then the balancer",
            fault,
        )

    def pgrestart(self):
        def fault(load):
            started = time.monotonic()
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, PG_CLUSTER, "restart"],
                check=True,
            )
            restarted = time.monotonic() - started
            back = wait_for(lambda: self.cx.in_rotation() == self.cx.servers, 30)
            return {
                "restart_took_s": round(restarted, 2),
                "all_in_rotation_after_s": round(back, 2) if back is not None else None,
            }

        def check():
            # The task workers lived through it (judge() checks they run) and
            # still work: tasks enqueued after the restart are run.
            queued = [tasks.plan_all_athletes.enqueue().id for _ in range(TASK_WORKERS)]
            done = DBTaskResult.objects.filter(pk__in=queued).successful()
            ran = wait_for(lambda: done.count() == len(queued), 60, step=0.2)
            by = {worker for ids in done.values_list("worker_ids", flat=True) for worker in ids}
            problems = [] if ran is not None else [f"tasks never run after the restart: {queued}"]
            figures = {
                "tasks_after_restart_ran_in_s": round(ran, 2) if ran is not None else None,
                "tasks_after_restart_run_by_workers": len(by),
            }
            return problems, figures

        title = f"PostgreSQL {PG_VERSION} ({PG_CLUSTER}) restarted"
        return self.under_load("pgrestart", title, fault, check)

    def backup(self):
        restored = f"{DB}_restore"
        dump = self.cx.run_dir / "backup.dump"

        def fault(load):
            env = {**os.environ}
            started = time.monotonic()
            subprocess.run(
                ["bash", "scripts/backup.sh", str(dump)],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
            )
            dumped = time.monotonic() - started
            psql(PG_ADMIN, f'drop database if exists "{restored}"', f'create database "{restored}"')
            started = time.monotonic()
            url = os.environ["CLUSTER_PG"] + "/" + restored
            subprocess.run(
                ["bash", "scripts/restore.sh", str(dump), "--yes"],
                check=True,
                env={**env, "DATABASE_URL": url},
                stdout=subprocess.DEVNULL,
            )
            restored_in = time.monotonic() - started
            return {
                "dump_s": round(dumped, 2),
                "dump_bytes": dump.stat().st_size,
                "restore_s": round(restored_in, 2),
            }

        row = self.under_load("backup", "pg_dump under load, restored into a new database", fault)
        # The app on the restored copy: its own server (no balancer), a smoke check.
        url = os.environ["CLUSTER_PG"] + "/" + restored
        smoke = Cluster(
            env={**self.cx.env, "DATABASE_URL": url},
            run_dir=self.cx.run_dir,
            port=self.cx.port + 8,
            servers=1,
            workers=1,
        )
        try:
            with smoke:
                smoke.start_server(1)
                port = smoke.server_port(1)
                athlete = Browser(port).sign_in("bench-athlete-001", PASSWORD)
                week = athlete.request("GET", "/week/")[0]
                health = get(port, "/health/")[0]
                counts = psql(
                    url,
                    "select (select count(*) from coaching_sessionentry) || ' entries, '"
                    " || (select count(*) from athletes_strengthassessment) || ' assessments'",
                )
            ok = week == 200 and health == 200
            print(f"  restored copy: health {health}, athlete week {week}, {counts}")
            row.update(restored_health=health, restored_week=week, restored_rows=counts)
            if not ok:
                row["problems"].append("the app on the restored database failed its smoke check")
                row["ok"] = False
        finally:
            psql(PG_ADMIN, f'drop database if exists "{restored}"')
            dump.unlink(missing_ok=True)
        return row

    def deploy(self):
        column = "deploy_rehearsal"

        def fault(load):
            # The release's migration: a nullable column, no default, so
            # PostgreSQL only changes the catalogue (a brief exclusive lock,
            # bounded by lock_timeout). Raw SQL on this database only: the
            # rehearsal must not become one of the app's migrations.
            started = time.monotonic()
            psql(
                os.environ["DATABASE_URL"],
                "set lock_timeout = '2s'",
                f"alter table coaching_sessionentry add column {column} text null",
            )
            migrated = time.monotonic() - started
            # Then each server in turn: drained at the balancer, stopped
            # gracefully, started, back in rotation.
            per_server = []
            for n in range(1, self.cx.servers + 1):
                started = time.monotonic()
                self.cx.haproxy(f"set server app/app{n} state drain")
                wait_for(lambda n=n: self.cx.in_flight(f"app{n}") == 0, 10)
                self.cx.stop_server(n)  # gunicorn still finishes what it has
                self.cx.start_server(n)
                self.cx.haproxy(f"set server app/app{n} state ready")
                wait_for(lambda n=n: self.cx.server_states().get(f"app{n}") == "UP", 15)
                per_server.append(round(time.monotonic() - started, 1))
            return {"migration_s": round(migrated, 3), "restart_per_server_s": per_server}

        try:
            return self.under_load(
                "deploy",
                "a nullable column added while serving, servers restarted one by one",
                fault,
            )
        finally:
            psql(
                os.environ["DATABASE_URL"],
                f"alter table coaching_sessionentry drop column if exists {column}",
            )


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m scripts.cluster.drills")
    parser.add_argument("--drills", default=",".join(ALL_DRILLS))
    parser.add_argument("--threads", type=int, default=8, help="athletes sending requests")
    parser.add_argument("--serve", type=int, default=0, help="only serve this many seconds")
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", 8400)))
    args = parser.parse_args(argv)
    names = [n for n in args.drills.split(",") if n]
    unknown = set(names) - set(ALL_DRILLS)
    if unknown:
        raise SystemExit(f"Unknown drills: {sorted(unknown)}")
    # SIGTERM (timeout, the shell wrapper) stops everything like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = {
        k: os.environ[k]
        for k in os.environ
        if k.startswith(
            ("DB_", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_", "MORNING_MAIL_")
        )
    }
    run_dir = HERE.parents[1] / "artifacts" / "cluster"
    with Cluster(env=env, run_dir=run_dir, port=args.port) as cx:
        started = time.monotonic()
        for n in range(1, TASK_WORKERS + 1):
            cx.start_worker(n)
        for n in range(1, cx.servers + 1):
            cx.start_server(n, wait=False)
        cx.wait_healthy(range(1, cx.servers + 1))
        cx.start_balancer(render_to_string("503.html"))
        print(
            f"Cluster up in {time.monotonic() - started:.1f} s: HAProxy on 127.0.0.1:{cx.port}, "
            f"{cx.servers} app servers x {cx.workers} workers on ports "
            f"{cx.port + 1}-{cx.port + cx.servers}, {TASK_WORKERS} task workers, database {DB}."
        )
        css = get(cx.port, "/accounts/login/")[1].decode().split('rel="stylesheet" href="')[1]
        css = css.split('"')[0]
        digests = cx.static_digests(css)
        print(f"Static {css}: {'identical on every server' if len(digests) == 1 else 'DIFFERS'}.")
        if args.serve:
            print(f"Serving for {min(args.serve, 600)} s (Ctrl-C stops everything).")
            time.sleep(min(args.serve, 600))
            return
        drills = Drills(cx, args.threads)
        for name in names:
            getattr(drills, name)()
        print(f"\n== summary (details in {run_dir / 'results.json'})")
        for row in drills.results:
            print(
                f"  {row['drill']:<10} {'ok' if row['ok'] else 'FAILED'}  during: "
                f"{row['during_errors']} errors / {row['during_attempts']} attempts, after: "
                f"{row['after_errors']} / {row['after_attempts']}"
            )
        (run_dir / "results.json").write_text(json.dumps(drills.results, indent=2, default=str))
        if not all(row["ok"] for row in drills.results) or len(digests) != 1:
            raise SystemExit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
