"""Accessibility in a real browser: axe-core on every page at desktop and phone width, keyboard use of the day
control on /recovery, and a text alternative for every chart.

axe-core runs from the copy bundled in the axe-playwright-python package (injected with page.evaluate; nothing
is fetched). Only serious and critical violations fail a test. Violations that come from Streamlit's own markup
are allowed by a narrow list below: a rule id plus a container that is Streamlit's own (matched with
Element.closest), never a rule turned off wholesale. docs/accessibility.md explains each entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import draw_waiting_charts, free_port, start_app, stop_app, wait_for_app
from pages_list import PAGE_IDS, PAGES, is_local_url, recent_start

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
FAILING_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class Allowed:
    rule: str  # axe rule id
    container: str  # CSS selector of a Streamlit-owned element; the violating node must lie inside it
    why: str


# Streamlit's own markup that our pages cannot change. Keep this list short and specific; see docs/accessibility.md.
STREAMLIT_ALLOWED: tuple[Allowed, ...] = ()

# Our content lives in the main block container; no allow-list entry may reach into it for these rules.
OUR_CONTENT = '[data-testid="stMainBlockContainer"]'
NEVER_ALLOWED_IN_CONTENT = ("color-contrast", "image-alt", "label", "link-name", "button-name", "aria-valid-attr-value")

_AXE = Axe()

_INSIDE_JS = """([target, containers]) => {
    const el = document.querySelector(target);
    if (!el) return null;
    return containers.map(c => el.closest(c) !== null);
}"""


def run_axe(page) -> list[dict]:
    """axe's violations on the page as it is now."""
    return _AXE.run(page).response["violations"]


def failing_nodes(page, violations: list[dict]) -> list[str]:
    """Serious/critical violation nodes not covered by the Streamlit allow-list, one readable line each."""
    failures = []
    for v in violations:
        if v["impact"] not in FAILING_IMPACTS:
            continue
        containers = [a.container for a in STREAMLIT_ALLOWED if a.rule == v["id"]]
        for node in v["nodes"]:
            target = node["target"][0]  # for a node inside an iframe, the iframe itself
            target = target if isinstance(target, str) else target[0]
            inside = page.evaluate(_INSIDE_JS, [target, containers]) if containers else None
            if inside and any(inside):
                continue
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:240]
            failures.append(f"{v['id']} ({v['impact']}) at {node['target']}: {node['html'][:160]} -- {summary}")
    return failures


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_no_serious_axe_violation_from_our_content(open_page, spec, width):
    page = open_page(spec.url(), width=width)
    outside: list[str] = []
    page.on("request", lambda r: None if is_local_url(r.url) else outside.append(r.url))
    violations = run_axe(page)
    assert page.evaluate("typeof axe !== 'undefined' && axe.version.length > 0"), "axe-core did not load"
    assert not outside, f"requests left the server while axe ran (see test_browser_offline): {outside}"
    failures = failing_nodes(page, violations)
    assert not failures, f"{spec.path} at {width}px:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_consult_timeline_once_drawn_has_no_serious_axe_violation(open_page, width):
    """The consult's Plotly timeline loads its code after the run and draws later still: checked once it is drawn,
    with a second treatment beside the plan and its table open."""
    page = open_page(f"/consult?treatment=eco2&start={recent_start(-10)}&sessions=2&compare=nafl-1550", width=width)
    page.wait_for_function(
        '() => document.querySelectorAll(\'[data-testid="stPlotlyChart"] .cartesianlayer '
        ".barlayer .point').length > 0",
        timeout=30_000,
    )
    page.get_by_text("The timeline as a table").click()
    page.get_by_role("table").first.wait_for()
    failures = failing_nodes(page, run_axe(page))
    assert not failures, f"/consult's timeline at {width}px:\n" + "\n".join(failures)


WCAG22_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Pages with their date controls filled in: the day and month fields are the smallest targets.
# And every page in Spanish: longer words must still fit their targets, and <html lang> must say "es".
WCAG22_PATHS = [
    *(spec.url() for spec in PAGES),
    f"/recovery?treatment=eco2&start={recent_start()}",
    "/consult",
    *(spec.url("&".join(filter(None, (spec.query, "lang=es")))) for spec in PAGES),
]


