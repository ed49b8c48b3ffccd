"""Ana at the gym with no signal: the week opens from the phone, a check-off
made offline is kept there and sent once when the connection is back, and
signing out leaves nothing of hers on the phone."""

import time

from django.utils import timezone
from playwright.sync_api import expect

from coaching.models import SessionEntry, SyncedAction
from exercises.models import Exercise
from tests import factories

KEPT = (
    "caches.open('flamingo-pages-v1')"
    ".then(c => c.match('/week/', {ignoreVary: true})).then(Boolean)"
)
TECHNIQUE_KEPT = (
    "caches.open('flamingo-pages-v1')"
    ".then(c => c.match('/library/single-leg-deadlift/', {ignoreVary: true})).then(Boolean)"
)


def set_up():
    coach = factories.coach("carmen")
    ana = factories.athlete(coach=coach, user=factories.user("ana"), name="Ana Ruiz")
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    factories.planned_today(ana, deadlift, today=timezone.localdate(), level=2)
    bea = factories.athlete(coach=coach, user=factories.user("bea"), name="Bea Soto")
    factories.planned_today(bea, Exercise.objects.get(slug="single-leg-calf-raise"),
                            today=timezone.localdate())  # fmt: skip
    return ana


def test_a_check_off_made_offline_is_sent_once_when_back_online(
    open_page, live_server, password, sign_in, screenshot, axe_check
):
    ana = set_up()
    page = open_page("phone")
    sign_in(page, "ana", password)
    expect(page.get_by_role("heading", name="This week", level=1)).to_be_visible()
    page.wait_for_function(KEPT)  # the worker has the week and what it links to
    page.wait_for_function(TECHNIQUE_KEPT)
    page.reload()  # a visit through the worker: it keeps the page's CSS and scripts too
    page.wait_for_function(KEPT)

    page.context.set_offline(True)
    page.get_by_role("button", name="Done as prescribed").first.click()
    expect(page.get_by_text("Saved on this phone: will sync")).to_be_visible()
    entry = SessionEntry.objects.get(session__athlete=ana, session__date=timezone.localdate())
    assert entry.completed_at is None  # nothing reached the server

    started = time.monotonic()
    page.reload()  # no connection: the week from the phone
    expect(page.get_by_role("heading", name="This week", level=1)).to_be_visible()
    opened_ms = (time.monotonic() - started) * 1000
    expect(page.get_by_text("Saved on this phone: will sync")).to_be_visible()
    screenshot(page, "offline-week-saved-on-phone")
    print(f"\noffline repeat visit: the week opened in {opened_ms:.0f} ms")
    page.get_by_role("link", name="Full technique").first.click()  # the exercise page, offline
    expect(page.get_by_role("heading", name="Single Leg Deadlift", level=1)).to_be_visible()
    page.go_back()
    expect(page.get_by_text("Saved on this phone: will sync")).to_be_visible()

    page.context.set_offline(False)
    expect(page.get_by_text("Synced")).to_be_visible()
    entry.refresh_from_db()
    assert entry.completed_at is not None
    assert SyncedAction.objects.filter(user=ana.user).count() == 1
    expect(page.locator(".entry").first).to_contain_text("Done")
    axe_check(page)

    # The same action sent again (a lost answer, a second tab): nothing changes.
    key = SyncedAction.objects.get().key
    status = page.evaluate(
        """([url, key]) => {
             const token = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
             return fetch(url, {method: "POST", credentials: "same-origin", headers: {
               "X-CSRFToken": token, "HX-Request": "true", "Idempotency-Key": key,
             }}).then(r => r.status);
           }""",
        [f"/week/entries/{entry.pk}/undo/", str(key)],
    )
    assert status == 200
    entry.refresh_from_db()
    assert entry.completed_at is not None  # the replayed key did not undo it
    assert SyncedAction.objects.count() == 1


def test_signing_out_clears_the_phone_for_the_next_athlete(
    open_page, live_server, password, sign_in
):
    set_up()
    page = open_page("phone")
    sign_in(page, "ana", password)
    page.wait_for_function(KEPT)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("indexedDB.databases().then(d => d.map(x => x.name))") == []

    sign_in(page, "bea", password)  # the same phone, another athlete
    expect(page.get_by_role("heading", name="Single-leg calf raise")).to_be_visible()
    page.context.set_offline(True)
    page.wait_for_function(KEPT)
    page.reload()
    expect(page.get_by_role("heading", name="Single-leg calf raise")).to_be_visible()
    expect(page.get_by_role("heading", name="Single Leg Deadlift")).to_have_count(0)
