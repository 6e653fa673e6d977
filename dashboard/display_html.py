"""The clinic display's slides as HTML: large, high-contrast type on a dark page, drawn from the pure slide
records of dashboard/slides.py. Every string from the data or the URL goes through html.escape; the CSS is
scoped to `.ds-root` (plus a few data-testid selectors that clear Streamlit's chrome on this page only); no
script runs. Pure: dashboard/ui/display.py only hands the result to st.html.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import segno

from dashboard.i18n import _, current_language, pgettext
from dashboard.markdown import html_text
from dashboard.signs import IF_YOU_NOTICE
from dashboard.slides import (
    Care,
    Collagen,
    Comparison,
    CurvePoint,
    Days,
    Fact,
    Facts,
    Photos,
    Scan,
    Slide,
    Warnings,
)
from dashboard.words import months

BACKGROUND = "#0e1419"
PANEL = "#17212a"
TEXT = "#e3e8ec"
DIM = "#b3bec7"
ACCENT = "#56b4e9"  # Okabe-Ito sky blue: 8:1 on the background
CAUTION = "#e69f00"  # Okabe-Ito orange, always paired with a word
QR_DARK = "#0e1419"
QR_LIGHT = "#d5dce2"  # light enough to scan, dimmer than white for the screen's sake


def qr_svg_data_uri(url: str) -> str:
    """A QR code of the URL as an SVG data URI, made locally with segno, in the screen's dimmed colours."""
    return segno.make(url, error="m").svg_data_uri(dark=QR_DARK, light=QR_LIGHT, scale=10, border=4)


_e = html_text


def _sources(keys: Iterable[str], template: str = "{sources}") -> str:
    """Source keys in small type; `template` words them ('Sources: {sources}')."""
    keys = list(keys)
    if not keys:
        return ""
    return f'<span class="ds-src">{_e(template.format(sources=", ".join(keys)))}</span>'


def _fact(f: Fact) -> str:
    prefix = f'<span class="ds-prefix">{_e(f.prefix)}</span> ' if f.prefix else ""
    text = f'<p class="ds-body">{_e(f.text)}</p>' if f.text else ""
    return (
        f'<div class="ds-card"><p class="ds-label">{_e(f.label)}</p>'
        f'<p class="ds-big">{prefix}{_e(f.value)}</p>{text}{_sources(f.sources)}</div>'
    )


def _facts(body: Facts) -> str:
    return f'<div class="ds-grid">{"".join(_fact(f) for f in body.items)}</div>'


def _days(body: Days) -> str:
    rows = []
    for r in body.rows:
        shown = " · ".join(r.symptoms) if r.symptoms else _("Little to see")
        reached = "".join(f'<span class="ds-chip">✓ {_e(m)}</span>' for m in r.reached)
        day = _("Day {day}").format(day=r.day)
        rows.append(
            f'<div class="ds-day"><span class="ds-daynum">{_e(day)}</span>'
            f'<span class="ds-phase">{_e(r.phase)}</span>'
            f'<span class="ds-body">{_e(shown)}{reached}</span></div>'
        )
    return f'<div class="ds-days">{"".join(rows)}</div>'


CHART = (960, 400, 130, 40, 30, 70)  # width, height, left, right, top, bottom (viewBox units = px at 1080p)


