"""Charts that draw Chinese: a CJK font shipped by mplfonts, registered with matplotlib.

Every chart of the suite is here (analyzers never import matplotlib): ``timeline``,
``bar_by_region``, ``count_heatmap`` (count tables, strategy matrices), ``scale_chart``
(``outbreak_scale``) and ``plot_keywords`` (``top_keywords``). Charts that compare regions take
``order`` (see ``zerocovid.regions.region_order``).

No system font is needed: ``use_house_style()`` adds Noto Sans CJK SC from the
mplfonts package to matplotlib's font manager and makes it the default family,
so Chinese labels never fall back to empty boxes.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import mplfonts
import pandas as pd
from matplotlib import font_manager

from ..regions import region_order

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


MAX_BARS = 40      # bars drawn per chart; the largest are kept beyond
MAX_SERIES = 16    # markers per band of a scale chart; beyond, one per region (its median)
MAX_PANELS = 12    # keyword panels per chart; beyond, the groups with the most content tokens


SCHEMES = {"ccsarp": "CCSARP", "benoit": "Benoit", "accountability": "accountability"}


def readable(label) -> str:
    """A code id as words on a chart: benoit.defeasibility → "Benoit: defeasibility", cases_per_100k →
    "cases per 100k", community_control → "community control"; other labels (places, names) unchanged."""
    text = str(label)
    scheme, dot, code = text.partition(".")
    if dot and scheme in SCHEMES:
        return f"{SCHEMES[scheme]}: {code.replace('_', ' ')}"
    return text.replace("_", " ") if text.isascii() else text


def region_colors(regions, order: list[str] | None = None) -> dict[str, str]:
    """A stable colour per region, following ``region_order(regions, order)``."""
    return {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(region_order(regions, order))}


def timeline(docs, *, order: list[str] | None = None, ax=None):
    """Each article as a dot on its publication date, one row per region (``order`` first, see
    ``region_order``); returns the figure."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    colors = region_colors(docs["region"], order)
    order = region_order(docs["region"], order)
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


