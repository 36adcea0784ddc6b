"""Render a briefing (a list of blocks) as Markdown with PNG charts and as one self-contained HTML file.

The HTML inlines its CSS, embeds charts as data URIs and embeds a subset of Noto
Sans CJK SC (from mplfonts) holding exactly the glyphs the pages of one run use, so it shows
Chinese on a machine with no Chinese fonts and no network. Every string that comes
from the corpus is escaped. Rendering is deterministic: same blocks, same bytes.
"""
from __future__ import annotations

import base64
import hashlib
import re
import html
import io
import os
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from .plotting import font_path

FONT_FAMILY = "ZerocovidCJK"
CSS = """
body { font-family: 'ZerocovidCJK', 'Noto Sans CJK SC', sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d232a; line-height: 1.55; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #1b6ca8; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; color: #1b6ca8; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f5f8; }
.bottom-line { background: #f2f8fc; border-left: 4px solid #1b6ca8; padding: .6rem 1rem; }
.note { color: #55606b; font-size: .9rem; }
img { max-width: 100%; }
footer { margin-top: 3rem; color: #55606b; font-size: .85rem; }
"""


@dataclass
class Chart:
    """A chart as PNG bytes, with a file stem (for the Markdown's PNG) and alt text. Made from a matplotlib
    figure, which is drawn once and closed at once: a corpus of many regions never holds its figures open."""

    name: str
    png: bytes
    alt: str

    def __init__(self, name: str, figure, alt: str):
        self.name, self.alt = name, alt
        self.png = png_bytes(figure)
        plt.close(figure)


@dataclass
class Table:
    frame: pd.DataFrame
    caption: str = ""


@dataclass
class Briefing:
    """What a briefing says, independent of format: title, bottom line, sections of blocks."""

    slug: str
    title: str
    bottom_line: str
    sections: list[tuple[str, list]] = field(default_factory=list)
    footer: str = ""


def png_bytes(figure) -> bytes:
    """The chart as PNG, without version metadata, so bytes depend only on the data."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None}, dpi=120, bbox_inches="tight")
    return buffer.getvalue()


def md_escape(text: str) -> str:
    """Corpus text made inert in Markdown: no raw HTML, no links or images, no * emphasis, no | cells."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*\[\]|])", r"\\\1", text).replace("\n", " ")


def to_markdown(briefing: Briefing, *, image_dir: str = "img") -> tuple[str, dict[str, bytes]]:
    """Markdown text and the PNG files it links (relative name → bytes); every string escaped."""
    esc = md_escape
    lines = [f"# {esc(briefing.title)}", "", f"> {esc(briefing.bottom_line)}", ""]
    images: dict[str, bytes] = {}
    for heading, blocks in briefing.sections:
        lines += [f"## {esc(heading)}", ""]
        for block in blocks:
            if isinstance(block, str):
                lines += [esc(block), ""]
            elif isinstance(block, Table):
                if block.caption:
                    lines += [f"*{esc(block.caption)}*", ""]
                lines += [_markdown_table(block.frame), ""]
            elif isinstance(block, Chart):
                name = f"{image_dir}/{briefing.slug}_{block.name}.png"
                images[name] = block.png
                lines += [f"![{esc(block.alt)}]({name})", ""]
    if briefing.footer:
        lines += ["---", "", esc(briefing.footer), ""]
    return "\n".join(lines), images


