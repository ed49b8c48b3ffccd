"""Issue 9: the embedded SQLite default gave "database is locked" on 7 of 10
simultaneous check-offs. With IMMEDIATE transactions and a busy timeout
(coaching/settings/base.py) writers wait their turn: all ten go through."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ten_simultaneous_check_offs_on_a_sqlite_file_all_succeed(tmp_path):
    database = tmp_path / "db.sqlite3"
    run = subprocess.run(
        [sys.executable, "-m", "tests.concurrency.sqlite_checkoffs", str(database)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "10 of 10 checked off" in run.stdout
