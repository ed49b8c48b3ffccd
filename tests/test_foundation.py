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


def test_empty_database_url_means_sqlite(monkeypatch):
    import importlib

    import coaching.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("SECRET_KEY", "x")
    reloaded = importlib.reload(base)
    assert reloaded.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    monkeypatch.delenv("DATABASE_URL")
    importlib.reload(base)
