"""The compare page's course timeline (Altair): sessions, downtime, redness and results per treatment.

No zoom or pan bindings, so the chart never traps scrolling on a phone; tooltips only.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts import DAY_DATA
from dashboard.charts.palette import LIGHT, OKABE_ITO, Palette
from dashboard.compare import DOWNTIME, REDNESS, SESSION, TimelineRow
from dashboard.compare import RESULT_KINDS as RESULT_NAMES
from dashboard.i18n import _

# English msgids, as the rows' kinds are before translation: the chart matches the rows' translated kinds
BAR_KINDS = (DOWNTIME, REDNESS)
BAR_COLOURS = (OKABE_ITO[1], OKABE_ITO[3])  # vermillion, reddish purple
POINT_KINDS = (SESSION, RESULT_NAMES["first-results"], RESULT_NAMES["strong-results"])
POINT_SHAPES = ("triangle-down", "diamond", "square")
RESULT_KINDS = POINT_KINDS[1:]
ROW_HEIGHT = 84


def day_rows(day: int) -> list[dict[str, object]]:
    """The rows of the timeline's DAY_DATA dataset: the day looked at, and its label."""
    return [{"day": day, "text": _("Day {day}").format(day=day)}]


def build_timeline_chart(rows: list[TimelineRow], order: list[str], end_day: int, p: Palette = LIGHT) -> alt.LayerChart:
    """Course timeline: one row per treatment, bars for downtime and redness, shapes for sessions and results, and
    the day looked at as a dashed line with its label, read from the named dataset DAY_DATA (day_rows); in the
    colours of a theme (black on a light page).

    `rows` come from dashboard.compare.build_timeline_rows in the same language: their kinds are translated."""
    frame = pd.DataFrame(rows)
    bar_kinds, point_kinds = [_(k) for k in BAR_KINDS], [_(k) for k in POINT_KINDS]
    result_kinds = [_(k) for k in RESULT_KINDS]
    x_scale = alt.Scale(domain=[0, end_day], nice=False)
    y = alt.Y("treatment:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13, labelFontWeight="bold"))
    tooltip = [
        alt.Tooltip("treatment:N", title=_("Treatment")),
        alt.Tooltip("label:N", title=_("What")),
        alt.Tooltip("sources:N", title=_("Sources")),
    ]
    x_title = _("Days from the first session")
    base = alt.Chart(frame)

    bars = (
        base.transform_filter(alt.FieldOneOfPredicate("kind", bar_kinds))
        .mark_bar(height={"band": 0.4}, stroke=p.text, strokeWidth=0.5)
        .encode(
            x=alt.X("start:Q", scale=x_scale, title=x_title),
            x2="end:Q",
            y=y,
            yOffset=alt.YOffset("kind:N", sort=bar_kinds, scale=alt.Scale(domain=bar_kinds)),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=bar_kinds, range=list(BAR_COLOURS)),
                legend=alt.Legend(title=None, orient="top", direction="horizontal", symbolType="square", columns=2),
            ),
            tooltip=tooltip,
        )
    )
    building = (
        base.transform_filter(alt.FieldOneOfPredicate("kind", result_kinds))
        .transform_calculate(stop=str(end_day))
        .mark_rule(strokeDash=[2, 3], strokeWidth=2, color=p.text)
        .encode(x=alt.X("start:Q", scale=x_scale, title=x_title), x2="stop:Q", y=y, tooltip=tooltip)
    )
    points = (
        base.transform_filter(alt.FieldOneOfPredicate("kind", point_kinds))
        .mark_point(size=150, filled=True, color=p.text, opacity=1)
        .encode(
            x=alt.X("start:Q", scale=x_scale, title=x_title),
            y=y,
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=point_kinds, range=list(POINT_SHAPES)),
                legend=alt.Legend(title=None, orient="top", direction="horizontal", columns=3),
            ),
            tooltip=tooltip,
        )
    )
    marker = alt.Chart(alt.NamedData(name=DAY_DATA))
    layers: list[alt.Chart] = [
        bars,
        building,
        points,
        marker.mark_rule(color=p.text, strokeWidth=2, strokeDash=[6, 3]).encode(
            x=alt.X("day:Q", scale=x_scale, title=x_title)
        ),
        marker.mark_text(align="left", dx=4, dy=-6, fontWeight="bold", baseline="bottom", y=0, color=p.text).encode(
            x=alt.X("day:Q", scale=x_scale, title=x_title), text="text:N"
        ),
    ]
    return (
        alt.layer(*layers)
        .properties(height=ROW_HEIGHT * len(order) + 110, width="container")
        .configure(background=p.background)
        .configure_axis(labelFontSize=12, titleFontSize=13, labelColor=p.text, titleColor=p.text, gridColor=p.grid)
        .configure_legend(labelFontSize=12, symbolSize=120, labelColor=p.text)
    )
