"""Backups are tried, not just documented: scripts/backup.sh dumps the test
database (with a coach, athletes, an assignment, planned sessions and an
invite committed), scripts/restore.sh restores it into a scratch database, and
every table of ours has the same rows there. Restoring a second time over a
changed copy puts it back (--clean). PostgreSQL only; the scratch database is
dropped afterwards."""

import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from tests import factories

SCRIPTS = Path(settings.BASE_DIR) / "scripts"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL"
    ),
    # The dump runs in another process: the data must be committed.
    pytest.mark.django_db(transaction=True),
]


def url_for(name: str) -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgresql://{user}{password}@{host}{port}/{name}"


@pytest.fixture
def scratch_db():
    import psycopg

    name = f"flamingo_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield name
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def our_tables() -> list[str]:
    tables = ["auth_user", "auth_group", "auth_user_groups", "django_migrations"]
    for label in ("athletes", "coaching", "exercises"):
        tables += [m._meta.db_table for m in apps.get_app_config(label).get_models()]
    return tables


def snapshot(cursor) -> dict[str, list[tuple]]:
    rows = {}
    for table in our_tables():
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
        rows[table] = cursor.fetchall()
    return rows


def run(*args, database: str):
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": url_for(database)}
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, timeout=120)


def test_backup_and_restore_round_trip(scratch_db, tmp_path):
    import psycopg

    factories.world()
    source = connection.settings_dict["NAME"]
    with psycopg.connect(url_for(source)) as committed:  # read as pg_dump will
        original = snapshot(committed.cursor())
    assert original["coaching_sessionentry"] and original["athletes_athleteinvite"]

    dump = tmp_path / "flamingo.dump"
    result = run(str(SCRIPTS / "backup.sh"), str(dump), database=source)
    assert result.stdout.strip() == str(dump) and dump.stat().st_size > 0
    assert not Path(f"{dump}.partial").exists()

    run(str(SCRIPTS / "restore.sh"), str(dump), "--yes", database=scratch_db)
    with psycopg.connect(url_for(scratch_db)) as restored:
        assert snapshot(restored.cursor()) == original
        # Someone "fixes" data by hand; restoring again puts the dump back.
        restored.execute("DELETE FROM athletes_athleteinvite")
        restored.commit()

    run(str(SCRIPTS / "restore.sh"), str(dump), "--yes", database=scratch_db)
    with psycopg.connect(url_for(scratch_db)) as restored:
        assert snapshot(restored.cursor()) == original


def test_restore_asks_before_replacing_data(scratch_db, tmp_path):
    missing = tmp_path / "none.dump"
    missing.write_bytes(b"")
    result = subprocess.run(
        [str(SCRIPTS / "restore.sh"), str(missing)],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": url_for(scratch_db)},
        input="no\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Nothing restored." in result.stdout
