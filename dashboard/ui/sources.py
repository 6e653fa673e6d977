"""Drawing the sources page: each source with its level and the facts that cite it (dashboard/citations.py),
gaps, methods, the glossary and the disclaimers."""

from __future__ import annotations

import streamlit as st

from dashboard.citations import build_citations
from dashboard.glossary import GLOSSARY, GLOSSARY_ANCHOR
from dashboard.i18n import N_, _, ngettext
from dashboard.markdown import fold, html_text, md, source_anchor
from dashboard.models import Dataset, Source
from dashboard.triage_table import triage_table_markdown
from dashboard.ui.common import dataset_of
from dashboard.ui.memo import RunKey, memo

LEVEL_WORDS = {
    "study": N_("Study"),
    "case series": N_("Case series"),
    "review": N_("Review"),
    "textbook": N_("Textbook"),
    "institutional": N_("Institutional patient page"),
    "clinic": N_("Clinic page"),
}  # msgids: shown with _()
FLAG_WORDS = {
    "R": N_("R: read in the source itself"),
    "S": N_("S: secondary guidance, not a study result"),
    "G": N_("G: general background knowledge from wound-healing reviews, with no single citation"),
}


def source_markdown(source: Source, places: list[str]) -> str:
    """A source's title, flag, identifier and detail, and where it is cited (folded, as the page is long), as one
    Markdown block: the page has some forty sources, and one element each instead of six keeps a run light. Data
    text goes through md(), which also escapes HTML; the only HTML is the fold itself."""
    flag = _(FLAG_WORDS[source.flag]) if source.flag in FLAG_WORDS else source.flag
    parts = [f"**{md(source.title)}**", _("**Flag:** {flag}").format(flag=flag)]
    details = [x for x in (source.identifier, source.detail) if x]
    if details:
        parts.append(f":small[{md(' · '.join(details))}]")
    if places:
        summary = ngettext("Cited in {n} place", "Cited in {n} places", len(places)).format(n=len(places))
        parts.append(fold(summary, "\n".join(f"- {md(p)}" for p in places), style="cited"))
    else:
        parts.append(":small[{}]".format(_("Listed in the evidence sheet; no fact in the current data cites it.")))
    return "\n\n".join(parts)


@memo(maxsize=8)
def _sources_markdown(key: RunKey) -> str:
    # Every source, made once per data version and language (no links in it): finding where each source is cited
    # walks the whole dataset.
    dataset = dataset_of(key)
    citations = build_citations(dataset)
    blocks = []
    for source in dataset.sources.values():
        level = _(LEVEL_WORDS[source.level]) if source.level in LEVEL_WORDS else source.level
        heading = html_text(f"{source.key} · {level}")
        blocks.append(
            f'<h3><span id="{html_text(source_anchor(source.key))}">{heading}</span></h3>\n\n'
            + source_markdown(source, citations.get(source.key, []))
        )
    return "\n\n".join(blocks)


def render_sources(key: RunKey) -> None:
    """What the levels and flags mean, then every source: a heading with its anchor (links from every page land on
    it, keep_anchor_in_view scrolls to it) and level, then source_markdown; all in one Markdown element, as one
    element per source made a run of this page cost several times an empty page's."""
    st.markdown(levels_key() + "\n\n" + _sources_markdown(key), unsafe_allow_html=True)


def render_gaps(dataset: Dataset) -> None:
    """Every gap and contradiction the data records, per treatment: gaps, then symptom and milestone notes."""
    st.header(_("What the evidence does not settle"), anchor="gaps")
    parts = [
        _(
            "Where sources are missing or disagree, the data says so. These notes are shown next to the numbers "
            "on the other pages too."
        )
    ]
    for t in dataset.treatments.values():
        lines = [
            f"- **{md(g.topic)}.** {md(g.text)}" + (f" ({md(', '.join(g.sources))})" if g.sources else "")
            for g in t.gaps
        ]
        lines += [f"- **{md(s.name)}.** {md(s.note)}" for s in t.symptoms if s.note]
        lines += [f"- **{md(m.label)}.** {md(m.note)}" for m in t.milestones if m.note]
        if t.collagen.peak_note:
            lines.append("- " + _("**Collagen timing.** {note}").format(note=md(t.collagen.peak_note)))
        parts.append(fold(t.name, "\n".join(lines)))
    st.markdown("\n\n".join(parts), unsafe_allow_html=True)  # one element: a fold per treatment


