"""Reading a calendar link (the athlete's plan as a URL their running app
publishes). Only http(s), at most MAX_BYTES, a short timeout, and no address
inside a private network unless settings say so (tests serve from loopback):
the server fetches what a coach typed, so it must not become a way in. Every
redirect goes through the same check as the link itself (a public server
answering "see http://10.0.0.5/" must not lead inside), at most 5 of them."""

import ipaddress
import socket
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from coaching.running.parsers import MAX_BYTES, Refused

TIMEOUT = 10  # seconds


def normalised(url: str) -> str:
    """webcal:// (what calendar apps hand out) is https://."""
    url = url.strip()
    return "https://" + url[len("webcal://") :] if url.lower().startswith("webcal://") else url


def _private(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        raise Refused(f"The calendar link's server “{host}” was not found.") from None
    return any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


def _check(url: str, *, allow_private: bool, redirected: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        if redirected:
            raise Refused("The calendar link redirects to an address that is not https://.")
        raise Refused("A calendar link starts with https:// (or webcal://).")
    if not allow_private and _private(parts.hostname):
        where = "redirects" if redirected else "points"
        raise Refused(
            f"This calendar link {where} inside a private network: Flamingo can't read it."
        )


class _CheckedRedirects(HTTPRedirectHandler):
    max_redirections = 5

    def __init__(self, *, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        try:
            _check(newurl, allow_private=self.allow_private, redirected=True)
        except Refused:
            fp.close()
            raise
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_calendar(url: str, *, allow_private: bool = False) -> bytes:
    url = normalised(url)
    _check(url, allow_private=allow_private)
    request = Request(
        url, headers={"User-Agent": "Flamingo calendar reader", "Accept": "text/calendar"}
    )
    opener = build_opener(_CheckedRedirects(allow_private=allow_private))
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
    except (URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise Refused(f"The calendar link could not be read ({reason}).") from None
    if len(data) > MAX_BYTES:
        raise Refused(f"The calendar at this link is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    return data
