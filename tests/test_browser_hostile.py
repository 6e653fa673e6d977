"""Hostile query strings in a real browser: no traceback, no script runs, and a notice a person can see.

Links reach patients through handouts, QR codes and messages, so anyone can edit one. Every page gets a few
payloads aimed at a parameter it reads; /recovery gets the whole table (tests/pages_list.py). Script payloads
would set window.__pwned or open a dialog if any text from the URL were rendered as HTML or followed as a link.
/display never shows notices on the waiting-room screen (it logs problems instead): there we check that no
notice appears and the slides still render. The in-process version over all pages x all payloads is
tests/test_hostile_apptest.py.
"""

from __future__ import annotations

import pytest
from conftest import wait_for_app
from pages_list import BROWSER_PER_PAGE, BY_PATH, PAGES, PAYLOAD_BY_NAME, PAYLOADS, PageSpec, Payload

pytestmark = pytest.mark.browser

CASES = [(spec, PAYLOAD_BY_NAME[name]) for spec in PAGES for name in BROWSER_PER_PAGE if spec.path != "/recovery"]
CASES += [(BY_PATH["/recovery"], payload) for payload in PAYLOADS]

_INJECTED_JS = """() => ({
    pwned: window.__pwned !== undefined,
    elements: [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], a[href^="javascript:" i]')]
        .map(el => el.outerHTML.slice(0, 120)),
})"""


def open_hostile(browser, app_url: str, spec: PageSpec, payload: Payload, width: int, **context_args: object):
    """Open the page with the payload, recording any dialog before the first byte arrives."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **context_args)
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(app_url + spec.url(payload.query(spec)))
    wait_for_app(page)
    return context, page, dialogs


@pytest.mark.parametrize(("spec", "payload"), CASES, ids=[f"{s.path}-{p.name}" for s, p in CASES])
def test_hostile_query_is_harmless(browser, app_url, spec, payload):
    width = 1920 if spec.path == "/display" else 390
    context, page, dialogs = open_hostile(browser, app_url, spec, payload, width)
    try:
        # an injected <img onerror> fires once its (failing) load is over: wait until every image has settled
        page.wait_for_function("() => [...document.images].every(img => img.complete)")
        body = page.locator("body").inner_text()
        exceptions = page.locator('[data-testid="stException"]').count()
        injected = page.evaluate(_INJECTED_JS)
        alerts = page.locator('[data-testid="stAlertContainer"]')
        notices = [alerts.nth(i).inner_text() for i in range(alerts.count())]
        slide_titles = page.locator("[data-slide] h1").all_inner_texts()
    finally:
        context.close()

    assert exceptions == 0 and "Traceback" not in body, f"{spec.path} showed an error for {payload.name}"
    assert not dialogs, f"{spec.path}: a script ran and opened {dialogs}"
    assert not injected["pwned"], f"{spec.path}: injected script set window.__pwned"
    assert not injected["elements"], f"{spec.path}: URL text became markup: {injected['elements']}"
    for value in {v for _, v in payload.params(spec)}:
        probe = value.strip()[:40]
        assert len(probe) < 5 or all(probe not in n for n in notices), f"{spec.path}: a notice repeats the value"
    if not spec.shows_notices:
        assert not notices, f"{spec.path} showed notices on the waiting-room screen: {notices}"
        assert any(t.strip() for t in slide_titles), f"{spec.path}: the slides did not render for {payload.name}"
    elif spec.expects_notice(payload.keys(spec)):
        assert notices, f"{spec.path}: no notice for {payload.name} in '{spec.param}'"


def test_the_check_can_fail(browser, app_url):
    """A page that renders a payload as HTML would be caught: planting one in the DOM trips every check. The app's
    own Content-Security-Policy would refuse the planted handler (tests/test_browser_night.py), so this page is
    opened without it: the checks must hold even where a policy does not."""
    spec = BY_PATH["/sources"]
    context, page, dialogs = open_hostile(browser, app_url, spec, PAYLOAD_BY_NAME["script-tag"], 1280, bypass_csp=True)
    try:
        page.evaluate("""() => {
            const div = document.createElement('div');
            div.innerHTML = '<img src=x onerror="window.__pwned=1;alert(1)">';
            document.querySelector('[data-testid="stMainBlockContainer"]').appendChild(div);
        }""")
        page.wait_for_function("window.__pwned !== undefined")
        injected = page.evaluate(_INJECTED_JS)
    finally:
        context.close()
    assert injected["pwned"] and injected["elements"] and dialogs