def chart_svg(name: str, curve: Sequence[CurvePoint], anchors: Sequence[CurvePoint], weeks: int = 52) -> str:
    """A plain SVG line chart of a modelled curve over 12 months, its cited anchor points labelled by source."""
    width, height, left, right, top, bottom = CHART

    def x(week: float) -> float:
        return left + (width - left - right) * week / weeks

    def y(level: float) -> float:
        return top + (height - top - bottom) * (1 - level)

    font = 'font-size="28" font-family="DejaVu Sans, Verdana, sans-serif"'
    # TRANSLATORS: the top and the bottom of the collagen chart's scale on the waiting-room screen.
    more, none = _e(_("more")), _e(pgettext("collagen level", "none"))
    text = f'fill="{DIM}" {font}'
    points = " ".join(f"{x(p.week):.1f},{y(p.level):.1f}" for p in curve)
    ticks = "".join(
        f'<line x1="{x(w):.1f}" y1="{y(0):.1f}" x2="{x(w):.1f}" y2="{y(0) + 10:.1f}" stroke="{DIM}"/>'
        f'<text x="{x(w) + (18 if w == weeks else 0):.1f}" y="{height - 22}" text-anchor="{anchor}" {text}>{m}</text>'
        for m, w, anchor in (
            ("0", 0, "middle"),
            ("3", 13, "middle"),
            ("6", 26, "middle"),
            ("9", 39, "middle"),
            (_e(months(12)), 52, "end"),
        )
    )
    dots = "".join(
        f'<circle cx="{x(a.week):.1f}" cy="{y(a.level):.1f}" r="11" fill="{BACKGROUND}" stroke="{ACCENT}" '
        f'stroke-width="5"/><text x="{x(a.week):.1f}" y="{y(a.level) + (48 if a.level > 0.8 else -24):.1f}" '
        f'text-anchor="middle" fill="{TEXT}" {font}>{_e(a.source)}</text>'
        for a in anchors
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="{DIM}" stroke-width="2"/>'
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{left}" y2="{top}" stroke="{DIM}" stroke-width="2"/>'
        f'<text x="{left - 16}" y="{top + 10}" text-anchor="end" {text}>{more}</text>'
        f'<text x="{left - 16}" y="{y(0):.1f}" text-anchor="end" {text}>{none}</text>'
        f"{ticks}"
        f'<polyline points="{points}" fill="none" stroke="{ACCENT}" stroke-width="7" stroke-linejoin="round"/>'
        f"{dots}</svg>"
    )


def chart_img(name: str, curve: tuple[CurvePoint, ...], anchors: tuple[CurvePoint, ...]) -> str:
    """The chart as an <img> (st.html's sanitiser drops inline SVG), with a text alternative; made once per
    language."""
    return _chart_img(name, curve, anchors, current_language())


@functools.lru_cache(maxsize=8)
def _chart_img(name: str, curve: tuple[CurvePoint, ...], anchors: tuple[CurvePoint, ...], language: str) -> str:
    # `language` keys the cache: the chart's words and its text alternative are in the language of the run.
    uri = "data:image/svg+xml;charset=utf-8," + quote(chart_svg(name, curve, anchors), safe="")
    points = ", ".join(f"{a.label} ({a.source})" for a in anchors)
    alt = _("{name}, a modelled curve over 12 months: {points}").format(name=name, points=points)
    return f'<img class="ds-chart" src="{uri}" alt="{_e(alt)}"/>'


def _collagen(body: Collagen) -> str:
    facts = "".join(_fact(f) for f in body.facts)
    note = f'<p class="ds-body ds-note">{_e(body.note)}</p>' if body.note else ""
    return (
        f'<div class="ds-split"><div class="ds-stack">{facts}</div>'
        f'<figure class="ds-figure"><figcaption class="ds-label">{_e(body.curve_name)}</figcaption>'
        f"{chart_img(body.curve_name, body.curve, body.anchors)}"
        f'<p class="ds-small">{_e(body.model_label)}.</p>{note}</figure></div>'
    )


def _comparison(body: Comparison) -> str:
    head = "".join(f"<th scope='col'>{_e(h)}</th>" for h in body.headers)
    rows = "".join(
        f"<tr><th scope='row'>{_e(r.label)}</th>"
        + "".join(f'<td><span class="ds-value">{_e(c.value)}</span>{_sources(c.sources)}</td>' for c in r.cells)
        + "</tr>"
        for r in body.rows
    )
    notes = "".join(f'<p class="ds-body">{_e(n)}</p>' for n in body.notes)
    return (
        f'<div class="ds-split ds-split-wide"><table class="ds-table"><thead><tr><td></td>{head}</tr></thead>'
        f'<tbody>{rows}</tbody></table><div class="ds-card ds-stack">{notes}</div></div>'
    )


def _care(body: Care) -> str:
    do_word, avoid_word = _e(_("Do")), _e(_("Avoid"))
    columns = []
    for c in body.columns:
        do = "".join(f'<li class="ds-body">{_e(item)}</li>' for item in c.do)
        avoid = "".join(f'<li class="ds-body">{_e(item)}</li>' for item in c.avoid)
        avoid_block = f'<p class="ds-avoid">{avoid_word}</p><ul class="ds-list ds-x">{avoid}</ul>' if avoid else ""
        columns.append(
            f'<div class="ds-card"><p class="ds-label">{_e(c.heading)}</p>'
            f'<p class="ds-do">{do_word}</p><ul class="ds-list ds-check">{do}</ul>{avoid_block}</div>'
        )
    return f'<div class="ds-cols">{"".join(columns)}</div>'


