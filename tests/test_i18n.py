"""Languages: the catalogs cover every interface string, the data overlays cover every text and change nothing
else, the safety answers are the same in every language, and a language is added by adding files."""

from __future__ import annotations

import io
import itertools
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from apptest import run_page, texts
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from icalendar import Calendar
from pages_list import PAGES
from pydantic import BaseModel
from pypdf import PdfReader

from dashboard import i18n
from dashboard.exports.ics import build_ics
from dashboard.exports.pdf import build_pdf, render_chart_png
from dashboard.i18n import (
    LOCALES_DIR,
    _,
    available_languages,
    format_day_date,
    format_long_date,
    language_name,
    link_params,
    ngettext,
    pick_language,
    set_language,
)
from dashboard.links import app_address, local_link
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.models import AREAS, INTENSITIES, PHOTOTYPES, Dataset
from dashboard.overlays import TEXT_FIELDS, apply_overlays, overlay_languages
from dashboard.plan import PlanRequest, build_plan
from dashboard.recovery import Personal, apply_modifiers
from dashboard.selfcheck import check_day, judge_symptom
from dashboard.signs import ANSWER_TEXT, answer_text

ROOT = Path(__file__).resolve().parent.parent
DATA = load_dataset(DEFAULT_DATA_DIR)
LANGUAGES = [lang for lang in available_languages() if lang != i18n.SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


@pytest.fixture(autouse=True)
def _english_after() -> Any:
    yield
    set_language(i18n.SOURCE_LANGUAGE)


def localized(language: str) -> Dataset:
    dataset, report = apply_overlays(DATA, language)
    assert not report.problems
    return dataset


def extracted_messages() -> dict[str | tuple[str, str], str]:
    """Every marked string of the code (as `make catalog` extracts it): msgid -> where it is."""
    method_map = [("dashboard/**.py", "python"), ("pages/**.py", "python"), ("streamlit_app.py", "python")]
    found: dict[str | tuple[str, str], str] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, keywords={"_": None, "N_": None, "ngettext": (1, 2)}
    ):
        found.setdefault(message, filename)
    return found


def catalog(language: str):
    with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


# --- Choosing a language ----------------------------------------------------------------------------------------


def test_spanish_is_offered_after_english() -> None:
    assert available_languages()[0] == "en"
    assert "es" in available_languages()


@pytest.mark.parametrize(
    ("requested", "browser", "expected"),
    [
        ("es", "en-GB", "es"),  # the link wins over the browser
        (None, "es-MX", "es"),  # the browser's language, by its first part
        (None, "es_ES", "es"),
        (None, "fr-FR", "en"),  # a language the app does not have: English
        ("xx", "es", "es"),  # a bad link value falls back to the browser
        ("xx", None, "en"),
        (None, None, "en"),
    ],
)
def test_pick_language(requested: str | None, browser: str | None, expected: str) -> None:
    assert pick_language(requested, browser, ("en", "es")) == expected


def test_each_language_is_named_in_itself() -> None:
    assert language_name("en") == "English"
    assert language_name("es") == "Español"
    assert language_name("not-a-code") == "not-a-code"


