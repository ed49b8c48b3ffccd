"""The benchmark's HTTP helpers (bench/http.py): loopback only, and the
headers a signed-in browser sends."""

import pytest

from bench.http import Session, require_loopback


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8123/", "http://localhost:9000", "http://[::1]:1"]
)
def test_loopback_addresses_are_accepted(url):
    assert require_loopback(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://10.0.0.5:8123", "https://example.com", "http://0.0.0.0:80"]
)
def test_other_addresses_are_refused(url):
    with pytest.raises(SystemExit):
        require_loopback(url)


def test_a_post_carries_the_csrf_token_and_both_cookies():
    headers = Session("s3ss10n", "t0ken").headers(post=True, htmx=True)
    assert headers["Cookie"] == "sessionid=s3ss10n; csrftoken=t0ken"
    assert headers["X-CSRFToken"] == "t0ken"
    assert headers["HX-Request"] == "true"
    assert "X-CSRFToken" not in Session("s", "t").headers()
