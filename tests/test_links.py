"""One rule for the app's address (dashboard/links.py): the consult page's links and QR code, the handout's QR code
and the display's QR code all come from it, so they agree behind a path prefix, with a public_url that has a path,
and with a public_url that is not an address at all."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.links import BAD_PUBLIC_URL, AppAddress, app_address, is_local
from dashboard.plan import PlanRequest

REQUEST = PlanRequest("eco2", date(2026, 12, 1), 2, area="neck", intensity="deep", phototype=4)
QUERY = "treatment=eco2&start=2026-12-01&area=neck&intensity=deep&phototype=4&sessions=2"


@pytest.mark.parametrize(
    ("page_url", "public", "base"),
    [
        ("http://10.0.0.5:8501/consult?start=2026-12-01", None, "http://10.0.0.5:8501"),
        ("https://app.clinic.example/consult", None, "https://app.clinic.example"),
        ("http://server:8501/display", None, "http://server:8501"),
        ("http://server:8501/display/", None, "http://server:8501"),
        ("http://server:8501/", None, "http://server:8501"),
        # served under --server.baseUrlPath recovery-app: the prefix stays, whichever page asks
        ("http://server:8501/recovery-app/consult", None, "http://server:8501/recovery-app"),
        ("http://server:8501/recovery-app/display", None, "http://server:8501/recovery-app"),
        ("http://server:8501/recovery-app/", None, "http://server:8501/recovery-app"),
        # the clinic's public_url wins, with its own path kept
        ("http://server:8501/display", "https://guide.clinic.example/", "https://guide.clinic.example"),
        (
            "http://server:8501/recovery-app/consult",
            "https://clinic.example/recovery/app/",
            "https://clinic.example/recovery/app",
        ),
        (None, "https://guide.clinic.example", "https://guide.clinic.example"),
        # a public_url that is not an http(s) address is never used as it is
        ("http://server:8501/display", "javascript:alert(1)", "http://server:8501"),
        ("http://server:8501/consult", "not a url", "http://server:8501"),
        ("http://server:8501/consult", "ftp://clinic.example", "http://server:8501"),
        ("http://server:8501/consult", "https://user:pw@clinic.example", "http://server:8501"),
        # nothing a browser could open
        ("http://user:secret@server/display", None, None),
        ("http://server:99999/display", None, None),
        ("javascript:alert(1)", None, None),
        (None, None, None),
    ],
)
def test_the_address_rule(page_url, public, base):
    assert app_address(page_url, public).base == base


def test_a_bad_public_url_is_reported_to_staff():
    address = app_address("http://server:8501/consult", "not a url")
    assert BAD_PUBLIC_URL in address.problems and address.phone_ready


@pytest.mark.parametrize(
    "page_url",
    [
        "http://127.0.0.1:8501/consult",
        "http://localhost:8501/display",
        "http://[::1]:8501/consult",
        "http://app.localhost/consult",
    ],
)
def test_no_link_or_qr_for_an_address_only_this_computer_reaches(page_url):
    address = app_address(page_url, None)
    assert not address.phone_ready
    assert address.link("recovery", REQUEST.query()) is None and address.link("recovery") is None
    assert any("only this computer can reach" in p for p in address.problems)


@pytest.mark.parametrize(
    ("page_url", "public"),
    [
        ("http://server:8501/recovery-app/consult", None),
        ("http://server:8501/consult", "https://clinic.example/recovery/app"),
        ("http://server:8501/consult", "not a url"),
    ],
)
def test_consult_links_and_the_display_qr_agree(page_url, public):
    consult = app_address(page_url, public)
    display = app_address(page_url.replace("/consult", "/display"), public)
    patient = consult.link("recovery", REQUEST.query())
    assert patient == f"{consult.base}/recovery?{QUERY}"
    assert consult.link("consult", REQUEST.query()) == f"{consult.base}/consult?{QUERY}"
    assert display.link("recovery") == f"{consult.base}/recovery"  # the screen's QR opens the same app


def test_links_carry_only_the_plan_parameters():
    link = AppAddress("http://10.0.0.5:8501").link("recovery", REQUEST.query())
    assert link == f"http://10.0.0.5:8501/recovery?{QUERY}"
    assert AppAddress("http://10.0.0.5:8501").link("overview") == "http://10.0.0.5:8501/"


def test_is_local():
    assert is_local("http://127.0.0.1:8501") and is_local("http://localhost:1") and is_local("http://0.0.0.0")
    assert not is_local("http://10.0.0.5:8501") and not is_local("https://clinic.example")