def bar_by_region(frame, *, value: str, label: str, order: list[str] | None = None, ax=None):
    """Horizontal bars of ``value`` per row of ``frame`` (needs ``label`` and ``region`` columns); beyond
    ``MAX_BARS`` rows only the largest are drawn, and the chart says so, so it stays readable at any size."""
    import matplotlib.pyplot as plt

    colors = region_colors(frame["region"], order)
    order = region_order(frame["region"], order)
    total = len(frame)
    if total > MAX_BARS:
        frame = frame.loc[frame[value].sort_values(ascending=False, kind="stable").index[:MAX_BARS]]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.8 + 0.4 * len(frame)))
    ax.barh(frame[label], frame[value], color=[colors[r] for r in frame["region"]])
    ax.invert_yaxis()
    ax.grid(axis="y", alpha=0)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colors[r]) for r in order][:MAX_BARS]
    ax.legend(handles, order[:MAX_BARS], frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    if total > MAX_BARS:
        ax.annotate(f"the {MAX_BARS} largest of {total:,}", xy=(1.0, -0.06), xycoords="axes fraction",
                    ha="right", va="top", fontsize=8)
    return ax.figure


def count_heatmap(table, *, title: str = "", cmap: str = "Blues", colorbar_label: str | None = None):
    """An annotated heatmap of a count or rate table (rows x columns) with the values written in the cells
    (rates to one decimal); returns the figure. Height grows with the rows, so ten or more regions stay
    legible; an empty table says so."""
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
    ax.set_xticks(range(n_cols), [readable(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(n_rows), [readable(r) for r in table.index])
    ax.grid(False)
    for i in range(n_rows):
        for j in range(n_cols):
            if values[i, j]:
                shown = str(values[i, j]) if float(values[i, j]).is_integer() else f"{values[i, j]:.1f}"
                ax.text(j, i, shown, ha="center", va="center", fontsize=9,
                        color="white" if values[i, j] > top / 2 else "black")
    ax.set_title(title)
    ax.set_xlabel(table.columns.name or "")
    ax.set_ylabel(table.index.name or "")
    if colorbar_label:
        fig.colorbar(image, ax=ax, label=colorbar_label, fraction=0.025, pad=0.01)
    fig.tight_layout()
    return fig


# columns of outbreak_scale computed from `cases`: they carry its scope (a rate of new cases is not one of all cases)
CASE_DERIVED = ("cases", "cases_per_100k", "rooms_per_case", "contacts_per_case", "isolated_per_case")
# place levels from the finest: bands of one metric run from township to country
PLACE_LEVELS = ("township", "district", "county", "city", "prefecture", "province", "country")


def scale_bands(scale: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """``scale`` with one column per band of ``scale_chart``: a metric at one place level and, for ``cases``
    and what is computed from it (``CASE_DERIVED``), one scope (new, current, cumulative), named
    "metric · scope · level"; like is compared only with like.
    A case count that adds figures of different scopes (cumulative confirmed + new asymptomatic) is in no
    band. A metric no row gives keeps one empty band named after it."""
    bands = {}
    level = scale["place_level"].fillna("") if "place_level" in scale else pd.Series("", index=scale.index)
    level = level.replace("", "level unknown")
    scope = scale["case_scope"].fillna("") if "case_scope" in scale else pd.Series("", index=scale.index)
    for metric in metrics:
        values = scale[metric] if metric in scale else pd.Series(float("nan"), index=scale.index)
        given = values.notna() & (values > 0) & ~((metric in CASE_DERIVED) & scope.str.contains("+", regex=False))
        keys = sorted({(scope[i] if metric in CASE_DERIVED else "", level[i]) for i in scale.index[given]},
                      key=lambda k: (k[0], PLACE_LEVELS.index(k[1]) if k[1] in PLACE_LEVELS else len(PLACE_LEVELS), k[1]))
        for band_scope, band_level in keys or [("", "")]:
            name = " · ".join(part for part in (readable(metric), band_scope, band_level) if part)
            bands[name] = values.where((scope == band_scope) | (metric not in CASE_DERIVED)).where(level == band_level) \
                if keys else values
    return pd.DataFrame(bands, index=scale.index)


def scale_chart(scale: pd.DataFrame, *, metrics: list[str], order: list[str] | None = None, ax=None):
    """Dot chart of ``metrics`` (columns of ``outbreak_scale``) on a log axis: one band per metric, place
    level and (for cases) scope (``scale_bands``), one dot per (article, place), coloured by region, so a
    band compares like with like; a metric no article gives keeps an empty band. Returns the figure."""
    import matplotlib.pyplot as plt

    if not isinstance(scale, pd.DataFrame) or not metrics:
        raise ValueError("scale_chart needs the outbreak_scale() frame and at least one metric")
    bands = scale_bands(scale, metrics)
    names = list(bands.columns)
    rank = {region: n for n, region in enumerate(region_order(scale["region"], order))}
    series = pd.concat([scale[["region", "doc_id", "place"]], bands], axis=1)
    series = series.assign(_order=series["region"].map(rank)).sort_values(["_order", "doc_id", "place"], kind="stable")
    if len(series) > MAX_SERIES:   # one marker per region, the median of its articles and places
        medians = series.groupby("region", sort=False)[names].median()
        counts = series.groupby("region", sort=False).size()
        series = medians.assign(region=medians.index, place=[f"median of {counts[r]}" for r in medians.index],
                                doc_id="").reset_index(drop=True)
    colors = region_colors(scale["region"], order)
    markers = "oDs^vP*Xhp<>"
    n_series = max(len(series), 1)
    if ax is None:
        # bands widen with the markers they hold, up to 1.5 times: beyond, markers of a band overlap a little
        _, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * len(names) * min(max(1.0, n_series / 8), 1.5)))
    for position, (_, row) in enumerate(series.iterrows()):
        offset = (position - (n_series - 1) / 2) * 0.8 / n_series
        points = [(row[name], y + offset) for y, name in enumerate(names) if pd.notna(row[name]) and row[name] > 0]
        if not points:
            continue
        xs, ys = zip(*points)
        source = f" ({row['doc_id']})" if row["doc_id"] else ""
        ax.scatter(xs, ys, color=colors[row["region"]], marker=markers[position % len(markers)], s=45, zorder=3,
                   label=f"{row['region']}, {row['place']}{source}")
    ax.set_xscale("log")
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlabel("value (log scale)")
    ax.grid(axis="y", alpha=0)
    if ax.collections:
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    else:
        ax.text(0.5, 0.5, "no figures for these metrics", transform=ax.transAxes, ha="center", va="center")
    return ax.figure


def plot_keywords(top: pd.DataFrame, *, groups=None, ncols: int = 4):
    """Small multiples of G² per keyword, one panel per group (in ``groups`` order), labels "token (count)".

    Panels wrap after ``ncols``, so ten or more regions stay legible; a group without
    keywords gets an empty panel that says so. Beyond ``MAX_PANELS`` groups only those with the most
    content tokens are drawn, and the chart says so (30 panels took seconds to draw and were hard to read).
    """
    import matplotlib.pyplot as plt

    missing = [c for c in ["group", "token", "n_target", "g2"] if c not in top.columns]
    if missing:
        raise ValueError(f"top_keywords lacks the column(s) {', '.join(missing)}; "
                         "pass the DataFrame returned by zerocovid.top_keywords()")
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a whole number >= 1, got {ncols!r}")
    groups = list(groups) if groups is not None else sorted(top["group"].unique())
    colors = region_colors(groups)
    n_groups = len(groups)
    if n_groups > MAX_PANELS:
        sizes = top.groupby("group")["target_size"].max() if "target_size" in top.columns else top.groupby("group").size()
        largest = set(sorted(groups, key=lambda g: -int(sizes.get(g, 0)))[:MAX_PANELS])   # stable: ties in order
        groups = [g for g in groups if g in largest]
    n_rows_max = max([1] + top.groupby("group").size().tolist())
    ncols = max(1, min(ncols, len(groups)))
    nrows = max(1, -(-len(groups) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.2 * ncols, 0.32 * n_rows_max * nrows + 1.2 * nrows),
                             squeeze=False)
    for ax in axes.flat[len(groups):]:
        ax.set_visible(False)
    for ax, group in zip(axes.flat, groups):
        rows = top[top["group"] == group].iloc[::-1]
        ax.set_title(str(group))
        if rows.empty:
            ax.text(0.5, 0.5, "no keyword", ha="center", va="center", transform=ax.transAxes)
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        labels = [f"{t} ({c})" for t, c in zip(rows["token"], rows["n_target"])]
        ax.barh(range(len(rows)), rows["g2"], color=colors[group])
        ax.set_yticks(range(len(rows)), labels)
        ax.set_ylim(-0.6, n_rows_max - 0.4)
        ax.set_xlabel("G² (log-likelihood)")
        ax.grid(axis="y", visible=False)
    if n_groups > len(groups):
        fig.suptitle(f"The {len(groups)} of {n_groups:,} groups with the most content tokens; "
                     "top_keywords() lists every group's keywords", fontsize=10)
    fig.tight_layout()
    return fig
