"""Ana on her phone: this week's sessions, one-tap check-off with undo, a
per-leg log, a validation error, and last week's missed session."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from athletes.models import Leg
from coaching.models import TrainingSession
from coaching.services.sessions import monday_of, plan_sessions
from exercises.models import Exercise
from tests import factories


def set_up_ana():
    coach = factories.coach("carmen")
    ana = factories.athlete(
        coach=coach, user=factories.user("ana"), name="Ana Ruiz", dominant_leg=Leg.RIGHT
    )
    today = timezone.localdate()
    last_monday = monday_of(today) - datetime.timedelta(days=7)
    for slug, level in [("single-leg-deadlift", 3), ("single-leg-calf-raise", 1)]:
        factories.assignment(
            ana,
            Exercise.objects.get(slug=slug),
            level=level,
            sessions_per_week=1,
            weekdays=[today.isoweekday()],
            start_date=last_monday,
        )
    plan_sessions(athlete=ana, start=last_monday, end=today)
    session = TrainingSession.objects.get(athlete=ana, date=today)
    session.coach_comment = "Film one set of the deadlift for me, please."
    session.save()
    return ana


def assert_fits_phone(page):
    """No horizontal scrolling, and every button and link we added is tappable."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for target in page.locator(".week .button, .log-details summary").all():
        if target.is_visible():
            box = target.bounding_box()
            assert box["height"] >= 44, target.inner_text()


def test_ana_checks_off_her_week_on_the_phone(
    open_page, live_server, password, sign_in, screenshot, axe_check
):
    set_up_ana()
    page = open_page("phone")
    sign_in(page, "ana", password)
    expect(page.get_by_role("heading", name="This week", level=1)).to_be_visible()
    deadlift = page.locator("article", has=page.get_by_role("heading", name="Single Leg Deadlift"))
    calf = page.locator("article", has=page.get_by_role("heading", name="Single-leg calf raise"))
    expect(deadlift).to_contain_text("3 × 8 each leg, 8 kg in the hand opposite the standing leg")
    expect(deadlift).to_contain_text("Standing on your left leg: weight in your right hand.")
    expect(deadlift).to_contain_text("Hips square")
    expect(deadlift).to_contain_text("Avoid: The hips rotate open.")
    expect(page.get_by_text("Film one set of the deadlift for me, please.")).to_be_visible()
    axe_check(page)
    assert_fits_phone(page)
    screenshot(page, "coaching-week-phone")

    # One tap, a confirmation, and an undo.
    deadlift.get_by_role("button", name="Done as prescribed").click()
    expect(deadlift.get_by_role("status")).to_have_text("Done as prescribed. Nice work!")
    expect(deadlift).to_contain_text("8 left, 8 right, 8 kg, pain 0/10")
    screenshot(page, "coaching-week-checked-off-phone")
    deadlift.get_by_role("button", name="Undo").click()
    expect(deadlift.get_by_role("status")).to_have_text("Undone: back to planned.")
    deadlift.get_by_role("button", name="Done as prescribed").click()
    expect(deadlift.get_by_role("status")).to_have_text("Done as prescribed. Nice work!")

    # Per-leg detail: a mistake first, shown beside the field, then the fix.
    # The form is loaded when the details are opened (htmx), then filled.
    calf.locator("summary", has_text="Log details").click()
    expect(calf.get_by_label("Reps, left leg")).to_be_visible()
    expect(calf.get_by_role("link", name="Open the log form")).to_have_count(0)
    screenshot(page, "coaching-week-log-form-phone")
    calf.get_by_label("Reps, left leg").fill("15")
    calf.get_by_label("Reps, right leg").fill("12")
    calf.get_by_label("Pain (0-10)").fill("12")
    calf.get_by_role("button", name="Save").click()
    expect(calf.get_by_text("Nothing was saved")).to_be_visible()
    expect(calf.get_by_text("Pain goes from 0 (none) to 10.")).to_be_visible()
    axe_check(page)
    assert_fits_phone(page)
    screenshot(page, "coaching-week-log-error-phone")
    calf.get_by_label("Pain (0-10)").fill("2")
    calf.get_by_label("Note").fill("touched down twice")
    calf.get_by_role("button", name="Save").click()
    expect(calf.get_by_role("status")).to_have_text("Logged. Thanks for the detail!")
    expect(calf).to_contain_text("15 left, 12 right, pain 2/10")
    today_status = page.locator(".session").first.locator(".session-status")
    expect(today_status).to_have_text("✓ Done")
    screenshot(page, "coaching-week-done-phone")

    # Last week: the session she skipped reads "Missed", in neutral tones.
    page.get_by_role("link", name="Previous week").click()
    expect(page.get_by_role("heading", name="Week of", level=1)).to_be_visible()
    expect(page.locator(".session-status").first).to_have_text("Missed")
    expect(page.get_by_role("button", name="Done as prescribed")).to_have_count(0)
    assert "/week/" in page.url  # pushed into history: back and reload work
    axe_check(page)
    assert_fits_phone(page)
    screenshot(page, "coaching-week-past-phone")


def test_narrowest_phone_has_no_horizontal_scroll(
    open_page, live_server, password, sign_in, screenshot
):
    set_up_ana()
    page = open_page("phone")
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "ana", password)
    page.locator("summary", has_text="Log details").first.click()
    expect(page.get_by_label("Reps, left leg").first).to_be_visible()  # loaded by htmx
    assert_fits_phone(page)
    screenshot(page, "coaching-week-360")


def test_empty_week_before_the_coach_assigns(
    open_page, live_server, password, sign_in, screenshot, axe_check
):
    factories.athlete(coach=factories.user("carmen"), user=factories.user("ana"), name="Ana Ruiz")
    page = open_page("phone")
    sign_in(page, "ana", password)
    expect(page.get_by_text("Your coach hasn't assigned exercises yet.")).to_be_visible()
    axe_check(page)
    assert_fits_phone(page)
    screenshot(page, "coaching-week-empty-phone")
