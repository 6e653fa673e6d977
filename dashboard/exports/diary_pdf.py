"""The diary a patient brings to the follow-up visit: "My recovery diary" as a PDF (fpdf2), made when they ask for it
and handed to their browser, never kept. Per course: the treatment and its date, the chart of their own levels over
the usual band, the entries as a table with the self-check's answer for each, and the clinic's phone with the route
when it is closed. A4, in the bundled font that has every character of the app's languages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import vl_convert as vlc
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from dashboard import words
from dashboard.charts.diary import build_diary_spec
from dashboard.dates import format_date
from dashboard.diary import DiaryView, answer_words, course_title, noted_words, span_words
from dashboard.exports.pdf import BODY, FONT, FONT_DIR
from dashboard.i18n import _
from dashboard.models import Clinic
from dashboard.words import URGENT_HELP, out_of_hours, skin_type

CHART_WIDTH = 620  # px of the chart as drawn for print


def render_diary_chart_png(view: DiaryView, scale: float = 2) -> bytes:
    """The diary's chart as PNG bytes, drawn on the server in the bundled font (no network needed)."""
    vlc.register_font_directory(str(FONT_DIR))
    spec = build_diary_spec(view, width=CHART_WIDTH)
    spec["config"] = {**spec["config"], "font": "DejaVu Sans"}
    return vlc.vegalite_to_png(spec, scale=scale)


class _Diary(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7)
        page = _("Page {page}/{pages}").format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 5, f"{self.footer_text}  {page}", align="C")


def _line(pdf: FPDF, text: str, size: float = BODY, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=BODY)


def build_diary_pdf(
    views: Sequence[DiaryView], clinic: Clinic, made_on: date, charts: Sequence[bytes | None] = ()
) -> bytes:
    """The diary as a PDF: for each course its header, its chart (`charts`, one PNG per view, if given), its entries
    as a table, and the clinic's phone with the route when it is closed."""
    pdf = _Diary(format="A4")
    pdf.footer_text = f"{clinic.name} · {clinic.phone}"
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_("My recovery diary"))
    pdf.set_creator("Recovery timeline")
    phone = _("Phone: {phone}").format(phone=clinic.phone)
    route = f"{out_of_hours(clinic)} {_(URGENT_HELP)}"
    for i, view in enumerate(views):
        pdf.add_page()
        t = view.course.treatment
        latest = view.rows[-1].entry
        _line(pdf, _("My recovery diary"), 15, bold=True)
        _line(pdf, f"{clinic.name} · {phone}", 10, bold=True)
        _line(pdf, route)
        pdf.ln(1.5)
        _line(pdf, course_title(view.diary, t), 11, bold=True)
        _line(
            pdf,
            _("Area: {area} · Strength: {intensity} · {skin}").format(
                area=words.area(latest.area),
                intensity=words.intensity(latest.intensity),
                skin=skin_type(latest.phototype),
            ),
        )
        _line(pdf, span_words(view))
        _line(
            pdf,
            _("Made on {date} from the diary kept on your own phone. The clinic's server does not keep it.").format(
                date=format_date(made_on)
            ),
            7.5,
        )
        chart = charts[i] if i < len(charts) else None
        if chart:
            pdf.ln(1)
            _line(pdf, _("Your levels (line with dots) over the usual range for your course (shaded band)"), bold=True)
            _chart(pdf, chart)
        pdf.ln(2)
        _line(pdf, _("Your entries"), 10.5, bold=True)
        _table(pdf, view)
        if any(r.calls for r in view.rows):
            pdf.ln(1)
            _line(
                pdf,
                _("Some entries now read a call. Call the clinic on {phone}.").format(phone=clinic.phone) + " " + route,
                bold=True,
            )
        pdf.ln(1)
        _line(
            pdf,
            _(
                "The answers come from the clinic's table of what is usual on each day, as in the “Is this "
                "normal?” check. They cannot see your skin. Your clinician's advice comes first."
            ),
            7.5,
        )
    pdf.ln(1)
    _line(pdf, clinic.disclaimer, 7)
    return bytes(pdf.output())


def _chart(pdf: FPDF, png: bytes) -> None:
    # As wide as the page allows, and no taller than what is left of it: the table then starts on the next page.
    with Image.open(io.BytesIO(png)) as im:
        w_px, h_px = im.size
    width = min(pdf.epw, (pdf.h - pdf.b_margin - pdf.get_y() - 2) * w_px / h_px)
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)


def _table(pdf: FPDF, view: DiaryView) -> None:
    t = view.course.treatment
    pdf.set_font(FONT, size=BODY - 0.5)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    with pdf.table(
        headings_style=heading, line_height=4.2, padding=1, col_widths=[11, 24, 47, 34, 30, 36], text_align="LEFT"
    ) as table:
        table.row([_("Day"), _("Date"), _("What you noted"), _("Warning signs"), _("Answer"), _("Note")])
        for r in view.rows:
            table.row(
                [
                    str(r.day),
                    format_date(r.date),
                    noted_words(r, t),
                    "; ".join(w.text for w in r.signs) or "–",
                    answer_words(r),
                    " ".join(r.entry.note.split()),
                ]
            )
    pdf.set_font(FONT, size=BODY)
