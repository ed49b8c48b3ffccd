"""Notes both ways in the browser: ana on her phone leaves a note on today's
session; the coach, on a desktop, sees it unread on the dashboard, opens the
thread and replies; ana sees the reply under her note. Screenshots are looked at."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories


@pytest.fixture
def pair(db, password):
    coach = factories.coach("carmen")
    ana = factories.athlete(coach=coach, name="Ana Ruiz", user=factories.user("ana"))
    factories.planned_today(
        ana, factories.exercise("Single-leg bridge"), today=timezone.localdate()
    )
    return coach, ana, password


def test_ana_leaves_a_note_the_coach_replies(
    open_page, live_server, sign_in, pair, screenshot, axe_check
):
    coach, _, password = pair
    phone = open_page("phone")
    sign_in(phone, "ana", password)
    phone.goto(f"{live_server.url}/week/")
    phone.get_by_label("About").select_option(index=1)  # today's session
    phone.get_by_label("Note for your coach").fill("Left calf tight after Sunday's long run.")
    phone.get_by_role("button", name="Send to your coach").click()
    expect(phone.get_by_text("Sent to your coach.")).to_be_visible()
    expect(phone.get_by_text("Left calf tight after Sunday's long run.")).to_be_visible()
    axe_check(phone)
    screenshot(phone, "athlete-note-sent-phone")

    desk = open_page("desktop")
    sign_in(desk, coach.username, password)
    desk.goto(f"{live_server.url}/dashboard/")
    row = desk.get_by_role("row", name=re.compile("Ana Ruiz"))
    expect(row.get_by_text("1 unread note")).to_be_visible()
    screenshot(desk, "coach-dashboard-unread-note")
    row.get_by_role("link", name=re.compile("Read and reply")).click()
    expect(desk.get_by_text("Unread", exact=True)).to_be_visible()
    desk.get_by_label("Note").fill("Swap the hops for bridges until it settles.")
    desk.get_by_role("button", name="Send").click()
    expect(desk.get_by_text("Reply sent to Ana Ruiz.")).to_be_visible()
    expect(desk.get_by_text("Unread", exact=True)).to_have_count(0)
    axe_check(desk)
    screenshot(desk, "coach-notes-replied")

    phone.goto(f"{live_server.url}/week/")
    thread = phone.locator("#notes")
    expect(thread.get_by_text("Swap the hops for bridges until it settles.")).to_be_visible()
    expect(thread.get_by_text("Your coach", exact=True)).to_be_visible()
    screenshot(phone, "athlete-note-reply-phone")
