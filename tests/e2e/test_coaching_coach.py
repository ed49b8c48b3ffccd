"""The coach on a desktop: dashboard, assigning the Single Leg Deadlift with
levels loaded by HTMX, the training page. Screenshots are looked at."""

import re

import pytest
from playwright.sync_api import expect

from coaching.models import Assignment
from tests import factories


@pytest.fixture
def coach_and_ana(db, password):
    coach = factories.coach("carmen")
    ana = factories.athlete(coach=coach, name="Ana Ruiz", goal_event="Marathon")
    factories.athlete(coach=coach, name="Bea Lopez")
    return coach, ana, password


def test_coach_assigns_single_leg_deadlift_level_1(
    open_page, live_server, sign_in, coach_and_ana, screenshot, axe_check
):
    coach, ana, password = coach_and_ana
    page = open_page("desktop")
    sign_in(page, coach.username, password)
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    axe_check(page)
    screenshot(page, "coach-dashboard-empty-desktop")

    row = page.get_by_role("row", name=re.compile("Ana Ruiz"))
    row.get_by_role("link", name="Assign an exercise").click()
    expect(page.get_by_role("heading", name="Assign an exercise")).to_be_visible()
    expect(page.get_by_text("Choose an exercise to see its levels")).to_be_visible()
    axe_check(page)

    # Choosing the exercise loads its levels and the level-1 prescription (HTMX).
    page.get_by_label("Exercise").select_option(label="Single Leg Deadlift")
    level = page.get_by_label("Level", exact=True)
    expect(level).to_be_visible()
    expect(level.locator("option")).to_have_count(3)
    expect(level).to_have_value(re.compile(r"\d+"))
    expect(level.locator("option:checked")).to_have_text("Level 1: Wall-supported")
    expect(page.get_by_label("Sets")).to_have_value("2")
    expect(page.get_by_label("Reps per leg")).to_have_value("8")
    expect(page.get_by_text("The library suggests 1-2 × a week.")).to_be_visible()

    # Another level refills the prescription; back to level 1.
    level.select_option(label="Level 3: Contralateral load")
    expect(page.get_by_label("Load (kg)")).to_have_value("8.0")
    expect(page.get_by_text("load in the hand opposite the standing leg")).to_be_visible()
    page.get_by_label("Level", exact=True).select_option(label="Level 1: Wall-supported")
    expect(page.get_by_label("Load (kg)")).to_have_value("")
    expect(page.get_by_label("Sets")).to_have_value("2")

    # Two sessions a week but one weekday: the error sits beside the weekdays.
    page.get_by_label("Sessions per week").fill("2")
    page.get_by_label("Tue").check()
    page.get_by_label("Notes").fill("Slow on the way down; hips square.")
    page.get_by_role("button", name="Assign and plan sessions").click()
    expect(page.get_by_text("Pick 2 days for 2 sessions a week, or none.")).to_be_visible()
    expect(page.get_by_label("Level", exact=True).locator("option:checked")).to_have_text(
        "Level 1: Wall-supported"
    )
    assert not Assignment.objects.exists()
    axe_check(page)
    screenshot(page, "coach-assign-error-desktop")

    page.get_by_label("Fri").check()
    screenshot(page, "coach-assign-filled-desktop")
    page.get_by_role("button", name="Assign and plan sessions").click()

    expect(page).to_have_url(re.compile(rf"/athletes/{ana.pk}/training/$"))
    expect(page.get_by_role("status").first).to_contain_text(
        "Assigned Single Leg Deadlift, level 1 (Wall-supported) to Ana Ruiz."
    )
    card = page.locator(".assignment-card")
    expect(card).to_contain_text("Level 1 of 3")
    expect(card).to_contain_text("2 × 8 each leg · 2 × a week (Tue, Fri)")
    expect(card).to_contain_text("Not enough data")
    expect(page.locator("summary", has_text="Advance to level 2")).to_be_visible()
    axe_check(page)
    screenshot(page, "coach-training-assigned-desktop")

    made = Assignment.objects.get()
    assert (made.level.order, made.sets, made.weekdays) == (1, 2, [2, 5])
    assert made.entries.exists()  # sessions were planned

    # The dashboard shows it; the filters swap the roster and update the URL.
    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_role("row", name=re.compile("Ana Ruiz"))).to_contain_text(
        "Single Leg Deadlift · level 1"
    )
    page.get_by_role("link", name=re.compile("Ready to advance")).click()
    expect(page).to_have_url(re.compile(r"show=ready"))
    expect(page.get_by_text("Nobody is ready to advance right now.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^All")).click()
    expect(page.get_by_role("row", name=re.compile("Bea Lopez"))).to_be_visible()
    axe_check(page)
    screenshot(page, "coach-dashboard-desktop")


def test_assign_works_without_javascript(browser, live_server, sign_in, coach_and_ana, screenshot):
    coach, ana, password = coach_and_ana
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    sign_in(page, coach.username, password)
    page.goto(f"{live_server.url}/athletes/{ana.pk}/assign/")
    page.get_by_label("Exercise").select_option(label="Single Leg Deadlift")
    page.get_by_role("button", name="Show levels").click()
    expect(page.get_by_label("Level", exact=True).locator("option")).to_have_count(3)
    expect(page.get_by_label("Sets")).to_have_value("2")
    screenshot(page, "coach-assign-nojs-desktop")
    page.get_by_role("button", name="Assign and plan sessions").click()
    expect(page).to_have_url(re.compile(rf"/athletes/{ana.pk}/training/$"))
    expect(page.locator(".assignment-card")).to_contain_text("Level 1 of 3")
    context.close()


def test_dashboard_as_cards_on_a_narrow_screen(
    browser, live_server, sign_in, coach_and_ana, screenshot
):
    coach, _, password = coach_and_ana
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    sign_in(page, coach.username, password)
    for path in ("/dashboard/", f"/athletes/{coach_and_ana[1].pk}/assign/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(f"{live_server.url}/dashboard/")
    screenshot(page, "coach-dashboard-phone")
    context.close()
