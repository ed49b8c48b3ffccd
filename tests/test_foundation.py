import pytest
from django.urls import reverse


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_in_page_has_strict_csp_with_nonce(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    body = response.content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in body
    assert "htmx" in body


def test_expired_session_on_htmx_request_redirects_whole_browser(client, db):
    response = client.get(reverse("exercises:list"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login"))


@pytest.mark.parametrize("debug", ["false", ""])
def test_settings_refuse_to_start_without_secret_key_when_debug_off(debug, monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import coaching.settings.base as base

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DEBUG", debug)
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(base)
    monkeypatch.setenv("SECRET_KEY", "x")
    importlib.reload(base)


def test_postgres_uses_the_connection_pool(monkeypatch):
    import importlib

    import coaching.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    monkeypatch.setenv("SECRET_KEY", "x")
    reloaded = importlib.reload(base)
    assert reloaded.DATABASES["default"]["OPTIONS"]["pool"]["max_size"] >= 2
    monkeypatch.delenv("DATABASE_URL")
    importlib.reload(base)


@pytest.mark.parametrize(("threshold", "expected"), [(None, 5), ("2", 2), ("off", None)])
def test_postgres_keeps_query_plans_unless_told_not_to(monkeypatch, threshold, expected):
    import importlib

    import coaching.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    monkeypatch.setenv("SECRET_KEY", "x")
    if threshold is not None:
        monkeypatch.setenv("DB_PREPARE_THRESHOLD", threshold)
    options = importlib.reload(base).DATABASES["default"]["OPTIONS"]
    assert options.get("prepare_threshold") == expected
    assert options.get("server_side_binding", False) is (expected is not None)
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("DB_PREPARE_THRESHOLD", raising=False)
    importlib.reload(base)


def test_empty_database_url_means_sqlite(monkeypatch):
    import importlib

    import coaching.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("SECRET_KEY", "x")
    reloaded = importlib.reload(base)
    assert reloaded.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    monkeypatch.delenv("DATABASE_URL")
    importlib.reload(base)


def _run(args, **env_changes):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )


def test_manage_py_works_for_a_developer_without_a_secret_key():
    result = _run(["manage.py", "check"], DATABASE_URL="")
    assert result.returncode == 0, result.stderr


def test_production_settings_still_refuse_to_start_without_a_secret_key():
    result = _run(
        ["manage.py", "check"],
        DATABASE_URL="",
        DJANGO_SETTINGS_MODULE="coaching.settings.production",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_wsgi_refuses_to_start_without_a_secret_key():
    result = _run(["-c", "import coaching.wsgi"], DATABASE_URL="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
