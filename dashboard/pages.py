"""The pages of the URL contract (PRODUCT.md), listed once: the frame builds its navigation from this, each page
reads its URL parameters from it, links and addresses strip page paths with it, and the tests walk it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    """One page: its URL path, its script, its menu title and icon, and the URL parameters it reads."""

    key: str
    path: str  # the URL path of the contract, "/" for the overview
    script: str
    title: str
    icon: str
    keys: tuple[str, ...]
    in_menu: bool = True

    @property
    def url_path(self) -> str:
        """The path as st.Page takes it: no slash, empty for the overview."""
        return self.path.strip("/")


PAGES: tuple[PageInfo, ...] = (
    PageInfo("overview", "/", "pages/overview.py", "Overview", ":material/home:", ()),
    PageInfo("recovery", "/recovery", "pages/recovery.py", "Day by day", ":material/calendar_today:",
             ("treatment", "day", "start", "area", "intensity", "phototype")),
    PageInfo("collagen", "/collagen", "pages/collagen.py", "Collagen over months", ":material/show_chart:",
             ("treatment",)),
    PageInfo("compare", "/compare", "pages/compare.py", "Compare treatments", ":material/compare_arrows:",
             ("vs", "area", "intensity", "phototype")),
    PageInfo("consult", "/consult", "pages/consult.py", "Consult planner", ":material/assignment:",
             ("treatment", "start", "area", "intensity", "phototype", "sessions")),
    PageInfo("sources", "/sources", "pages/sources.py", "Sources", ":material/menu_book:", ()),
    PageInfo("display", "/display", "pages/display.py", "Clinic display", ":material/tv:", ("interval",),
             in_menu=False),
)

BY_KEY = {p.key: p for p in PAGES}
URL_PATHS = frozenset(p.url_path for p in PAGES if p.url_path)


def page(key: str) -> PageInfo:
    """The page with this key ('recovery', 'consult', ...)."""
    return BY_KEY[key]
