"""Charts that draw Chinese: a CJK font shipped by mplfonts, registered with matplotlib.

No system font is needed: ``use_house_style()`` adds Noto Sans CJK SC from the
mplfonts package to matplotlib's font manager and makes it the default family,
so Chinese labels never fall back to empty boxes.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import mplfonts
from matplotlib import font_manager

from .resources import load_resource

FONT_FILE = "NotoSansCJKsc-Regular.otf"
PALETTE = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d96a3", "#2e4057", "#b07aa1"]


def font_path() -> Path:
    """The CJK font file inside the installed mplfonts package."""
    return Path(mplfonts.__file__).resolve().parent / "fonts" / FONT_FILE


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Add the CJK font to matplotlib once; return its family name."""
    path = font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_house_style() -> None:
    """The suite's chart style: CJK-capable font, readable sizes, fixed PNG output."""
    family = register_cjk_font()
    mpl.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "figure.figsize": (8, 4.5),
        "svg.hashsalt": "zerocovid",
        "path.simplify": True,
    })


_preferred_order: list[str] | None = None


def prefer_region_order(regions: list[str] | None) -> None:
    """Make ``regions`` the order of later tables and charts; None restores the default order."""
    global _preferred_order
    _preferred_order = list(regions) if regions else None


def default_region_order() -> list[str]:
    """The order of resources/regions.yaml."""
    return [entry["region"] for entry in load_resource("regions")["default_order"]]


def region_order(regions) -> list[str]:
    """The chosen (else the default) regions first, in that order, then any other region alphabetically."""
    present = set(regions)
    first = [r for r in (_preferred_order or default_region_order()) if r in present]
    return first + sorted(present - set(first))


def region_colors(regions) -> dict[str, str]:
    """A stable colour per region, following ``region_order``."""
    return {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(region_order(regions))}


def timeline(docs, *, ax=None):
    """Each article as a dot on its publication date, one row per region; returns the figure."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    order = region_order(docs["region"])
    colors = region_colors(docs["region"])
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * len(order)))
    for y, region in enumerate(reversed(order)):
        dates = docs.loc[docs["region"] == region, "published"].dt.tz_localize(None)
        ax.scatter(dates, [y] * len(dates), s=60, color=colors[region], zorder=3)
    ax.set_yticks(range(len(order)), list(reversed(order)))
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_xlabel("publication date (Beijing time)")
    ax.grid(axis="y", alpha=0)
    return ax.figure


def bar_by_region(frame, *, value: str, label: str, ax=None):
    """Horizontal bars of ``value`` per row of ``frame`` (needs ``label`` and ``region`` columns)."""
    import matplotlib.pyplot as plt

    colors = region_colors(frame["region"])
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.8 + 0.4 * len(frame)))
    ax.barh(frame[label], frame[value], color=[colors[r] for r in frame["region"]])
    ax.invert_yaxis()
    ax.grid(axis="y", alpha=0)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colors[r]) for r in region_order(frame["region"])]
    ax.legend(handles, region_order(frame["region"]), frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax.figure


def count_heatmap(table, *, title: str = "", cmap: str = "Blues", colorbar_label: str | None = None):
    """An annotated heatmap of a count table (rows x columns) with the counts written in the cells; returns the
    figure. Height grows with the rows, so ten or more regions stay legible; an empty table says so."""
    import matplotlib.pyplot as plt

    n_rows, n_cols = table.shape
    fig, ax = plt.subplots(figsize=(max(6.0, 0.6 * n_cols + 2.5), max(2.0, 0.45 * n_rows + 1.6)))
    if table.empty:
        ax.text(0.5, 0.5, "nothing to count", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title)
        return fig
    values = table.to_numpy()
    top = max(1, values.max())
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=top)
    ax.set_xticks(range(n_cols), [str(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(n_rows), [str(r) for r in table.index])
    ax.grid(False)
    for i in range(n_rows):
        for j in range(n_cols):
            if values[i, j]:
                ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize=9,
                        color="white" if values[i, j] > top / 2 else "black")
    ax.set_title(title)
    ax.set_xlabel(table.columns.name or "")
    ax.set_ylabel(table.index.name or "")
    if colorbar_label:
        fig.colorbar(image, ax=ax, label=colorbar_label, fraction=0.025, pad=0.01)
    fig.tight_layout()
    return fig
