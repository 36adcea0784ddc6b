r"""``Finder(regex).finditer(text)``: the matches of ``regex.finditer(text)``, found faster;
``FinderSet(regexes).finditer(text)``: those of several regexes, found in one pass. The one place
where lexicon patterns are read; the readings are also public for callers that need a plain
``re.Pattern`` or search many texts for words:

- ``needles(regex)``: words of which every match holds one (歉意|歉疚 in ``表示(?:歉意|歉疚)``,
  方面 in ``在?(?P<field>…{2,12}?)方面``): a text holding none of them has no match, which ``in``
  (or one ``NeedleScan`` for the needles of many patterns) tells far faster than a search;
- ``guarded(regex)``: the same pattern behind a look-ahead for the characters a match can start
  with, for callers that need ``search`` or bounded ``finditer``.

Python's ``re`` tries a pattern at every position of the text unless the pattern begins with a
literal, a character class or an alternation of literals. Most lexicon patterns begin with
something optional (``(?P<before>约|近)?``, ``[（(]?``), a repeat (``\d{1,2}``) or a look-behind,
so every position costs a full attempt. A ``Finder`` reads the pattern once (with ``re``'s own
parser, ``re._parser``) and learns, besides its needles,

- the characters a match can start with, or else, for a pattern that begins with look-behinds
  (``(?<=[、，])…``), the characters that can stand right before a match: a search that begins
  with that class passes every other position at C speed and tries the pattern only there;
- failing both, for a pattern that opens with a lazy run of one class
  (``(?P<speaker>[^，。]{1,20}?)表示``), the rarer rest, searched first: a match starts where the
  run of that class before it begins.

All are necessary conditions of a match, so the matches are exactly those of
``regex.finditer(text)``. A ``FinderSet`` joins the start classes and patterns of its regexes
(group names dropped, so that several may name a group ``num``) into one search that hits wherever
any of them matches. What the reading does not cover (case-insensitive, verbose or multi-line
patterns, matches that may be empty, classes as broad as all CJK characters, back-references) is
searched as before, behind the needle test when there are needles. So is every pattern when
``re._parser`` is missing or its trees are not what the reading expects (it is private to CPython
and may change in any release): the same matches, only without the speed-up.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator
from functools import wraps
from itertools import repeat

try:   # CPython's private parser, free to change in any release: without it every search is a plain one
    import re._constants as sre
    import re._parser as sre_parse
    CATEGORIES = {sre.CATEGORY_DIGIT: r"\d"}   # broader categories (\w, \s, \D …) hold too many characters
    REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
    ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
except (ImportError, AttributeError):
    sre_parse = None
BROAD_RANGE = 256   # a class with a wider range of code points saves nothing over a plain search
UNSUPPORTED_FLAGS = re.IGNORECASE | re.VERBOSE | re.MULTILINE


class _Unreadable(Exception):
    """A construct the reading does not follow."""


def _reading(fallback: Callable):
    """Make a reading of a pattern give ``fallback(regex)``, what a plain search needs, when ``re``'s
    private parser is missing or its trees are not what the reading expects (another Python): the
    matches stay exactly those of ``regex.finditer``, only found slower."""
    def decorate(read):
        @wraps(read)
        def read_or_fall_back(regex: re.Pattern):
            if sre_parse is not None:
                try:
                    return read(regex)
                except Exception:   # a parse tree of another shape
                    pass
            return fallback(regex)
        return read_or_fall_back
    return decorate


def _class_members(items) -> list[str]:
    members = []
    for op, av in items:
        if op is sre.LITERAL:
            members.append(re.escape(chr(av)))
        elif op is sre.RANGE and av[1] - av[0] <= BROAD_RANGE:
            members.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in CATEGORIES:
            members.append(CATEGORIES[av])
        else:
            raise _Unreadable
    return members


def _starts(items) -> tuple[list[str], bool]:
    """Class members for every character a match of the sequence ``items`` can start with, and
    whether the sequence can match the empty string."""
    members = []
    for op, av in items:
        if op is sre.LITERAL:
            return members + [re.escape(chr(av))], False
        if op is sre.IN:
            return members + _class_members(av), False
        if op in ZERO_WIDTH:
            continue
        if op is sre.SUBPATTERN and not av[1] & UNSUPPORTED_FLAGS:
            sub, empty = _starts(av[3])
        elif op is sre.ATOMIC_GROUP:
            sub, empty = _starts(av)
        elif op is sre.BRANCH:
            branches = [_starts(branch) for branch in av[1]]
            sub = [member for branch, _ in branches for member in branch]
            empty = any(empty for _, empty in branches)
        elif op in REPEATS:
            sub, empty = _starts(av[2])
            empty = empty or av[0] == 0
        else:
            raise _Unreadable
        members += sub
        if not empty:
            return members, False
    return members, True


def _ends(items) -> list[str]:
    """Class members for every character a match of the fixed-width sequence ``items`` (the body
    of a look-behind) can end with."""
    for op, av in reversed(items):
        if op is sre.LITERAL:
            return [re.escape(chr(av))]
        if op is sre.IN:
            return _class_members(av)
        if op in ZERO_WIDTH:
            continue
        if op is sre.SUBPATTERN and not av[1] & UNSUPPORTED_FLAGS:
            return _ends(av[3])
        if op is sre.BRANCH:
            return [member for branch in av[1] for member in _ends(branch)]
        if op in REPEATS and av[0] >= 1:
            return _ends(av[2])
        raise _Unreadable
    raise _Unreadable   # nothing consumed: any character may precede


def _preceding(items) -> list[str]:
    """Class members for the character right before every match not at the text's start, for a
    pattern that begins with a look-behind or a choice of look-behinds and ^."""
    if not items:
        raise _Unreadable
    op, av = items[0]
    members = []
    for alternative in av[1] if op is sre.BRANCH else [[(op, av)]]:
        if len(alternative) != 1:
            raise _Unreadable
        a_op, a_av = alternative[0]
        if a_op is sre.AT and a_av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
            continue   # matches only at the start, which is always tried
        if a_op is not sre.ASSERT or a_av[0] != -1:
            raise _Unreadable
        members += _ends(a_av[1])
    return members


def _literal_class(items) -> list[str] | None:
    """The characters of a class made only of literals ([意疚]), else None."""
    return [chr(code) for _, code in items] if all(op is sre.LITERAL for op, _ in items) else None


def _sequence_needles(items) -> tuple[str, ...] | None:
    """Needles of the sequence ``items``: a run of literals (extended by a class of literals right
    after it: the parser turns 歉意|歉疚 into 歉[意疚]), or those of one item that must occur (a
    group, an alternation each branch of which has needles, a repeat of at least one). The set
    whose shortest word is longest wins, as the rarest; ties go to the later item (the noun 歉意,
    not the verb 表示)."""
    found, run = [], ""
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if op is sre.IN and _literal_class(av):
            found.append(tuple(run + char for char in _literal_class(av)))
        elif run:
            found.append((run,))
        run = ""
        if op is sre.SUBPATTERN and not av[1] & UNSUPPORTED_FLAGS:
            found.append(_sequence_needles(av[3]))
        elif op is sre.BRANCH:
            branches = [_sequence_needles(branch) for branch in av[1]]
            if all(branches):
                found.append(tuple(word for branch in branches for word in branch))
        elif op in REPEATS and av[0] >= 1:
            found.append(_sequence_needles(av[2]))
    return max(reversed([f for f in found if f]), key=lambda words: min(map(len, words)), default=None)


def _skips_ahead(items) -> bool:
    """True when ``re`` itself skips to candidate positions: the pattern begins with a literal, a
    class or an alternation of literals."""
    while items and items[0][0] is sre.SUBPATTERN:
        items = items[0][1][3]
    if not items:
        return False
    op, av = items[0]
    return op in (sre.LITERAL, sre.IN) or (
        op is sre.BRANCH and all(branch and branch[0][0] is sre.LITERAL for branch in av[1]))


def _parse(regex: re.Pattern):
    """The parsed pattern, or None when it uses flags the reading does not follow."""
    if regex.flags & UNSUPPORTED_FLAGS:
        return None
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    return None if parsed.state.flags & UNSUPPORTED_FLAGS else parsed


@_reading(lambda regex: ())
def needles(regex: re.Pattern) -> tuple[str, ...]:
    """Words of which every match of ``regex`` holds one, or () when none can be named: a text
    holding none of them cannot match and need not be searched."""
    parsed = _parse(regex)
    return tuple(dict.fromkeys((None if parsed is None else _sequence_needles(parsed)) or ()))


def _start_class(parsed) -> str | None:
    """A class of every character a match can start with, or None (unknown, too broad, or the
    match may be empty: finditer's rules for empty matches are not worth copying)."""
    if parsed.getwidth()[0] == 0:
        return None
    try:
        return f"[{''.join(dict.fromkeys(_starts(parsed)[0]))}]"
    except _Unreadable:
        return None


@_reading(lambda regex: regex)
def guarded(regex: re.Pattern) -> re.Pattern:
    """``regex`` behind a look-ahead for the characters its matches start with: the same matches
    for every method (``search``, ``finditer`` with bounds …), but a position with another character
    fails at once instead of being tried branch by branch. ``regex`` itself when those characters
    are unknown or ``re`` already skips to them."""
    parsed = _parse(regex)
    start_class = None if parsed is None or _skips_ahead(parsed) else _start_class(parsed)
    if start_class is None:
        return regex
    return re.compile(f"(?={start_class})(?:{regex.pattern})", regex.flags)


def _hit_search(parsed, regex: re.Pattern) -> tuple[re.Pattern | None, int]:
    """A search whose hits mark where matches start, and the offset from a hit's start to the
    match start (0: the hit is the first character; 1: the character before); or (None, 0)."""
    if parsed.getwidth()[0] == 0:
        return None, 0
    start_class = _start_class(parsed)
    if start_class is not None:
        # consume a start character, step back over it and try the whole pattern there
        hits, offset = rf"{start_class}(?<=(?=(?:{regex.pattern}))[\s\S])", 0
    else:
        try:
            hits, offset = rf"[{''.join(_preceding(parsed))}](?=(?:{regex.pattern}))", 1
        except _Unreadable:
            return None, 0
    try:
        return re.compile(hits, regex.flags), offset
    except re.error:   # e.g. back-references, which look-behinds cannot hold
        return None, 0


LAZY_RUN = re.compile(r"\(\?P<\w+>(\[(?:\\.|[^\]\\])+\])\{(\d+),(\d+)\}\?\)")
BACK_REFERENCE = re.compile(r"\(\?P=|\\[1-9]")


class _RunFirst:
    """The matches of a pattern ``(?P<name>[…]{m,n}?)rest`` (m ≥ 1; ``rest`` not referring back),
    found from the rarer ``rest`` instead of trying n run lengths at every position.

    At each hit t of ``rest``, no match can start before t - n (its rest would start before t), and
    one starting at q ≤ t - m exists exactly when text[q:t] is all of the class: the leftmost such
    q is the match."""

    def __init__(self, regex: re.Pattern, shape: re.Match):
        self.regex = regex
        self.least, self.most = int(shape[2]), int(shape[3])
        self.rest = guarded(re.compile(regex.pattern[shape.end():], regex.flags))
        self.run = re.compile(f"{shape[1]}{{{self.least},{self.most}}}\\Z", regex.flags)

    @classmethod
    def of(cls, regex: re.Pattern, parsed) -> _RunFirst | None:
        """The search for ``regex``, or None when the pattern has not that shape (the parse tree
        confirms that the group found in the text is the pattern's first item, not repeated nor
        an alternative)."""
        shape = LAZY_RUN.match(regex.pattern)
        if not shape or int(shape[2]) < 1 or BACK_REFERENCE.search(regex.pattern, shape.end()):
            return None
        op, av = parsed[0]
        if op is not sre.SUBPATTERN or [kind for kind, _ in av[3]] != [sre.MIN_REPEAT]:
            return None
        return cls(regex, shape)

    def __call__(self, text: str) -> Iterator[re.Match]:
        pos = 0
        while tail := self.rest.search(text, pos + self.least):
            head = self.run.search(text, max(pos, tail.start() - self.most), tail.start())
            if head:
                match = self.regex.match(text, head.start())
                yield match
                pos = match.end()
            else:
                pos = tail.start() - self.least + 1


@_reading(lambda regex: (None, 0, None))
def _fast_search(regex: re.Pattern) -> tuple[re.Pattern | None, int, _RunFirst | None]:
    """A Finder's hit search and offset (see ``_hit_search``), else its ``_RunFirst``, else neither:
    (None, 0, None), where ``re`` skips ahead itself or the reading does not reach."""
    parsed = _parse(regex)
    if parsed is None or _skips_ahead(parsed):
        return None, 0, None
    hits, offset = _hit_search(parsed, regex)
    return hits, offset, _RunFirst.of(regex, parsed) if hits is None else None


class Finder:
    """``Finder(regex).finditer(text)`` gives the matches of ``regex.finditer(text)`` (same spans,
    groups and order), faster."""

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.needles = needles(regex)
        self.hits, self.offset, self.run_first = _fast_search(regex)

    def could_match(self, text: str) -> bool:
        """False when ``text`` holds none of the needles (a cheap test before many searches)."""
        return not self.needles or any(needle in text for needle in self.needles)

    def finditer(self, text: str) -> Iterator[re.Match]:
        if not self.could_match(text):
            return iter(())
        if self.hits is not None:
            return self._matches_at_hits(text)
        if self.run_first is not None:
            return self.run_first(text)
        return self.regex.finditer(text)

    def _matches_at_hits(self, text: str) -> Iterator[re.Match]:
        end = 0
        if self.offset and (match := self.regex.match(text)):   # no character precedes the first position
            end = match.end()
            yield match
        for hit in self.hits.finditer(text):
            start = hit.start() + self.offset
            if start >= end:   # finditer resumes after the previous match
                match = self.regex.match(text, start)
                end = match.end()
                yield match


class NeedleScan:
    """Where each of many needle words occurs in a text, found in one pass of one alternation
    (much cheaper than an ``in`` test per word): ``NeedleScan(words)(text)`` maps each word found
    to its start positions."""

    def __init__(self, words):
        self.words = tuple(sorted(set(words), key=lambda word: (-len(word), word)))
        self.regex = re.compile("|".join(map(re.escape, self.words)) or "(?!)")
        # At each position the alternation reports the longest word; those it begins with occur there too.
        self.prefixes = {word: [other for other in self.words if word.startswith(other)] for word in self.words}

    def __call__(self, text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        pos = 0
        while match := self.regex.search(text, pos):
            for word in self.prefixes[match[0]]:
                found.setdefault(word, []).append(match.start())
            pos = match.start() + 1
        return found


NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _shape(items) -> list:
    """A parse tree without its groups (a group without flags only captures), to compare trees."""
    shape = []
    for op, av in items:
        if op is sre.SUBPATTERN and not av[1] and not av[2]:
            shape += _shape(av[3])
        else:
            shape.append((op, _shape_of(av[1:] if op is sre.SUBPATTERN else av)))
    return shape


def _shape_of(value):
    if isinstance(value, sre_parse.SubPattern):
        return _shape(value)
    if isinstance(value, (list, tuple)):
        return tuple(_shape_of(item) for item in value)
    return value


def _unnamed(regex: re.Pattern, parsed) -> str | None:
    """``regex.pattern`` with its named groups made non-capturing, so that regexes naming a group
    alike can share one search; None unless the parse trees prove that nothing else changed."""
    pattern = NAMED_GROUP.sub("(?:", regex.pattern)
    try:
        same = _shape(sre_parse.parse(pattern, regex.flags)) == _shape(parsed)
    except re.error:
        return None
    return pattern if same else None


@_reading(lambda regex: None)
def _probe(regex: re.Pattern) -> tuple[str, str] | None:
    """(start class, pattern to try in the shared search) of a regex a FinderSet can search with
    others, or None."""
    parsed = _parse(regex)
    start_class = None if parsed is None else _start_class(parsed)
    unnamed = None if start_class is None else _unnamed(regex, parsed)
    return None if unnamed is None else (start_class, unnamed)


class FinderSet:
    """``FinderSet(regexes).finditer(text)`` gives (i, match) for every match of every
    ``regexes[i].finditer(text)``, ordered by start (then by i). The regexes whose first characters
    are known share one search that hits wherever any of them matches, instead of passing over the
    text once each."""

    def __init__(self, regexes):
        self.regexes = list(regexes)
        probes = {i: probe for i, regex in enumerate(self.regexes) if (probe := _probe(regex)) is not None}
        flags = {self.regexes[i].flags for i in probes}
        self.hits = None
        if len(flags) == 1:
            union = "".join(start_class[1:-1] for start_class, _ in probes.values())
            either = "|".join(f"(?:{pattern})" for _, pattern in probes.values())
            try:
                self.hits = re.compile(rf"[{union}](?<=(?=(?:{either}))[\s\S])", flags.pop())
            except re.error:
                pass
        if self.hits is None:
            probes = {}
        self.shared = [(i, self.regexes[i], re.compile(start_class, self.regexes[i].flags))
                       for i, (start_class, _) in probes.items()]
        self.separate = [(i, Finder(regex)) for i, regex in enumerate(self.regexes) if i not in probes]
        self.starting_with: dict[str, list[tuple[int, int, re.Pattern]]] = {}   # filled as characters come

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match]]:
        if not self.separate:
            return self._shared_matches(text)
        streams = [zip(repeat(i), finder.finditer(text)) for i, finder in self.separate]
        if self.hits is not None:
            streams.append(self._shared_matches(text))
        return heapq.merge(*streams, key=lambda found: (found[1].start(), found[0]))

    def _shared_matches(self, text: str) -> Iterator[tuple[int, re.Match]]:
        ends = [0] * len(self.shared)
        for hit in self.hits.finditer(text):
            start = hit.start()
            char = text[start]
            if char not in self.starting_with:   # the regexes whose matches can start with this character
                self.starting_with[char] = [(n, i, regex) for n, (i, regex, start_class) in enumerate(self.shared)
                                            if start_class.fullmatch(char)]
            for n, i, regex in self.starting_with[char]:
                # each regex resumes after its own previous match, as its finditer would
                if start >= ends[n] and (match := regex.match(text, start)):
                    ends[n] = match.end()
                    yield i, match
