"""Small HTTP helpers for the benchmark: sign in like a browser, fetch with
gzip, and build the headers wrk and the load test send. Loopback only."""

import http.cookiejar
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def require_loopback(base_url: str) -> str:
    host = urllib.parse.urlsplit(base_url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"The benchmark only talks to loopback addresses, not {host!r}.")
    return base_url.rstrip("/")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass(frozen=True)
class Session:
    """A signed-in browser: its cookies, as the headers a request needs."""

    sessionid: str
    csrftoken: str

    @property
    def cookie(self) -> str:
        return f"sessionid={self.sessionid}; csrftoken={self.csrftoken}"

    def headers(self, *, post: bool = False, htmx: bool = False) -> dict[str, str]:
        headers = {"Cookie": self.cookie}
        if post:
            # The unmasked secret is a valid token for Django's CSRF check.
            headers["X-CSRFToken"] = self.csrftoken
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
        return headers


def sign_in(base_url: str, username: str, password: str) -> Session:
    """The sign-in form, as a browser fills it: GET for the CSRF token, POST."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    login = f"{base_url}/accounts/login/"
    with opener.open(login, timeout=10) as response:
        token = CSRF_INPUT.search(response.read().decode()).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    try:
        opener.open(urllib.request.Request(login, data=data), timeout=10)
    except urllib.error.HTTPError as error:  # the 302 after a good sign-in
        if error.code != 302:
            raise
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"Could not sign in as {username}: check the seed and the password.")
    return Session(cookies["sessionid"], cookies["csrftoken"])


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes  # as sent: compressed when content_encoding says so
    content_encoding: str
    content_type: str


def fetch(url: str, *, headers: dict[str, str] | None = None, method: str = "GET") -> Fetched:
    """One request, no redirects followed, asking for gzip (what the table reports)."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    request.add_header("Accept-Encoding", "gzip")
    opener = urllib.request.build_opener(_NoRedirect())
    data = b"" if method == "POST" else None
    try:
        with opener.open(request, data=data, timeout=10) as response:
            return Fetched(
                response.status,
                response.read(),
                response.headers.get("Content-Encoding", ""),
                response.headers.get("Content-Type", ""),
            )
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.read(), "", error.headers.get("Content-Type", ""))
