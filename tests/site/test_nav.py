"""The main navigation (coaching/site/nav.py): each role sees its own pages,
the page shown is marked current, and the links are reversed once."""

import re

import pytest
from django.urls import reverse

from coaching.site import nav

COACH_LINKS = ["Dashboard", "Athletes", "Groups", "Library"]
ATHLETE_LINKS = ["This week", "My results", "Library"]
EDITOR_LINKS = ["Library", "Admin"]
NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
LINK = re.compile(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>')


def shown(client, path) -> list[tuple[str, str, bool]]:
    html = client.get(path).content.decode()
    found = NAV.search(html)
    return [(label, href, bool(current)) for href, current, label in LINK.findall(found[0])]


@pytest.mark.parametrize(
    ("who", "url_name", "links", "current"),
    [
        ("coach", "coaching:dashboard", COACH_LINKS, "Dashboard"),
        ("coach", "athletes:roster", COACH_LINKS, "Athletes"),
        ("coach", "coaching:groups", COACH_LINKS, "Groups"),
        ("coach", "coaching:programmes", COACH_LINKS, "Groups"),
        ("coach", "exercises:list", COACH_LINKS, "Library"),
        ("athlete", "coaching:week", ATHLETE_LINKS, "This week"),
        ("athlete", "athletes:my_results", ATHLETE_LINKS, "My results"),
        ("athlete", "exercises:list", ATHLETE_LINKS, "Library"),
        ("editor", "exercises:list", EDITOR_LINKS, "Library"),
        ("runner", "exercises:list", ["Library"], "Library"),
    ],
)
def test_each_role_sees_its_pages_and_the_current_one(
    request, client, who, url_name, links, current
):
    user = request.getfixturevalue(who)
    if who == "athlete":
        user = user.user
    client.force_login(user)
    found = shown(client, reverse(url_name))
    assert [label for label, _, _ in found] == links
    assert [label for label, _, is_current in found if is_current] == [current]
    urls = {link.label: reverse(link.url_name) for link in nav.LINKS}
    assert all(href == urls[label] for label, href, _ in found)


def test_a_coachs_athlete_page_marks_athletes_and_the_athletes_own_results_do_not(
    client, coach, athlete
):
    client.force_login(coach)
    found = shown(client, reverse("athletes:detail", args=[athlete.pk]))
    assert [label for label, _, is_current in found if is_current] == ["Athletes"]


def test_signed_out_pages_have_no_navigation(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "site-nav" not in html


def test_a_removed_role_leaves_the_navigation_at_once(client, coach):
    client.force_login(coach)
    assert "Dashboard" in [label for label, _, _ in shown(client, reverse("exercises:list"))]
    coach.groups.clear()
    assert [label for label, _, _ in shown(client, reverse("exercises:list"))] == ["Library"]


def test_the_links_are_reversed_once_per_process(client, coach, monkeypatch):
    client.force_login(coach)
    shown(client, reverse("exercises:list"))
    calls = []
    monkeypatch.setattr(nav, "reverse", lambda name: calls.append(name) or reverse(name))
    assert len(shown(client, reverse("coaching:dashboard"))) == len(COACH_LINKS)
    assert calls == []
