"""At night and in private, in Chromium: every page follows the device's dark or light setting at AA (its chart text
too), runs under its own Content-Security-Policy without a blocked resource, and has a title of its own in its
language. (The headers, logs and referrers of a journey: tests/test_security.py and tests/test_browser_proxy.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import draw_waiting_charts, wait_for_app
from pages_list import PAGE_IDS, PAGES

pytestmark = pytest.mark.browser

SCHEMES = ("dark", "light")
WIDTHS = (390, 1280)
# long.js (inside Streamlit's protobuf bundle) probes for WebAssembly to multiply 64-bit numbers and falls back to
# plain JavaScript when the policy refuses it: the one refusal the policy makes on purpose (docs/security.md).
EXPECTED_REFUSALS = ("script-src wasm-eval",)
_AXE = Axe()

_WATCH_JS = """window.__refused = [];
document.addEventListener('securitypolicyviolation', e => window.__refused.push(
    (e.effectiveDirective + ' ' + (e.blockedURI || '')).trim()));"""

# The page's background and text, and each chart's text with the background it is drawn on (the chart's own, which
# Vega gives its SVG, else the page's), as [r, g, b].
_LOOK_JS = """() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const app = getComputedStyle(document.querySelector('[data-testid="stApp"]'));
    const para = document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p');
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')].map(svg => {
        const back = getComputedStyle(svg).backgroundColor;
        const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() &&
            getComputedStyle(t).fillOpacity !== '0' && getComputedStyle(t).opacity !== '0');
        return {background: back && back !== 'rgba(0, 0, 0, 0)' ? rgb(back) : null,
                texts: texts.map(t => ({text: t.textContent.slice(0, 30), fill: rgb(getComputedStyle(t).fill)}))};
    });
    return {background: rgb(app.backgroundColor), text: para ? rgb(getComputedStyle(para).color) : null, charts};
}"""


def luminance(rgb: list[float]) -> float:
    r, g, b = (c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def night(browser, app_url: str) -> Iterator:
    """Open a path in a fresh context with a colour scheme, watching for what the policy refuses."""
    contexts = []

    def _open(path: str, scheme: str, width: int = 390):
        context = browser.new_context(
            viewport={"width": width, "height": 844 if width < 500 else 900}, color_scheme=scheme
        )
        contexts.append(context)
        context.add_init_script(_WATCH_JS)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(app_url + path)
        wait_for_app(page)
        return page, errors

    yield _open
    for context in contexts:
        context.close()


def _charts_drawn(page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]') && [...document"
        ".querySelectorAll('[data-testid=\"stVegaLiteChart\"]')].every(c => c.querySelector('svg'))"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_each_page_follows_the_devices_theme_at_aa_under_its_own_policy(night, spec, scheme: str, width: int):
    page, errors = night(spec.url(), scheme, width)
    draw_waiting_charts(page)
    _charts_drawn(page)
    look = page.evaluate(_LOOK_JS)
    if spec.path == "/display":  # the waiting-room screen keeps its own dark slides, whatever the device says
        assert page.locator(".ds-root").count() == 1
    else:
        dark = luminance(look["background"]) < 0.05
        assert dark == (scheme == "dark"), f"{spec.path}: a {scheme} device got background {look['background']}"
        assert contrast(look["text"], look["background"]) >= 7, look
    for chart in look["charts"]:
        background = chart["background"] or look["background"]
        faint = [t for t in chart["texts"] if contrast(t["fill"], background) < 4.5]
        assert chart["texts"] and not faint, f"{spec.path} ({scheme}, {width}px): chart text hard to read: {faint}"
    result = _AXE.run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}}).response
    lines = [
        f"{n['target']}: {n['html'][:120]} -- {(n.get('failureSummary') or '')[:200]}"
        for v in result["violations"]
        for n in v["nodes"]
    ]
    assert not lines, f"{spec.path} in {scheme} at {width}px:\n" + "\n".join(lines)
    refused = [r for r in page.evaluate("window.__refused") if r not in EXPECTED_REFUSALS]
    assert not refused, f"{spec.path}: the page's own policy refused {refused}"
    assert not [e for e in errors if "Content Security Policy" in e or "Refused to" in e], errors


def test_the_policy_watch_can_fail(night):
    """A script from elsewhere is refused and reported (the check above would name it)."""
    page, _errors = night("/sources", "light")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                             document.body.append(s); }""")
    page.wait_for_function("() => window.__refused.length > 0")
    assert page.evaluate("window.__ran") is None
    assert any(r.startswith("script-src-elem") or r.startswith("script-src") for r in page.evaluate("window.__refused"))


def test_each_page_has_its_own_title_in_its_language(night):
    titles = {}
    for spec in PAGES:
        page, _errors = night(spec.url(), "light", 1280)
        english = page.title()
        page.goto(page.url + ("&" if "?" in page.url else "?") + "lang=es")
        wait_for_app(page)
        titles[spec.path] = (english, page.title())
    english = [en for en, _es in titles.values()]
    assert len(set(english)) == len(english), titles
    assert all(en.endswith(" · Dr. Leong's Dermatology Clinic") for en in english), titles
    assert all(es != en for en, es in titles.values()), titles
    assert titles["/recovery"] == (
        "Day 4 · Day by day · Dr. Leong's Dermatology Clinic",
        "Día 4 · Día a día · Dr. Leong's Dermatology Clinic",
    )
    assert titles["/compare"][0] == "Compare treatments · Dr. Leong's Dermatology Clinic"
    assert titles["/display"][0].startswith("Waiting-room screen · ")


def test_the_first_screens_when_to_call_lands_on_the_phone_and_the_night_line(night):
    """On a phone at night: 'when to call' jumps to 'Call the clinic if…', which opens with the phone and what to do
    when the clinic is closed, both within the screen it lands on; the urgent box carries both too."""
    page, _errors = night("/recovery?treatment=eco2&day=4", "dark", 390)
    page.get_by_role("link", name="when to call").click()
    page.wait_for_timeout(800)
    tops = page.evaluate("""() => {
        const top = el => el ? el.getBoundingClientRect().top : null;
        const find = re => [...document.querySelectorAll('[data-testid="stMarkdownContainer"] p')]
            .find(p => re.test(p.innerText));
        return {heading: top(document.getElementById('call-the-clinic')),
                phone: top([...document.querySelectorAll('a[href^="tel:"]')].find(
                    a => a.getBoundingClientRect().top > 0 && a.closest('p')?.innerText.includes("Dermatology"))),
                closed: top(find(/closed|out of hours|after hours/i)),
                urgent: document.querySelector('[data-testid="stAlertContentError"]')?.innerText || ''};
    }""")
    assert None not in (tops["heading"], tops["phone"], tops["closed"]), tops
    assert 0 <= tops["heading"] < tops["phone"] < tops["closed"] < 844, tops
    assert "+1 555 0100" in tops["urgent"] and any(w in tops["urgent"].lower() for w in ("closed", "hours")), tops
