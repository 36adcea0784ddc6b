"""Bytes to text: the manifest's encoding if given, else a byte-order mark, UTF-8, or detection.

Chinese pages in the wild come as UTF-8 (with or without BOM), GB18030/GBK,
Big5 or UTF-16; charset-normalizer picks among those when UTF-8 fails.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import CorpusError

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
DETECTION_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # below 32, except tab, line feed and return


def decode(raw: bytes, *, declared: str | None, source: str) -> tuple[str, str]:
    """Return (text, encoding used). ``declared`` (from the manifest) wins when given."""
    if declared:
        try:
            return _checked(raw.decode(declared), declared, source), declared
        except LookupError:
            raise CorpusError(f"{source}: encoding {declared!r} in the manifest is not a known codec; "
                              "use a Python codec name such as utf-8, gb18030 or big5, or leave it empty to detect") from None
        except UnicodeDecodeError as err:
            raise CorpusError(f"{source}: bytes {err.start}-{err.end} are not valid {declared}; "
                              "fix the manifest's encoding column or leave it empty to detect") from None
    for bom, name in BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(name), name, source), name
            except UnicodeDecodeError as err:
                raise CorpusError(f"{source}: starts with a {name} byte-order mark but bytes {err.start}-{err.end} "
                                  f"are not valid {name}; the file is damaged: collect it again") from None
    try:
        return _checked(raw.decode("utf-8"), "utf-8", source), "utf-8"
    except UnicodeDecodeError as err:
        _refuse_damaged_utf8(raw, err, source)
    best = from_bytes(raw, cp_isolation=DETECTION_CANDIDATES).best()
    if best is not None:
        text = str(best)
        if "\ufffd" not in text and _mostly_text(text):
            return text, best.encoding
    raise CorpusError(f"{source}: the bytes decode under none of utf-8, {', '.join(DETECTION_CANDIDATES)}; "
                      "convert the file to UTF-8 or name its encoding in the manifest's encoding column")


def _checked(text: str, encoding: str, source: str) -> str:
    if not _mostly_text(text):
        raise CorpusError(f"{source}: decodes as {encoding} but is mostly control characters (a binary file?); "
                          "check that the file holds the article's text")
    return text


def _refuse_damaged_utf8(raw: bytes, err: UnicodeDecodeError, source: str) -> None:
    """UTF-8 cut short or with a few bad bytes would decode as garbage under GB18030: refuse it."""
    if err.reason == "unexpected end of data" and err.end == len(raw):
        raise CorpusError(f"{source}: ends in the middle of a UTF-8 character (byte {err.start}); "
                          "the file is truncated: collect the article again") from None
    text = raw.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd")
    n_multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - n_bad  # non-ASCII characters
    if n_multibyte >= 10 * n_bad:
        raise CorpusError(f"{source}: valid UTF-8 except {n_bad} damaged byte sequence(s), the first at byte "
                          f"{err.start}; repair or re-collect the file, or name its encoding in the manifest") from None


def _mostly_text(text: str) -> bool:
    """Reject decodings full of control characters (binary files decode as anything)."""
    return len(CONTROL_CHAR.findall(text)) <= len(text) * 0.01