def _warnings(body: Warnings) -> str:
    urgent = [s for s in body.signs if s.urgent]
    other = [s for s in body.signs if not s.urgent]
    box = ""
    if urgent:
        items = "".join(f'<li class="ds-body">{_e(s.text)}</li>' for s in urgent)
        box = (
            f'<div class="ds-card ds-urgent-box"><p class="ds-label ds-urgent">{_e(urgent[0].action)}:</p>'
            f'<ul class="ds-list ds-signs">{items}</ul></div>'
        )
    # Today's signs and the ones for office hours side by side, each under its own lead-in.
    groups = []
    for answer in dict.fromkeys(s.answer for s in other):
        items = "".join(f'<li class="ds-body">{_e(s.text)}</li>' for s in other if s.answer == answer)
        groups.append(
            f'<div class="ds-group"><p class="ds-label">{_e(_(IF_YOU_NOTICE[answer]))}</p>'
            f'<ul class="ds-list ds-signs ds-one">{items}</ul></div>'
        )
    return box + f'<div class="ds-groups">{"".join(groups)}</div>'


def _photos(body: Photos) -> str:
    figures = "".join(
        f'<figure class="ds-photo"><img class="ds-photo-img" src="{_e(p.src)}" alt="{_e(p.alt)}"/>'
        f'<figcaption class="ds-body">{_e(p.label)}</figcaption></figure>'
        for p in body.items
    )
    return f'<div class="ds-photos">{figures}</div><p class="ds-body ds-note">{_e(body.note)}</p>'


def _scan(body: Scan, qr: str | None) -> str:
    if body.url is None or qr is None:
        return f'<p class="ds-body">{_e(body.text)}</p>'
    alt, type_it = _("QR code that opens {url}").format(url=body.url), _("Or type this address:")
    return (
        f'<div class="ds-scan"><img class="ds-qr ds-qr-big" src="{_e(qr)}" '
        f'alt="{_e(alt)}" data-url="{_e(body.url)}"/>'
        f'<div class="ds-stack"><p class="ds-body">{_e(type_it)}</p>'
        f'<p class="ds-url">{_e(body.url)}</p><p class="ds-body ds-note">{_e(body.text)}</p></div></div>'
    )


def _body(slide: Slide, qr: str | None) -> str:
    body = slide.body
    if isinstance(body, Facts):
        return _facts(body)
    if isinstance(body, Days):
        return _days(body)
    if isinstance(body, Collagen):
        return _collagen(body)
    if isinstance(body, Comparison):
        return _comparison(body)
    if isinstance(body, Care):
        return _care(body)
    if isinstance(body, Warnings):
        return _warnings(body)
    if isinstance(body, Photos):
        return _photos(body)
    return _scan(body, qr)


def _lead(slide: Slide) -> str:
    """The slide's lead; on the slide about calling, the clinic's phone number in it is the largest text of the slide
    (it is what a patient across the room must be able to read and write down)."""
    phone = slide.body.phone if isinstance(slide.body, Warnings) else ""
    before, found, after = slide.lead.partition(phone) if phone else (slide.lead, "", "")
    if not found:
        return _e(slide.lead)
    return f'{_e(before)}<span class="ds-phone">{_e(found)}</span>{_e(after)}'


def slide_html(
    slide: Slide, index: int, count: int, offset: tuple[int, int], clinic: str, qr: str | None, language: str = "en"
) -> str:
    """The whole screen for one slide: header, title, content, sources, progress, and a QR corner. `language`
    marks the slide's language for screen readers (a screen can alternate languages)."""
    dots = "".join(f'<span class="ds-dot{" ds-on" if i == index else ""}"></span>' for i in range(count))
    corner = ""
    if qr is not None and not isinstance(slide.body, Scan):
        alt, caption = _("QR code that opens this guide on your phone"), _("Scan for the day-by-day guide")
        corner = (
            f'<figure class="ds-corner"><img class="ds-qr" src="{_e(qr)}" alt="{_e(alt)}"/>'
            f"<figcaption>{_e(caption)}</figcaption></figure>"
        )
    sources = _sources(slide.sources, _("Sources: {sources}"))
    progress = _("Slide {index} of {count}").format(index=index + 1, count=count)
    kind = type(slide.body).__name__.lower()
    return (
        f'<div class="ds-root" data-slide="{_e(slide.id)}" data-kind="{kind}" lang="{_e(language)}">'
        f'<div class="ds-stage" style="transform: translate({offset[0]}px, {offset[1]}px)">'
        f'<p class="ds-clinic">{_e(clinic)}</p>{corner}'
        f'<h1 class="ds-title">{_e(slide.title)}</h1><p class="ds-lead">{_lead(slide)}</p>'
        f'<div class="ds-content">{_body(slide, qr)}</div>'
        f'<div class="ds-foot">{sources}'
        f'<span class="ds-progress" aria-label="{_e(progress)}">'
        f'<span class="ds-count">{index + 1} / {count}</span>{dots}</span></div>'
        f"</div></div>"
    )


