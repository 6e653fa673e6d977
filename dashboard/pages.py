"""The pages of the URL contract (PRODUCT.md), listed once: the frame builds its navigation from this, each page
reads its URL parameters from it, links and addresses strip page paths with it, and the tests walk it."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_


@dataclass(frozen=True)
class PageInfo:
    """One page: its URL path, its script, its menu title and icon, and the URL parameters it reads."""

    key: str
    path: str  # the URL path of the contract, "/" for the overview
    script: str
    title: str  # an msgid: the menu shows it translated
    icon: str
    keys: tuple[str, ...]
    in_menu: bool = True

    @property
    def url_path(self) -> str:
        """The path as st.Page takes it: no slash, empty for the overview."""
        return self.path.strip("/")


PAGES: tuple[PageInfo, ...] = (
    PageInfo("overview", "/", "pages/overview.py", N_("Overview"), ":material/home:", ()),
    PageInfo(
        "recovery",
        "/recovery",
        "pages/recovery.py",
        N_("Day by day"),
        ":material/calendar_today:",
        ("treatment", "day", "start", "area", "intensity", "phototype"),
    ),
    PageInfo("diary", "/diary", "pages/diary.py", N_("My diary"), ":material/book_2:", ()),
    PageInfo(
        "collagen",
        "/collagen",
        "pages/collagen.py",
        N_("Collagen over months"),
        ":material/show_chart:",
        ("treatment",),
    ),
    PageInfo(
        "compare",
        "/compare",
        "pages/compare.py",
        N_("Compare treatments"),
        ":material/compare_arrows:",
        ("vs", "area", "intensity", "phototype"),
    ),
    PageInfo(
        "consult",
        "/consult",
        "pages/consult.py",
        N_("Consult planner"),
        ":material/assignment:",
        ("treatment", "start", "area", "intensity", "phototype", "sessions", "compare"),
    ),
    PageInfo(
        "gallery",
        "/gallery",
        "pages/gallery.py",
        N_("Photos by day"),
        ":material/photo_library:",
        ("treatment", "area", "phototype", "day"),
    ),
    PageInfo("sources", "/sources", "pages/sources.py", N_("Sources"), ":material/menu_book:", ()),
    PageInfo(
        "display",
        "/display",
        "pages/display.py",
        N_("Clinic display"),
        ":material/tv:",
        ("interval", "langs"),
        in_menu=False,
    ),
)

BY_KEY = {p.key: p for p in PAGES}
URL_PATHS = frozenset(p.url_path for p in PAGES if p.url_path)


def split_page(path: str) -> tuple[str, str | None]:
    """A URL path as the app's own path and the page its last part names: '/app/recovery' -> ('/app', 'recovery'),
    '/app/' -> ('/app', None). The one rule for taking a page off an address (links, the server, the frame)."""
    segments = [s for s in path.split("/") if s]
    if segments and segments[-1] in URL_PATHS:
        return "/" + "/".join(segments[:-1]) if segments[:-1] else "", segments[-1]
    return ("/" + "/".join(segments) if segments else ""), None


def tab_title(name: str, clinic: str | None, detail: str | None = None) -> str:
    """A page's title in the browser's tab, bookmarks and history, most specific first: 'Day 4 · Day by day · Dr.
    Leong's Dermatology Clinic'. Each page has its own (WCAG 2.4.2), in the page's language."""
    return " · ".join(part for part in (detail, name, clinic) if part)


def page(key: str) -> PageInfo:
    """The page with this key ('recovery', 'consult', ...)."""
    return BY_KEY[key]
