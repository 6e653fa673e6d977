"""The headers every response carries, whichever way the app is served: one list, which serve.py adds to each response
of `make run` and deploy/nginx.conf repeats for nginx (tests/test_security.py holds the two to the same list).

A treatment date and a skin type travel in a link's query string, and they are health data: no Referer may carry
them to another site, and no log may keep them (nginx's log format and serve.py keep the path only).

The Content-Security-Policy is as strict as Streamlit lets it be; what each directive allows and why is in
docs/security.md. Inline scripts run only by their hash: Streamlit's own (in its index.html), serve.py's address hint
(one per kind of page), the page's language (dashboard/ui/common.LANG_SCRIPT), the sources page's scroll to an
anchor, the waiting-room screen's fit to the screen and its daily reload. tests/test_security.py recomputes each hash
from the script itself and names the one to update when a script changes.
"""

from __future__ import annotations

SCRIPT_HASHES = (
    "'sha256-THxz9J9+wf7rhwR2YkXJoSZ13UCmYyC+3lNDv2+8ugA='",  # Streamlit's index.html: window.prerenderReady
    "'sha256-i2w7hHvSzQwTcMoLSoRFCbTuICOU8wg7ogsu75j0xCE='",  # serve.ADDRESS_HINT on a page's own address
    "'sha256-cN+vNSfRyNavPZ+BXtgnLcAJryHGRrX80rBnTlgCNdY='",  # serve.ADDRESS_HINT on the app's address
    "'sha256-9HlcwzsMCy3Yal2pQykBAxZ8g9JBxi7c8xY2d0K1FdQ='",  # ui/common.LANG_SCRIPT: <html lang>
    "'sha256-WfZvRDByjiFwpl35apUGSyV4AcxurYHB2rLPXCPSReM='",  # ui/sources.ANCHOR_SCRIPT
    "'sha256-Q1TKg9YQ/PULIBasLPqjrdJYiZMu6ue1OHLZ2U34FmQ='",  # display_html.FIT_SCRIPT
    "'sha256-ygJXsfIC0r0GbPoQ796CuKzMUgoiXbvQr48v8ss2bTI='",  # display_html.HOUSEKEEPING_SCRIPT: the daily reload
)

CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    # blob: for Streamlit's inline components (the diary's storage bridge), whose code it runs as a module from a
    # blob: address it makes itself: only a script already running here can make one (docs/security.md).
    ("script-src", " ".join(("'self'", "blob:", *SCRIPT_HASHES))),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("media-src", "'self' blob:"),
    ("worker-src", "'self' blob:"),
    ("frame-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)
CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES)

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# Only where the app is served over HTTPS (the TLS example in docs/security.md): a browser that sees it over plain HTTP
# ignores it, and a clinic testing on http://SERVER:8501 must not be locked out of plain HTTP for a year.
HSTS = ("Strict-Transport-Security", "max-age=31536000")