STYLE = f"""
/* Streamlit's chrome, on this page only: no toolbar, sidebar, status or padding; a dark page. */
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] {{ display: none !important; }}
html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  background: {BACKGROUND} !important; overflow: hidden !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: none !important; }}
[data-testid="stElementContainer"][data-stale="true"] {{ opacity: 1 !important; transition: none !important; }}
/* Elements that only carry a script (the page's language, FIT_SCRIPT) take no row above the screen. */
[data-testid="stElementContainer"]:has(.stHtml script):not(:has(.ds-root)) {{ display: none !important; }}

.ds-root {{ --ds-u: min(1vh, 0.5625vw); position: relative; width: 100%; height: 100vh; overflow: hidden;
  background: {BACKGROUND}; color: {TEXT}; font-family: system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  font-size: calc(2.8 * var(--ds-u)); line-height: 1.3; }}
.ds-root * {{ box-sizing: border-box; }}
.ds-root p, .ds-root ul, .ds-root h1, .ds-root figure, .ds-root table {{ margin: 0; padding: 0; }}
.ds-root ul, .ds-root li {{ font-size: inherit; margin: 0; }}
.ds-stage {{ position: absolute; inset: calc(4 * var(--ds-u)) calc(5 * var(--ds-u));
  display: grid; grid-template-columns: 1fr auto; grid-template-rows: auto auto auto 1fr auto;
  grid-template-areas: "clinic corner" "title corner" "lead corner" "content content" "foot foot";
  column-gap: calc(3 * var(--ds-u)); transition: transform 4s ease-in-out; }}
.ds-clinic {{ grid-area: clinic; color: {DIM}; font-size: 0.9em; letter-spacing: 0.02em; }}
.ds-root .ds-title {{ grid-area: title; font-size: 2.2em; font-weight: 700; line-height: 1.15; color: {TEXT};
  margin-top: 0.15em; padding: 0; }}
.ds-lead {{ grid-area: lead; font-size: 1.15em; color: {DIM}; margin-top: 0.3em !important; }}
/* The corner QR code: 22.5 units are 243 px at 1080p, big enough for a phone to read from a few steps away; the
   caption stands beside it, so that the code adds little to the height of the header. */
.ds-corner {{ grid-area: corner; display: flex; flex-direction: row; align-items: center; gap: 0.6em;
  align-self: start; }}
.ds-corner figcaption {{ color: {DIM}; font-size: 0.8em; text-align: right; line-height: 1.2; width: 6.5em; }}
.ds-qr {{ display: block; width: calc(22.5 * var(--ds-u)); height: auto; border-radius: 0.2em; }}
.ds-content {{ grid-area: content; min-height: 0; margin-top: 1em; display: flex; flex-direction: column;
  gap: 0.6em; }}
.ds-foot {{ grid-area: foot; display: flex; justify-content: space-between; align-items: center;
  gap: 1em; padding-top: 0.6em; }}
.ds-src {{ display: block; color: {DIM}; font-size: 0.8em; margin-top: 0.3em; }}
.ds-foot .ds-src {{ margin: 0; }}
.ds-progress {{ display: flex; align-items: center; gap: 0.45em; color: {DIM}; font-size: 0.9em;
  white-space: nowrap; margin-left: auto; }}
.ds-count {{ margin-right: 0.4em; font-variant-numeric: tabular-nums; }}
.ds-dot {{ width: 0.45em; height: 0.45em; border-radius: 50%; border: 2px solid {DIM}; }}
.ds-dot.ds-on {{ width: 0.75em; height: 0.75em; background: {ACCENT}; border-color: {ACCENT}; }}
.ds-body {{ font-size: 1em; color: {TEXT}; }}
.ds-note {{ color: {DIM}; }}
.ds-small {{ font-size: 0.85em; color: {DIM}; }}
.ds-label {{ font-size: 1.1em; font-weight: 700; color: {TEXT}; }}
.ds-big {{ font-size: 2.2em; font-weight: 700; color: {ACCENT}; line-height: 1.1; margin: 0.1em 0 0.2em !important; }}
.ds-prefix {{ font-size: 0.45em; font-weight: 600; color: {DIM}; }}
.ds-card {{ background: {PANEL}; border-radius: 0.5em; padding: 0.7em 0.9em; }}
.ds-grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0.7em; }}
.ds-days {{ display: grid; grid-template-columns: auto auto 1fr; column-gap: 1.1em; row-gap: 0.25em;
  align-items: baseline; align-content: space-evenly; flex: 1 1 auto; font-size: 1.1em; padding-bottom: 0.3em; }}
.ds-day {{ display: contents; }}
.ds-daynum {{ font-weight: 700; color: {ACCENT}; font-variant-numeric: tabular-nums; }}
.ds-phase {{ font-weight: 600; color: {DIM}; }}
.ds-chip {{ display: inline-block; border: 2px solid {ACCENT}; border-radius: 0.4em; padding: 0 0.4em;
  margin-left: 0.3em; font-size: 0.85em; white-space: nowrap; }}
.ds-split {{ display: grid; grid-template-columns: 0.8fr 1.2fr; gap: 1.2em; align-items: start; }}
.ds-split .ds-big {{ font-size: 1.9em; }}
.ds-split-wide {{ grid-template-columns: 2.2fr 1fr; }}
.ds-stack {{ display: flex; flex-direction: column; gap: 0.6em; }}
.ds-figure {{ display: flex; flex-direction: column; gap: 0.3em; }}
.ds-chart {{ display: block; width: 100%; height: auto; max-height: calc(34 * var(--ds-u));
  object-fit: contain; object-position: left top; }}
.ds-table {{ border-collapse: collapse; width: 100%; }}
.ds-table th, .ds-table td {{ text-align: left; padding: 0.3em 0.6em 0.3em 0; vertical-align: top;
  border-bottom: 2px solid {PANEL}; font-size: 1em; color: {TEXT}; }}
.ds-table thead th {{ font-size: 1.2em; color: {ACCENT}; }}
.ds-table tbody th {{ font-weight: 600; width: 42%; }}
.ds-value {{ font-size: 1.25em; font-weight: 700; }}
.ds-cols {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.7em; align-items: start; }}
.ds-list {{ list-style: none; display: flex; flex-direction: column; gap: 0.3em; }}
.ds-list li {{ padding-left: 1.2em; text-indent: -1.2em; }}
.ds-check li::before {{ content: "✓"; display: inline-block; width: 1.2em; text-indent: 0; color: {ACCENT}; }}
.ds-x li::before {{ content: "✕"; display: inline-block; width: 1.2em; text-indent: 0; color: {CAUTION}; }}
.ds-signs {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0.5em 1.4em; }}
.ds-signs.ds-one {{ grid-template-columns: 1fr; }}
.ds-groups {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0.5em 1.4em; align-items: start; }}
.ds-signs li::before {{ content: "!"; display: inline-block; width: 1.2em; text-indent: 0; font-weight: 700;
  color: {CAUTION}; }}
.ds-do, .ds-avoid {{ font-size: 0.9em; font-weight: 700; margin-top: 0.4em !important; color: {ACCENT}; }}
.ds-avoid {{ color: {CAUTION}; }}
.ds-urgent {{ color: {CAUTION}; }}
.ds-urgent-box {{ border: 3px solid {CAUTION}; }}
.ds-scan {{ display: flex; gap: 2em; align-items: center; height: 100%; }}
.ds-qr-big {{ width: calc(56 * var(--ds-u)); flex: none; }}
.ds-photos {{ display: flex; justify-content: center; gap: 1.4em; min-height: 0; }}
.ds-photo {{ display: flex; flex-direction: column; align-items: center; gap: 0.3em; min-width: 0; }}
.ds-photo-img {{ display: block; max-width: 100%; max-height: calc(48 * var(--ds-u)); width: auto; height: auto;
  border-radius: 0.3em; }}
.ds-phone {{ display: block; font-size: 2.1em; font-weight: 700; color: {ACCENT}; line-height: 1.1;
  white-space: nowrap; }}
.ds-root[data-kind="warnings"] .ds-title {{ font-size: 1.8em; }}
.ds-url {{ font-size: 1.4em; font-weight: 700; color: {ACCENT}; word-break: break-all; }}

/* FIT_SCRIPT's two steps for a slide whose text runs longer than the screen (a long translation, a clinic's own
   words): first less space between and around the parts, then the text at 0.93 of its size (28 px at 1080p;
   the small print stays at 24 px or more). */
.ds-tight .ds-content {{ gap: 0.4em; margin-top: 0.6em; }}
.ds-tight .ds-card {{ padding: 0.45em 0.8em; }}
.ds-tight .ds-grid {{ gap: 0.5em; }}
.ds-tight .ds-signs {{ gap: 0.3em 1.4em; }}
.ds-tight .ds-big {{ font-size: 1.8em; margin: 0 0 0.1em !important; }}
.ds-tight .ds-days {{ row-gap: 0.1em; }}
.ds-tighter .ds-content {{ font-size: 0.93em; line-height: 1.25; }}
.ds-tighter .ds-small {{ font-size: 0.92em; }}
.ds-tighter .ds-src {{ font-size: 0.87em; }}
.ds-tighter .ds-chart {{ max-height: calc(27 * var(--ds-u)); }}
.ds-tight .ds-table tbody th {{ width: 34%; }}
.ds-tight .ds-table th, .ds-tight .ds-table td {{ padding: 0.2em 0.6em 0.2em 0; }}
"""

