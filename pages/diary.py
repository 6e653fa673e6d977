"""My diary: the answers a person kept after the self-check, read from their own phone and shown against the usual
course, with a PDF for the follow-up visit and one button to forget it all."""

from dashboard.i18n import _
from dashboard.ui.common import render_footer, render_page_top
from dashboard.ui.diary import render_diary
from dashboard.ui.frame import ensure_frame

ensure_frame()

# No view to read: the diary comes from the browser, not from the link
render_page_top(_("My diary"), _("What you kept after “Is this normal?” on Day by day, against the usual course. It "
                                 "is kept only in this browser on this phone, never on the clinic's server."))
render_diary()
render_footer()
