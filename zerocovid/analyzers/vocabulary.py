"""Corpus-linguistics tools for segmented Chinese: concordance, keyness, collocations, dfm.

``kwic(docs, pattern, *, window=20, regex=False, sort_by=None)`` columns:
doc_id, region, start, end (offsets of the match in ``docs`` text), left, match, right.
``match`` is exactly ``text[start:end]``; ``left`` / ``right`` are the ``window``
characters of the text before / after it (fewer at the edges of a text). Contexts may
cross line breaks; in ``left`` and ``right`` each ``"\\n"`` is shown as ``"⏎"`` (one
character for one, so ``len(left) == min(window, start)``).

``keyness(tokens, *, by="region", min_freq=3)`` columns: group, token, n_target,
n_reference, target_size, reference_size, g2, p_value, log_ratio.

``collocations(tokens, word, *, span=5, measure="log_likelihood", min_freq=2)`` columns:
node, collocate, n_collocate_in_span, n_collocate_total, n_node, n_span_tokens,
n_tokens, score, measure.

``dfm(tokens, *, by="doc_id")``: one row per group (index named ``by``), one column per
token (columns named ``token``), integer counts. ``n_content_tokens(tokens, *, by="doc_id")``: its row
sums, a Series named ``content_tokens`` (without building the matrix: 10,000 articles × their vocabulary).

``top_keywords(keyness_table, *, n=10, max_p=0.05)``: the keyness columns, only the ``n``
strongest over-used tokens (g2 > 0, p_value <= max_p) of each group.
``default_terms(section)`` columns: word, gloss, forms (resources/vocabulary.yaml).

Keyness, collocations and dfm count only content tokens: the rows of ``tokens(docs)``
whose ``is_punct`` and ``is_stopword`` are both False (stopwords: resources/stopwords.yaml)
and whose token is not a number written in digits (dates and figures such as 9, 15, 0999
would otherwise top the keyword lists; zerocovid's figure extractor covers them).
The documented columns doc_id, region, sent_no, start, end, token are enough: a table
without ``is_punct`` or ``is_stopword`` (from another tokenizer, or trimmed) gets them
from the rules of ``zerocovid.text``, so it counts the same tokens as ``tokens(docs)``.
"""
from __future__ import annotations

import math
import re
from collections import OrderedDict

import numpy as np
import pandas as pd

from ..lexicons import load_resource
from ..text import is_punct, stopwords


KWIC_COLUMNS = ["doc_id", "region", "start", "end", "left", "match", "right"]
KEYNESS_COLUMNS = ["group", "token", "n_target", "n_reference", "target_size", "reference_size",
                   "g2", "p_value", "log_ratio"]
COLLOCATION_COLUMNS = ["node", "collocate", "n_collocate_in_span", "n_collocate_total", "n_node",
                       "n_span_tokens", "n_tokens", "score", "measure"]
MEASURES = ("log_likelihood", "mi")
SORT_KEYS = (None, "left", "right", "match")
LINE_BREAK_SHOWN_AS = "⏎"
ZERO_COUNT_SMOOTHING = 0.5
NUMBER = r"\d+(?:[.．,，]\d+)*"  # digits (any script's decimal digits, e.g. ０-９); not 三 or 十
NUMBER_PATTERN = re.compile(NUMBER)


def _require_columns(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lacks the column(s) {', '.join(missing)}; "
                         f"pass the DataFrame returned by zerocovid.{what}()")


