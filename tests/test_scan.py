"""scan.py: the readings of a pattern are necessary conditions of a match, so a Finder finds exactly
what ``regex.finditer`` finds, for every pattern the package builds from its lexicons, on real and
on random texts, and falls back where its reading does not reach. Tests taking the ``reading``
fixture run twice: with ``re``'s private parser and without it, where every search must be plain."""
from __future__ import annotations

import dataclasses
import importlib.util
import inspect
import random
import re
import sys
import types
from functools import lru_cache
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse

import pytest
import yaml
from conftest import heldout_corpus

from zerocovid import load_documents, scan
from zerocovid.lexicons import load_resource
from zerocovid.scan import Finder, FinderSet, NeedleScan, guarded, needles

HELDOUT = Path(__file__).parent / "heldout"
NUMERALS = "0123456789一二三四五六七八九十百千万零两〇"
PUNCTUATION = "，。、；：！？“”（）()《》—…%.\n "


def spans(matches) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


def set_spans(finder_set, text: str) -> list:
    return [(m.start(), i, m.span(), m.groups()) for i, m in finder_set.finditer(text)]


def expected_set_spans(regexes, text: str) -> list:
    """What a FinderSet of ``regexes`` must give: every regex's finditer, ordered by start, then by i."""
    return sorted((m.start(), i, m.span(), m.groups()) for i, r in enumerate(regexes) for m in r.finditer(text))


@pytest.fixture(params=["fast", "plain"])
def reading(request, monkeypatch) -> str:
    """Scan reading patterns with re._parser ("fast"), or as on a Python without it ("plain")."""
    if request.param == "plain":
        monkeypatch.setattr(scan, "sre_parse", None)
    return request.param


# --------------------------------------------------------------------------- the lexicon patterns

