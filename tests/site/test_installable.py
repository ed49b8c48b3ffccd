"""The athlete's week as an installable web app: the manifest, its icons, the
safe-area insets of a standalone display, and a first load that stays light
(<= 40 KB compressed: the page, its CSS, its scripts and the manifest)."""

import gzip
import json
import re
import struct
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

FIRST_LOAD_LIMIT = 40 * 1024


def test_the_manifest_makes_the_week_installable():
    manifest = json.loads(Path(finders.find("manifest.webmanifest")).read_text())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/week/"
    sizes = set()
    for icon in manifest["icons"]:
        png = Path(finders.find(icon["src"].removeprefix("/static/"))).read_bytes()
        width, height = struct.unpack(">II", png[16:24])  # the PNG header's IHDR
        assert f"{width}x{height}" == icon["sizes"]
        sizes.add(width)
    assert {192, 512} <= sizes


def test_the_standalone_page_keeps_clear_of_the_notch(client):
    css = Path(finders.find("css/app.css")).read_text()
    assert "env(safe-area-inset-top)" in css and "env(safe-area-inset-bottom)" in css
    factories.user("nobody")
    page = client.get(reverse("login")).content.decode()
    assert "viewport-fit=cover" in page and 'rel="manifest"' in page


def test_the_weeks_first_load_stays_under_40_kb_compressed(client):
    world = factories.world()
    client.force_login(world.users["athlete_a"])
    page = client.get(reverse("coaching:week"), headers={"Accept-Encoding": "gzip"})
    html = gzip.decompress(page.content).decode()
    files = re.findall(r'<(?:link|script)[^>]+(?:href|src)="/static/([^"]+)"', html)
    assert {"css/app.css", "js/offline.js", "manifest.webmanifest"} <= set(files)
    files.append("js/sw.js")  # fetched by the browser once the page has loaded
    sizes = {name: len(gzip.compress(Path(finders.find(name)).read_bytes())) for name in files}
    total = len(page.content) + sum(sizes.values())
    page_size = len(page.content)
    print(f"\nfirst load of the week: {total} B compressed (the page {page_size} B), {sizes}")
    assert total <= FIRST_LOAD_LIMIT