# Installed once per page: whenever the page changes (a new slide, a font or image loaded, a
# resize), each slide is measured afresh and takes FIT_STEPS in turn until its content fits its box. Measured in the
# browser, because only the browser knows how long a line of the clinic's text is.
FIT_STEPS = ("ds-tight", "ds-tighter")
FIT_SCRIPT = """<script>(() => {
  if (window.__dsFit) return;
  window.__dsFit = true;
  const steps = __STEPS__;
  const fit = () => {
    for (const root of document.querySelectorAll('.ds-root')) {
      const content = root.querySelector('.ds-content');
      if (!content) continue;
      root.classList.remove(...steps);
      for (const step of steps) {
        if (content.scrollHeight <= content.clientHeight + 1) break;
        root.classList.add(step);
      }
    }
  };
  new MutationObserver(fit).observe(document.body, {childList: true, subtree: true});
  window.addEventListener('resize', fit);
  document.addEventListener('load', fit, true);  // an image (the QR code, a chart) has its size now
  document.fonts.ready.then(fit);
  fit();
})();</script>""".replace("__STEPS__", json.dumps(FIT_STEPS))

# Also installed once per page, for a screen that runs for months (docs/display.md, "Memory over days"):
# - Streamlit's page marks every change of its run state in the browser's performance timeline (performance.mark and
#   measure) and never clears it: at two runs per slide that was the page's one steady growth (about 0.7 MB per 1,000
#   slides, docs/benchmarks.md, "Display soak"). The entries are cleared whenever the page changes; Streamlit's own
#   measure of a run is wrapped in a try and reads nothing back.
# - Once a day, at a quiet hour (RELOAD_HOUR, the screen's local time) and only when the server answers its health
#   check, the page reloads itself: a fresh page as a safety net for whatever else a browser may keep. The slide
#   shown after the reload is the one the clock says, so nobody watching would notice more than a blink.
RELOAD_HOUR = 3
RELOAD_AFTER_HOURS = 20  # a page younger than this does not reload (nor does one reloaded this night already)
HOUSEKEEPING_SCRIPT = """<script>(() => {
  if (window.__dsHousekeeping) return;
  window.__dsHousekeeping = true;
  const tidy = () => { performance.clearMarks(); performance.clearMeasures(); };
  new MutationObserver(tidy).observe(document.body, {childList: true, subtree: true});
  const loaded = Date.now();
  window.__dsReloadDue = (since, now) =>
    now - since >= __AFTER__ * 3600e3 && new Date(now).getHours() === __HOUR__;
  const base = (window.__streamlit && window.__streamlit.BACKEND_BASE_URL)
    || location.href.replace(/[^/]*([?#].*)?$/, '');
  setInterval(async () => {
    if (!window.__dsReloadDue(loaded, Date.now())) return;
    try {
      const health = await fetch(new URL('_stcore/health', base.endsWith('/') ? base : base + '/'),
                                 {cache: 'no-store'});
      if (health.ok) location.reload();
    } catch (e) { /* the server is away: try again in five minutes */ }
  }, 5 * 60e3);
})();</script>""".replace("__AFTER__", str(RELOAD_AFTER_HOURS)).replace("__HOUR__", str(RELOAD_HOUR))
