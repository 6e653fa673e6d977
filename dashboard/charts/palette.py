"""Colour-blind-safe colours (Okabe-Ito) and line dashes, so no chart relies on colour alone."""

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")

SYMPTOM_ORDER = ("redness", "swelling", "oozing", "crusting", "bronzing", "peeling", "dryness", "tenderness")
SYMPTOM_COLOURS = dict(zip(SYMPTOM_ORDER, OKABE_ITO, strict=True))
SYMPTOM_DASHES = dict(zip(SYMPTOM_ORDER, DASHES, strict=True))
TREATMENT_ORDER = ("eco2", "nafl-1550", "nafl-1927", "co2-full")
TREATMENT_COLOURS = {"eco2": "#0072B2", "nafl-1550": "#E69F00", "nafl-1927": "#009E73", "co2-full": "#D55E00"}


def treatment_colour(treatment_id: str) -> str:
    """A fixed colour per treatment, the same on every page (grey for a clinic's extra treatment)."""
    return TREATMENT_COLOURS.get(treatment_id, "#666666")
