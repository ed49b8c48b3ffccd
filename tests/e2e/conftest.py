"""Browser tests: Playwright driving Debian's Chromium against live_server.

`playwright install` cannot download browsers here, so we launch the system
Chromium. In CI a missing Chromium fails the run instead of skipping."""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # live_server needs committed data; serialized_rollback puts back
            # what migrations created (exercise content, groups) after the flush.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session", autouse=True)
def _serialized_contents_for_every_context(django_db_setup):
    """Once Playwright runs, its event loop lives in the test thread and Django's
    connection handler (a thread-critical asgiref Local) hands out a different
    connection object per context. The migrated data that serialized_rollback
    restores was stored on the connection seen before the loop started (when a
    non-browser test set the database up first), so browser tests after the
    first one found nothing to restore. Share it with every connection object.
    Autouse and session-scoped, so this runs before the first browser starts."""
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def open_page(browser, live_server):
    """open_page("phone" | "desktop") -> a fresh Page in its own context.

    Every console error (CSP violations included) and uncaught page error is
    collected; the test fails at teardown if there were any."""
    contexts, errors = [], []

    def open_(kind: str = "phone"):
        context = browser.new_context(**(PHONE if kind == "phone" else DESKTOP))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield open_
    for context in contexts:
        context.close()
    assert errors == [], f"browser console errors: {errors}"


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, username, password): through the real sign-in form."""

    def sign_in_(page, username: str, password: str):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("networkidle")

    return sign_in_


@pytest.fixture
def screenshot():
    """screenshot(page, "name"): save a full-page PNG under artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe_check():
    """axe_check(page): fail on any serious or critical accessibility violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        bad = [
            v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}
        ]
        summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
        assert not bad, f"axe violations on {page.url}: {summary}"

    return check
