"""The app's address as a phone would open it, and the links built on it: one rule for the consult page's links and
QR code, the handout's QR code and the waiting-room screen's QR code.

The address is the clinic's `public_url` when it is a valid http(s) address (a path in it is kept), else the
address this page was opened at, with the page's own path taken off (a path prefix such as /recovery-app is kept).
An address a phone cannot open (localhost, 127.0.0.1) is known but never printed: no link or QR code is made, and
staff are told why and how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from dashboard.i18n import N_, _, link_params
from dashboard.pages import page, split_page

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})
BAD_PUBLIC_URL = N_(
    "The public_url in clinic.yaml is not a valid http or https address, so it is not used. "
    "Set it to the address patients open, for example https://recovery.clinic.example."
)
LOCAL_ADDRESS = N_(
    "This page was opened at an address that only this computer can reach ({host}), so no link or QR "
    "code is printed: a phone could not open it. Open the app by its network address, or set "
    "public_url in clinic.yaml."
)
UNKNOWN_ADDRESS = N_(
    "The app's address is not known here, so no link or QR code can be made. Set public_url in clinic.yaml."
)


@dataclass(frozen=True)
class AppAddress:
    """Where phones reach the app (`base`, without a trailing slash), and what staff should fix, if anything."""

    base: str | None
    problems: tuple[str, ...] = ()

    @property
    def phone_ready(self) -> bool:
        """True when a phone could open links made from this address."""
        return self.base is not None and not is_local(self.base)

    def link(self, page_key: str, query: Mapping[str, str] | None = None) -> str | None:
        """A link to a page of the app with its query (and the language of the run, when links carry it), or None
        when no phone could open it."""
        if not self.phone_ready:
            return None
        return f"{self.base}{page(page_key).path}{_query(query)}"


def _query(query: Mapping[str, str] | None) -> str:
    q = urlencode(dict(query or {}) | link_params())
    return f"?{q}" if q else ""


def local_link(page_key: str, query: Mapping[str, str] | None = None, anchor: str = "") -> str:
    """A link from one page of the app to another, relative to the app's address (a path prefix is kept), with the
    language of the run when links carry it: 'sources?lang=es#src-S1'."""
    path = page(page_key).url_path or "./"
    return f"{path}{_query(query)}{'#' + anchor if anchor else ''}"


def is_local(url: str) -> bool:
    """True when a link points at this computer only, so a phone could not open it."""
    host = (urlsplit(url).hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith(".localhost")


def _base(url: str, strip_page: bool) -> str | None:
    """Scheme, host, port and path prefix of an http(s) URL (None when it is not one a browser could open)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    segments = [s for s in parts.path.split("/") if s]
    path = split_page(parts.path)[0] if strip_page else "/" + "/".join(segments) if segments else ""
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def app_address(page_url: str | None, public_url: str | None) -> AppAddress:
    """The app's address for phones: the clinic's public_url if valid, else the address this page was opened at."""
    problems: list[str] = []
    if public_url and public_url.strip():
        base = _base(public_url, strip_page=False)
        if base is not None:
            return AppAddress(base)
        problems.append(_(BAD_PUBLIC_URL))
    base = _base(page_url, strip_page=True) if page_url else None
    if base is None:
        problems.append(_(UNKNOWN_ADDRESS))
    elif is_local(base):
        problems.append(_(LOCAL_ADDRESS).format(host=urlsplit(base).hostname))
    return AppAddress(base, tuple(problems))