def _require_count(value, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")


def _compile_pattern(pattern, regex: bool) -> re.Pattern:
    """One regular expression for a word, a list of words (longest first) or a regex."""
    if isinstance(pattern, re.Pattern):
        return pattern
    if isinstance(pattern, str):
        if not pattern:
            raise ValueError("pattern is empty; give a word, a list of words or a regular expression")
        if not regex:
            return re.compile(re.escape(pattern))
        try:
            return re.compile(pattern)
        except re.error as error:
            raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {error}") from error
    if isinstance(pattern, (list, tuple, set, frozenset)):
        if regex:
            raise ValueError("regex=True needs one pattern string; join alternatives with '|'")
        if not pattern or not all(isinstance(w, str) and w for w in pattern):
            raise ValueError(f"a list pattern needs non-empty strings, got {pattern!r}")
        words = sorted(set(pattern), key=lambda w: (-len(w), w))
        # Python tries alternatives left to right, so longest first = longest match wins.
        return re.compile("|".join(re.escape(w) for w in words))
    raise ValueError(f"pattern must be a str, a list of str or a compiled re.Pattern, got {type(pattern).__name__}")


def _shown(context: str) -> str:
    return context.replace("\n", LINE_BREAK_SHOWN_AS)


def kwic(docs: pd.DataFrame, pattern, *, window: int = 20, regex: bool = False,
         sort_by: str | None = None) -> pd.DataFrame:
    """Keyword in context: every non-overlapping match of ``pattern`` in the cleaned texts.

    ``pattern`` is a word, a list of words (the longest word wins where several match at
    one position) or a regular expression (``regex=True`` or a compiled ``re.Pattern``);
    empty regex matches are skipped. ``sort_by``: None → (doc_id, start); "left" → by the
    left context read backwards from the match (as concordancers do), "right" → by the
    right context, "match" → by the matched text; ties fall back to (doc_id, start).
    Sorting compares Unicode code points, not pinyin.
    """
    _require_columns(docs, ["doc_id", "region", "text"], "load_documents")
    _require_count(window, "window")
    if sort_by not in SORT_KEYS:
        raise ValueError(f"sort_by must be one of {SORT_KEYS}, got {sort_by!r}")
    compiled = _compile_pattern(pattern, regex)
    rows = []
    ordered = docs[["doc_id", "region", "text"]].sort_values("doc_id", kind="stable")
    for doc_id, region, text in zip(*(ordered[column].tolist() for column in ordered.columns)):
        for found in compiled.finditer(text):
            start, end = found.span()
            if start == end:
                continue
            rows.append((doc_id, region, start, end, _shown(text[max(0, start - window):start]),
                         text[start:end], _shown(text[end:end + window])))
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"start": "int64", "end": "int64"})
    table = table.sort_values(["doc_id", "start"], kind="stable")
    if sort_by == "left":
        table = table.sort_values("left", key=lambda s: s.map(lambda c: c[::-1]), kind="stable")
    elif sort_by is not None:
        table = table.sort_values(sort_by, kind="stable")
    return table.reset_index(drop=True)


