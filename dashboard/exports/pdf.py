"""The printed handout (fpdf2): one or two A4 pages, black on white, in a bundled font that has every character."""

from __future__ import annotations

import io
from pathlib import Path

import vl_convert as vlc
from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard import words
from dashboard.charts.handout import build_handout_chart
from dashboard.citations import source_citation
from dashboard.dates import format_date
from dashboard.i18n import _, pgettext
from dashboard.models import Clinic, Source
from dashboard.plan import MEDICINES_TEXT, TreatmentPlan, handout_care
from dashboard.recovery import Course
from dashboard.signs import sign_lines
from dashboard.words import URGENT_HELP, applies_to, first_upper, out_of_hours, review_status, skin_type

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
BODY = 8.5


def render_chart_png(course: Course, plan: TreatmentPlan, scale: float = 2) -> bytes:
    """The recovery chart as PNG bytes, rendered on the server with the bundled font (no network needed)."""
    vlc.register_font_directory(str(FONT_DIR))
    return vlc.vegalite_to_png(build_handout_chart(course, plan.request.start).to_dict(), scale=scale)


class _Handout(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7)
        page = _("Page {page}/{pages}").format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 5, f"{self.footer_text}  {page}", align="C")


def _setup(footer: str) -> _Handout:
    pdf = _Handout(format="A4")
    pdf.footer_text = footer
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_("Treatment plan and aftercare"))
    pdf.set_creator("Recovery timeline")
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(1.5)
    pdf.set_font(FONT, "B", 10.5)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=BODY)


def _para(pdf: FPDF, text: str, size: float = BODY, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=BODY)


def _bullets(pdf: FPDF, items: list[str]) -> None:
    for item in items:
        pdf.set_x(pdf.l_margin + 2)
        pdf.multi_cell(0, BODY * 0.48, f"•  {item}", new_x="LMARGIN", new_y="NEXT", align="L")


