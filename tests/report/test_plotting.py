"""Charts: Chinese labels render with the font shipped by mplfonts (no missing-glyph warning); heatmaps and
scale charts draw what they are given; importing the package does not load pyplot."""
from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from zerocovid.analyzers.figures import extract_figures, outbreak_scale  # noqa: E402
from zerocovid.analyzers.measures import extract_measures  # noqa: E402
from zerocovid.report import plotting  # noqa: E402
from zerocovid.report.tables import count_table  # noqa: E402


def test_font_is_shipped_by_a_package():
    assert plotting.font_path().is_file()
    assert "site-packages" in str(plotting.font_path()) or "mplfonts" in str(plotting.font_path())
    assert plotting.register_cjk_font() == "Noto Sans CJK SC"


def test_chinese_labels_render_without_missing_glyphs():
    plotting.use_house_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.bar(["伊犁", "库尔勒", "许昌", "西安"], [3, 1, 0, 2])
        ax.set_title("道歉：深表歉意、鞠躬致歉 −1")
        ax.set_xlabel("地区（region）")
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)


def test_region_colours_stable():
    regions = ["Zhengzhou", "Xi'an", "Yili", "Beijing", "Korla"]
    assert plotting.region_colors(regions) == plotting.region_colors(list(reversed(regions)))


def test_region_colours_follow_the_chosen_order():
    assert plotting.region_colors(["Yili", "Korla"], ["Korla"]) == {"Korla": plotting.PALETTE[0],
                                                                   "Yili": plotting.PALETTE[1]}


def test_count_heatmap_writes_every_count_with_legible_contrast():
    import pandas as pd

    table = pd.DataFrame([[0, 3], [5, 1]], index=pd.Index(["伊犁", "许昌"], name="region"),
                         columns=pd.Index(["testing", "supplies"], name="category"))
    plotting.use_house_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Chinese label without its glyphs warns
        fig = plotting.count_heatmap(table, title="计数", colorbar_label="cues")
        fig.savefig(io.BytesIO(), format="png")
    ax = fig.axes[0]
    colours = {text.get_text(): text.get_color() for text in ax.texts}
    assert colours == {"3": "white", "5": "white", "1": "black"}  # zero cells stay blank
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("计数", "category", "region")
    assert [label.get_text() for label in ax.get_yticklabels()] == ["伊犁", "许昌"]
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "cues"
    assert len(plotting.count_heatmap(table).axes) == 1  # no colour bar unless labelled
    plt.close("all")


def test_strategy_heatmap_of_an_empty_matrix_says_so():
    import pandas as pd

    fig = plotting.count_heatmap(pd.DataFrame(index=pd.Index([], name="region")))
    assert fig.axes[0].texts[0].get_text() == "nothing to count"
    plt.close("all")


def test_count_heatmap_copes_with_empty_and_many_regions(make_docs):
    empty = count_table(extract_measures(make_docs("没有列表。")), rows="region", columns="category",
                        row_order=["A"], drop_empty_columns=True)
    assert empty.shape == (1, 0)
    assert plotting.count_heatmap(empty).axes[0].texts[0].get_text() == "nothing to count"
    many = pd.DataFrame([[i % 3, 0, 1] for i in range(12)], columns=["x", "y", "z"],
                        index=[f"Region{i}" for i in range(12)])
    fig = plotting.count_heatmap(many)
    assert fig.get_size_inches()[1] >= 0.45 * 12
    plt.close("all")


def test_scale_chart_draws_one_marker_series_per_article_place(docs):
    figures = extract_figures(docs)
    chart = plotting.scale_chart(outbreak_scale(figures), metrics=["cases", "isolated_people"])
    labels = chart.axes[0].get_legend_handles_labels()[1]
    assert labels[0] == "Yili, 霍尔果斯市 (2022-01-24_yili_horgos)" and len(labels) == 5  # Yining has neither metric
    assert chart.axes[0].get_xscale() == "log"
    plt.close(chart)
    empty = plotting.scale_chart(outbreak_scale(figures.iloc[:0]), metrics=["cases"])
    assert not empty.axes[0].collections
    plt.close(empty)
    with pytest.raises(ValueError):
        plotting.scale_chart(outbreak_scale(figures), metrics=[])