def test_a_third_language_is_added_by_files_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, folder)
    fr = folder / "fr" / "LC_MESSAGES"
    fr.mkdir(parents=True)
    (fr / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Call the clinic today"\nmsgstr "Appelez la clinique aujourd\'hui"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("RECOVERY_LOCALES_DIR", str(folder))
    assert available_languages() == ("en", "es", "fr")
    assert language_name("fr") == "Français"
    set_language("fr")
    assert answer_text("call-today") == "Appelez la clinique aujourd'hui"
    assert _("Expected for this day") == "Expected for this day"  # not translated yet: English, never a gap


def test_links_carry_the_language_once_it_is_chosen() -> None:
    set_language("es")
    assert link_params() == {"lang": "es"}
    assert local_link("sources", anchor="src-s1") == "sources?lang=es#src-s1"
    link = app_address("https://clinic.example/recovery", None).link("recovery", {"treatment": "eco2"})
    assert link == "https://clinic.example/recovery?treatment=eco2&lang=es"
    set_language("en")
    assert link_params() == {} and local_link("sources") == "sources"
    set_language("en", in_links=True)  # chosen by the person (a Spanish browser asked for English)
    assert link_params() == {"lang": "en"}


# --- The catalogs -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_has_a_translation(language: str) -> None:
    messages = {m.id: m for m in catalog(language) if m.id}
    missing = []
    for msgid, where in extracted_messages().items():
        m = messages.get(msgid)
        strings = m.string if m is not None and isinstance(m.string, tuple) else (m.string if m else "",)
        if m is None or m.fuzzy or not all(s.strip() for s in strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} strings without a {language} translation (run `make catalog`):\n" + "\n".join(
        missing[:40]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder_and_link(language: str) -> None:
    for m in catalog(language):
        if not m.id or not m.string:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == wanted, (m.id, s)
            # Markdown link targets and source anchors stay as they are: only the words around them change.
            assert re.findall(r"\]\(([^)]*)\)", s) == re.findall(r"\]\(([^)]*)\)", ids[0]), (m.id, s)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plurals_follow_the_language(language: str) -> None:
    set_language(language)
    one, many = ngettext("{n} day", "{n} days", 1), ngettext("{n} day", "{n} days", 5)
    assert one != many and "{n}" in one and "{n}" in many


def test_dates_are_written_the_spanish_way() -> None:
    set_language("es")
    assert format_long_date(date(2026, 11, 27)) == "27 de noviembre de 2026"
    assert format_day_date(date(2026, 11, 27)).startswith("vie")
    set_language("en")
    assert format_long_date(date(2026, 11, 27)) == "27 November 2026"


# --- The data overlays ------------------------------------------------------------------------------------------


def test_every_catalog_language_has_data_overlays() -> None:
    assert set(LANGUAGES) <= set(overlay_languages(DEFAULT_DATA_DIR))


# That the bundled Spanish overlays are complete, change text only and read plainly: tests/test_readability_es.py.


def test_overlay_problems_are_named_by_file_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    overlay = folder / "i18n" / "es" / "eco2.yaml"
    overlay.write_text(
        overlay.read_text(encoding="utf-8") + "\nhorizon_days: 3\nsymptoms:\n  nonsense:\n    name: Nada\n",
        encoding="utf-8",
    )
    (folder / "i18n" / "es" / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    (folder / "i18n" / "es" / "nafl-1550.yaml").unlink()
    _dataset, report = apply_overlays(load_dataset(folder), "es")
    problems = {str(p) for p in report.problems}
    assert "i18n/es/eco2.yaml: horizon_days: not a text field: an overlay changes text only" in problems
    assert "i18n/es/eco2.yaml: symptoms.nonsense: unknown id 'nonsense'" in problems
    assert any(p.startswith("i18n/es/sources.yaml") for p in problems)
    assert "i18n/es/nafl-1550.yaml: the whole file (English is shown)" in report.missing


def test_a_missing_translation_falls_back_to_english_and_is_listed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    overlay = folder / "i18n" / "es" / "eco2.yaml"
    text = overlay.read_text(encoding="utf-8")
    overlay.write_text(re.sub(r"^summary: .*?(?=^\w)", "", text, count=1, flags=re.S | re.M), encoding="utf-8")
    dataset, report = apply_overlays(load_dataset(folder), "es")
    assert dataset.treatments["eco2"].summary == DATA.treatments["eco2"].summary
    assert "i18n/es/eco2.yaml: summary" in report.missing


# --- Safety is the same in every language -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_self_check_answers_are_the_same_in_every_language(language: str) -> None:
    translated = localized(language)
    people = [Personal(a, i, p) for a, i, p in itertools.product(AREAS, INTENSITIES, (None, *PHOTOTYPES))]
    checked = 0
    for tid, t in DATA.treatments.items():
        seen: set[str] = set()
        for who in people:
            en = apply_modifiers(t, who)
            key = en.treatment.model_dump_json()
            if key in seen:
                continue
            seen.add(key)
            other = apply_modifiers(translated.treatments[tid], who)
            for s_en, s_other in zip(en.treatment.symptoms, other.treatment.symptoms, strict=True):
                for day, level in itertools.product(range(t.horizon_days + 1), range(4)):
                    a = judge_symptom(en.treatment, s_en, day, level)
                    b = judge_symptom(other.treatment, s_other, day, level)
                    assert (a.answer, a.sign.id if a.sign else None) == (b.answer, b.sign.id if b.sign else None)
                    checked += 1
    assert checked > 10_000


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_warning_sign_is_there_in_every_language(language: str) -> None:
    translated = localized(language)
    set_language(language)
    for tid, t in DATA.treatments.items():
        other = translated.treatments[tid]
        assert [w.id for w in other.warning_signs] == [w.id for w in t.warning_signs]
        for w_en, w in zip(t.warning_signs, other.warning_signs, strict=True):
            assert w.text.strip() and w.text != w_en.text, (tid, w.id)
            assert (w.urgency, w.likely_from_day, w.likely_to_day) == (
                w_en.urgency,
                w_en.likely_from_day,
                w_en.likely_to_day,
            )
        # Every sign can be ticked on every day in the translation too, and answers as in English.
        for day in (0, 1, 16, t.horizon_days):
            findings = check_day(other, day, {}, [w.id for w in other.warning_signs])
            assert [f.answer for f in findings] == [
                f.answer for f in check_day(t, day, {}, [w.id for w in t.warning_signs])
            ]
            assert len(findings) == len(other.warning_signs)
    for answer in ANSWER_TEXT:
        assert answer_text(answer) != ANSWER_TEXT[answer]


# --- Every surface, in the language chosen --------------------------------------------------------------------


def _english_phrases(language: str) -> list[str]:
    """Phrases of the English interface text that the language's catalog translates differently: each literal run
    between placeholders and Markdown of three words or more. None of them may show on a page in that language."""
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalog(language) if m.id}
    phrases = set()
    for msgid in extracted_messages():
        english = msgid if isinstance(msgid, str) else msgid[0]
        other = translated.get(english)
        other = other[0] if isinstance(other, tuple) else other
        if not other or other == english:
            continue
        for part in re.split(r"\{\w*\}|\*\*|\[|\]\([^)]*\)|[:;.,!?()“”\"]", english):
            if len(part.split()) >= 3:
                phrases.add(part.strip())
    return sorted(phrases)


def _english_data_text(language: str) -> list[str]:
    """The data's English sentences that the language's overlays translate (five words or more)."""
    translated = localized(language)
    texts = []
    for tid, t in DATA.treatments.items():
        pairs = zip(_texts(t), _texts(translated.treatments[tid]), strict=True)
        texts += [en for en, other in pairs if en != other and len(en.split()) >= 5]
    return texts


def _texts(value: Any) -> list[str]:
    if isinstance(value, BaseModel):
        out: list[str] = []
        for k in type(value).model_fields:
            v = getattr(value, k)
            if k in TEXT_FIELDS and isinstance(v, str):
                out.append(v)
            elif k in TEXT_FIELDS and isinstance(v, list):
                out += [x for x in v if isinstance(x, str)]
            else:
                out += _texts(v)
        return out
    if isinstance(value, list | tuple):
        return [x for v in value for x in _texts(v)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _texts(v)]
    return []


def _page_text(at: Any) -> str:
    """Everything a person reads on a page: text elements, widget labels, options and help, tables."""
    parts = [texts(at)]
    for kind in (
        "selectbox",
        "radio",
        "slider",
        "date_input",
        "checkbox",
        "button",
        "expander",
        "tabs",
        "multiselect",
        "segmented_control",
        "pills",
        "toggle",
        "number_input",
        "select_slider",
    ):
        for widget in getattr(at, kind, []):
            parts.append(str(getattr(widget, "label", "")))
            parts.append(str(getattr(widget, "help", "") or ""))
            for option in getattr(widget, "options", []) or []:
                parts.append(str(option))
    parts += [str(t.value) for t in at.table] + [str(c.value) for c in at.code]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_reads_in_the_language_with_no_english_left(language: str) -> None:
    phrases = _english_phrases(language)
    data_text = [" ".join(x.split()) for x in _english_data_text(language)]
    assert len(phrases) > 200 and len(data_text) > 100
    for spec in PAGES:
        if spec.path == "/display":
            continue  # HTML slides: tests/test_display.py checks them in every language
        params = dict(p.split("=", 1) for p in spec.query.split("&") if p) | {"lang": language}
        at = run_page(spec.script, **params)
        assert not at.exception, spec.path
        shown = _page_text(at)
        if spec.path == "/recovery":  # and the self-check's list, which opens on a tap
            assert len([b for b in at.button if b.key == "recovery.selfcheck.open.button"]) == 1
            at = run_page(spec.script, state={"recovery.selfcheck.open": True}, **params)
            assert at.radio and at.checkbox
            shown += " " + _page_text(at)
        left = [p for p in phrases if p in shown] + [t for t in data_text if t in shown]
        assert not left, (spec.path, left[:10])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handout_and_the_calendar_are_in_the_language(language: str) -> None:
    set_language(language)
    dataset = localized(language)
    course = apply_modifiers(dataset.treatment("eco2"), Personal("face", "standard", 5))
    request = PlanRequest("eco2", date(2026, 12, 1), 2, phototype=5)
    plan = build_plan(course, request)
    link = app_address("https://clinic.example", None).link("recovery", request.query())
    assert link is not None and link.endswith(f"lang={language}")  # the QR code opens the app in this language
    pdf = build_pdf(plan, course, dataset.clinic, dataset.sources, None, link, render_chart_png(course, plan))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    ics = Calendar.from_ical(build_ics(plan, dataset.clinic.name, dataset.clinic.phone))
    events = " ".join(f"{e.get('summary')} {e.get('description')}" for e in ics.walk("VEVENT"))
    alarms = " ".join(str(a.get("description")) for a in ics.walk("VALARM"))
    assert answer_text("call-today") in text and answer_text("urgent") in text
    assert format_long_date(date(2026, 12, 1)) in text or format_day_date(date(2026, 12, 1)) in text
    phrases = _english_phrases(language)
    for surface, shown in (("handout", text), ("calendar", " ".join(f"{events} {alarms}".split()))):
        left = [p for p in phrases if p in shown]
        assert not left, (surface, left[:10])
    assert dataset.treatment("eco2").warning_signs[0].text.split()[0] in text


def test_no_text_to_translate_sits_inside_an_f_string() -> None:
    """The catalog's extractor does not look inside an f-string, so `f"{_('text')}"` would stay in English in every
    language without any test naming it: such a text is taken out of the f-string first."""
    inside = re.compile(r"""\{\s*(?:_|N_|ngettext|pgettext)\(\s*['"]""")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("dashboard", "pages")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inside.search(line)
    ]
    assert not found, "\n".join(found)
