"""The corpus charts of the review report, drawn with matplotlib as inline SVG strings.

Text stays text in the SVG (``svg.fonttype = "none"``): the reader's browser draws the Chinese labels with
its own fonts, so the machine that builds the report needs no CJK font. Without one, matplotlib lays the
labels out with the width of DejaVu Sans' missing-glyph box (about 1.15 em), a little more than the one em a
browser gives a Chinese character, so the labels keep enough room.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from collections.abc import Iterator
from functools import cache
from typing import Any

import pandas as pd
from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure  # drawn without pyplot: no backend is chosen or changed
from matplotlib.ticker import FuncFormatter, MaxNLocator

#: CJK font families tried in order (Debian fonts-noto-cjk, fonts-wqy-zenhei, fonts-arphic-*, macOS, Windows).
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Noto Serif CJK SC", "AR PL UMing CN", "PingFang SC", "Microsoft YaHei",
                "SimHei")
_CJK_FILES = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy-zenhei", "wqy-microhei", "uming", "ukai")
#: The font stack the SVG text asks the browser for: Latin first, then common CJK families of each system.
CSS_FONTS = ("'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', "
             "'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif")

#: Figure categories totalled in the overview, in display order.
TOTAL_CATEGORIES = ("volunteers", "party_members", "households", "people", "person_times", "sessions")
BAR_COLOR = "#b5121b"
TOP_N = 15


@cache
def cjk_font() -> str | None:
    """The family name of an installed CJK font, registering system font files matplotlib has not cached yet.

    None when there is none: the charts still show Chinese (the browser draws the text), only the label
    widths are estimated.
    """
    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((fam for fam in CJK_FAMILIES if fam in names), None)

    family = known()
    if family is None:  # installed after matplotlib built its font cache
        for path in font_manager.findSystemFonts():
            if any(key in path.lower().replace("_", "-") for key in _CJK_FILES):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        family = known()
    return family


def _style() -> Any:  # a dict of rcParams (typed as Any: matplotlib's stubs want literal keys)
    """matplotlib settings for every chart: a CJK font first when there is one (for its measures), text as
    text, no top/right frame."""
    family = cjk_font()
    return {"font.family": [family, "DejaVu Sans"] if family else ["DejaVu Sans"], "axes.unicode_minus": False,
            "svg.fonttype": "none", "axes.spines.top": False, "axes.spines.right": False}


@contextlib.contextmanager
def _drawing() -> Iterator[None]:
    """The chart style, and silence about glyphs the local fonts lack (the browser has them)."""
    with rc_context(_style()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from (current )?font")
        yield


def _figure(height: float = 3.2, width: float = 6.4) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def to_svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element whose text the browser draws (see the module's notes).

    >>> svg = to_svg(bar_chart(pd.Series([3], index=["樊城区"]), "Events", "events", "county", horizontal=True))
    >>> ">樊城区</text>" in svg and "Noto Sans CJK SC" in svg
    True
    """
    buf = io.StringIO()
    with _drawing():
        fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    return re.sub(r"font-family: ?[^;\"]+", f"font-family: {CSS_FONTS}", svg[svg.index("<svg"):])


def _empty(ax: Axes, what: str) -> None:
    ax.text(0.5, 0.5, f"no {what} in these tables", ha="center", va="center", transform=ax.transAxes, color="#888")
    ax.set_xticks([])
    ax.set_yticks([])


def bar_chart(counts: pd.Series, title: str, xlabel: str, ylabel: str, horizontal: bool = False) -> Figure:
    """A bar chart of ``counts`` (index: labels); horizontal bars read best for long Chinese names."""
    with _drawing():
        height = max(2.6, 0.8 + 0.28 * len(counts)) if horizontal else 3.2
        fig, ax = _figure(height)
        ax.set_title(title)
        if counts.empty:
            _empty(ax, ylabel if horizontal else xlabel)
            return fig
        labels = [str(k) for k in counts.index]
        if horizontal:
            bars = ax.barh(labels[::-1], counts.to_numpy()[::-1], color=BAR_COLOR)
        else:
            bars = ax.bar(labels, counts.to_numpy(), color=BAR_COLOR)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.bar_label(bars, fmt="{:,.0f}", fontsize=8, padding=2)
        value_axis = ax.xaxis if horizontal else ax.yaxis
        value_axis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # wide numbers must not run together
        value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: compact_number(v)))
        ax.margins(x=0.12) if horizontal else ax.margins(y=0.15)
    return fig