def build_pdf(plan: TreatmentPlan, course: Course, clinic: Clinic, sources: dict[str, Source], qr_png: bytes | None,
              link: str, chart_png: bytes | None = None) -> bytes:
    """The handout: clinic contact, plan with dates, chart, aftercare, warning signs, sources and the QR code."""
    r = plan.request
    phone = clinic.phone + ("  " + _("(placeholder number: the clinic has not set its real one)")
                            if clinic.placeholder_contact else "")
    pdf = _setup(f"{clinic.name} · {clinic.phone} · {review_status(clinic)}")

    # Header: the clinic on the left, the QR code on the right
    qr_size = 30 if qr_png else 0
    top = pdf.get_y()
    if qr_png:
        pdf.image(io.BytesIO(qr_png), x=pdf.w - pdf.r_margin - qr_size, y=top, w=qr_size, h=qr_size)
    text_w = pdf.epw - qr_size - 4
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(text_w, 7, _("Your treatment plan: {name}").format(name=plan.treatment_name), new_x="LMARGIN",
                   new_y="NEXT", align="L")
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(text_w, 5, clinic.name, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(text_w, 5, _("Phone: {phone}").format(phone=phone), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=BODY)
    n = len(plan.sessions)
    choices = (_("Area: {area} · Strength: {intensity} · {skin} · {sessions}") if n == 1 else
               _("Area: {area} · Strength: {intensity} · {skin} · {sessions}, {gap} days apart")).format(
        area=words.area(r.area), intensity=words.intensity(r.intensity), skin=skin_type(r.phototype),
        sessions=words.sessions(n), gap=plan.interval_days)
    pdf.multi_cell(text_w, 4.2, choices, new_x="LMARGIN", new_y="NEXT", align="L")
    if link:
        pdf.multi_cell(text_w, 4.2, _("Scan the code to see each day of your recovery on your phone:"),
                       new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_font(FONT, size=6.5)
        pdf.multi_cell(text_w, 3.2, link, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_y(max(pdf.get_y(), top + qr_size) + 1)

    if course.applied:
        _heading(pdf, _("Adjusted for you"))
        for a in course.applied:
            nothing = pgettext("no value before", "none")
            changes = "; ".join(_("{what}: {before} → {after} [{source}]").format(
                what=c.what, before=c.before if c.before is not None else nothing, after=c.after, source=c.source)
                                for c in a.changes)
            line = (f"{first_upper(applies_to(a.modifier.applies_to))}: {a.modifier.summary} "
                    f"[{', '.join(a.modifier.sources)}]")
            _bullets(pdf, [line + (" " + _("Changed: {changes}.").format(changes=changes) if changes else "")])

    _heading(pdf, _("Your dates"))
    _plan_table(pdf, plan)
    undated = plan.undated
    if undated:
        pdf.ln(1)
        _para(pdf, _("Ask your clinician (our sources give no date):"), bold=True)
        _bullets(pdf, [f"{m.label}: {m.note or m.plain} [{', '.join(m.sources)}]" for m in undated])
    pdf.ln(1)
    _para(pdf, _("Results (a model based on studies, not a promise for you):"), bold=True)
    _bullets(pdf, [f"{x.label}: {format_date(x.date)}. {x.text} [{', '.join(x.sources)}]" for x in plan.results])

    _heading(pdf, _("Before the visit"))
    v = plan.visit
    _bullets(pdf, [f"{v.anaesthesia} {v.duration} [{', '.join(v.sources)}]"]
             + ([_("Pain: {pain}").format(pain=v.pain)] if v.pain else []) + [_(MEDICINES_TEXT)]
             + [f"{b.text} [{', '.join(b.sources)}]" for b in v.before])

    if chart_png:
        _heading(pdf, _("What recovery usually looks like after one session"))
        width = pdf.epw
        pdf.image(io.BytesIO(chart_png), w=width)

    _heading(pdf, _("Aftercare essentials (after each session)"))
    last = len(plan.sessions)
    for c in handout_care(plan):
        when = c.dates if last == 1 else _("{dates} after session {session}").format(dates=c.dates, session=c.session)
        _para(pdf, f"{first_upper(c.days)} ({when}) [{', '.join(c.sources)}]", bold=True)
        _bullets(pdf, list(c.steps))
    if len(plan.sessions) > 1:
        _para(pdf, _("After each later session, start again from day 0 on that session's date."))

    _heading(pdf, _("Call the clinic on {phone} if you notice").format(phone=clinic.phone))
    _bullets(pdf, [f"{line.action}: {line.text} [{', '.join(line.sources)}]" for line in sign_lines(plan.warnings)])
    _para(pdf, f"{out_of_hours(clinic)} {_(URGENT_HELP)}", bold=True)
    _para(pdf, _("Redness, crusts, pinpoint bleeding on the first day, bronzing and peeling are normal parts of "
                 "healing. If you are worried, call anyway."))

    _heading(pdf, _("Sources"))
    pdf.set_font(FONT, size=6.8)
    for key in plan.cited_keys():
        src = sources.get(key)
        if src is not None:
            pdf.multi_cell(0, 3.2, f"{key}: {source_citation(src)}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1)
    _para(pdf, clinic.disclaimer, size=7)
    return bytes(pdf.output())


def _plan_table(pdf: FPDF, plan: TreatmentPlan) -> None:
    kinds = list(dict.fromkeys(m.label for s in plan.sessions for m in s.milestones
                               if m.dated and m.superseded_by is None))
    pdf.set_font(FONT, size=BODY - 0.5)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    with pdf.table(headings_style=heading, line_height=4.2, padding=1,
                   col_widths=[22] + [30] * len(kinds), text_align="LEFT") as table:
        table.row([_("Session")] + kinds)
        for s in plan.sessions:
            row = [f"{s.number}: {format_date(s.date)}"]
            by_label = {m.label: m for m in s.milestones if m.dated}
            for label in kinds:
                m = by_label.get(label)
                if m is None or m.date is None:
                    row.append("–")
                elif m.superseded_by is not None:
                    row.append(_("comes after session {session}").format(session=m.superseded_by))
                else:
                    row.append(_("{date} (day {day})").format(date=format_date(m.date), day=(m.day or 0) - s.day))
            table.row(row)
    sources = list(dict.fromkeys(k for s in plan.sessions for m in s.milestones if m.dated for k in m.sources))
    pdf.set_font(FONT, size=6.8)
    pdf.multi_cell(0, 3.4, _("Usual days from the sources: {keys}. Your own healing may be faster or slower.").format(
        keys=", ".join(sources)), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=BODY)