def _content(tokens: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """The content tokens as integer codes: which rows are content tokens, the token code of each of those
    rows, and the distinct tokens (sorted) that the codes index.

    Counting works on these codes: filtering and grouping millions of strings costs seconds, integers a
    fraction of that. The rules that need no flag column are applied once per distinct token."""
    _require_columns(tokens, columns + ["token"], "tokens")
    codes, words = _factorize(tokens["token"], sort=True, as_text=True)
    dropped = np.array([bool(NUMBER_PATTERN.fullmatch(word)) for word in words], dtype=bool)
    if "is_punct" not in tokens.columns:  # as tokens() does
        dropped |= np.array([is_punct(word) for word in words], dtype=bool)
    if "is_stopword" not in tokens.columns:
        dropped |= words.isin(stopwords())
    drop = np.append(dropped, True)[codes]   # code -1 (a missing token) picks the appended True
    for flag in ("is_punct", "is_stopword"):
        if flag in tokens.columns:
            drop |= tokens[flag].astype(bool).to_numpy()
    keep = ~drop
    return keep, codes[keep], words


FACTORIZED_KEPT = 4   # columns whose factorization is remembered: token, doc_id, region, one more
_factorized: OrderedDict = OrderedDict()   # (id of an Arrow array, sort, as_text) -> (array, codes, uniques)


def _factorize(column: pd.Series, *, sort: bool, as_text: bool = False) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(column, sort=sort)`` (of ``column.astype(str)`` with ``as_text``), codes read-only.

    Remembered for the last few Arrow-backed columns: a notebook asks keyness, dfm and several collocation
    tables of the same millions of token rows, and factorizing the strings was most of each call. An Arrow
    array never changes (assigning to a column gives the column a new one), so while the entry holds the
    array, its identity says the values are the same; other columns are factorized every time."""
    arrow = column.array.__arrow_array__() if isinstance(column.array, pd.arrays.ArrowExtensionArray) else None
    key = (id(arrow), sort, as_text)
    if arrow is not None and key in _factorized:
        _factorized.move_to_end(key)
        return _factorized[key][1:]
    codes, uniques = pd.factorize(column.astype(str) if as_text else column, sort=sort)
    codes.flags.writeable = False
    uniques = pd.Index(uniques)
    if arrow is not None:
        _factorized[key] = (arrow, codes, uniques)
        while len(_factorized) > FACTORIZED_KEPT:
            _factorized.popitem(last=False)
    return codes, uniques


def _count_by(tokens: pd.DataFrame, by: str, keep: np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """The group code of every kept row (groups in sorted order); ValueError if a group is missing."""
    codes, groups = _factorize(tokens[by], sort=True)
    codes = codes[keep]
    if (codes < 0).any():
        raise ValueError(f"the column {by!r} of the tokens table has missing values; fill them or group by another column")
    return codes, groups


def _present(codes: np.ndarray, n_values: int) -> tuple[np.ndarray, np.ndarray]:
    """The codes that occur, ascending, and each row's position among them (``np.unique(codes,
    return_inverse=True)`` by counting instead of sorting millions of rows)."""
    occurs = np.bincount(codes, minlength=n_values) > 0
    position = np.cumsum(occurs) - 1
    return np.flatnonzero(occurs), position[codes]


def n_content_tokens(tokens: pd.DataFrame, *, by: str = "doc_id") -> pd.Series:
    """The number of content tokens of each group (``dfm(tokens, by=by).sum(axis=1)`` without the matrix)."""
    keep, _, _ = _content(tokens, [by])
    codes, groups = _count_by(tokens, by, keep)
    counts = np.bincount(codes, minlength=len(groups))
    present = counts > 0
    return pd.Series(counts[present], index=groups[present].rename(by), name="content_tokens", dtype="int64")


def dfm(tokens: pd.DataFrame, *, by: str = "doc_id") -> pd.DataFrame:
    """Group-by-term count matrix of content tokens; rows and columns sorted."""
    if not isinstance(by, str):
        raise ValueError(f"by must name a column of the tokens table, got {by!r}")
    keep, token_codes, words = _content(tokens, [by])
    group_codes, groups = _count_by(tokens, by, keep)
    if not len(group_codes):
        counts = pd.DataFrame().astype("int64")
    else:  # the groups and tokens that occur, in sorted order (the codes are), counted in one pass
        rows, row_codes = _present(group_codes, len(groups))
        columns, column_codes = _present(token_codes, len(words))
        cells = np.bincount(row_codes * len(columns) + column_codes, minlength=len(rows) * len(columns))
        counts = pd.DataFrame(cells.reshape(len(rows), len(columns)).astype("int64"),
                              index=groups[rows], columns=words[columns])
    counts.index.name = by
    counts.columns.name = "token"
    return counts


def _xlogx_over_e(observed: float, expected: float) -> float:
    return observed * math.log(observed / expected) if observed > 0 else 0.0


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Dunning's G² of the 2×2 table [[a, b], [c, d]], signed: negative when a is below expectation.

    G² = 2 Σ O·ln(O/E) over the four cells, E = row total × column total / N; no correction.
    """
    n = a + b + c + d
    cells = ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d))
    g2 = 2 * sum(_xlogx_over_e(o, row * col / n) for o, row, col in cells if row * col > 0)
    return -g2 if a * n < (a + b) * (a + c) else g2