def compact_number(value: float) -> str:
    """A tick label short enough to stand beside its neighbours.

    >>> [compact_number(v) for v in (0, 12, 2500, 160000, 1250000, 3e8)]
    ['0', '12', '2,500', '160k', '1.25M', '300M']
    """
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e5, "k")):
        if abs(value) >= size:
            div = 1e3 if suffix == "k" else size
            return f"{value / div:.3g}{suffix}"
    return f"{value:,.0f}"


def events_per_month(events: pd.DataFrame) -> Figure:
    """Events per calendar month (year known), as a time series."""
    with _drawing():
        fig, ax = _figure()
        ax.set_title("Events per month (year resolved)")
        dated = events.dropna(subset=["year", "month"]) if {"year", "month"} <= set(events.columns) else events[:0]
        if dated.empty:
            _empty(ax, "events with a resolved year and month")
            return fig
        months = pd.to_datetime(pd.DataFrame({"year": dated["year"].astype(int), "month": dated["month"].astype(int),
                                              "day": 1}))
        counts = months.value_counts().sort_index()
        counts = counts.reindex(pd.date_range(counts.index.min(), counts.index.max(), freq="MS"), fill_value=0)
        x = counts.index
        ax.plot(x, counts.to_numpy(), marker="o", color=BAR_COLOR)
        ax.fill_between(x, counts.to_numpy(), alpha=0.15, color=BAR_COLOR)
        ax.set_xlabel("month")
        ax.set_ylabel("events")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        fig.autofmt_xdate()
    return fig


def value_counts(frame: pd.DataFrame, column: str, top: int = TOP_N) -> pd.Series:
    """The ``top`` most frequent non-null values of ``column`` (empty when the column is missing).

    >>> value_counts(pd.DataFrame({"c": ["a", "b", "a", None]}), "c").to_dict()
    {'a': 2, 'b': 1}
    """
    if column not in frame.columns:
        return pd.Series(dtype="int64")
    return frame[column].dropna().astype(str).value_counts().head(top)


def figure_totals(figures: pd.DataFrame) -> pd.Series:
    """Sum of figure values per main category, zero where a category has no figures.

    >>> figure_totals(pd.DataFrame({"category": ["households", "households", "other"], "value": [400.0, 5, 3]}))["households"]
    np.float64(405.0)
    """
    if not {"category", "value"} <= set(figures.columns):
        return pd.Series(0.0, index=list(TOTAL_CATEGORIES))
    sums = figures.groupby("category")["value"].sum()
    return pd.Series([float(sums.get(c, 0.0)) for c in TOTAL_CATEGORIES], index=list(TOTAL_CATEGORIES))


def overview_charts(documents: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame) -> dict[str, str]:
    """Every overview chart as inline SVG, keyed by a short name."""
    figs = {
        "status": bar_chart(value_counts(documents, "status"), "Documents by status", "status", "documents"),
        "months": events_per_month(events),
        "county": bar_chart(value_counts(events, "county"), "Events by county (区/县)", "events", "county",
                            horizontal=True),
        "township": bar_chart(value_counts(events, "township"), "Events by township (镇/街道)", "events",
                              "township", horizontal=True),
        "activity": bar_chart(value_counts(events, "activity_type"), "Activity-type mix", "events",
                              "activity type", horizontal=True),
        "totals": bar_chart(figure_totals(figures), "Totals of the main figure categories", "sum of values",
                            "category", horizontal=True),
    }
    return {name: to_svg(fig) for name, fig in figs.items()}
