"""The sources page: every source with its anchor, level and readable citations; the review date; methods; gaps."""

import html
import re

import pytest
import yaml
from apptest import poison_file, run_page, stray_html, texts

from dashboard.citations import build_citations, readable_place
from dashboard.loader import DEFAULT_DATA_DIR, cited_facts, load_dataset
from dashboard.markdown import source_anchor

PAGE = "pages/sources.py"


@pytest.fixture(scope="module")
def at():
    return run_page(PAGE)


def _anchored_headings(at) -> dict[str, str]:
    """The sources' headings (HTML in the page's Markdown; the anchor id sits on the heading's text, as Streamlit
    gives a Markdown heading an id of its own): {anchor: text}."""
    found = re.findall(r'<h3><span id="([^"]+)">([^<]+)</span></h3>', texts(at))
    assert len(found) == len(set(found)), "an anchor twice"
    return {anchor: html.unescape(text) for anchor, text in found}


def test_every_source_key_has_a_header_with_its_anchor(at):
    keys = [s["key"] for s in yaml.safe_load((DEFAULT_DATA_DIR / "sources.yaml").read_text())["sources"]]
    anchors = _anchored_headings(at)
    assert len(anchors) == len(keys)
    for key in keys:
        assert f"src-{key.lower()}" in anchors, key
        assert anchors[f"src-{key.lower()}"].startswith(f"{key} · ")


def test_review_date_disclaimers_and_methods(at):
    text = texts(at)
    assert "Content updated 27 November 2026. A clinician of this clinic has not yet reviewed this content." in text
    assert "last reviewed" not in text.lower()
    assert "It is not medical advice" in text and "clinician's instructions always come first" in text
    assert "smooth cosine step" in text and "mild tail" in text
    assert "No published recovery study of the Lutronic eCO2 itself was found" in text


def test_levels_and_flags_are_shown(at):
    headers = _anchored_headings(at)
    assert headers["src-s15"] == "S15 · Case series"
    assert headers["src-s4"] == "S4 · Textbook"
    assert headers["src-s39"] == "S39 · Institutional patient page"
    text = texts(at)
    assert "**Flag:** S: secondary guidance" in text
    assert "**Flag:** R: read in the source itself" in text


def test_gaps_and_contradictions_are_listed(at):
    text = texts(at)
    assert "No published recovery study of the Lutronic eCO2 device was found" in text
    assert "Studies disagree on how long redness lasts" in text
    assert "Studies do not agree on when the collagen response peaks" in text


def test_cited_places_are_readable_not_field_paths(at):
    text = texts(at)
    assert "- eCO2: Redness" in text
    assert not re.search(r"\w+\[\d+(:[\w-]+)?\]", text), "no raw field paths such as symptoms[0:redness]"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("symptoms[1:swelling].sources[0]", "eCO2: Swelling"),
        ("milestones[1:work].sources[0]", "eCO2: Back to work and social life"),
        ("phases[0:weeping].sources[0]", "eCO2: Stage “First day”"),
        ("course.sessions.sources[1]", "eCO2: Course: number of sessions"),
        ("collagen.markers[3:collagen-1].anchors[1].source", "eCO2: Collagen: Type I collagen (mature), week 6"),
        ("collagen.scale.sources[0]", "eCO2: Collagen: size of the response"),
        ("modifiers[0:area-neck].sources[0]", "eCO2: Personal factor (treated area)"),
        ("modifiers[6:phototype-4-redness].changes[0:redness].source", "eCO2: Personal factor (skin type)"),
        ("aftercare[0].sources[0]", "eCO2: Aftercare, days 0 to 1"),
        ("visit.sources[0]", "eCO2: The visit"),
    ],
)
def test_readable_place(path, expected):
    dataset = load_dataset()
    eco2 = dataset.treatment("eco2")
    if path.startswith("aftercare"):
        a = eco2.aftercare[0]
        expected = f"eCO2: Aftercare, days {a.start_day} to {a.end_day}"
    citation = next(
        c for places in cited_facts(dataset).values() for c in places if c.treatment_id == "eco2" and c.where == path
    )
    assert readable_place(eco2, citation.path) == expected


def test_citations_cover_every_cited_key_once_per_place():
    dataset = load_dataset()
    raw = cited_facts(dataset)
    readable = build_citations(dataset)
    assert set(readable) == set(raw)
    for key, places in readable.items():
        assert len(places) == len(set(places))
        assert bool(places) == bool(raw[key])


def test_anchor_ids_match_the_links_other_pages_use():
    assert source_anchor("S4") == "src-s4" and source_anchor("clinic-page") == "src-clinic-page"


def test_a_source_with_html_in_its_text_shows_it_as_text():
    # The sources are one Markdown element with HTML allowed (for the anchored headings and the folds): the data's
    # own text must never become HTML.
    from dashboard.models import Source
    from dashboard.ui.sources import source_markdown

    hostile = Source(
        key="S99",
        title='<img src=x onerror="alert(1)"> Title',
        level="study",
        flag="R",
        detail="<script>alert(2)</script>",
        identifier="</details><b>x</b>",
    )
    shown = source_markdown(hostile, ['<a href="javascript:alert(3)">place</a>'])
    ours = re.sub(r'<details class="cited"><summary>[^<>]*</summary>|</details>', "", shown)
    assert shown.count("<details") == shown.count("</details>") == 1
    # every other angle bracket is escaped for Markdown (\<), so it reaches the page as a character, not a tag
    assert ours.count("<") == ours.count("\\<") == 8 and ours.count(">") == ours.count("\\>") == 8


def test_html_anywhere_in_the_data_stays_text_on_the_page(data_copy, monkeypatch):
    """The page's Markdown allows HTML for the sources' anchored headings and the folds (the cited places, the
    gaps of each treatment): HTML in any text of the data, sources and treatments alike, must stay text."""
    for path in data_copy.glob("*.yaml"):
        if path.name != "clinic.yaml":
            poison_file(path)
    monkeypatch.setenv("RECOVERY_DATA_DIR", str(data_copy))
    at = run_page(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert not any("could not be loaded" in str(e.value) for e in at.error), "the poisoned data did not load"
    with_html = [m.proto.body for m in at.markdown if m.proto.allow_html]
    # a fold per treatment in the triage tables and in the gaps
    assert sum(body.count('<details class="fold">') for body in with_html) == 8
    assert sum(body.count("onerror") for body in with_html) > 50, "the poisoned text is not on the page"
    assert not [body[:300] for body in with_html if stray_html(body)]
