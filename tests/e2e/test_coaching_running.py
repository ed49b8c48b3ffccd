"""The running plan in the browser: Ana (phone) uploads her plan and sees her
runs and strength days with their reasons; her coach (desktop) marks the goal
race and sees the taper applied."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from coaching.services.sessions import monday_of, plan_ahead
from exercises.models import Exercise
from tests import factories
from tests.coaching.running import files


def next_week(weekday: int) -> datetime.date:
    return monday_of(timezone.localdate()) + datetime.timedelta(days=weekday - 1, weeks=1)


def set_up_ana():
    coach = factories.coach("carmen")
    ana = factories.athlete(coach=coach, user=factories.user("ana"), name="Ana Ruiz")
    factories.assignment(ana, Exercise.objects.get(slug="single-leg-deadlift"), level=2,
                         sessions_per_week=2, weekdays=[1, 6],
                         start_date=timezone.localdate())  # fmt: skip
    plan_ahead(athlete=ana)
    return ana


SERIES = files.event("series@plan", f"TZID=Europe/Madrid:{next_week(2):%Y%m%d}T190000",
                     "Series 6 x 800 m", "DURATION:PT1H")  # fmt: skip


def plan_file(tmp_path, last: str):
    """Next week: intervals on Tuesday evening, and `last` on Sunday."""
    data = files.calendar(
        files.MADRID, SERIES, files.event("sunday@plan", f"{next_week(7):%Y%m%d}", last)
    )
    path = tmp_path / "plan.ics"
    path.write_bytes(data)
    return path


def test_ana_uploads_her_plan_and_sees_runs_beside_strength(
    open_page, live_server, password, sign_in, screenshot, axe_check, tmp_path
):
    set_up_ana()
    page = open_page("phone")
    sign_in(page, "ana", password)
    page.get_by_role("link", name="Upload your running plan").click()
    expect(page.get_by_role("heading", name="Upload a running plan", level=1)).to_be_visible()
    # A wrong file first: the reason beside the field, nothing imported.
    bad = tmp_path / "notes.ics"
    bad.write_bytes(b"shopping list")
    page.get_by_label("Running plan or activity file").set_input_files(bad)
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#id_file_error")).to_contain_text("This file is not a calendar")
    axe_check(page)
    screenshot(page, "running-upload-error-phone")

    page.get_by_label("Running plan or activity file").set_input_files(
        plan_file(tmp_path, "Tirada larga 22 km")
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("2 runs added")).to_be_visible()
    page.get_by_role("link", name="Next week").click()
    running = page.locator(".running-week")
    expect(running).to_contain_text("Tue: series 6 x 800 m, then strength")
    expect(running).to_contain_text("Sun: long run: tirada larga 22 km")
    tuesday = page.locator("section.session", has=page.get_by_role("heading", name="Tuesday"))
    expect(tuesday.locator(".session-why")).to_contain_text(
        "Why this day: After series 6 x 800 m: the hard day stays hard"
    )
    # Saturday, the eve of the long run, has no strength any more.
    expect(page.get_by_role("heading", name="Saturday")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe_check(page)
    screenshot(page, "running-week-phone")


def test_coach_marks_the_goal_race_and_sees_the_taper(
    open_page, live_server, password, sign_in, screenshot, axe_check, tmp_path
):
    ana = set_up_ana()
    page = open_page("desktop")
    sign_in(page, "carmen", password)
    page.goto(f"{live_server.url}/athletes/{ana.pk}/training/")
    page.get_by_role("link", name="Upload a running plan").click()
    page.get_by_label("Running plan or activity file").set_input_files(
        plan_file(tmp_path, "Valencia 10K")
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("2 runs added")).to_be_visible()

    race = page.locator("tr", has_text="Valencia 10K").last
    race.get_by_label("Goal race").check()
    race.get_by_role("button", name="Save").click()
    expect(page.get_by_text("It is the goal race: the taper applies.")).to_be_visible()
    goal = page.locator(".goal-race")
    expect(goal).to_contain_text("Valencia 10K")
    expect(goal).to_contain_text("bodyweight only from")
    next_table = page.locator("table.running-table", has_text="Next week")
    # Race week: no strength in its last two days, the sessions left light
    # (bodyweight), each saying how many days are left.
    expect(next_table).to_contain_text("days to the goal race")
    expect(next_table.locator(".badge", has_text="Light").first).to_be_visible()
    axe_check(page)
    screenshot(page, "running-training-desktop")

    page.locator(".running-rules summary").click()
    page.get_by_label("Taper for the goal race").uncheck()
    page.get_by_role("button", name="Save rules").click()
    expect(page.get_by_text("Placement rules saved")).to_be_visible()
    expect(page.locator("table.running-table", has_text="Next week")).not_to_contain_text(
        "days to the goal race"
    )
