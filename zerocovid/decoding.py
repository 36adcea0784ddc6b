"""Bytes to text: the manifest's encoding if given, else a byte-order mark, UTF-8, or detection.

Chinese pages in the wild come as UTF-8 (with or without BOM), GB18030/GBK,
Big5 or UTF-16; charset-normalizer picks among those when UTF-8 fails.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .errors import CorpusError

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
DETECTION_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]


def decode(raw: bytes, *, declared: str | None, source: str) -> tuple[str, str]:
    """Return (text, encoding used). ``declared`` (from the manifest) wins when given."""
    if declared:
        try:
            return raw.decode(declared), declared
        except LookupError:
            raise CorpusError(f"{source}: encoding {declared!r} in the manifest is not a known codec; "
                              "use a Python codec name such as utf-8, gb18030 or big5, or leave it empty to detect") from None
        except UnicodeDecodeError as err:
            raise CorpusError(f"{source}: bytes {err.start}-{err.end} are not valid {declared}; "
                              "fix the manifest's encoding column or leave it empty to detect") from None
    for bom, name in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw, cp_isolation=DETECTION_CANDIDATES).best()
    if best is not None:
        text = str(best)
        if "\ufffd" not in text and _mostly_text(text):
            return text, best.encoding
    raise CorpusError(f"{source}: the bytes decode under none of utf-8, {', '.join(DETECTION_CANDIDATES)}; "
                      "convert the file to UTF-8 or name its encoding in the manifest's encoding column")


def _mostly_text(text: str) -> bool:
    """Reject decodings full of control characters (binary files decode as anything)."""
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
    return control <= len(text) * 0.01
