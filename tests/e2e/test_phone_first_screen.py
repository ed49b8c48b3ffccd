"""One hand on a kettlebell: on a 390 x 844 phone, today's first "Done as
prescribed" and the cue above it are on the first screen, without scrolling,
even with the coach's comment and two exercises."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from coaching.models import TrainingSession
from coaching.services.sessions import plan_sessions
from exercises.models import Exercise
from tests import factories
from tests.e2e.test_coaching_week import set_up_ana

SCREEN_HEIGHT = 844


def test_the_first_done_of_today_is_on_the_first_screen(
    open_page, live_server, password, sign_in, screenshot
):
    set_up_ana()
    page = open_page("phone")
    sign_in(page, "ana", password)
    done = page.get_by_role("button", name="Done as prescribed").first
    expect(done).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    box = done.bounding_box()
    bottom = box["y"] + box["height"]
    print(f"\nfirst 'Done as prescribed': top {box['y']:.0f} px, bottom {bottom:.0f} px")
    assert bottom <= SCREEN_HEIGHT
    cue = page.locator(".entry .cue").first
    assert cue.bounding_box()["y"] < box["y"]  # the cue stays, above the button
    # The mistake's name is in sight; how to fix it opens with a tap.
    avoid = page.locator(".entry details.avoid").first
    expect(avoid.locator("summary")).to_be_visible()
    avoid.locator("summary").click()
    expect(avoid.locator("p")).to_be_visible()
    screenshot(page, "week-first-screen-phone")


def test_on_a_rest_day_the_first_screen_says_so_and_holds_the_first_done(
    open_page, live_server, password, sign_in, screenshot, axe_check
):
    """A rest day between two sessions: today's word is "rest", the next session
    is named, and a session of earlier this week still to log comes first, its
    Done on the first screen (the days ahead have no Done: not yet)."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    yesterday = today - datetime.timedelta(days=1) if today > monday else None  # this week's
    tomorrow = today + datetime.timedelta(days=1)
    coach = factories.coach("carmen")
    ana = factories.athlete(coach=coach, user=factories.user("ana"), name="Ana Ruiz")
    days = {"single-leg-calf-raise": tomorrow, "split-squat": tomorrow}
    if yesterday:
        days["single-leg-deadlift"] = yesterday
    for slug, day in days.items():
        factories.assignment(
            ana,
            Exercise.objects.get(slug=slug),
            sessions_per_week=1,
            weekdays=[day.isoweekday()],
            start_date=monday - datetime.timedelta(days=7),
        )
    plan_sessions(athlete=ana, start=monday, end=tomorrow)
    assert not TrainingSession.objects.filter(athlete=ana, date=today).exists()

    page = open_page("phone")
    sign_in(page, "ana", password)
    rest = page.locator(".rest-day")
    expect(rest).to_contain_text("Today is a rest day.")
    assert rest.bounding_box()["y"] + rest.bounding_box()["height"] <= SCREEN_HEIGHT
    if tomorrow.weekday():  # tomorrow is in this week
        expect(rest).to_contain_text("Next session: Tomorrow")
    if yesterday:
        heading = page.get_by_role("heading", name="Still to log from earlier this week")
        expect(heading).to_be_visible()
        done = page.get_by_role("button", name="Done as prescribed").first
        box = done.bounding_box()
        print(f"\nrest day, first 'Done as prescribed': bottom {box['y'] + box['height']:.0f} px")
        assert page.evaluate("window.scrollY") == 0
        assert box["y"] + box["height"] <= SCREEN_HEIGHT
        screenshot(page, "week-rest-day-phone")
        done.click()
        expect(page.locator(".entry-done").first).to_be_visible()
    axe_check(page)
