"""Chinese labels render with the font shipped by mplfonts: no missing-glyph warning."""
from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from zerocovid.report import plotting  # noqa: E402


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


def test_region_order_and_colours_stable():
    from zerocovid.regions import region_order

    regions = ["Zhengzhou", "Xi'an", "Yili", "Beijing", "Korla"]
    assert region_order(regions) == ["Yili", "Korla", "Xi'an", "Beijing", "Zhengzhou"]
    assert plotting.region_colors(regions) == plotting.region_colors(list(reversed(regions)))


def test_chosen_regions_are_an_argument_not_a_global(docs):
    import zerocovid as zc

    chosen = zc.select_regions(docs, ["Xi'an", "Korla"])
    assert zc.region_order(chosen["region"], ["Xi'an", "Korla"]) == ["Xi'an", "Korla"]
    assert zc.region_order(["Yili", "Korla", "Xi'an"], ["Xi'an", "Korla"]) == ["Xi'an", "Korla", "Yili"]
    # choosing regions changes nothing for a later call that does not pass them
    assert zc.region_order(docs["region"]) == ["Yili", "Korla", "Xuchang", "Xi'an"]
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
