"""The printed handout (fpdf2): one or two A4 pages, black on white, in a bundled font that has every character."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
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
from dashboard.signs import sign_groups
from dashboard.words import (
    NORMAL_HEALING,
    URGENT_HELP,
    applies_to,
    first_upper,
    out_of_hours,
    phone_number,
    phone_with_note,
    review_status,
    skin_type,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
BODY = 8.5
LINK_SIZE = 6.5
LINK_TAIL = 4  # a printed link's last line holds at least this many characters, never one alone


def render_chart_png(course: Course, plan: TreatmentPlan, scale: float = 2) -> bytes:
    """The recovery chart as PNG bytes, rendered on the server with the bundled font (no network needed)."""
    vlc.register_font_directory(str(FONT_DIR))
    return vlc.vegalite_to_png(build_handout_chart(course, plan.request.start).to_dict(), scale=scale)


class _Handout(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        page = _("Page {page}/{pages}").format(page=self.page_no(), pages=self.str_alias_nb_pages)
        text = f"{self.footer_text}  {page}"
        size, room = 7.0, self.epw - 2 * self.c_margin
        self.set_font(FONT, size=size)
        while size > 5.5 and self.get_string_width(text) > room:  # a longer language: smaller, never cut
            size -= 0.25
            self.set_font(FONT, size=size)
        if self.get_string_width(text) <= room:
            self.cell(0, 3, text, align="C")
        else:  # longer still: on two lines
            self.multi_cell(0, 3, text, align="C")


def _setup(footer: str) -> _Handout:
    pdf = _Handout(format="A4")
    pdf.footer_text = footer
    pdf.set_margins(14, 10, 14)
    pdf.set_auto_page_break(True, margin=14)
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


def build_pdf(
    plan: TreatmentPlan,
    course: Course,
    clinic: Clinic,
    sources: dict[str, Source],
    qr_png: bytes | None,
    link: str,
    chart_png: bytes | None = None,
) -> bytes:
    """The handout: clinic contact and when to call (the number, the route when the clinic is closed and the warning
    signs, all on the first page), plan with dates, chart, aftercare, sources and the QR code."""
    pdf = _setup(f"{clinic.name} · {phone_number(clinic)} · {review_status(clinic)}")
    _header(pdf, plan, clinic, qr_png, link)
    _call_route(pdf, plan, clinic)
    _adjusted(pdf, course)
    _dates(pdf, plan)
    _visit(pdf, plan)
    if chart_png:
        _chart(pdf, chart_png)
    _aftercare(pdf, plan)
    _sources(pdf, plan, sources)
    pdf.ln(1)
    _para(pdf, clinic.disclaimer, size=7)
    return bytes(pdf.output())


def _header(pdf: FPDF, plan: TreatmentPlan, clinic: Clinic, qr_png: bytes | None, link: str) -> None:
    """The clinic, the plan's choices and the link on the left, the QR code on the right."""
    r = plan.request
    qr_size = 30 if qr_png else 0
    top = pdf.get_y()
    if qr_png:
        pdf.image(io.BytesIO(qr_png), x=pdf.w - pdf.r_margin - qr_size, y=top, w=qr_size, h=qr_size)
    text_w = pdf.epw - qr_size - 4
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(
        text_w,
        7,
        _("Your treatment plan: {name}").format(name=plan.treatment_name),
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(text_w, 5, clinic.name, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(
        text_w, 5, _("Phone: {phone}").format(phone=phone_with_note(clinic)), new_x="LMARGIN", new_y="NEXT", align="L"
    )
    pdf.set_font(FONT, size=BODY)
    n = len(plan.sessions)
    choices = (
        _("Area: {area} · Strength: {intensity} · {skin} · {sessions}")
        if n == 1
        else _("Area: {area} · Strength: {intensity} · {skin} · {sessions}, {gap} days apart")
    ).format(
        area=words.area(r.area),
        intensity=words.intensity(r.intensity),
        skin=skin_type(r.phototype),
        sessions=words.sessions(n),
        gap=plan.interval_days,
    )
    pdf.multi_cell(text_w, 4.2, choices, new_x="LMARGIN", new_y="NEXT", align="L")
    if link:
        pdf.multi_cell(
            text_w,
            4.2,
            _("Scan the code to see each day of your recovery on your phone:"),
            new_x="LMARGIN",
            new_y="NEXT",
            align="L",
        )
        pdf.set_font(FONT, size=LINK_SIZE)
        for line in link_lines(link, lambda text: pdf.get_string_width(text) <= text_w - 2 * pdf.c_margin):
            pdf.cell(text_w, 3.2, line, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_y(max(pdf.get_y(), top + qr_size) + 1)


def _adjusted(pdf: FPDF, course: Course) -> None:
    """What the person's modifiers changed, with their sources (nothing when none applies)."""
    if not course.applied:
        return
    _heading(pdf, _("Adjusted for you"))
    nothing = pgettext("no value before", "none")
    for a in course.applied:
        changes = "; ".join(
            _("{what}: {before} → {after} [{source}]").format(
                what=c.what, before=c.before if c.before is not None else nothing, after=c.after, source=c.source
            )
            for c in a.changes
        )
        line = (
            f"{first_upper(applies_to(a.modifier.applies_to))}: {a.modifier.summary} [{', '.join(a.modifier.sources)}]"
        )
        _bullets(pdf, [line + (" " + _("Changed: {changes}.").format(changes=changes) if changes else "")])


def _dates(pdf: FPDF, plan: TreatmentPlan) -> None:
    """The dated plan, what has no date in the sources, and the results."""
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


def _visit(pdf: FPDF, plan: TreatmentPlan) -> None:
    _heading(pdf, _("Before the visit"))
    v = plan.visit
    _bullets(
        pdf,
        [f"{v.anaesthesia} {v.duration} [{', '.join(v.sources)}]"]
        + ([_("Pain: {pain}").format(pain=v.pain)] if v.pain else [])
        + [_(MEDICINES_TEXT)]
        + [f"{b.text} [{', '.join(b.sources)}]" for b in v.before],
    )


def _chart(pdf: FPDF, chart_png: bytes) -> None:
    """The recovery chart at the page's width, its heading kept with it."""
    width = pdf.epw
    pixels = int.from_bytes(chart_png[16:20], "big"), int.from_bytes(chart_png[20:24], "big")  # PNG's IHDR
    if pdf.get_y() + 10 + width * pixels[1] / pixels[0] > pdf.page_break_trigger:
        pdf.add_page()  # the heading goes with its chart, never alone at the foot of a page
    _heading(pdf, _("What recovery usually looks like after one session"))
    pdf.image(io.BytesIO(chart_png), w=width)


def _aftercare(pdf: FPDF, plan: TreatmentPlan) -> None:
    _heading(pdf, _("Aftercare essentials (after each session)"))
    last = len(plan.sessions)
    for c in handout_care(plan):
        when = c.dates if last == 1 else _("{dates} after session {session}").format(dates=c.dates, session=c.session)
        _para(pdf, f"{first_upper(c.days)} ({when}) [{', '.join(c.sources)}]", bold=True)
        _bullets(pdf, list(c.steps))
    if last > 1:
        _para(pdf, _("After each later session, start again from day 0 on that session's date."))


def _sources(pdf: FPDF, plan: TreatmentPlan, sources: dict[str, Source]) -> None:
    """Every source the handout cites, in full."""
    _heading(pdf, _("Sources"))
    pdf.set_font(FONT, size=6.8)
    for key in plan.cited_keys():
        src = sources.get(key)
        if src is not None:
            pdf.multi_cell(0, 3.0, f"{key}: {source_citation(src)}", new_x="LMARGIN", new_y="NEXT", align="L")


def link_lines(link: str, fits: Callable[[str], bool]) -> list[str]:
    """A link broken into printed lines that each fit: before its '?' and each '&' where it can, else within a part,
    keeping at least LINK_TAIL characters for the last line (a character alone on a line reads as a typo)."""
    lines: list[str] = []
    line = ""
    for part in re.split(r"(?=[?&])", link):
        if line and not fits(line + part):
            lines.append(line)
            line = ""
        line += part
        while not fits(line):  # a part too long for one line: break it where it stops fitting
            cut = max((k for k in range(1, len(line)) if fits(line[:k])), default=1)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    tail = min(LINK_TAIL, len(link))
    if len(lines) > 1 and len(lines[-1]) < tail:  # move characters down until the last line is long enough
        need = tail - len(lines[-1])
        lines[-2], lines[-1] = lines[-2][:-need], lines[-2][-need:] + lines[-1]
    return [x for x in lines if x]


def _call_route(pdf: FPDF, plan: TreatmentPlan, clinic: Clinic) -> None:
    """When to call, on the first page in a box: the clinic's number and what to do when it is closed, then every
    warning sign grouped by how soon to call (now, today, in office hours), as the day-by-day page lists them."""
    pdf.ln(1)
    top = pdf.get_y()
    _heading(pdf, _("Call the clinic if…"))
    _para(pdf, f"{clinic.name}: {phone_number(clinic)}. {out_of_hours(clinic)} {_(URGENT_HELP)}", bold=True)
    for group in sign_groups(plan.warnings):
        _para(pdf, group.lead, bold=True)
        _bullets(pdf, [f"{line.text} [{', '.join(line.sources)}]" for line in group.lines])
    _para(pdf, _(NORMAL_HEALING))
    bottom = pdf.get_y() + 1
    if pdf.page_no() == 1:
        pdf.rect(pdf.l_margin - 2, top, pdf.epw + 4, bottom - top)
    pdf.set_y(bottom + 1)


def _plan_table(pdf: FPDF, plan: TreatmentPlan) -> None:
    kinds = list(
        dict.fromkeys(m.label for s in plan.sessions for m in s.milestones if m.dated and m.superseded_by is None)
    )
    pdf.set_font(FONT, size=BODY - 0.5)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    with pdf.table(
        headings_style=heading, line_height=4.2, padding=1, col_widths=[22] + [30] * len(kinds), text_align="LEFT"
    ) as table:
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
    pdf.multi_cell(
        0,
        3.4,
        _("Usual days from the sources: {keys}. Your own healing may be faster or slower.").format(
            keys=", ".join(sources)
        ),
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    pdf.set_font(FONT, size=BODY)