def _wcag22_failures(page) -> list[str]:
    """WCAG 2.2 AA violations on the page as drawn now, once our style rules are in, except Streamlit's own."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('min-width: 24px'))"
    )
    result = _AXE.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG22_TAGS}, "resultTypes": ["violations"]}
    ).response
    return failing_nodes(page, [{**v, "impact": "serious"} for v in result["violations"]])


@pytest.mark.parametrize("path", WCAG22_PATHS)
def test_wcag22_aa_at_phone_width(open_page, path):
    """WCAG 2.2 AA (target size among it) at 390 px: every violation, whatever its impact, except Streamlit's own."""
    failures = _wcag22_failures(open_page(path, width=390, height=844))
    assert not failures, f"{path} at 390px (WCAG 2.2 AA):\n" + "\n".join(failures)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_wcag22_aa_with_the_self_check_list_open(open_page, lang):
    """The self-check's list (radio groups and check boxes) opens on a tap: checked open, as a patient uses it."""
    page = open_page(f"/recovery?treatment=eco2&day=4&lang={lang}", width=390, height=844)
    page.get_by_role("button", name={"en": "Tick what I notice", "es": "Marcar lo que noto"}[lang]).click()
    page.locator('[data-testid="stRadio"]').first.wait_for()
    failures = _wcag22_failures(page)
    assert not failures, "/recovery with the self-check open at 390px (WCAG 2.2 AA):\n" + "\n".join(failures)


def test_axe_finds_a_planted_violation(open_page):
    """The check can fail: an image without alt text and low-contrast text inside our content are reported."""
    page = open_page("/sources")
    page.evaluate("""() => {
        const host = document.querySelector('[data-testid="stMainBlockContainer"]');
        const probe = document.createElement('div');
        probe.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            + '<p style="color:#c8c8c8;background-color:#ffffff;font-size:16px">faint text here</p>';
        host.prepend(probe);
    }""")
    rules = {line.split(" ", 1)[0] for line in failing_nodes(page, run_axe(page))}
    assert {"image-alt", "color-contrast"} <= rules


def test_allow_list_is_streamlits_own_markup(open_page):
    """Every allowed container is Streamlit chrome: it neither is, nor contains, nor sits inside our content."""
    page = open_page("/recovery")
    for entry in STREAMLIT_ALLOWED:
        assert entry.rule not in NEVER_ALLOWED_IN_CONTENT or "stMain" not in entry.container, entry
        overlaps = page.evaluate(
            """([sel, ours]) => [...document.querySelectorAll(sel)].some(
                el => el.matches(ours) || el.querySelector(ours) !== null || el.closest(ours) !== null)""",
            [entry.container, OUR_CONTENT],
        )
        assert not overlaps or entry.rule not in NEVER_ALLOWED_IN_CONTENT, entry
        assert not page.evaluate(
            "(sel) => document.querySelector(sel)?.matches('body, html, [data-testid=stApp]')", entry.container
        ), f"{entry} is not narrow"


# --- Keyboard ----------------------------------------------------------------------------------------------------

_FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const own = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || (style.boxShadow && style.boxShadow !== 'none');
    // some widgets draw the focus ring on a wrapper (e.g. a select's border); accept the nearest two ancestors
    let ring = own, p = el.parentElement;
    for (let i = 0; !ring && p && i < 2; i++, p = p.parentElement) {
        const s = getComputedStyle(p);
        ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
    }
    const implicit = {range: 'slider', checkbox: 'checkbox', button: 'button', submit: 'button'};
    const tag = el.tagName.toLowerCase();
    return {
        role: el.getAttribute('role') || (tag === 'input' && implicit[el.type]) || tag,
        name: (el.getAttribute('aria-label') || el.innerText || '').trim().slice(0, 80),
        value: el.getAttribute('aria-valuenow') || (tag === 'input' ? el.value : null),
        focusVisible: el.matches(':focus-visible'),
        ring: ring,
    };
}"""

MAX_TABS = 80


def tab_until(page, wanted: dict[str, re.Pattern], trail: list[str]) -> dict[str, dict]:
    """Press Tab until every wanted control (by role|name pattern) has had focus; return what was focused."""
    found: dict[str, dict] = {}
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUSED_JS)
        trail.append("-" if info is None else f"{info['role']}:{info['name'][:20]}")
        if info is None:
            continue
        for label, pattern in wanted.items():
            if label not in found and pattern.search(f"{info['role']}|{info['name']}"):
                found[label] = info
        if len(found) == len(wanted):
            break
    return found


def day_value(page) -> int:
    """The day slider's value (an ARIA slider or a native range input)."""
    slider = page.get_by_role("slider").first
    value = slider.get_attribute("aria-valuenow") or slider.input_value()
    return int(value)


