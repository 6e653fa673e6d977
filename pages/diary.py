"""My diary: the answers a person kept after the self-check, read from their own phone and shown against the usual
course, with a PDF for the follow-up visit and one button to forget it all."""

from dashboard.i18n import _
from dashboard.params import View
from dashboard.ui.common import render_footer, render_page_top, run_key, write_view
from dashboard.ui.diary import render_diary
from dashboard.ui.frame import ensure_frame

ensure_frame()

# No view to read: the diary comes from the browser, not from the link
key = run_key()
render_page_top(
    key,
    _("My diary"),
    _(
        "What you kept after “Is this normal?” on Day by day, against the usual course. "
        "It is kept only in this browser on this phone, never on the clinic's server."
    ),
)
render_diary(key)
write_view("diary", View())  # the address: the language, when the person chose one
render_footer(key)
