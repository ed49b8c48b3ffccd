"""Library journeys in a real browser. Two or more tests here also prove that
serialized_rollback keeps the migrated content between browser tests."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def top_shot(page, name: str, height: int | None = None) -> None:
    """The top of the page, for the README (full-page shots are for review)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    clip = {"x": 0, "y": 0, "width": width, "height": height} if height else None
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=bool(height), clip=clip)


@pytest.fixture
def runner(db, password):
    factories.user("rita")
    return "rita", password


def test_phone_live_search_then_exercise_detail(
    open_page, live_server, sign_in, runner, screenshot, axe_check
):
    page = open_page("phone")
    sign_in(page, *runner)
    page.goto(f"{live_server.url}/library/")
    expect(page.get_by_role("heading", name="Exercise library")).to_be_visible()
    axe_check(page)
    screenshot(page, "library-list-phone")
    top_shot(page, "library-list-phone-screen")

    # Live search: typing is enough, no submit.
    page.get_by_label("Search").press_sequentially("deadlift", delay=30)
    expect(page.get_by_role("status")).to_have_text("1 exercise for “deadlift”")
    expect(page).to_have_url(re.compile(r"/library/\?q=deadlift"))
    results = page.locator("#results")
    expect(results.get_by_role("link")).to_have_count(1)
    screenshot(page, "library-search-phone")

    # Focus filter combines with the search text.
    page.get_by_label("Focus").select_option("calf")
    expect(page.get_by_role("status")).to_contain_text("0 exercises")
    expect(results).to_contain_text("No exercises match")
    screenshot(page, "library-empty-phone")
    page.get_by_label("Focus").select_option("")
    expect(page.get_by_role("status")).to_have_text("1 exercise for “deadlift”")

    results.get_by_role("link", name="Single Leg Deadlift").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Single Leg Deadlift")
    expect(page.locator(".steps > li")).to_have_count(5)
    expect(page.locator(".ladder > li")).to_have_count(3)
    expect(page.get_by_text("Level 3", exact=True)).to_be_visible()
    expect(page.get_by_text("toes of the raised foot", exact=False)).to_be_visible()
    # Readable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)
    screenshot(page, "library-detail-phone")
    top_shot(page, "library-detail-phone-screen")

    # Back restores the search the athlete came from.
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=deadlift"))
    expect(page.get_by_role("status")).to_have_text("1 exercise for “deadlift”")


def test_narrow_phone_has_no_horizontal_scroll(browser, live_server, sign_in, runner):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    sign_in(page, *runner)
    for path in ("/library/", "/library/single-leg-calf-raise/", "/library/?q=zzz"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()


def test_search_works_without_javascript(browser, live_server, sign_in, runner, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, *runner)
    page.goto(f"{live_server.url}/library/")
    page.get_by_label("Search").fill("calf")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/library/\?q=calf"))
    expect(page.locator("#result-count")).to_have_text("1 exercise for “calf”")
    expect(page.locator("#results").get_by_role("link")).to_have_text(["Single-leg calf raise"])
    screenshot(page, "library-nojs-phone")
    context.close()


def test_editor_opens_the_deadlift_in_the_admin(
    open_page, live_server, sign_in, password, screenshot
):
    factories.editor("eddie")
    page = open_page("desktop")
    sign_in(page, "eddie", password)
    page.goto(f"{live_server.url}/library/single-leg-deadlift/")
    page.get_by_role("link", name="Edit in admin").click()
    expect(page.get_by_role("heading", name="Change exercise")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Single Leg Deadlift")
    order_inputs = 'input[name^="{}-"][name$="-order"]:not([name*="__prefix__"])'
    expect(page.locator(order_inputs.format("steps"))).to_have_count(5)
    expect(page.locator(order_inputs.format("levels"))).to_have_count(3)
    screenshot(page, "admin-exercise-change-desktop")
    top_shot(page, "admin-exercise-change-desktop-screen", height=1500)

    page.goto(f"{live_server.url}/admin/exercises/exercise/")
    expect(page.get_by_role("link", name="Single Leg Deadlift")).to_be_visible()
    screenshot(page, "admin-exercise-list-desktop")


def test_the_admin_wears_flamingo_and_tells_a_broken_rule_beside_its_field(
    open_page, live_server, sign_in, password, screenshot, axe_check
):
    factories.editor("eddie")
    page = open_page("desktop")
    sign_in(page, "eddie", password)
    page.goto(f"{live_server.url}/admin/exercises/exercise/")
    header = page.locator("#header")
    expect(header).to_have_css("background-color", "rgb(138, 28, 74)")  # Flamingo's brand
    expect(page.locator("#site-name .brand-logo")).to_be_visible()
    page.get_by_role("link", name="Single Leg Deadlift").click()
    pain = page.locator("#id_levels-0-advance_max_pain")
    pain.fill("11")
    page.get_by_role("button", name="Save", exact=True).first.click()
    error = page.locator(".field-advance_max_pain .errorlist").first
    expect(error).to_have_text("Enter 10 or less.")
    expect(page.get_by_text("is violated")).to_have_count(0)
    error.scroll_into_view_if_needed()
    top_shot(page, "admin-level-error-desktop")
    axe_check(page)

    # The admin's dark theme keeps its own variables, in Flamingo's colours.
    page.emulate_media(color_scheme="dark")
    page.goto(f"{live_server.url}/admin/exercises/exercise/")
    expect(page.locator("#header")).to_have_css("background-color", "rgb(74, 13, 41)")
    axe_check(page)
    screenshot(page, "admin-exercise-list-dark-desktop")