@memo(maxsize=8)
def _triage_markdown(key: RunKey) -> str:
    # Every treatment's triage table, made once per key.
    dataset = dataset_of(key)
    parts = [
        _(
            'The "Is this normal?" check and the day card answer from this table, written down by the clinic for '
            "each treatment, symptom and window of days: for each level a person can report, what to do. It is "
            "not worked out from the curves. Where the days are our reading of vaguer wording, no call rests on "
            "them alone; a call there comes from the warning sign it names. The tests check every answer against "
            "cases written from the evidence."
        )
    ]
    parts += [fold(t.name, triage_table_markdown(t)) for t in dataset.treatments.values()]
    return "\n\n".join(parts)


def render_triage(key: RunKey) -> None:
    """The self-check's answers as the clinic's table, one fold per treatment, for a clinician to read and sign."""
    st.header(_("How the self-check answers"), anchor="triage")
    st.markdown(_triage_markdown(key), unsafe_allow_html=True)


def render_methods() -> None:
    """How the recovery and collagen curves are drawn from the data."""
    st.header(_("How the curves are made"), anchor="methods")
    st.markdown(
        "\n\n".join(
            (
                _(
                    "**These curves are models, not measurements of one person.** They join the time points that the "
                    "sources report, in a simple and stated way."
                ),
                _(
                    "**Recovery (day by day).** Each symptom starts at half its peak level on the day it begins, "
                    "rises in a straight line to its peak, then falls in a straight line to nothing on the day it is "
                    "usually gone. The band around the line is the usual range: its lower edge falls to nothing by "
                    "the earliest end a source reports, its upper edge by a later end (no later than the end of the "
                    "range the sources give). Until that end of the range, the upper edge stays at least mild: a mild "
                    "tail. Levels are none, mild, moderate and marked."
                ),
                _(
                    "**Collagen (weeks to months).** Between the cited time points the curve is a smooth cosine step, "
                    "so it never goes beyond a cited point. The size of the response is scaled per session, with 1 "
                    "meaning the response to one fully ablative CO2 treatment. A course of several sessions adds each "
                    "session's response from the day of that session. Points we added to join the cited ones are "
                    "marked as modelled (open shapes); curves not measured for a treatment are marked illustrative."
                ),
                _(
                    "**Courses (compare page).** Sessions are placed at the shortest gap the sources give. Redness "
                    "counts while its usual level is mild or more; downtime follows the 'back to work and social "
                    "life' day. Totals add these up over all sessions."
                ),
                _(
                    "**The eCO2 device.** No published recovery study of the Lutronic eCO2 itself was found. The app "
                    "treats the eCO2 as a fractional ablative CO2 laser and uses studies of those lasers in general. "
                    "Several of the studies of how the skin heals used forearm skin."
                ),
            )
        )
    )


def render_glossary() -> None:
    """The medical words the app uses, in plain words."""
    st.header(_("Words we use"), anchor=GLOSSARY_ANCHOR)
    st.markdown("\n".join(f"- **{md(t.term)}:** {md(t.plain)}" for t in GLOSSARY))


def levels_key() -> str:
    """What the levels and flags mean."""
    return _(
        "Each source has a **level**: study, case series, review, textbook, institutional patient page, or clinic "
        "page. The **flag** says how we know it: **R** means the fact was read in the source itself (often "
        "only the summary of a journal article); **S** means secondary guidance, such as clinic or hospital "
        "patient pages. S facts are shown as guidance, not as study results. **G** marks general background "
        "knowledge about how wounds heal, which the evidence sheet summarises without a single citation."
    )


# Streamlit scrolls to a heading named in the address (#src-s4) as soon as the heading appears; what is drawn above
# it afterwards can push it out of view again. Once the page is drawn, this puts it back at the top.
ANCHOR_SCRIPT = """<script>(() => {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) return;
  let tries = 0, moved = false;
  for (const event of ["wheel", "touchstart", "keydown"]) {
    window.addEventListener(event, () => { moved = true; }, {once: true, passive: true});
  }
  const settle = () => {  // for a second and a half at most, and never once the reader has moved the page
    const target = document.getElementById(id);
    if (moved) return;
    if (target) target.scrollIntoView({block: "start"});
    if (tries++ < 6) setTimeout(settle, 250);
  };
  setTimeout(settle, 100);
})();</script>"""


def keep_anchor_in_view() -> None:
    """After the whole page is drawn, scroll to the source or section the address names, if any."""
    st.html(ANCHOR_SCRIPT, unsafe_allow_javascript=True)