def _held(value):
    """Every object a lexicon object holds, however deeply nested (a Finder and a FinderSet count
    as leaves)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _held(getattr(value, f.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _held(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _held(item)
    elif inspect.ismethod(value):   # e.g. a Finder's bound finditer
        yield from _held(value.__self__)
    else:
        yield value


SCAN_NAMES = ("Finder", "FinderSet", "NeedleScan", "guarded", "needles")


@lru_cache(maxsize=1)
def lexicon_objects() -> tuple:
    """What the cached lexicon builders of the package return: the lru-cached functions without
    parameters of every module that searches with scan, wherever the package keeps them."""
    modules = [module for name, module in sorted(sys.modules.items()) if name.startswith("zerocovid.")
               and module is not scan and any(vars(module).get(n) is getattr(scan, n) for n in SCAN_NAMES)]
    assert modules, "no module of the package searches with scan"
    return tuple(held for module in modules for builder in vars(module).values()
                 if hasattr(builder, "cache_info") and getattr(builder, "__module__", None) == module.__name__
                 and not inspect.signature(builder).parameters
                 for held in _held(builder()))


@lru_cache(maxsize=1)
def lexicon_patterns() -> tuple[re.Pattern, ...]:
    """Every compiled pattern of the lexicons, once."""
    found = {}
    for held in lexicon_objects():
        regexes = [held] if isinstance(held, re.Pattern) else [held.regex] if isinstance(held, Finder) else (
            held.regexes if isinstance(held, FinderSet) else [])
        for regex in regexes:
            found.setdefault((regex.pattern, regex.flags), regex)
    return tuple(found.values())


def test_the_lexicons_yield_many_patterns():
    assert len(lexicon_patterns()) > 100


def _heldout_articles(kind: str) -> list[dict]:
    """The manifest entries of one held-out set (each gold file lists them its own way)."""
    gold = yaml.safe_load((HELDOUT / kind / "gold.yaml").read_text(encoding="utf-8"))
    if kind == "figures":
        return [{**fields, "doc_id": stem, "file": f"{stem}.txt"} for stem, fields in sorted(gold["articles"].items())]
    return gold["articles"] + gold.get("articles_batch2", [])


@pytest.fixture(scope="module")
def real_paragraphs(tmp_path_factory) -> tuple[str, ...]:
    """Every paragraph of the seed articles and of the held-out test articles, as loaded."""
    texts = list(load_documents(progress=False)["text"])
    for kind in ("apologies", "figures", "measures"):
        folder = heldout_corpus(HELDOUT / kind, _heldout_articles(kind), tmp_path_factory.mktemp(kind))
        texts += list(load_documents(folder, progress=False)["text"])
    return tuple(dict.fromkeys(line for text in texts for line in text.split("\n") if line.strip()))


def _literal_runs(items) -> list[str]:
    """The literal characters of a parse tree, as the runs they stand in (classes give one each)."""
    runs, run = [], ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        runs.append(run)
        run = ""
        if op is sre.IN:
            runs += [chr(code) for kind, code in av if kind is sre.LITERAL]
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            runs += _literal_runs(av[3] if op is sre.SUBPATTERN else av)
        elif op is sre.BRANCH:
            for branch in av[1]:
                runs += _literal_runs(branch)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            runs += _literal_runs(av[2])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            runs += _literal_runs(av[1])
    return [r for r in runs + [run] if r]


def random_texts(regex: re.Pattern, n: int = 2000, seed: int = 11) -> list[str]:
    """Texts mixing the pattern's own literals (whole runs and single characters), digits, Chinese
    numerals and punctuation."""
    runs = _literal_runs(sre_parse.parse(regex.pattern, regex.flags & ~re.IGNORECASE)) or ["a"]
    pieces = runs + list("".join(runs)) + list(NUMERALS) + list(PUNCTUATION)
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(n)]


def _ids(regexes) -> list[str]:
    return [regex.pattern[:40] for regex in regexes]


@pytest.mark.parametrize("regex", lexicon_patterns(), ids=_ids(lexicon_patterns()))
def test_finder_finds_what_finditer_finds_in_real_paragraphs(regex, real_paragraphs, reading):
    finder = Finder(regex)
    for text in real_paragraphs:
        assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text


@pytest.mark.parametrize("regex", lexicon_patterns(), ids=_ids(lexicon_patterns()))
def test_finder_finds_what_finditer_finds_in_random_texts(regex, reading):
    finder = Finder(regex)
    for text in random_texts(regex):
        assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text


@pytest.mark.parametrize("regex", lexicon_patterns(), ids=_ids(lexicon_patterns()))
def test_every_match_holds_a_needle(regex, real_paragraphs):
    words = needles(regex)
    if not words:
        return
    for text in [*real_paragraphs, *random_texts(regex)]:
        for match in regex.finditer(text):
            assert any(word in match[0] for word in words), (text, match[0])
        stripped = re.sub("|".join(map(re.escape, words)), "", text)
        if not any(word in stripped for word in words):   # a text lacking every needle
            assert regex.search(stripped) is None, stripped


@pytest.mark.parametrize("regex", lexicon_patterns(), ids=_ids(lexicon_patterns()))
def test_guarded_pattern_matches_alike(regex, reading):
    plain, guard = regex, guarded(regex)
    for text in random_texts(regex, n=300):
        assert spans(guard.finditer(text)) == spans(plain.finditer(text)), text
        assert spans(guard.finditer(text, 1, max(1, len(text) - 1))) == spans(
            plain.finditer(text, 1, max(1, len(text) - 1))), text


def test_finder_set_of_each_lexicon_set_finds_what_its_regexes_find(real_paragraphs, reading):
    sets = [held.regexes for held in lexicon_objects() if isinstance(held, FinderSet)]
    assert sets
    for regexes in sets:
        finder_set = FinderSet(regexes)   # built in this test's reading
        for text in real_paragraphs:
            assert set_spans(finder_set, text) == expected_set_spans(regexes, text)


@pytest.mark.parametrize("regex", lexicon_patterns(), ids=_ids(lexicon_patterns()))
def test_without_the_parser_every_search_is_plain(regex, monkeypatch):
    monkeypatch.setattr(scan, "sre_parse", None)
    finder = Finder(regex)
    assert (finder.hits, finder.run_first, finder.needles) == (None, None, ())
    assert needles(regex) == () and guarded(regex) is regex and FinderSet([regex]).shared == []


# --------------------------------------------------------------------------- hard cases

HARD = {
    "lookbehind at the start": (r"(?<=[、，])\d+例", ["1例，2例、3例", "，12例例、", "1例"]),
    "lookbehinds or the start": (r"(?:^|(?<=其中)|(?<=[、，]))[一二三]{1,3}?区(?=\d)",
                                 ["一区1，二区2其中三区3", "区1、区2", "其中一二三区4"]),
    "optional prefix": (r"(?:约|近)?(?P<n>\d+)例", ["约3例近4例5例", "约约例3例", "近"]),
    "optional bracket": (r"[（(]?(?P<n>\d{1,2})[）)]", ["（1）(2)3）（（4）", "(((1)))"]),
    "match right after a match": (r"(?<=[例，])\d", ["1例2例3例4", "例1例2，3，4"]),
    "adjacent matches": (r"\d+例", ["3例4例5例", "例例1例"]),
    "lazy run first": (r"(?P<who>[^，。]{1,3}?)说", ["他说，王某说。甲乙丙丁说说", "说说说", "，说"]),
    "lazy run then lookahead": (r"(?P<who>[^，。]{2,5}?)(?:说|表示)(?=，)", ["市长王某表示，他说，说说，"]),
}


@pytest.mark.parametrize("name", HARD)
def test_hard_cases(name, reading):
    pattern, texts = HARD[name]
    regex = re.compile(pattern)
    finder = Finder(regex)
    assert (finder.hits is not None or finder.run_first is not None) == (reading == "fast"), "takes a fast path"
    for text in texts + random_texts(regex, n=1000):
        assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text


@pytest.mark.parametrize("pattern, texts", [
    (r"(?P<d>\d)[例人](?P=d)", ["1例1", "2人3", "12例2例2"]),                # back-reference
    (r"(\d)例\1", ["1例1", "1例2"]),
    (r"(?i)a\d+例", ["A3例a4例", "b3例"]),                                  # case-insensitive
    (r"(?P<who>[^，]{1,3}?)说(?P=who)", ["他说他", "王说李"]),               # lazy run referred back
])
def test_finder_falls_back_where_the_reading_does_not_reach(pattern, texts, reading):
    regex = re.compile(pattern)
    finder = Finder(regex)
    assert finder.hits is None and finder.run_first is None
    for text in texts:
        assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text


def test_case_insensitive_patterns_have_no_needles(reading):
    regex = re.compile("(?i)sorry")
    assert needles(regex) == () and Finder(regex).could_match("SORRY")
    assert [m.span() for m in Finder(regex).finditer("Sorry, SORRY")] == [(0, 5), (7, 12)]


def test_empty_matching_pattern_falls_back(reading):
    for pattern in (r"\d*", r"(?:约)?\d{0,2}", r"(?<=，)"):
        regex = re.compile(pattern)
        finder = Finder(regex)
        assert finder.hits is None and finder.run_first is None and finder.needles == ()
        for text in ["", "12a3，", "约1约，，"]:
            assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text
        assert guarded(regex) is regex


def test_finder_set_with_shared_group_names_and_fallbacks(reading):
    regexes = [re.compile(p) for p in (r"(?P<n>[一二三]{1,3})是", r"约?(?P<n>\d+)例", r"\d*")]
    together = FinderSet(regexes)
    shared = 2 if reading == "fast" else 0
    assert len(together.shared) == shared and len(together.separate) == 3 - shared
    for text in random_texts(re.compile("一二三是约例aa"), n=1000) + ["约3例一是aa", ""]:
        assert set_spans(together, text) == expected_set_spans(regexes, text)


# --------------------------------------------------------------------------- readings

def test_needles_read_off_the_pattern():
    assert needles(re.compile("(?:表示|表达)(?:深深的)?(?:歉意|歉疚)")) == ("歉意", "歉疚")   # the parser makes 歉[意疚]
    assert needles(re.compile("(?:深深)*道歉|对不起")) == ("道歉", "对不起")
    assert needles(re.compile(r"在?(?P<f>[一-龥]{2,4}?)方面(?=，)")) == ("方面",)
    assert needles(re.compile("[^，]{1,3}(?:说)?")) == ()
    assert needles(re.compile("道歉|(?:对不起)?")) == ()   # a branch without needles voids the alternation


def test_needles_skip_texts_that_cannot_match():
    finder = Finder(re.compile("(?:深深)*道歉|对不起"))
    assert not finder.could_match("深深地鞠躬") and finder.could_match("说声对不起")
    assert list(finder.finditer("深深地鞠躬")) == []


def test_guard_is_a_lookahead_for_the_first_characters():
    assert guarded(re.compile(r"(?:(?:深深|公开)地?)*(?:道歉|致歉)")).pattern.startswith("(?=[深公道致])")
    assert guarded(re.compile("道歉")).pattern == "道歉"               # re skips to a literal itself
    assert guarded(re.compile("[^，]道歉")).pattern == "[^，]道歉"      # any character may start
    assert guarded(re.compile("(?i)a道歉")).pattern == "(?i)a道歉"


def test_lexicon_fast_paths_are_taken():
    lexicon = load_resource("apologies")
    speech = Finder(re.compile(load_resource("actors")["speech"]))
    assert speech.run_first is not None and speech.needles
    formula = re.compile("|".join(f"(?:{entry['pattern']})" for entry in lexicon["formulas"]))
    assert guarded(formula).pattern.startswith("(?=[") and needles(formula)


def test_needle_scan_finds_every_occurrence_of_every_word(reading):
    words = ["深表歉意", "深表", "表歉", "歉意", "道歉", "歉"]
    find = NeedleScan(words)
    for text in random_texts(re.compile("深表歉意道歉表"), n=1000):
        expected = {w: [i for i in range(len(text)) if text.startswith(w, i)] for w in words}
        assert find(text) == {w: found for w, found in expected.items() if found}
    assert NeedleScan([])("道歉") == {}


# patterns shaped like the lexicons': optional starts, look-behind starts, lazy fields, shared group
# names, and ones the finders must search as they are (may match empty, back-reference, ignore case)
FINDER_PATTERNS = [r"(?P<n>[一二三]{1,3})是(?![一二])", r"[（(]?(?P<n>\d{1,2})[）)]", r"约?\d+(?:\.\d+)?例",
                   r"(?:^|(?<=其中)|(?<=[、，\n]))[一-龥]{1,3}?区(?=\d)", r"(?<![\d.])\d+\s*岁",
                   r"在?(?P<f>[一-龥]{2,4}?)方面(?=，)", r"\d*", r"(a)\1", r"(?i)ab", r"第[一二三]+(?:版|场)"]


def finder_pattern_texts(n: int = 3000) -> list[str]:
    rng = random.Random(5)
    alphabet = "一二三是（(）)12.岁例约其中区、，\n 在方面第版场aAbx"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def assert_finds_what_finditer_finds(module, regexes, texts):
    """``module``'s Finder, FinderSet, guarded and needles (through a NeedleScan) agree with
    ``finditer`` on every text."""
    finders = [module.Finder(regex) for regex in regexes]
    guards = [module.guarded(regex) for regex in regexes]
    together = module.FinderSet(regexes)
    words = [module.needles(regex) for regex in regexes]
    scan_needles = module.NeedleScan(word for found in words for word in found)
    for text in texts:
        assert set_spans(together, text) == expected_set_spans(regexes, text), text
        found = scan_needles(text)
        for regex, finder, guard, needed in zip(regexes, finders, guards, words):
            assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text
            assert spans(guard.finditer(text)) == spans(regex.finditer(text)), text
            assert not needed or any(word in found for word in needed) or regex.search(text) is None, text


def shaped_regexes() -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in [*FINDER_PATTERNS, *(pattern for pattern, _ in HARD.values())]]


def test_finders_find_exactly_what_finditer_finds(reading):
    assert_finds_what_finditer_finds(scan, [re.compile(pattern) for pattern in FINDER_PATTERNS],
                                     finder_pattern_texts())


def _fresh_scan(name: str) -> types.ModuleType:
    """A new copy of zerocovid/scan.py, imported as if for the first time."""
    spec = importlib.util.spec_from_file_location(name, scan.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("python", ["without re._parser", "with other constants"])
def test_scan_imports_and_finds_alike_where_the_private_parser_is_gone_or_changed(python, monkeypatch):
    if python == "without re._parser":
        monkeypatch.setitem(sys.modules, "re._parser", None)   # `import re._parser` raises ImportError
    else:
        monkeypatch.delattr(sys.modules["re._constants"], "POSSESSIVE_REPEAT")
    plain = _fresh_scan("scan_on_another_python")
    assert plain.sre_parse is None
    regexes = shaped_regexes()
    assert_finds_what_finditer_finds(plain, regexes, finder_pattern_texts(500))
    assert all(plain.Finder(regex).hits is None and plain.Finder(regex).run_first is None for regex in regexes)


def _renamed_opcodes(pattern: str, flags: int):
    parsed = sre_parse.parse(pattern, flags)
    parsed.data = [(str(op), av) for op, av in parsed.data]
    return parsed


@pytest.mark.parametrize("parse", [
    lambda pattern, flags: [("AN_OPCODE", (1, 2))],
    lambda pattern, flags: sre_parse.parse(pattern, flags).data,
    _renamed_opcodes,
    lambda pattern, flags: 1 / 0,
], ids=["another tree", "bare items", "renamed opcodes", "raises"])
def test_a_parser_that_reads_otherwise_gives_plain_searches(parse, monkeypatch):
    monkeypatch.setattr(scan, "sre_parse", types.SimpleNamespace(parse=parse, SubPattern=sre_parse.SubPattern))
    regexes = shaped_regexes()
    assert all(Finder(regex).hits is None and Finder(regex).run_first is None for regex in regexes)
    assert_finds_what_finditer_finds(scan, regexes, finder_pattern_texts(500))


def test_finders_take_the_fast_paths_for_lexicon_shaped_patterns():
    assert Finder(re.compile(FINDER_PATTERNS[2])).hits is not None              # starts with 约 or a digit
    assert Finder(re.compile(FINDER_PATTERNS[3])).offset == 1                   # after 、， or 其中
    assert Finder(re.compile(FINDER_PATTERNS[5])).needles == ("方面",)
    assert len(FinderSet(re.compile(p) for p in FINDER_PATTERNS[:3]).shared) == 3  # `n` named twice
    assert Finder(re.compile(r"\d*")).hits is None and Finder(re.compile("(?i)ab")).needles == ()
