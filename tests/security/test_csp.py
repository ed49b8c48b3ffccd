"""Strict Content Security Policy: the header allows no inline script or style
and no eval, and nothing we render needs them: no inline <script>, no <style>
element, no style="..." attribute, no on*= handler, no javascript: URL, in any
template or in the pages as served. (Every browser test also fails on a
console CSP violation: tests/e2e/conftest.py, open_page.)"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories
from tests.security import probes

TEMPLATES = Path(settings.BASE_DIR) / "templates"

COMMENTS = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)
FORBIDDEN_IN_TAGS = {
    "inline style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "inline event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "htmx inline handler (hx-on)": re.compile(r"\s(?:data-)?hx-on", re.IGNORECASE),
    "javascript: URL": re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE),
}
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def inline_problems(html: str) -> list[str]:
    problems = []
    for tag in TAG.findall(html):
        for what, pattern in FORBIDDEN_IN_TAGS.items():
            if pattern.search(tag):
                problems.append(f"{what}: {tag[:120]}")
    if STYLE_ELEMENT.search(html):
        problems.append("<style> element")
    for script in SCRIPT_TAG.findall(html):
        if not re.search(r"\ssrc\s*=", script):
            problems.append(f"inline script: {script}")
    return problems


def test_the_tag_scanner_catches_each_kind():
    bad = (
        '<p style="color:red">x</p><button onclick="go()">b</button><div hx-on:click="x">'
        '<a href="javascript:alert(1)">a</a><style>p{}</style><script>alert(1)</script>'
    )
    assert len(inline_problems(bad)) == 6
    assert inline_problems('<script src="/static/x.js" defer></script><p class="one">') == []


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_template_needs_unsafe_inline(template):
    html = COMMENTS.sub("", template.read_text())
    assert inline_problems(html) == []


def test_the_policy_has_no_unsafe_sources(settings):
    policy = settings.SECURE_CSP
    for directive, sources in policy.items():
        for source in sources:
            assert "unsafe" not in source, (directive, source)
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


PAGES = [
    ("anon", "login", None),
    ("athlete_a", "coaching:week", None),
    ("athlete_a", "athletes:my_results", None),
    ("athlete_a", "exercises:list", None),
    ("athlete_a", "exercises:detail", lambda x: [x.exercise.slug]),
    ("coach_a", "coaching:dashboard", None),
    ("coach_a", "athletes:roster", None),
    ("coach_a", "athletes:detail", lambda x: [x.athlete_a.pk]),
    ("coach_a", "athletes:edit", lambda x: [x.athlete_a.pk]),
    ("coach_a", "coaching:assign", lambda x: [x.athlete_a.pk]),
    ("coach_a", "coaching:athlete_training", lambda x: [x.athlete_a.pk]),
    ("anon", "athletes:accept_invite", lambda x: [x.invite_token]),
    ("coach_a", "password_change", None),
]


@pytest.mark.django_db
def test_served_pages_carry_the_policy_and_need_nothing_inline():
    world = factories.world()
    as_actor = probes.Actors(world)
    for actor, name, args in PAGES:
        response = as_actor(actor).get(reverse(name, args=args(world) if args else None))
        assert response.status_code == 200, name
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header and "unsafe-eval" not in header, name
        nonce = re.search(r"'nonce-([^']+)'", header)[1]
        html = response.content.decode()
        assert inline_problems(html) == [], name
        scripts = SCRIPT_TAG.findall(html)
        assert scripts, name  # htmx at least
        for script in scripts:
            assert f'nonce="{nonce}"' in script, (name, script)


@pytest.mark.django_db
def test_other_security_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
