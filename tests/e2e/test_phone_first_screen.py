"""One hand on a kettlebell: on a 390 x 844 phone, today's first "Done as
prescribed" and the cue above it are on the first screen, without scrolling,
even with the coach's comment and two exercises."""

from playwright.sync_api import expect

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