def test_scale_chart_bands_compare_like_with_like(docs):
    """One band per metric and place level, and for cases per scope: Korla's current county count, Xinjiang's
    current province count and Xuchang's cumulative prefecture count never share a band (committed corpus)."""
    scale = outbreak_scale(extract_figures(docs))
    bands = plotting.scale_bands(scale, ["cases", "isolated_people", "sealed_zones", "deaths"])
    given = {name: sorted(zip(scale.loc[bands[name].notna(), "place"], bands[name].dropna())) for name in bands}
    assert given == {
        "cases · cumulative · prefecture": [("许昌市", 105.0)],
        "cases · current · county": [("库尔勒市", 41.0)],
        "cases · current · province": [("新疆维吾尔自治区", 545.0)],
        "cases · new · county": [("霍尔果斯市", 14.0)],
        "isolated people · prefecture": [("西安市", 39473.0), ("许昌市", 9807.0)],
        "sealed zones · prefecture": [("许昌市", 41.0)],
        "deaths": []}   # no article gives it: an empty band keeps the charts aligned
    chart = plotting.scale_chart(scale, metrics=["cases", "isolated_people"])
    assert [t.get_text() for t in chart.axes[0].get_yticklabels()] == list(bands.columns[:5])
    plt.close(chart)


def test_importing_the_package_does_not_load_pyplot():
    import subprocess
    import sys
    code = "import sys, zerocovid; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_code_ids_are_written_as_words_on_charts():
    assert [plotting.readable(x) for x in ["benoit.defeasibility", "ccsarp.explicit_apology",
                                           "accountability.pursue_liability", "cases_per_100k", "Xi'an", "库尔勒市"]] == [
        "Benoit: defeasibility", "CCSARP: explicit apology", "accountability: pursue liability", "cases per 100k",
        "Xi'an", "库尔勒市"]
    fig = plotting.count_heatmap(pd.DataFrame({"benoit.defeasibility": [1]}, index=["Korla"]))
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Benoit: defeasibility"]
    plt.close(fig)


def test_scale_chart_of_many_places_draws_one_marker_per_region_even_for_missing_metrics():
    scale = pd.DataFrame({"region": [f"R{i % 3}" for i in range(30)], "doc_id": [f"d{i}" for i in range(30)],
                          "place": ["p"] * 30, "cases": range(1, 31)})
    chart = plotting.scale_chart(scale, metrics=["cases", "close_contacts"])
    assert chart.axes[0].get_legend_handles_labels()[1] == ["R0, median of 10", "R1, median of 10", "R2, median of 10"]
    plt.close(chart)


def test_a_case_count_of_mixed_scopes_is_in_no_band():
    scale = pd.DataFrame({"region": ["A", "B"], "doc_id": ["d1", "d2"], "place": ["p", "q"],
                          "place_level": ["city", ""], "case_scope": ["cumulative+new", "new"], "cases": [40.0, 7.0]})
    bands = plotting.scale_bands(scale, ["cases"])
    assert {name: bands[name].dropna().tolist() for name in bands} == {"cases · new · level unknown": [7.0]}


def test_rates_of_cases_keep_the_scope_of_their_cases(docs):
    """Per-100,000 rates have their own chart; a case rate is banded by the scope of the cases it divides."""
    scale = outbreak_scale(extract_figures(docs))
    bands = plotting.scale_bands(scale, ["cases_per_100k", "isolated_per_100k"])
    assert list(bands.columns) == ["cases per 100k · cumulative · prefecture", "cases per 100k · current · province",
                                   "isolated per 100k · prefecture"]
    assert bands["cases per 100k · current · province"].dropna().round(2).tolist() == [2.11]   # 545 in Xinjiang
