"""The diary's Streamlit side: the bridge to the browser's own storage, the "keep" control after the self-check, and
the diary page.

The diary lives only in the browser (localStorage). Two small components of Streamlit's own component API (inline
HTML and JavaScript, nothing fetched) are the only code that touches it:

- `_KEEP`, after "Check my answers" on /recovery: the browser adds the person's note to the entry the server made
  from the answers and stores it. The note never reaches the server there.
- `_READ`, on /diary: the browser sends what it holds as a *trigger* value, which Streamlit keeps for one run only;
  the run reads it, draws the diary and forgets it. Its buttons (the PDF, print, forget) act in the browser, and the
  PDF, made in the run that asked for it, goes back to the browser as the component's data and is saved from there.

So the server sees a diary only while a run draws it: it is never written to a file, a log, a memo or a cache, nor
put in a cookie or the URL, and nothing of it stays in the session after the run (tests/test_browser_diary.py checks
the files, the memos, the caches, the sessions and the process's objects). A run that was not started by the browser
sending its diary (the language switch, say) asks for it again: `ASK_KEY` counts the asks, and a new count makes the
component send it once more.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from dashboard.charts.diary import build_diary_spec, describe_diary
from dashboard.charts.palette import palette
from dashboard.diary import (
    FORMAT,
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    MAX_NOTE,
    STORAGE_PREFIX,
    DiaryView,
    Reading,
    build_view,
    can_keep,
    course_title,
    read_stored,
    span_words,
    storage_key,
    stored_entry,
)
from dashboard.i18n import _
from dashboard.markdown import md, phone_link, source_links
from dashboard.models import Dataset
from dashboard.params import View
from dashboard.recovery import Course, Personal
from dashboard.selfcheck import headline
from dashboard.texts.diary import entry_markdown, reading_notices, removal_words
from dashboard.ui.common import browser_scheme, get_dataset, viewer_today
from dashboard.ui.memo import RunKey
from dashboard.ui.nav import page_link
from dashboard.words import level as level_word
from dashboard.words import out_of_hours

READER_KEY = "diary.reader"
ASK_KEY = "diary.ask"  # how many times this session asked the browser for its diary: a count, nothing of the diary

# ---------------------------------------------------------------- the components (inline; nothing is fetched)

_CSS = """
:host { display: block; font-family: var(--st-font, sans-serif); color: var(--st-text-color, #0e1116);
  font-size: var(--st-base-font-size, 1rem); line-height: 1.5; }
[hidden] { display: none !important; }
h3 { font-size: 1.25rem; font-weight: 600; margin: 1.25rem 0 0.5rem; }
p { margin: 0 0 0.75rem; }
.row { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 0.75rem; }
button { font: inherit; min-height: 2.5rem; min-width: 2.5rem; padding: 0.375rem 0.875rem; cursor: pointer;
  border-radius: var(--st-button-radius, 0.5rem); border: 1px solid var(--st-border-color, #c8ccd2);
  background: var(--st-background-color, #ffffff); color: var(--st-text-color, #0e1116); }
button.primary { background: var(--st-primary-color, #0b5e7e); border-color: var(--st-primary-color, #0b5e7e);
  color: #ffffff; }
button.danger { background: #a4161a; border-color: #a4161a; color: #ffffff; }
button:focus-visible, textarea:focus-visible, [tabindex]:focus-visible { outline: 3px solid #1a4fd6;
  outline-offset: 2px; }
label { display: block; font-weight: 600; margin: 0 0 0.25rem; }
textarea { font: inherit; width: 100%; box-sizing: border-box; min-height: 3.5rem; padding: 0.5rem;
  border: 1px solid #6b7280; border-radius: var(--st-base-radius, 0.5rem); color: inherit;
  background: var(--st-background-color, #ffffff); }
.small { font-size: 0.875rem; }
.confirm { border: 2px solid #a4161a; border-radius: var(--st-base-radius, 0.5rem); padding: 0.75rem;
  margin: 0 0 0.75rem; }
#status:empty { display: none; }
#status { font-weight: 600; }
@media print { :host { display: none !important; } }
"""

_KEEP_HTML = """<div class="keep">
<label id="note-label" for="note"></label>
<textarea id="note" rows="2" aria-describedby="note-hint"></textarea>
<p id="note-hint" class="small"></p>
<div class="row"><button id="keep" type="button" class="primary"></button></div>
<p id="where" class="small"></p>
<p id="status" role="status" aria-live="polite"></p>
</div>"""

# Stores the entry the server made (with the person's note) under the course's key, one entry a day: a day kept
# again replaces the earlier one. What was stored there before and cannot be read is replaced, and the person is told.
_KEEP_JS = """
const SHOWN = new WeakMap();
export default function ({ data, parentElement }) {
  const $ = (id) => parentElement.querySelector('#' + id);
  const t = data.texts;
  $('note-label').textContent = t.note_label;
  $('note-hint').textContent = t.note_hint;
  $('keep').textContent = t.keep;
  $('where').textContent = t.where;
  const note = $('note');
  note.maxLength = data.max_note;
  const status = $('status');
  const say = (text) => { status.textContent = text; };
  // New answers checked while the last ones are still on screen: their note and "Kept" do not carry over.
  const shown = JSON.stringify([data.key, data.entry]);
  if (SHOWN.get(parentElement) !== shown) {
    SHOWN.set(parentElement, shown);
    note.value = '';
    say('');
  }
  let store = null;
  try { store = window.localStorage || null; } catch (e) { store = null; }
  if (!store) {
    for (const id of ['note-label', 'note', 'note-hint', 'keep']) { $(id).hidden = true; }
    say(t.blocked);
    return;
  }
  $('keep').onclick = () => {
    // Control characters (pasted ones) would make the server refuse the entry: they go, line breaks stay.
    const text = note.value.replace(/[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]/g, '');
    const entry = Object.assign({}, data.entry, { note: text.trim().slice(0, data.max_note) });
    let entries = [], fresh = false, raw = null;
    try { raw = store.getItem(data.key); } catch (e) { say(t.blocked); return; }
    if (raw !== null) {
      let item = null;
      try { item = JSON.parse(raw); } catch (e) { item = null; }
      if (item && typeof item === 'object' && item.v === data.format && Array.isArray(item.entries)) {
        entries = item.entries;
      } else {
        fresh = true;
      }
    }
    const replaced = entries.some((e) => e && e.day === entry.day);
    entries = entries.filter((e) => !(e && e.day === entry.day)).concat([entry]);
    entries.sort((a, b) => ((a && a.day) || 0) - ((b && b.day) || 0));
    const item = JSON.stringify({ v: data.format, treatment: data.treatment, start: data.start, entries: entries });
    if (item.length > data.max_chars) { say(t.too_long); return; }
    try { store.setItem(data.key, item); } catch (e) {
      say(e && e.name === 'QuotaExceededError' ? t.full : t.blocked);
      return;
    }
    say((replaced ? t.replaced : t.kept) + (fresh ? ' ' + t.fresh : ''));
  };
}
"""

_READ_HTML = """<div class="diary-actions">
<section id="follow" hidden>
<h3 id="follow-h"></h3>
<p id="follow-p"></p>
<div class="row"><button id="pdf" type="button" class="primary"></button><button id="print" type="button"></button>
</div>
</section>
<section id="forget-block" hidden>
<h3 id="forget-h"></h3>
<p id="where"></p>
<div class="row"><button id="forget" type="button"></button></div>
<div id="confirm" class="confirm" role="group" aria-labelledby="question" hidden>
<p id="question" tabindex="-1"></p>
<div class="row"><button id="yes" type="button" class="danger"></button><button id="no" type="button"></button></div>
</div>
</section>
<p id="status" role="status" aria-live="polite"></p>
</div>"""

# Sends the diary items (raw text, as stored: the server checks them) as a trigger when mounted, when the server asks
# again (a new `ask`), and with the PDF and forget buttons; removes the courses the server found too old to keep; saves
# a PDF the server made. Keys and items past the limits are not sent, only counted.
_READ_JS = """
const SEEN = new WeakMap();
function storage() {
  try {
    const s = window.localStorage;
    return s ? { s, status: 'ok' } : { s: null, status: 'missing' };
  } catch (e) {
    return { s: null, status: 'blocked' };
  }
}
function diaryKeys(s, prefix) {
  const keys = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (typeof k === 'string' && k.startsWith(prefix)) { keys.push(k); }
  }
  return keys;
}
function collect(data) {
  const { s, status } = storage();
  const out = { status, items: {}, more: 0 };
  if (!s) { return out; }
  let n = 0;
  for (const k of diaryKeys(s, data.prefix)) {
    if (n >= data.max_items || k.length > 120) { out.more++; continue; }
    const v = s.getItem(k);
    out.items[k] = (typeof v === 'string' && v.length <= data.max_chars) ? v : null;
    n++;
  }
  return out;
}
function prune(data) {
  const { s } = storage();
  if (!s) { return; }
  for (const key of data.prune || []) {
    if (typeof key === 'string' && key.startsWith(data.prefix)) { s.removeItem(key); }
  }
}
function save(pdf, parentElement) {
  const bytes = Uint8Array.from(atob(pdf.b64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = pdf.name;
  parentElement.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
export default function ({ data, parentElement, setTriggerValue }) {
  const $ = (id) => parentElement.querySelector('#' + id);
  const t = data.texts;
  const seen = SEEN.get(parentElement) || {};
  SEEN.set(parentElement, seen);
  const send = (action) => setTriggerValue('diary', Object.assign(collect(data), { action, request: Date.now() }));
  for (const [id, text] of Object.entries(t.labels)) { $(id).textContent = text; }
  $('follow').hidden = !data.has_entries;
  $('forget-block').hidden = !data.has_entries;
  const status = $('status');
  const confirm = $('confirm');
  $('pdf').onclick = () => { status.textContent = t.making; send('pdf'); };
  $('print').onclick = () => window.print();
  $('forget').onclick = () => { confirm.hidden = false; $('question').focus(); };
  $('no').onclick = () => { confirm.hidden = true; $('forget').focus(); };
  $('yes').onclick = () => {
    const { s } = storage();
    if (s) { for (const k of diaryKeys(s, data.prefix)) { s.removeItem(k); } }
    confirm.hidden = true;
    send('forget');
  };
  if (data.prune && data.prune.length) { prune(data); }
  if (data.pdf && seen.pdf !== data.pdf.id) {
    seen.pdf = data.pdf.id;
    save(data.pdf, parentElement);
    status.textContent = t.saved;
  }
  if (seen.ask !== data.ask) {
    seen.ask = data.ask;
    send('load');
  }
}
"""

_KEEP = st.components.v2.component("recovery_diary_keep", html=_KEEP_HTML, css=_CSS, js=_KEEP_JS)
_READ = st.components.v2.component("recovery_diary_read", html=_READ_HTML, css=_CSS, js=_READ_JS)


def _where_words() -> str:
    return _(
        "Your diary is kept only in this browser on this phone. Anyone who can open this browser on this phone "
        "can see it. Nobody at the clinic sees it unless you show it to them. In a private window, it is lost "
        "when you close the window."
    )


# ---------------------------------------------------------------- "keep" after the self-check (/recovery)


def render_keep_in_diary(
    key: RunKey, view: View, course: Course, day: int, reported: Mapping[str, int], signs: Sequence[str]
) -> None:
    """After "Check my answers": the opt-in to keep this day's answers, with a short note, in the diary on this phone
    (only with a treatment date, and for today or a day before)."""
    if view.start is None:
        st.markdown(
            ":material/book_2: "
            + _(
                "To keep these answers in a diary on this phone, add your treatment date "
                "under “Change the treatment, the date or your details”."
            )
        )
        return
    if not can_keep(view.start, day, viewer_today()):
        st.markdown(
            ":material/book_2: "
            + _("Answers can be kept in your diary for today or a day before, not for a day ahead.")
        )
        return
    t = course.treatment
    today = day == (view.start_day or 0)
    entry = stored_entry(t, day, reported, signs, Personal(view.area, view.intensity, view.phototype))
    texts = {
        "note_label": _("A short note for your diary (optional)"),
        "note_hint": _("Up to {n} characters, for example what you used on your skin.").format(n=MAX_NOTE),
        "keep": (
            _("Keep today's answers in my diary on this phone")
            if today
            else _("Keep these answers for day {day} in my diary on this phone").format(day=day)
        ),
        "where": _where_words(),
        "kept": _("Kept in your diary on this phone (day {day}).").format(day=day),
        "replaced": _("Kept in your diary on this phone. It replaces what you kept for day {day} before.").format(
            day=day
        ),
        "fresh": _(
            "What was stored for this treatment date before could not be read, so the diary starts again "
            "from this entry."
        ),
        "blocked": _(
            "This browser does not let this page keep anything on this phone, so these answers cannot be "
            "kept. The check above still works."
        ),
        "full": _("The storage this browser gives this page is full, so these answers could not be kept."),
        "too_long": _("The diary for this treatment date is full, so these answers could not be kept."),
    }
    _KEEP(
        key="diary.keep",
        data={
            "key": storage_key(t.id, view.start),
            "format": FORMAT,
            "treatment": t.id,
            "start": view.start.isoformat(),
            "entry": entry,
            "max_note": MAX_NOTE,
            "max_chars": MAX_ITEM_CHARS,
            "texts": texts,
        },
    )
    page_link(key, "diary", _("Open my diary"), ":material/book_2:")


# ---------------------------------------------------------------- the diary page (/diary)


def _sent_this_run() -> object | None:
    """What the browser sent with the trigger that started this run, if it did (Streamlit keeps it one run only)."""
    value = st.session_state.get(READER_KEY)
    return value.get("diary") if isinstance(value, Mapping) else None


def _reader_texts() -> dict[str, Any]:
    return {
        "labels": {
            "follow-h": _("Bring it to your follow-up visit"),
            "follow-p": _(
                "A PDF of your diary to show your clinician, made now and not kept anywhere else. Or print this page."
            ),
            "pdf": _("Download the PDF"),
            "print": _("Print"),
            "forget-h": _("Forget the diary"),
            "where": _where_words(),
            "forget": _("Forget the diary on this phone"),
            "question": _("Forget every entry of the diary on this phone? This cannot be undone."),
            "yes": _("Yes, forget it"),
            "no": _("No, keep it"),
        },
        "making": _("Making the PDF…"),
        "saved": _("The PDF is saved in your downloads."),
    }


# Printing the page prints the diary only: not the menu, the header or the buttons.
PRINT_STYLE = """<style>@media print {
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stPageLink"] { display: none !important; }
[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] { position: static !important;
  overflow: visible !important; height: auto !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
details { display: none !important; }
}</style>"""


def render_diary(key: RunKey) -> None:
    """The diary page's body: what the browser sent this run, read and drawn; or, in a run it did not start, a line
    while it is asked again. Then the buttons (the PDF, print, forget), which act in the browser. Nothing here goes
    through a memo: the key only gives the dataset."""
    dataset = get_dataset(key)
    st.html(PRINT_STYLE)
    payload = _sent_this_run()
    if payload is None:
        st.session_state[ASK_KEY] = st.session_state.get(ASK_KEY, 0) + 1
    data: dict[str, Any] = {
        "ask": st.session_state.get(ASK_KEY, 0),
        "prefix": STORAGE_PREFIX,
        "max_items": MAX_ITEMS,
        "max_chars": MAX_ITEM_CHARS,
        "texts": _reader_texts(),
        "has_entries": False,
    }
    if payload is None:
        st.caption(_("Reading the diary kept on this phone…"))
    else:
        reading = read_stored(payload, dataset.treatments, viewer_today())
        views = [build_view(d, dataset.treatment(d.treatment)) for d in reading.diaries]
        _render_reading(key, dataset, reading, views)
        data |= {"has_entries": bool(views), "prune": [key for key, _n in reading.expired]}
        request = payload.get("request") if isinstance(payload, dict) else None
        if reading.action == "pdf" and views and type(request) is int:
            # Made in the run that asked for it and handed to the browser, which saves it: never kept here. Imported
            # here: fpdf2 and vl-convert take a quarter of a second to import, which /recovery (that imports this
            # module for its keep control) should not pay on a fresh server.
            from dashboard.exports.diary_pdf import build_diary_pdf, render_diary_chart_png

            pdf = build_diary_pdf(views, dataset.clinic, viewer_today(), [render_diary_chart_png(v) for v in views])
            data["pdf"] = {
                "id": request,
                "name": _("my-recovery-diary.pdf"),
                "b64": base64.b64encode(pdf).decode("ascii"),
            }
    _READ(key=READER_KEY, data=data, on_diary_change=_ignore)


def _ignore() -> None:
    # Streamlit keeps a component's trigger only when it has a callback; the run itself reads the value.
    return None


def _render_reading(key: RunKey, dataset: Dataset, reading: Reading, views: list[DiaryView]) -> None:
    if reading.action == "forget":
        st.success(_("The diary was removed from this phone."), icon=":material/delete:")
    for notice in reading_notices(reading):
        st.warning(notice, icon=":material/info:")
    if not views:
        if reading.status not in ("blocked", "missing"):
            st.markdown(
                _(
                    "Nothing is kept in the diary on this phone yet. To start one, open Day by day, tap “Tick "
                    "what I notice”, then “Check my answers”, and choose to keep them in your diary."
                )
            )
        page_link(key, "recovery", _("Day by day"), ":material/calendar_today:")
        return
    for view in views:
        _render_course(dataset, view)


def _render_course(dataset: Dataset, view: DiaryView) -> None:
    clinic = dataset.clinic
    t = dataset.treatment(view.diary.treatment)
    st.markdown(
        f"### {md(course_title(view.diary, t))}\n\n{md(span_words(view))} :small[{md(removal_words(view.diary, t))}]"
    )
    latest = view.rows[-1]
    if latest.calls:
        box = st.error if latest.answer == "urgent" else st.warning
        box(
            md(_("Your latest entry (day {day}) reads a call.").format(day=latest.day))
            + " "
            + headline(latest.answer, latest.day, phone_link(clinic.phone), md(out_of_hours(clinic))),
            icon=":material/call:",
        )
    st.markdown("#### " + md(_("Your diary against the usual course")))
    spec = build_diary_spec(view, p=palette(browser_scheme()))
    st.vega_lite_chart(
        spec,
        theme=None,
        width="stretch",
        alt=_(
            "Chart of the levels you noted for each symptom over the usual range for your course, "
            "days 0 to {last}. The same information follows as text."
        ).format(last=spec["usermeta"]["last_day"]),
    )
    levels = ", ".join(level_word(i) for i in range(4))
    st.caption(
        _(
            "Each panel is one symptom. The shaded band is the usual range on each day for your course; the line "
            "with dots is what you noted. A dashed line and a triangle mark each day you ticked a warning sign. "
            "Levels: {levels}. Sources: {sources}"
        ).format(levels=levels, sources=source_links(k for s in view.course.treatment.symptoms for k in s.sources))
    )
    with st.expander(_("The chart in words")):
        st.markdown("\n".join(f"- {md(line)}" for line in describe_diary(view)))
    st.markdown("#### " + md(_("Your entries, latest first")))
    for row in reversed(view.rows):
        with st.container(border=True):
            st.markdown(entry_markdown(row, view.course.treatment, clinic))
