"""Colour-blind-safe colours (Okabe-Ito hues) and line dashes, so no chart relies on colour alone; and one palette
per theme, so each chart is built once for a light page and once for a dark one from the same builder. On a light page
Okabe-Ito's orange, sky blue and yellow are drawn darker, and on a dark page its black is the theme's text colour, so
that every line stands out from its background.

The themes' backgrounds are those of .streamlit/config.toml ([theme.light] and [theme.dark]); tests/test_palette.py
holds them to it, and holds every palette to WCAG AA: its text at 4.5:1 and its lines and shapes at 3:1 on its
background.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")

SYMPTOM_ORDER = ("redness", "swelling", "oozing", "crusting", "bronzing", "peeling", "dryness", "tenderness")
SYMPTOM_DASHES = dict(zip(SYMPTOM_ORDER, DASHES, strict=True))
TREATMENT_ORDER = ("eco2", "nafl-1550", "nafl-1927", "co2-full")
TREATMENT_SERIES = {"eco2": 0, "nafl-1550": 4, "nafl-1927": 2, "co2-full": 1}  # blue, orange, green, vermillion
OTHER_COLOUR = "#666666"  # a clinic's extra treatment or symptom: grey, 3:1 or more on both backgrounds


@dataclass(frozen=True)
class Palette:
    """The colours a chart needs on one theme's background."""

    scheme: Scheme
    background: str  # the page's, also drawn over the gaps between the recovery chart's panels
    text: str  # labels, titles, the chosen day's line, black shapes of the light theme
    soft_text: str  # names over the collagen chart's phase bands, results labels
    rule: str  # the collagen chart's results lines
    axis: str  # axis lines and the recovery chart's baselines
    grid: str
    phase_fills: tuple[str, str, str]  # inflammation, proliferation, remodelling: darkest to lightest on light pages
    series: tuple[str, ...]  # in OKABE_ITO's order and hues, each at 3:1 or more on the background

    def ink(self, colour: str) -> str:
        """A colour of the light palette as this theme draws it: black becomes the theme's text colour."""
        return self.text if colour.lower() == "#000000" else colour


LIGHT = Palette(
    "light",
    background="#ffffff",
    text="#1b1f24",
    soft_text="#333333",
    rule="#444444",
    axis="#888888",
    grid="#d9e0e6",
    phase_fills=("#d9d9d9", "#ececec", "#f7f7f7"),
    series=("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#B07800", "#2B88C2", "#000000", "#8C7F00"),
)
DARK = Palette(
    "dark",
    background="#0e1117",
    text="#f0f2f5",
    soft_text="#d0d7de",
    rule="#b1bac4",
    axis="#8b949e",
    grid="#30363d",
    phase_fills=("#3d444d", "#2d333b", "#1f252d"),
    series=tuple("#f0f2f5" if c == "#000000" else c for c in OKABE_ITO),
)
PALETTES: dict[Scheme, Palette] = {"light": LIGHT, "dark": DARK}
SYMPTOM_COLOURS = dict(zip(SYMPTOM_ORDER, LIGHT.series, strict=True))  # on a light page (symptom_colour: any theme)


def palette(scheme: str | None) -> Palette:
    """The palette of a theme ('light', 'dark'); the light one when the theme is not known."""
    return DARK if scheme == "dark" else LIGHT


def symptom_colour(symptom_id: str, p: Palette = LIGHT) -> str:
    """A fixed colour per symptom, the same on every chart of a theme (grey for a symptom the order does not know)."""
    return p.series[SYMPTOM_ORDER.index(symptom_id)] if symptom_id in SYMPTOM_ORDER else OTHER_COLOUR


def treatment_colour(treatment_id: str, p: Palette = LIGHT) -> str:
    """A fixed colour per treatment, the same on every chart of a theme (grey for a clinic's extra treatment)."""
    return p.series[TREATMENT_SERIES[treatment_id]] if treatment_id in TREATMENT_SERIES else OTHER_COLOUR
