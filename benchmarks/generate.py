"""Make a realistic synthetic corpus of N articles from the seed articles.

    python -m benchmarks.generate OUT_DIR --n 10000 [--seed 0]

Each article takes one seed's cleaned paragraphs, keeps the lead and a random share of
the rest plus a few paragraphs of a second seed, renumbers its 一是/二是 lists, and moves it to another place, date and set of
figures. It is then written as a page an analyst would collect: HTML with YAML front
matter, portal text (half-width punctuation, breadcrumb, update-time line), a WeChat
page, a full HTML page without front matter, or Markdown; a few are in traditional
script, GB18030, UTF-8 with BOM or UTF-16, and 1 % re-post an earlier article with one
sentence changed (a near-duplicate). Same N and seed, same bytes.
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import opencc
from tqdm import tqdm

import zerocovid as zc
from zerocovid.corpus import MANIFEST_COLUMNS, write_manifest

# (region, place, province) in English, then the Chinese names of the city and province.
PLACES = [
    ("Chengdu", "Chengdu", "Sichuan", "成都", "四川"), ("Mianyang", "Mianyang", "Sichuan", "绵阳", "四川"),
    ("Shanghai", "Pudong", "Shanghai", "浦东", "上海"), ("Guangzhou", "Guangzhou", "Guangdong", "广州", "广东"),
    ("Shenzhen", "Shenzhen", "Guangdong", "深圳", "广东"), ("Urumqi", "Urumqi", "Xinjiang", "乌鲁木齐", "新疆"),
    ("Kashgar", "Kashgar", "Xinjiang", "喀什", "新疆"), ("Lhasa", "Lhasa", "Tibet", "拉萨", "西藏"),
    ("Zhengzhou", "Zhengzhou", "Henan", "郑州", "河南"), ("Anyang", "Anyang", "Henan", "安阳", "河南"),
    ("Yan'an", "Yan'an", "Shaanxi", "延安", "陕西"), ("Xianyang", "Xianyang", "Shaanxi", "咸阳", "陕西"),
    ("Lanzhou", "Lanzhou", "Gansu", "兰州", "甘肃"), ("Xining", "Xining", "Qinghai", "西宁", "青海"),
    ("Hohhot", "Hohhot", "Inner Mongolia", "呼和浩特", "内蒙古"), ("Ejina", "Ejina", "Inner Mongolia", "额济纳", "内蒙古"),
    ("Ruili", "Ruili", "Yunnan", "瑞丽", "云南"), ("Kunming", "Kunming", "Yunnan", "昆明", "云南"),
    ("Shijiazhuang", "Shijiazhuang", "Hebei", "石家庄", "河北"), ("Tianjin", "Tianjin", "Tianjin", "天津", "天津"),
    ("Jilin", "Jilin", "Jilin", "吉林", "吉林"), ("Changchun", "Changchun", "Jilin", "长春", "吉林"),
    ("Harbin", "Harbin", "Heilongjiang", "哈尔滨", "黑龙江"), ("Dalian", "Dalian", "Liaoning", "大连", "辽宁"),
    ("Nanjing", "Nanjing", "Jiangsu", "南京", "江苏"), ("Yangzhou", "Yangzhou", "Jiangsu", "扬州", "江苏"),
    ("Xiamen", "Xiamen", "Fujian", "厦门", "福建"), ("Putian", "Putian", "Fujian", "莆田", "福建"),
    ("Sanya", "Sanya", "Hainan", "三亚", "海南"), ("Guiyang", "Guiyang", "Guizhou", "贵阳", "贵州"),
]
SEED_CITIES = ["巴音郭楞", "霍尔果斯", "库尔勒", "伊犁", "伊宁", "许昌", "西安"]
SEED_PROVINCES = ["新疆维吾尔自治区", "新疆", "陕西", "河南"]
OUTLETS = ["观察者网", "新浪财经", "澎湃新闻", "中国新闻网", "人民网", "央视新闻", "新京报", "界面新闻"]
EMOJI = ["🔥", "📢", "✅", "❤️", "👉", "🙏"]
FORMATS = [("front_matter_html", 35), ("portal_text", 25), ("wechat", 15), ("html_page", 13), ("markdown", 12)]
NUMBER = re.compile(r"(\d{1,2})月(\d{1,2})日|(\d{4})年|\d+")
LIST_ITEM = re.compile(r"^[一二三四五六七八九十]+是")
ORDINALS = "一二三四五六七八九十"
KEEP_SHARE = 0.25  # of the seed's paragraphs after the lead
OTHER_SHARE = 0.1  # of a second seed's paragraphs, so that no two articles share a skeleton


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    total = generate(Path(args.out_dir), n=args.n, seed=args.seed)
    print(f"wrote {args.n} articles ({total / 1e6:.1f} MB) to {args.out_dir}")


def generate(out_dir: Path, *, n: int, seed: int = 0) -> int:
    """Write ``out_dir/manifest.csv`` and ``out_dir/raw/*``; return the total bytes of raw files."""
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    seeds = [_segments(doc) for doc in zc.load_documents().itertuples()]
    to_traditional = opencc.OpenCC("s2t")
    raw_dir = out_dir / "raw"
    raw_dir.mkdir(parents=True, exist_ok=True)
    rows, written, total = [], [], 0
    for i in tqdm(range(n), desc="generating", unit="article", disable=None, leave=False):
        rng = random.Random(seed * 1_000_003 + i)
        if written and rng.random() < 0.01:
            article = _repost(rng.choice(written), rng, number=i)
        else:
            article = _article(rng.choice(seeds), rng.choice(seeds), rng)
        written.append(article)
        page_format = rng.choices([f for f, _ in FORMATS], [w for _, w in FORMATS])[0]
        text = RENDER[page_format](article, rng)
        if rng.random() < 0.05:
            text = to_traditional.convert(text)
        data, encoding, declared = _encode(text, rng)
        suffix = ".md" if page_format == "markdown" else ".html" if page_format in ("wechat", "html_page") else ".txt"
        doc_id = f"{article['date']}_synthetic_{i:05d}"
        (raw_dir / f"{doc_id}{suffix}").write_bytes(data)
        total += len(data)
        row = dict.fromkeys(MANIFEST_COLUMNS, "")
        row.update(doc_id=doc_id, file=f"raw/{doc_id}{suffix}", region=article["region"], place=article["place"],
                   province=article["province"], outlet=article["outlet"], encoding=declared,
                   published="" if page_format in ("front_matter_html", "portal_text") else article["date"])
        rows.append(row)
    write_manifest(out_dir, rows)
    return total


def _segments(doc) -> dict:
    """A seed as paragraphs of (text, bold) segments."""
    paragraphs, offset = [], 0
    for line in doc.text.split("\n"):
        cuts = sorted({0, len(line), *(min(max(p - offset, 0), len(line)) for s in doc.bold_spans for p in s)})
        bold = [any(s <= offset + a and offset + b <= e for s, e in doc.bold_spans) for a, b in zip(cuts, cuts[1:])]
        paragraphs.append([(line[a:b], flag) for (a, b), flag in zip(zip(cuts, cuts[1:]), bold) if b > a])
        offset += len(line) + 1
    return {"title": doc.title, "paragraphs": paragraphs}


def _article(seed: dict, other: dict, rng: random.Random) -> dict:
    region, place, province, city_zh, province_zh = rng.choice(PLACES)
    year, month, day = rng.choice([2020, 2021, 2022]), rng.randint(1, 12), rng.randint(1, 28)
    lead, *rest = seed["paragraphs"]
    kept = [lead] + [p for p in rest if rng.random() < KEEP_SHARE]
    kept += [p for p in other["paragraphs"][1:] if rng.random() < OTHER_SHARE]
    places = re.compile("|".join(SEED_CITIES + SEED_PROVINCES))
    swap = {**dict.fromkeys(SEED_CITIES, city_zh), **dict.fromkeys(SEED_PROVINCES, province_zh)}

    def vary(text: str) -> str:
        text = places.sub(lambda m: swap[m.group()], text)
        return NUMBER.sub(lambda m: _number(m, rng, year), text)

    paragraphs, item = [], 0
    for paragraph in kept:
        segments = [(vary(text), bold) for text, bold in paragraph]
        if segments and LIST_ITEM.match(segments[0][0]):
            item = min(item + 1, len(ORDINALS))
            segments[0] = (LIST_ITEM.sub(ORDINALS[item - 1] + "是", segments[0][0]), segments[0][1])
        else:
            item = 0
        paragraphs.append(segments)
    return {"title": vary(seed["title"]), "paragraphs": paragraphs, "region": region, "place": place,
            "province": province, "outlet": rng.choice(OUTLETS), "date": f"{year}-{month:02d}-{day:02d}"}


def _number(match: re.Match, rng: random.Random, year: int) -> str:
    if match.group(1):
        return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    if match.group(3):
        return f"{year}年"
    digits = len(match.group())
    return str(rng.randint(10 ** (digits - 1) if digits > 1 else 0, 10 ** digits - 1))


def _repost(original: dict, rng: random.Random, *, number: int) -> dict:
    """The same article from another outlet, a numbered credit added to its longest paragraph."""
    paragraphs = [list(p) for p in original["paragraphs"]]
    longest = max(range(len(paragraphs)), key=lambda k: sum(len(t) for t, _ in paragraphs[k]))
    text, bold = paragraphs[longest][-1]
    paragraphs[longest][-1] = (f"{text}（转载稿件{number:05d}）", bold)
    return {**original, "paragraphs": paragraphs, "outlet": rng.choice(OUTLETS)}


def _html_paragraphs(article: dict, wrap=lambda s: s) -> str:
    parts = []
    for paragraph in article["paragraphs"]:
        inner = "".join(f"<strong>{t}</strong>" if b else t for t, b in paragraph)
        parts.append(f"<p>{wrap(inner)}</p>")
    return "\n<p><br></p>\n".join(parts)


def _front_matter_html(article: dict, rng: random.Random) -> str:
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    return (f"---\ntitle: '{article['title']}'\nauthor: {article['outlet']}\ncomments: false\n"
            f"date: {article['date']} {hour:02d}:{minute:02d}:00\n---\n\n<div>\n"
            f"<img src=\"https://example.org/{rng.randint(1, 10**6)}.jpg\" referrerpolicy=\"no-referrer\">\n"
            f"{_html_paragraphs(article)}\n<div class=\"share-bar\">分享到 微信 微博</div>\n</div>\n"
            "<p>推荐内容</p><p>另一篇文章的标题</p>\n")


def _portal_text(article: dict, rng: random.Random) -> str:
    half = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})
    body = "\n\n".join("".join(t for t, _ in p).translate(half) for p in article["paragraphs"])
    return (f"{article['outlet']}您的位置:首页 >新闻 >\n\n{article['title']}\n\n"
            f"更新时间:{article['date']} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00作者:佚名\n\n"
            f"{article['title']}\n\n{body}\n\n责任编辑:{rng.choice('张王李赵')}某\n")


def _wechat(article: dict, rng: random.Random) -> str:
    def wrap(inner: str) -> str:
        return f"<span style=\"font-size: 15px;\">{inner}{rng.choice(EMOJI) if rng.random() < 0.2 else ''}</span>"

    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<meta property=\"og:title\" content=\"{article['title']}\"><title>{article['title']}</title>"
            "<script>var biz = \"MzA\"; window.__appmsg = {\"id\": 1};</script></head><body>"
            f"<div id=\"js_article\"><h1 class=\"rich_media_title\">{article['title']}</h1>"
            f"<span id=\"js_name\">{article['outlet']}</span><em id=\"publish_time\">{article['date']}</em>"
            "<div class=\"rich_media_content\" id=\"js_content\" style=\"visibility: hidden;\">"
            f"<section><section style=\"margin: 0 8px;\">{_html_paragraphs(article, wrap)}</section>"
            f"<section><p>{rng.choice(EMOJI)}</p></section></section></div>"
            "<div class=\"qr_code_pc\"><p>微信扫一扫关注该公众号</p></div></div>"
            "<script>document.getElementById('js_content').style.visibility = 'visible';</script>"
            "</body></html>\n")


def _html_page(article: dict, rng: random.Random) -> str:
    return ("<html><head><title>" + article["title"] + "_" + article["outlet"] + "</title></head><body>"
            "<ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/news\">新闻</a></li></ul>"
            f"<div class=\"breadcrumb\">当前位置：首页 > 新闻</div><h1>{article['title']}</h1>"
            f"<div class=\"article-content\">{_html_paragraphs(article)}</div>"
            "<div class=\"footer\">版权所有 © 示例网站</div></body></html>\n")


def _markdown(article: dict, rng: random.Random) -> str:
    lines = [f"# {article['title']}", "", f"![](https://example.org/{rng.randint(1, 10**6)}.png)", ""]
    for paragraph in article["paragraphs"]:
        lines += ["".join(f"**{t}**" if b else t for t, b in paragraph), ""]
    lines.append(f"原文链接：[{article['outlet']}](https://example.org/{rng.randint(1, 10**6)})")
    return "\n".join(lines) + "\n"


RENDER = {"front_matter_html": _front_matter_html, "portal_text": _portal_text, "wechat": _wechat,
          "html_page": _html_page, "markdown": _markdown}


def _encode(text: str, rng: random.Random) -> tuple[bytes, str, str]:
    """(bytes, encoding used, encoding declared in the manifest or "")."""
    draw = rng.random()
    if draw < 0.08:
        try:
            return text.encode("gb18030"), "gb18030", "gb18030" if draw < 0.04 else ""
        except UnicodeEncodeError:
            pass
    elif draw < 0.11:
        return text.encode("utf-8-sig"), "utf-8-sig", ""
    elif draw < 0.13:
        return text.encode("utf-16"), "utf-16", ""
    return text.encode("utf-8"), "utf-8", ""


if __name__ == "__main__":
    main()
