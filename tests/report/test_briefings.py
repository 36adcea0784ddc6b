"""Briefings: corpus text arrives escaped, generation is deterministic, committed files are current."""
from __future__ import annotations

import filecmp
import html
import re

import pytest

from zerocovid.report.briefings import build_briefings, slug
from zerocovid.paths import BRIEFINGS_DIR
from helpers import write_corpus

HOSTILE_TITLE = "<script>alert('title')</script>某市道歉"
HOSTILE_ARTICLE = f"""---
title: "{HOSTILE_TITLE}"
date: 2022-11-01
---
<p>11月1日，某市召开新闻发布会。</p>
<p>我代表某市人民政府，对隔离点&lt;img src=x onerror=alert(1)&gt;服务不到位给大家带来的不便表示深深的歉意。</p>
<p>截至11月1日8时，某市累计报告本土确诊病例7例。</p>
"""


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("briefings")
    return out, build_briefings(out_dir=out)


def test_briefings_committed_are_current(fresh):
    out, written = fresh
    names = sorted(p.relative_to(out).as_posix() for p in written)
    committed = sorted(p.relative_to(BRIEFINGS_DIR).as_posix() for p in BRIEFINGS_DIR.rglob("*") if p.is_file())
    assert names == committed, "run `make briefings` and commit briefings/"
    mismatched = [n for n in names if not filecmp.cmp(out / n, BRIEFINGS_DIR / n, shallow=False)]
    assert mismatched == [], "briefings/ is out of date: run `make briefings`"


def test_one_briefing_per_region_and_a_comparative(fresh):
    out, _ = fresh
    for name in ["comparative", "yili", "korla", "xuchang", "xian"]:
        assert (out / f"{name}.md").is_file() and (out / f"{name}.html").is_file()


def test_generation_is_deterministic(fresh, tmp_path):
    out, written = fresh
    again = build_briefings(out_dir=tmp_path)
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(out) for p in written]
    assert all(filecmp.cmp(a, b, shallow=False) for a, b in zip(again, written))


def test_html_is_self_contained(fresh):
    out, _ = fresh
    page = (out / "comparative.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert "@font-face" in page and "data:font/woff;base64," in page and "data:image/png;base64," in page


def _embedded_font_characters(page: str) -> set[str]:
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    data = re.search(r"data:font/woff;base64,([A-Za-z0-9+/=]+)", page).group(1)
    return {chr(code) for code in TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()}


def test_one_font_subset_covers_every_page_of_a_run(fresh):
    """The CJK font is subset once per run (most of a briefing's cost), to every character any page shows."""
    out, _ = fresh
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}
    fonts = {re.search(r"@font-face[^}]*}", page).group(0) for page in pages.values()}
    assert len(fonts) == 1
    covered = _embedded_font_characters(next(iter(pages.values())))
    for name, page in pages.items():
        shown = set(html.unescape(re.sub(r"<[^>]+>", "", page.split("</style>", 1)[1])))
        missing = {c for c in shown if "\u4e00" <= c <= "\u9fff"} - covered
        assert missing == set(), (name, sorted(missing)[:10])


def test_every_quote_and_number_is_cited(fresh):
    comparative = (fresh[0] / "comparative.md").read_text(encoding="utf-8")
    assert "2022-09-09_korla @" in comparative and "2022-01-07_xian @" in comparative
    assert "深深的歉意 (" in comparative or "表示深深的歉意 (" in comparative  # glossed quote
    assert "Corpus last changed" in (fresh[0] / "README.md").read_text(encoding="utf-8")


