"""The app's pages as the quality tests see them: path, script, a typical query and the parameter hostile input uses.

One list, so that the accessibility, offline and hostile-input tests all run over every page of the URL
contract (docs/PRODUCT.md) and a new page is tested everywhere by adding one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from dashboard.dates import today_in
from dashboard.pages import PAGES as REGISTRY


@dataclass(frozen=True)
class PageSpec:
    path: str  # URL path of the contract
    script: str  # the page's file, for AppTest.switch_page
    query: str  # a typical query string (without '?'), as a shared link would carry it
    keys: tuple[str, ...]  # the parameters the page reads; the first is where hostile values go
    shows_notices: bool = True  # False for /display: problems are logged, never shown on the waiting-room screen

    @property
    def param(self) -> str | None:
        return self.keys[0] if self.keys else None

    def expects_notice(self, keys: set[str]) -> bool:
        """Whether bad values in these parameters must give a notice a person can see on this page."""
        return self.shows_notices and bool(keys & set(self.keys))

    def url(self, query: str | None = None) -> str:
        q = self.query if query is None else query
        return f"{self.path}?{q}" if q else self.path


def recent_start(days_ago: int = 4) -> str:
    # a treatment date a few days back, so links with `start` stay valid whenever the tests run
    return (today_in(None) - timedelta(days=days_ago)).isoformat()


# A typical query per page, as a shared link would carry it; the pages, their scripts and the parameters they read
# come from the app's own registry (dashboard/pages.py), so a new page is tested everywhere by adding it there.
TYPICAL_QUERY = {
    "/recovery": "treatment=eco2&day=4&area=face&intensity=standard",
    "/collagen": "treatment=eco2",
    "/compare": "vs=eco2,nafl-1550,co2-full",
    "/consult": f"treatment=eco2&start={recent_start()}&area=face",
    "/display": "interval=300",
}
PAGES: tuple[PageSpec, ...] = tuple(
    PageSpec(p.path, p.script, TYPICAL_QUERY.get(p.path, ""), p.keys, shows_notices=p.path != "/display")
    for p in REGISTRY
)

BY_PATH = {p.path: p for p in PAGES}
PAGE_IDS = [p.path for p in PAGES]


# --- Hostile query strings -------------------------------------------------------------------------------------
# Each payload is a list of (key, value) pairs; the key None means "the page's own parameter" (PageSpec.param), so
# the same payload can be aimed at every page. Script payloads would set window.__pwned or open a dialog if any
# page ever rendered URL text as HTML or followed it as a link.


@dataclass(frozen=True)
class Payload:
    name: str
    pairs: tuple[tuple[str | None, str], ...]

    def params(self, spec: PageSpec) -> list[tuple[str, str]]:
        # pages without parameters get the payload in 'treatment': they must simply ignore it
        return [(key or spec.param or "treatment", value) for key, value in self.pairs]

    def query(self, spec: PageSpec) -> str:
        from urllib.parse import urlencode

        return urlencode(self.params(spec))

    def keys(self, spec: PageSpec) -> set[str]:
        return {key for key, _ in self.params(spec)}


PAYLOADS: tuple[Payload, ...] = (
    Payload("script-tag", ((None, "<script>window.__pwned=1</script>"),)),
    Payload("img-onerror", ((None, '<img src=x onerror="window.__pwned=1;alert(1)">'),)),
    Payload("svg-break-out", ((None, '"><svg onload=alert(1)>'),)),
    Payload("javascript-url", ((None, "javascript:window.__pwned=1//"),)),
    Payload("markdown-link", ((None, "[open](javascript:window.__pwned=1)"),)),
    Payload("very-long", ((None, "x" * 5000),)),
    Payload("unicode-rtl", ((None, "\u202eeco2\u202c \u0639\u0631\u0628\u064a \U0001f600"),)),
    Payload("nul-byte", ((None, "eco2\x00"),)),
    Payload("repeated-key", ((None, "1"), (None, "2"))),
    Payload("huge-number", (("day", "9" * 30),)),
    Payload("negative-day", (("day", "-3"),)),
    Payload("malformed-date", (("start", "2026-02-30"),)),
    Payload("date-wrong-format", (("start", "31/01/2026"),)),
    Payload("unknown-treatment", (("treatment", "laser-9000"),)),
    Payload("unknown-compare-id", (("vs", "eco2,<b>x</b>,nafl-1550"),)),
    Payload("interval-out-of-range", (("interval", "-1e9"),)),
)
PAYLOAD_BY_NAME = {p.name: p for p in PAYLOADS}
# the few payloads every page gets in the browser (the full list runs on /recovery and in AppTest)
BROWSER_PER_PAGE = ("script-tag", "img-onerror", "javascript-url", "very-long")


def is_local_url(url: str) -> bool:
    """True for requests that stay on the machine serving the app: 127.0.0.1/localhost, data: and blob:."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return parts.scheme != "about" or url in ("about:blank", "about:srcdoc")
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in ("127.0.0.1", "localhost", "app.test")
