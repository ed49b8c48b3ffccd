"""A calendar link, re-read for new runs (coaching/running/fetch.py and
read_calendar_link), served by a local test server."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from coaching.models import Run, RunningPlan
from coaching.running import fetch
from coaching.running.fetch import fetch_calendar
from coaching.running.parsers import Refused, parse
from coaching.services import running
from tests import factories
from tests.coaching.running import files

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 4)
PORT = 8351  # this helper's range, 8350-8359
SERVED = {"/plan.ics": files.SPANISH_PLAN, "/empty.ics": files.calendar()}


REQUESTED: list[str] = []  # every path the server was asked for


class Calendars(BaseHTTPRequestHandler):
    def do_GET(self):
        REQUESTED.append(self.path)
        if self.path.startswith("/redirect?to="):  # a server that sends readers elsewhere
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/redirect?to="))
            self.end_headers()
            return
        body = SERVED.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        self.wfile.write(body or b"not here")

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", PORT), Calendars)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def ana():
    return factories.athlete(coach=factories.coach(), user=factories.user("ana"))


def link(athlete, url):
    RunningPlan.objects.update_or_create(athlete=athlete, defaults={"calendar_url": url})


def test_the_link_is_read_imported_and_reread_without_duplicates(server, ana):
    link(ana, f"{server}/plan.ics")
    first = running.read_calendar_link(athlete=ana, today=TODAY)
    assert first.created == 5
    assert set(Run.objects.filter(athlete=ana).values_list("source", flat=True)) == {"calendar"}
    again = running.read_calendar_link(athlete=ana, today=TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    row = RunningPlan.objects.get(athlete=ana)
    assert row.calendar_read_at is not None
    assert row.calendar_status == "Nothing new: the 5 runs in this file were already here."


@pytest.mark.parametrize(
    ("path", "says"),
    [("/missing.ics", "could not be read (Not Found)"), ("/empty.ics", "has no events")],
)
def test_a_bad_link_is_noted_beside_it_and_changes_nothing(server, ana, path, says):
    link(ana, f"{server}{path}")
    assert running.read_calendar_link(athlete=ana, today=TODAY) is None
    assert says in RunningPlan.objects.get(athlete=ana).calendar_status
    assert not Run.objects.exists()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://example.com/plan.ics", "starts with https://"),
        ("http://127.0.0.1:8351/plan.ics", "private network"),
        ("http://10.1.2.3/plan.ics", "private network"),
    ],
)
def test_only_public_http_links_are_fetched(url, says):
    with pytest.raises(Refused, match=says):
        fetch_calendar(url, allow_private=False)


def test_the_daily_command_reads_every_link(server, ana, capsys):
    link(ana, f"{server}/plan.ics")
    call_command("read_calendar_links")
    assert Run.objects.filter(athlete=ana).count() == 5
    assert "5 runs added" in capsys.readouterr().out


def test_the_periodic_task_reads_every_active_link_once_each(server, ana):
    # The immediate backend of the tests runs each athlete's task at once.
    from coaching.tasks import read_calendar_links

    bea = factories.athlete(coach=ana.coach, user=factories.user("bea"))
    link(ana, f"{server}/plan.ics")
    link(bea, f"{server}/missing.ics")
    archived = factories.athlete(coach=ana.coach, user=factories.user("cleo"))
    link(archived, f"{server}/plan.ics")
    archived.archived_at = archived.created_at
    archived.save(update_fields=["archived_at"])

    assert read_calendar_links.call() == 2
    assert Run.objects.filter(athlete=ana).count() == 5
    assert not Run.objects.filter(athlete=archived).exists()
    assert RunningPlan.objects.get(athlete=bea).calendar_read_at is not None
    read_calendar_links.call()  # six hours later: nothing twice
    assert Run.objects.filter(athlete=ana).count() == 5


def test_the_coach_saves_a_webcal_link_and_it_is_read(server, ana, client):
    client.force_login(ana.coach)
    url = f"webcal://127.0.0.1:{PORT}/plan.ics"
    response = client.post(reverse("coaching:running_rules", args=[ana.pk]),
                           {"calendar_url": url, "goal_race_taper": "on"})  # fmt: skip
    assert response.status_code == 302
    # webcal:// is https:// to the server; the test server speaks http only,
    # so the reading fails, and says so beside the link.
    row = RunningPlan.objects.get(athlete=ana)
    assert row.calendar_url == f"https://127.0.0.1:{PORT}/plan.ics"
    assert "could not be read" in row.calendar_status
    page = client.get(reverse("coaching:athlete_running", args=[ana.pk])).content.decode()
    assert "could not be read" in page
    bad = client.post(reverse("coaching:running_rules", args=[ana.pk]),
                      {"calendar_url": "javascript:alert(1)"})  # fmt: skip
    assert bad.status_code == 302
    assert RunningPlan.objects.get(athlete=ana).calendar_url == row.calendar_url


def test_a_run_gone_from_the_link_is_archived_on_the_next_reading(server, ana, monkeypatch):
    week = [files.event("series@link", "20260310", "Series 6 x 800 m"),
            files.event("long@link", "20260315", "Tirada larga 22 km")]  # fmt: skip
    monkeypatch.setitem(SERVED, "/changing.ics", files.calendar(*week))
    link(ana, f"{server}/changing.ics")
    assert running.read_calendar_link(athlete=ana, today=TODAY).created == 2
    # An uploaded plan file is another plan: the link's readings leave it alone.
    running.import_runs(
        athlete=ana,
        runs=parse("race.ics", files.calendar(files.event("race@f", "20260329", "10K")),
                   today=TODAY),
        today=TODAY,
    )  # fmt: skip
    monkeypatch.setitem(SERVED, "/changing.ics", files.calendar(week[1]))
    again = running.read_calendar_link(athlete=ana, today=TODAY)
    assert (again.unchanged, again.removed) == (1, 1)
    assert (
        "1 removed (no longer in the plan)" in RunningPlan.objects.get(athlete=ana).calendar_status
    )
    assert set(Run.objects.current().filter(athlete=ana).values_list("title", flat=True)) == {
        "Tirada larga 22 km",
        "10K",
    }
    assert Run.objects.filter(athlete=ana, archived_at__isnull=False).count() == 1


@pytest.fixture
def public_test_server(monkeypatch):
    """The test server stands for a public one: its address passes the
    private-network check, every other address is checked for real."""
    real = fetch._private
    monkeypatch.setattr(fetch, "_private", lambda host: host != "127.0.0.1" and real(host))


@pytest.mark.parametrize(
    ("target", "says"),
    [
        (f"http://localhost:{PORT}/secret.ics", "redirects inside a private network"),
        ("http://10.1.2.3/plan.ics", "redirects inside a private network"),
        ("http://[::1]/plan.ics", "redirects inside a private network"),
        ("ftp://example.com/plan.ics", "redirects to an address that is not https://"),
    ],
)
def test_a_redirect_is_checked_like_the_link(server, public_test_server, target, says):
    REQUESTED.clear()
    with pytest.raises(Refused, match=says):
        fetch_calendar(f"{server}/redirect?to={target}", allow_private=False)
    assert [f"/redirect?to={target}"] == REQUESTED  # the private address was never asked


def test_a_redirect_to_a_public_address_is_followed(server, public_test_server):
    data = fetch_calendar(f"{server}/redirect?to={server}/plan.ics", allow_private=False)
    assert data == files.SPANISH_PLAN


def test_a_redirected_link_is_noted_beside_it(server, public_test_server, ana, settings):
    settings.CALENDAR_LINKS_MAY_BE_PRIVATE = False
    link(ana, f"{server}/redirect?to=http://10.1.2.3/plan.ics")
    assert running.read_calendar_link(athlete=ana, today=TODAY) is None
    status = RunningPlan.objects.get(athlete=ana).calendar_status
    assert (
        status == "This calendar link redirects inside a private network: Flamingo can't read it."
    )
    assert not Run.objects.filter(athlete=ana).exists()
