"""Clinic display: full-screen slides that rotate by themselves; no widgets, no personal data."""

from dashboard.ui import display
from dashboard.ui.common import run_key
from dashboard.ui.frame import ensure_frame

ensure_frame()

# The URL: only `interval` and `langs` (and the frame's `lang`), parsed directly rather than through
# common.read_view, because nobody can read a notice on an unattended screen; bad values fall back to the default
# and go to the log instead.
interval = display.read_interval()
languages = display.read_languages()
display.log_address_problems(run_key())

display.render_style()
display.render_slides(interval, languages)