def test_corpus_text_is_escaped_in_html(tmp_path):
    data = write_corpus(tmp_path / "data", {"hostile.html": HOSTILE_ARTICLE}, region="Hostile", published="")
    written = build_briefings(data_dir=data, out_dir=tmp_path / "out")
    page = (tmp_path / "out" / f"{slug('Hostile')}.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert html.escape(HOSTILE_TITLE) in page or html.escape("<script>alert('title')</script>", quote=False) in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert any(p.name == "comparative.html" for p in written)


def test_slug_is_ascii():
    assert slug("Xi'an") == "xian" and slug("Hong Kong") == "hong-kong"
    assert slug("伊犁").startswith("region-") and slug("伊犁") != slug("许昌") and slug("伊犁").isascii()


def test_briefings_for_chosen_regions_only_in_their_order(tmp_path):
    (tmp_path / "xuchang.md").write_text("an earlier generation", encoding="utf-8")
    written = build_briefings(out_dir=tmp_path, regions=["Xi'an", "Korla"])
    assert sorted(p.name for p in written if p.suffix == ".md") == ["README.md", "comparative.md", "korla.md", "xian.md"]
    assert not (tmp_path / "xuchang.md").exists()  # a stale briefing is removed
    comparative = (tmp_path / "comparative.md").read_text(encoding="utf-8")
    assert comparative.startswith("# Apologies, measures and case figures: Xi'an, Korla")
    assert "Xuchang" not in comparative


def test_corpus_text_is_escaped_in_markdown(tmp_path):
    data = write_corpus(tmp_path / "data", {"hostile.html": HOSTILE_ARTICLE}, region="Hostile", published="")
    build_briefings(data_dir=data, out_dir=tmp_path / "out")
    page = (tmp_path / "out" / f"{slug('Hostile')}.md").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_corpus_larger_than_a_table_is_summarised_per_region(monkeypatch, tmp_path):
    """With more articles than a table shows, the comparative briefing states coverage and sources per region,
    and a truncated table says so instead of "every" (MAX_ROWS lowered to 2 on the committed corpus)."""
    from zerocovid.report import briefings

    monkeypatch.setattr(briefings, "MAX_ROWS", 2)
    build_briefings(out_dir=tmp_path)
    page = (tmp_path / "comparative.md").read_text(encoding="utf-8")
    assert "What each region's 5 articles cover (per article in the notebooks)" in page
    assert "| Yili | 2 | 2022-01-24 – 2022-09-10 | 15 | 伊宁市, 霍尔果斯市 |" in page
    assert "5 articles: each region's briefing lists its sources" in page
    assert "First 2 of 8 rows; the notebooks hold all of them." in page   # the 8 apology acts
    assert "Every apology act, with its citation" not in page
    assert "2022-09-09_yili_yining" in (tmp_path / "yili.md").read_text(encoding="utf-8")   # its own sources in full


def test_briefings_read_no_token_rows(monkeypatch, tmp_path):
    """The briefings state no vocabulary finding, so they ask the cache for every coded table but the
    token rows (5.4 million at 10,000 articles, seconds to read)."""
    from zerocovid.report import briefings

    asked = []
    real = briefings.coded_tables

    def recording(*args, **kwargs):
        asked.append(kwargs.get("names"))
        return real(*args, **kwargs)

    monkeypatch.setattr(briefings, "coded_tables", recording)
    build_briefings(out_dir=tmp_path)
    assert asked == [["apologies", "acknowledgements", "measures", "figures", "events"]]


def test_the_font_subset_is_kept_beside_the_corpus_cache_and_read_again(monkeypatch, tmp_path):
    """A run whose pages use the same characters reads the subset kept in the cache folder instead of
    subsetting again; other characters make another subset, which replaces the first."""
    from zerocovid.report import render

    cache = tmp_path / "cache"
    first = render.font_face("许昌市道歉 apology", cache_dir=cache)
    assert first == render.font_face("许昌市道歉 apology")     # the same rule as without a cache
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) == 1 and kept[0].startswith("font-") and kept[0].endswith(".css")

    def no_subsetting(characters):
        raise AssertionError("subset again")

    monkeypatch.setattr(render, "_subset_font_face", no_subsetting)
    assert render.font_face("apology 道歉许昌市", cache_dir=cache) == first   # same characters, any order
    monkeypatch.undo()
    other = render.font_face("伊犁州", cache_dir=cache)
    assert other != first
    assert len(list(cache.iterdir())) == 1 and sorted(p.name for p in cache.iterdir()) != kept


def test_subsetting_the_font_leaves_no_file_open(recwarn):
    """fontTools keeps the font file open until the font is closed; an open one warned when collected."""
    import gc

    from zerocovid.report import render

    render.font_face("许昌市道歉")
    gc.collect()
    assert [str(w.message) for w in recwarn if issubclass(w.category, ResourceWarning)] == []