def _markdown_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "*(none)*"

    cell = md_escape

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def to_html(briefing: Briefing, font: str | None = None) -> str:
    """One self-contained HTML page; corpus text escaped; CJK font subset embedded (``font``: an
    ``@font-face`` rule shared by several pages, from ``font_face``; default: this page's own subset)."""
    esc = html.escape
    body = [f"<h1>{esc(briefing.title)}</h1>", f'<p class="bottom-line">{esc(briefing.bottom_line)}</p>']
    for heading, blocks in briefing.sections:
        body.append(f"<h2>{esc(heading)}</h2>")
        for block in blocks:
            if isinstance(block, str):
                body.append(f"<p>{esc(block)}</p>")
            elif isinstance(block, Table):
                body.append(_html_table(block))
            elif isinstance(block, Chart):
                data = base64.b64encode(block.png).decode("ascii")
                body.append(f'<img alt="{esc(block.alt)}" src="data:image/png;base64,{data}">')
    if briefing.footer:
        body.append(f"<footer>{esc(briefing.footer)}</footer>")
    content = "\n".join(body)
    font = font if font is not None else font_face(visible_text(briefing))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
            "font-src data:; style-src 'unsafe-inline'\">\n"
            f"<title>{esc(briefing.title)}</title>\n<style>\n{font}{CSS}</style>\n</head>\n<body>\n"
            f"{content}\n</body>\n</html>\n")


def _html_table(table: Table) -> str:
    esc = html.escape
    if table.frame.empty:
        return '<p class="note">(none)</p>'
    head = "".join(f"<th>{esc(str(c))}</th>" for c in table.frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>"
                   for row in table.frame.itertuples(index=False))
    caption = f"<caption>{esc(table.caption)}</caption>" if table.caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def visible_text(briefing: Briefing) -> str:
    """Every character a reader sees on the page: what its embedded font must cover."""
    parts = [briefing.title, briefing.bottom_line, briefing.footer]
    for heading, blocks in briefing.sections:
        parts.append(heading)
        for block in blocks:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, Table):
                parts.append(block.caption)
                parts.extend(map(str, block.frame.columns))
                parts.extend(str(v) for v in block.frame.to_numpy().ravel())
            elif isinstance(block, Chart):
                parts.append(block.alt)
    return "".join(parts)


def font_face(text: str, *, cache_dir: Path | None = None) -> str:
    """An @font-face rule embedding the CJK font, subset to the characters of ``text``. With ``cache_dir``,
    the rule is kept there (one file, named by the characters and the font's and fontTools' versions), and
    a run whose pages use the same characters reads it instead of subsetting again (1.3–2 s of CPU)."""
    characters = sorted(set(text))
    if cache_dir is None:
        return _subset_font_face(characters)
    key = hashlib.sha256("\n".join(["".join(characters), version("mplfonts"), version("fonttools")]).encode())
    cached = Path(cache_dir) / f"font-{key.hexdigest()[:16]}.css"
    if cached.is_file():
        return cached.read_text(encoding="ascii")
    rule = _subset_font_face(characters)
    cached.parent.mkdir(parents=True, exist_ok=True)
    for older in cached.parent.glob("font-*.css"):   # another corpus's characters: not needed again
        older.unlink(missing_ok=True)
    temporary = cached.with_suffix(f".tmp{os.getpid()}")   # renamed whole: a reader never sees half a file
    temporary.write_text(rule, encoding="ascii")
    temporary.replace(cached)
    return rule


def _subset_font_face(characters: list[str]) -> str:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    buffer = io.BytesIO()
    # closed when saved: fontTools reads the font file lazily and keeps it open until then
    with subset.load_font(str(font_path()), options) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in characters])
        subsetter.subset(font)
        if "head" in font:
            font["head"].created = font["head"].modified = 0
        font.flavor = "woff"
        font.save(buffer, reorderTables=True)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f"@font-face {{ font-family: '{FONT_FAMILY}'; "
            f"src: url(data:font/woff;base64,{data}) format('woff'); }}\n")


def write(briefing: Briefing, out_dir: Path, *, font: str | None = None) -> list[Path]:
    """Write ``<slug>.md`` (with its PNGs) and ``<slug>.html`` into ``out_dir`` (``font`` as in ``to_html``)."""
    out_dir = Path(out_dir)
    markdown, images = to_markdown(briefing)
    written = []
    for name, data in images.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for suffix, text in ((".md", markdown), (".html", to_html(briefing, font))):
        path = out_dir / f"{briefing.slug}{suffix}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