def test_recovery_day_controls_work_from_the_keyboard(open_page):
    page = open_page("/recovery?day=4")
    # widgets are disabled until the session is connected and the run is over; start tabbing once they are live
    page.wait_for_function("""() => {
        const s = document.querySelector('[role="slider"], input[type="range"]');
        return s && !s.disabled && s.getAttribute('aria-disabled') !== 'true';
    }""")
    wanted = {
        "slider": re.compile(r"^slider\|", re.I | re.S),
        "previous": re.compile(r"^button\|.*\b(previous|earlier)\b", re.I | re.S),
        "next": re.compile(r"^button\|.*\b(next|later)\b", re.I | re.S),
    }
    trail: list[str] = []
    found = tab_until(page, wanted, trail)
    assert set(found) == set(wanted), f"not reachable with Tab: {set(wanted) - set(found)}; focus went {trail[:30]}"
    for label, info in found.items():
        assert info["focusVisible"] and info["ring"], f"{label} has no visible focus indicator: {info}"

    before = day_value(page)
    assert before == 4, f"the link's day=4 is not on the slider ({before})"
    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    after = day_value(page)
    assert after == before + 1, f"ArrowRight moved the day from {before} to {after}"
    assert f"day={after}" in page.url, f"the address bar does not follow the day: {page.url}"

    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowLeft")
    wait_for_app(page)
    assert day_value(page) == before, "ArrowLeft did not step back"

    next_button = page.get_by_role("button", name=re.compile(r"\b(next|later)\b", re.I)).first
    next_button.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    assert day_value(page) == before + 1, "Enter on 'Next day' did not move the day"

    previous_button = page.get_by_role("button", name=re.compile(r"\b(previous|earlier)\b", re.I)).first
    previous_button.focus()
    page.keyboard.press("Space")
    wait_for_app(page)
    assert day_value(page) == before, "Space on 'Previous day' did not move the day back"


# --- Charts ------------------------------------------------------------------------------------------------------

CHARTS = (
    '[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"], '
    '[data-testid="stPyplot"], [data-testid="stDeckGlJsonChart"]'
)

# For each chart: the nearest following element containers (same block) must hold a text alternative: an expander,
# a table, or a caption/paragraph of at least a sentence. The chart's own aria-label counts too.
_ALT_JS = """(selector) => [...document.querySelectorAll(selector)].map(chart => {
    const box = chart.closest('[data-testid="stElementContainer"]') || chart;
    const label = chart.getAttribute('aria-label') || chart.querySelector('[aria-label]')?.getAttribute('aria-label');
    const found = [];
    let sib = box.nextElementSibling;
    for (let i = 0; sib && i < 3; i++, sib = sib.nextElementSibling) {
        if (sib.querySelector('[data-testid="stExpander"], [data-testid="stTable"], [data-testid="stDataFrame"]'))
            found.push('expander/table');
        const text = (sib.querySelector('[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"]')
                      ?.innerText || '').trim();
        if (text.length >= 40) found.push('text');
    }
    return {id: chart.getAttribute('data-testid'), label: label || '', found};
})"""


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_every_chart_has_a_text_alternative(open_page, spec):
    page = open_page(spec.url())
    draw_waiting_charts(page)
    # A chart's label is set when it is drawn, which can come after the run has finished: its code loads lazily
    # (Streamlit shows a skeleton meanwhile), as bench/phone.py's "all drawn" waits for too
    page.wait_for_function(
        "(sel) => !document.querySelector('[data-testid=\"stSkeleton\"]') && "
        "[...document.querySelectorAll(sel)].every(c => c.querySelector('svg, canvas'))",
        arg=CHARTS,
    )
    charts = page.evaluate(_ALT_JS, CHARTS)
    missing = [c for c in charts if not c["found"] and len(c["label"]) < 20]
    assert not missing, f"{spec.path}: charts without a text alternative next to them: {missing}"


def test_menu_is_right_when_the_first_visit_is_a_deep_link(browser):
    """After a restart the first visitor often arrives by QR code or the display screen reconnects: the menu must
    still be the app's own (page titles, no /display entry), not Streamlit's list of files in pages/."""
    port = free_port()
    proc = start_app(port)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/recovery")
        wait_for_app(page)
        page.goto(f"http://127.0.0.1:{port}/sources")
        wait_for_app(page)
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    finally:
        context.close()
        stop_app(proc)
    names = [link.split("\n")[-1].strip() for link in links]
    assert "Day by day" in names and "Sources" in names, f"the menu lists files, not pages: {names}"
    assert not any("display" in n.lower() for n in names), f"the hidden display page is in the menu: {names}"
