"""The demo as `make run` shows it: ana's week on her phone, with history."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from coaching.services.sessions import monday_of


def test_demo_ana_sees_her_week_and_history(open_page, live_server, sign_in, screenshot, axe_check):
    call_command("demo_data", stdout=io.StringIO())
    page = open_page("phone")
    sign_in(page, "ana", "flamingo")
    expect(page.get_by_role("heading", name="This week", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Single Leg Deadlift").first).to_be_visible()
    expect(page.get_by_text("Level 2").first).to_be_visible()
    axe_check(page)
    screenshot(page, "coaching-week-demo-phone")

    missed = page.locator(".session-status", has_text="Missed")
    monday = monday_of(timezone.localdate())
    for weeks in range(1, 4):  # which week it falls in depends on today's weekday
        page.get_by_role("link", name="Previous week").click()
        shown = monday - datetime.timedelta(weeks=weeks)
        expect(page.locator("h1")).to_have_text(f"Week of {shown:%-d %B}")
        if missed.count():
            break
    expect(missed.first).to_be_visible()
    axe_check(page)
    screenshot(page, "coaching-week-demo-history-phone")
