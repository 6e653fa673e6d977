"""The charts' palettes, one per theme: each on its theme's background from .streamlit/config.toml, each at WCAG AA
(text 4.5:1, lines and shapes 3:1), and each chart built from one builder in either."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dashboard.charts.collagen import build_collagen_spec
from dashboard.charts.compare import build_timeline_chart
from dashboard.charts.palette import DARK, LIGHT, PALETTES, SCHEMES, palette, symptom_colour, treatment_colour
from dashboard.charts.recovery import build_recovery_spec
from dashboard.compare import axis_end, build_summaries, build_timeline_rows
from dashboard.facts import build_facts
from dashboard.loader import load_dataset
from dashboard.recovery import Personal, apply_modifiers

ROOT = Path(__file__).resolve().parent.parent


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_wcags() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the grey that just fails AA


def test_each_palette_sits_on_its_themes_background() -> None:
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert "base" not in theme, "a base theme would stop the app following the device's light or dark setting"
    for scheme in SCHEMES:
        assert PALETTES[scheme].background.lower() == theme[scheme]["backgroundColor"].lower(), scheme
        assert PALETTES[scheme].scheme == scheme
    assert palette("dark") is DARK and palette("light") is LIGHT and palette(None) is LIGHT


@pytest.mark.parametrize("scheme", SCHEMES)
def test_text_lines_and_shapes_stand_out_from_the_background(scheme: str) -> None:
    p = PALETTES[scheme]
    for name, colour in (("text", p.text), ("soft_text", p.soft_text)):
        assert contrast(colour, p.background) >= 4.5, (scheme, name, colour)
        for fill in p.phase_fills:  # the phases' names are written over their bands
            assert contrast(colour, fill) >= 4.5, (scheme, name, colour, fill)
    for name, colour in (("rule", p.rule), ("axis", p.axis), *((f"series {i}", c) for i, c in enumerate(p.series))):
        assert contrast(colour, p.background) >= 3, (scheme, name, colour)
    for tid in ("eco2", "nafl-1550", "nafl-1927", "co2-full", "a-clinic-own"):
        assert contrast(treatment_colour(tid, p), p.background) >= 3, (scheme, tid)
    assert contrast(symptom_colour("not-a-symptom", p), p.background) >= 3


def test_black_is_each_themes_text_colour() -> None:
    assert DARK.ink("#000000") == DARK.text and LIGHT.ink("#000000") == LIGHT.text
    assert DARK.ink("#D55E00") == "#D55E00"


def _colours(node: object) -> set[str]:
    """Every colour-like string ('#...' or 'white'/'black') anywhere in a spec."""
    found: set[str] = set()
    if isinstance(node, dict):
        for v in node.values():
            found |= _colours(v)
    elif isinstance(node, list):
        for v in node:
            found |= _colours(v)
    elif isinstance(node, str) and (node.startswith("#") and len(node) == 7 or node in ("white", "black")):
        found.add(node.lower())
    return found


def _specs(scheme: str) -> dict[str, dict]:
    p = PALETTES[scheme]
    dataset = load_dataset()
    eco2 = apply_modifiers(dataset.treatment("eco2"), Personal())
    titles = {k: s.title for k, s in dataset.sources.items()}
    courses = {tid: apply_modifiers(dataset.treatment(tid), Personal()) for tid in ("eco2", "nafl-1550")}
    summaries = build_summaries(courses, {})
    timeline = build_timeline_chart(
        build_timeline_rows(summaries), [s.name for s in summaries], axis_end(summaries), p
    ).to_dict()
    return {
        "recovery": build_recovery_spec(eco2, day=4, p=p),
        "collagen": build_collagen_spec(eco2.treatment, [], titles, build_facts(eco2), p),
        "compare": timeline,
    }


@pytest.mark.parametrize("chart", ["recovery", "collagen", "compare"])
def test_a_dark_chart_is_drawn_on_dark_with_light_text(chart: str) -> None:
    light, dark = _specs("light")[chart], _specs("dark")[chart]
    assert light["config"]["background"] == LIGHT.background and dark["config"]["background"] == DARK.background
    assert dark["config"]["axis"]["labelColor"] == DARK.text
    # nothing of the light page's black or white is left on the dark chart (tooltips' text aside, all is drawn)
    assert not _colours(dark) & {"#000000", "black", "#ffffff", "white"}, chart
    assert "#000000" in _colours(light) or LIGHT.text.lower() in _colours(light)
