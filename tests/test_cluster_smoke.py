"""The cluster, short enough for every CI run: two app servers with the
production settings behind HAProxy, started as `make cluster` starts them
(scripts/cluster/cluster.py), on the test database. Requests through the
balancer reach both servers, a session made on one is good on the other,
static files are the same on both, and a killed server is taken out of
rotation without the next requests failing. The fault drills themselves are
`make cluster`, run by a person (docs/deploy.md)."""

import os
import secrets
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import override_settings

from scripts.cluster.cluster import Cluster, get, haproxy_path
from scripts.cluster.load import Browser
from tests import factories

PORT = 8490  # the balancer; the servers on 8491 and 8492
PRODUCTION_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="app servers share PostgreSQL"),
    # The servers are other processes: they only see committed rows.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def haproxy():
    if haproxy_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("HAProxy is missing: .ci/run installs it (apt-get install haproxy).")
        pytest.skip("HAProxy is not installed (apt-get install haproxy).")


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_two_app_servers_behind_the_balancer(haproxy, tmp_path, password):
    # The servers hash with the production settings, which do not know the
    # tests' fast hasher: a PBKDF2 hash of few rounds (upgraded on sign-in).
    user = factories.coach("carmen")
    user.password = PBKDF2PasswordHasher().encode(password, "cluster-smoke", iterations=1000)
    user.save(update_fields=["password"])
    env = {
        "DATABASE_URL": database_url(),
        "SECRET_KEY": secrets.token_urlsafe(50),  # the same on both servers
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_POOL_MIN": "1",
        "DB_POOL_MAX": "2",
        "STATIC_ROOT": str(tmp_path / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    # Collected with the production storage (hashed names, the manifest), here
    # rather than by a new process: starting Django costs seconds on CI. The
    # admin's files are left out, no request here needs them.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC}}
    with override_settings(STATIC_ROOT=env["STATIC_ROOT"], STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
    with Cluster(env=env, run_dir=tmp_path, port=PORT, servers=2, workers=1) as cluster:
        for n in (1, 2):
            cluster.start_server(n, wait=False)
        cluster.wait_healthy([1, 2])
        cluster.start_balancer(render_to_string("503.html"))
        assert cluster.server_states() == {"app1": "UP", "app2": "UP"}

        coach = Browser(PORT).sign_in("carmen", password)
        pages = Counter(coach.request("GET", "/dashboard/")[0] for _ in range(6))
        assert pages == {200: 6}
        served = {name: int(row["stot"]) for name, row in cluster._stats().items()}
        assert all(count > 0 for count in served.values()), served  # both took requests

        login = get(PORT, "/accounts/login/")[1].decode()
        css = login.split('rel="stylesheet" href="')[1].split('"')[0]
        assert len(cluster.static_digests(css)) == 1  # one collected copy, served alike

        cluster.kill_server(2)
        assert Counter(coach.request("GET", "/dashboard/")[0] for _ in range(4)) == {200: 4}
        assert not cluster.server_states()["app2"].startswith("UP")
