"""The coach with a squad, on a desktop (1366 and 1024 px wide): a group of
two athletes, a programme built from scratch, assigned to the group in one
step; both athletes' pages show it; the dashboard filters by the group and
never scrolls sideways. Screenshots are looked at."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

WIDTHS = [1366, 1024]


@pytest.fixture
def squad(db, password):
    coach = factories.coach("carmen")
    ana = factories.athlete(coach=coach, name="Ana Ruiz")
    bea = factories.athlete(coach=coach, name="Bea Lopez")
    factories.athlete(coach=coach, name="Cleo Diaz")  # stays out of the group
    return coach, ana, bea, password


@pytest.mark.parametrize("width", WIDTHS)
def test_group_programme_assigned_to_the_group(
    browser, live_server, sign_in, squad, screenshot, axe_check, width
):
    coach, ana, bea, password = squad
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, coach.username, password)

    # A group of two.
    page.get_by_role("link", name="Groups", exact=True).click()
    page.get_by_label("Name").fill("Tuesday club")
    page.get_by_role("button", name="Create the group").click()
    expect(page.get_by_role("heading", name="Tuesday club", level=1)).to_be_visible()
    page.get_by_label("Ana Ruiz").check()
    page.get_by_label("Bea Lopez").check()
    page.get_by_role("button", name="Save members").click()
    expect(page.get_by_text("Members saved: 2 added, 0 removed.")).to_be_visible()
    axe_check(page)

    # A programme from scratch: the deadlift at level 1 on Tuesdays and Fridays.
    page.goto(f"{live_server.url}/programmes/")
    page.get_by_label("Name").fill("Base phase")
    page.get_by_role("button", name="Create the programme").click()
    page.get_by_label("Exercise and level").select_option(
        label="Single Leg Deadlift: level 1 (Wall-supported)"
    )
    page.get_by_label("Sessions per week").fill("2")
    page.get_by_label("Tue").check()
    page.get_by_label("Fri").check()
    page.get_by_role("button", name="Add to the programme").click()
    expect(page.get_by_text("Added Single Leg Deadlift, level 1.")).to_be_visible()
    expect(page.get_by_text("2 × a week (Tue, Fri)")).to_be_visible()

    # Assigned to the group in one step, from the programme's page.
    page.get_by_label("Assign to").select_option(label="Tuesday club")
    page.get_by_role("button", name="Assign and plan sessions").click()
    confirmed = re.compile(r"“Base phase” assigned to Tuesday club \(2 athletes\): 2 new")
    expect(page.get_by_text(confirmed)).to_be_visible()
    axe_check(page)
    screenshot(page, f"coach-group-assigned-{width}")

    for athlete in (ana, bea):
        page.goto(f"{live_server.url}/athletes/{athlete.pk}/training/")
        expect(page.get_by_role("heading", name="Single Leg Deadlift")).to_be_visible()
        expect(page.get_by_text("2 × a week (Tue, Fri)")).to_be_visible()

    # The dashboard, filtered by the group, fits the width.
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_label("Group").select_option(label="Tuesday club")
    expect(page.get_by_text("2 athletes in Tuesday club")).to_be_visible()
    expect(page).to_have_url(re.compile(r"group=\d+"))
    expect(page.get_by_role("row", name=re.compile("Cleo Diaz"))).to_have_count(0)
    page.get_by_role("link", name=re.compile("Pain")).click()
    expect(page).to_have_url(re.compile(r"sort=pain"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)
    screenshot(page, f"coach-dashboard-group-{width}")
    # Back from an athlete: the same group and sort.
    page.get_by_role("link", name="Ana Ruiz").click()
    page.get_by_role("link", name="← Dashboard").click()
    expect(page).to_have_url(re.compile(r"group=\d+.*sort=pain"))
    expect(page.get_by_text("2 athletes in Tuesday club")).to_be_visible()
    context.close()
    assert errors == [], errors