def _log_likelihoods(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """``log_likelihood`` of many tables at once (integer arrays of one shape), the same operations in the
    same order; the scalar function stays the reference (tests/test_vocabulary.py holds the two together)."""
    n = a + b + c + d
    g2 = np.zeros(a.shape)
    for o, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 = g2 + np.where(o > 0, o * np.log(o / (row * col / n)), 0.0)
    g2 = 2 * g2
    return np.where(a * n < (a + b) * (a + c), -g2, g2)


def g2_p_value(g2: float) -> float:
    """Upper tail of the chi-squared distribution with one degree of freedom."""
    return math.erfc(math.sqrt(abs(g2) / 2))


def log_ratio(n_target: float, target_size: float, n_reference: float, reference_size: float) -> float:
    """log2 of the ratio of relative frequencies; a zero count is replaced by 0.5 (Hardie 2014)."""
    target = (n_target or ZERO_COUNT_SMOOTHING) / target_size
    reference = (n_reference or ZERO_COUNT_SMOOTHING) / reference_size
    return math.log2(target / reference)


def keyness(tokens: pd.DataFrame, *, by: str = "region", min_freq: int = 3) -> pd.DataFrame:
    """Per group and content token: counts, signed G² and log ratio against all other groups.

    Target = the group's content tokens, reference = every other group's. A row is kept for
    every (group, token) whose corpus frequency n_target + n_reference is at least
    ``min_freq`` — so under-used tokens appear too, with negative g2 and log_ratio.
    With fewer than two groups there is no reference corpus and the result is empty.
    Rows: group, then g2 descending, then token.
    """
    _require_count(min_freq, "min_freq")
    counts = dfm(tokens, by=by)
    if len(counts) < 2:
        return pd.DataFrame(columns=KEYNESS_COLUMNS).astype(
            {"n_target": "int64", "n_reference": "int64", "target_size": "int64",
             "reference_size": "int64", "g2": "float64", "p_value": "float64", "log_ratio": "float64"})
    matrix = counts.to_numpy()
    totals = matrix.sum(axis=0)
    frequent = totals >= min_freq
    # one row per (group, token): the groups' rows one after the other
    n_target, totals = matrix[:, frequent].ravel(), np.tile(totals[frequent], len(counts))
    sizes = matrix.sum(axis=1)
    target_size = np.repeat(sizes, frequent.sum())
    reference_size = int(sizes.sum()) - target_size
    n_reference = totals - n_target
    g2 = _log_likelihoods(n_target, n_reference, target_size - n_target, reference_size - n_reference)
    smoothed_target = np.where(n_target > 0, n_target, ZERO_COUNT_SMOOTHING) / target_size
    smoothed_reference = np.where(n_reference > 0, n_reference, ZERO_COUNT_SMOOTHING) / reference_size
    table = pd.DataFrame({
        "group": np.repeat(counts.index.to_numpy(), frequent.sum()),
        "token": np.tile(counts.columns[frequent].to_numpy(), len(counts)),
        "n_target": n_target, "n_reference": n_reference, "target_size": target_size,
        "reference_size": reference_size, "g2": g2,
        "p_value": [g2_p_value(value) for value in g2.tolist()],
        "log_ratio": np.log2(smoothed_target / smoothed_reference)})
    table = table.sort_values(["group", "g2", "token"], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)


def _near_nodes(is_node: np.ndarray, sentence: np.ndarray, span: int) -> np.ndarray:
    """Which positions lie within ``span`` positions of a node in the same sentence, nodes themselves excluded
    (``sentence``: one id per position, each sentence's positions consecutive)."""
    nodes = np.flatnonzero(is_node)
    near = np.zeros(len(is_node), dtype=bool)
    for offset in [*range(-span, 0), *range(1, span + 1)]:
        at = nodes + offset
        inside = (at >= 0) & (at < len(is_node))
        at, origin = at[inside], nodes[inside]
        near[at[sentence[at] == sentence[origin]]] = True
    return near & ~is_node


def _ascending(*keys: np.ndarray) -> bool:
    """Whether the rows are already in the lexicographic order of ``keys`` (first key first)."""
    if len(keys[0]) < 2:
        return True
    ascending, tied = np.zeros(len(keys[0]) - 1, dtype=bool), np.ones(len(keys[0]) - 1, dtype=bool)
    for key in keys:
        ascending |= tied & (key[1:] > key[:-1])
        tied &= key[1:] == key[:-1]
    return bool((ascending | tied).all())


def collocations(tokens: pd.DataFrame, word: str | list[str], *, span: int = 5, measure: str = "log_likelihood",
                 min_freq: int = 2) -> pd.DataFrame:
    """Content tokens co-occurring with the node ``word`` within ``span`` tokens, ranked by ``measure``.

    ``word`` is one token or a list of tokens counted as one node (jieba may keep a
    longer compound such as 深表歉意 whole); ``node`` shows them joined by "/".

    The window is counted in content tokens (punctuation and stopwords removed first) and
    never crosses a sentence (doc_id, sent_no). Each collocate occurrence counts once even
    where the windows of two node occurrences overlap. The 2×2 table is window-based
    (Evert 2008): a = n_collocate_in_span, row total = n_span_tokens (content tokens in
    any window), column total = n_collocate_total, N = n_tokens (all content tokens).
    "log_likelihood": signed G² of that table; "mi": log2(a / E), E = n_span_tokens ×
    n_collocate_total / n_tokens. Rows with n_collocate_in_span < ``min_freq`` are left
    out; order: score descending, then collocate.
    """
    forms = {word} if isinstance(word, str) else set(word) if isinstance(word, (list, tuple, set)) else set()
    if not forms or not all(isinstance(f, str) and f for f in forms):
        raise ValueError(f"word must be a token or a list of tokens (non-empty strings), got {word!r}")
    node = "/".join(sorted(forms))
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    _require_count(span, "span")
    _require_count(min_freq, "min_freq")
    keep, token_codes, words = _content(tokens, ["doc_id", "sent_no", "start"])
    document = _factorize(tokens["doc_id"], sort=False)[0][keep]
    sent_no, start = tokens["sent_no"].to_numpy()[keep], tokens["start"].to_numpy()[keep]
    # positions in reading order: each sentence's tokens together, by offset (arrays only, not the frame);
    # tokens() gives them so already, and checking costs a fraction of sorting millions of rows
    order = (np.arange(len(start)) if _ascending(document, sent_no, start)
             else np.lexsort((start, sent_no, document)))
    document, sent_no = document[order], sent_no[order]
    starts_sentence = np.ones(len(order), dtype=bool)
    starts_sentence[1:] = (document[1:] != document[:-1]) | (sent_no[1:] != sent_no[:-1])
    sentence = np.cumsum(starts_sentence)
    token_codes = token_codes[order]
    node_codes = words.get_indexer(sorted(forms))
    is_node = np.isin(token_codes, node_codes[node_codes >= 0])
    near = _near_nodes(is_node, sentence, span)
    n_node, n_span_tokens = int(is_node.sum()), int(near.sum())
    in_span = np.bincount(token_codes[near], minlength=len(words))
    totals = np.bincount(token_codes, minlength=len(words))
    n_tokens = len(token_codes)
    rows = []
    for code in np.flatnonzero(in_span >= max(min_freq, 1)).tolist():
        collocate, a, total = words[code], int(in_span[code]), int(totals[code])
        if measure == "mi":
            score = math.log2(a * n_tokens / (n_span_tokens * total))
        else:
            score = log_likelihood(a, n_span_tokens - a, total - a, n_tokens - n_span_tokens - total + a)
        rows.append((node, collocate, a, total, n_node, n_span_tokens, n_tokens, score, measure))
    table = pd.DataFrame(rows, columns=COLLOCATION_COLUMNS).astype(
        {"n_collocate_in_span": "int64", "n_collocate_total": "int64", "n_node": "int64",
         "n_span_tokens": "int64", "n_tokens": "int64", "score": "float64"})
    table = table.sort_values(["score", "collocate"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def default_terms(section: str) -> pd.DataFrame:
    """The words of one section of resources/vocabulary.yaml ("concordance" or "collocation_nodes")."""
    sections = load_resource("vocabulary")
    if section not in sections:
        raise ValueError(f"resources/vocabulary.yaml has no section {section!r}; choose one of {sorted(sections)}")
    rows = [(e["word"], e["gloss"], list(e.get("forms", [e["word"]]))) for e in sections[section]]
    return pd.DataFrame(rows, columns=["word", "gloss", "forms"])


def top_keywords(keyness_table: pd.DataFrame, *, n: int = 10, max_p: float = 0.05) -> pd.DataFrame:
    """The ``n`` strongest over-used tokens of each group with p_value <= ``max_p``."""
    _require_columns(keyness_table, KEYNESS_COLUMNS, "keyness")
    _require_count(n, "n")
    if not 0 <= max_p <= 1:
        raise ValueError(f"max_p must be between 0 and 1, got {max_p!r}")
    over_used = keyness_table[(keyness_table["g2"] > 0) & (keyness_table["p_value"] <= max_p)]
    over_used = over_used.sort_values(["group", "g2", "token"], ascending=[True, False, True], kind="stable")
    return over_used.groupby("group", sort=False).head(n).reset_index(drop=True)
