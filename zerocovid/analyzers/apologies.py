"""Apology acts, acknowledgements of fault, and response strategies in the cleaned texts.

Lexicons: ``resources/apologies.yaml`` (formulas, blockers, apologizer/recipient/offense cues,
levels) and ``resources/response_strategies.yaml`` (CCSARP, Benoit and accountability codes).

Terms used below
    display line  a paragraph with no 。 or ； and at most 60 characters: a heading, caption
                  or salutation (西安市卫健委主任，鞠躬道歉！ / 刘顺智鞠躬道歉).
    passage       an apology's paragraph plus the nearest paragraph before and after it. A display
                  line ends the passage, except a display line that itself contains an apology
                  formula (the caption of the act), which is stepped over. The passage of an
                  apology in a display line is that line alone.
    restatement   an apology in a display line, or a `reported` apology in the lead (the first
                  paragraph that is not a display line) when a later paragraph holds an apology by
                  an apologizer of the same level: a headline, caption or lead summary that
                  repeats an act told in the body.
    signatory     the issuing body a notice or letter ends with (七里河区人民政府, optionally
                  followed by a date line). With no speaker in the text, 我们 is the signatory, and
                  an actor of the signatory's level apologising in the third person is `direct`.
    apologizer    resolved from a 代表X / 要求X / 组织X cue, the actor opening the clause, an
                  institution pronoun (我院, 该院 → the nearest earlier actor ending in 院; 其 →
                  the actor named before the ordering clause), 我们 (the speaker: a speech verb
                  before it, the name right after a closing quotation mark “…”赵某说, a Q&A
                  speaker line, else the signatory).
    not an act    a formula in 《…》 or quoted alone; negated (没有 / 并未 / 拒绝 / 无人 …); asked
                  about; demanded (呼吁 …), wished for in its clause (希望 …) or ordered by the
                  public (网友纷纷留言，要求…); used as a noun (道歉之外, 道歉不能…); an apology
                  letter or statement that is mentioned rather than published (致歉信称).

``find_apologies(docs)`` — one row per apology act. Two formulas of one sentence are two acts
when each has its own recipient or offense (刘顺智: 对这位患者深深地道歉 / 对…表示深深地道歉);
a formula with neither (and no apologizer cue of its own) is merged with the neighbouring formula
of the same ；-segment (公开道歉，向大家表示诚挚的歉意 is one act).
    doc_id, region, para_no, sent_no, start, end, sentence (= text[start:end]),
    formula (as written; merged formulas joined by " … "), formula_start, formula_end,
    intensifiers ("; "-joined, in order), gesture ("; "-joined), strength (number of
    intensifiers + gestures), apologizer, apologizer_level (see resources levels),
    speaker (who is speaking in the text at that point, title + name when known),
    recipient, offense, offense_start, offense_end (offense = text[offense_start:offense_end];
    -1 when there is no offense),
    offense_source ("sentence": stated in the clause; "antecedent": the sentence part or earlier
    sentence of the passage that 由此/这些问题 or an unstated offense refers to; "" if none),
    mode (direct | reported | ordered), strategies ("; "-joined sorted codes found in the
    passage, always including ccsarp.explicit_apology and benoit.mortification),
    passage_start, passage_end, restates (bool).

``acknowledgements(docs)`` — one row per sentence that admits a fault (a ccsarp.responsibility
cue) and holds no apology act.
    doc_id, region, para_no, sent_no, start, end, sentence, phrase ("; "-joined cues),
    phrase_start, phrase_end (first cue), speaker (the actor the cue's clause opens with, else
    who is speaking there), speaker_level, offense (the clause of the first cue), offense_start,
    offense_end, apology_in_passage (bool: the sentence lies in the passage of a non-restating
    apology).

``response_strategies(docs)`` — one row per strategy cue (restating apologies left out).
    doc_id, region, para_no, sent_no, start, end, cue (= text[start:end]), code, scheme,
    stance (own | explain | repair | deflect | sanction), target (who is blamed, or ""),
    in_apology_passage (bool).

``strategy_codes()`` — every code of the lexicon plus the two apology codes, sorted.
``strategy_matrix(strategies, by="region", index=None)`` — cue counts, group × every known code.
``apology_summary(apologies, acknowledged=None, regions=None)`` — per region: acts, direct,
reported, ordered, restatements, max_strength, apologizers[, acknowledgements].
``strategy_heatmap(matrix)`` — the matrix drawn as a heatmap (matplotlib figure).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import pandas as pd

from ..lexicons import load_resource
from ..scan import Finder, NeedleScan, guarded, needles
from ..text import paragraph_spans, sentence_at, split_sentences

APOLOGY_COLUMNS = [
    "doc_id", "region", "para_no", "sent_no", "start", "end", "sentence", "formula", "formula_start",
    "formula_end", "intensifiers", "gesture", "strength", "apologizer", "apologizer_level", "speaker",
    "recipient", "offense", "offense_start", "offense_end", "offense_source", "mode", "strategies",
    "passage_start", "passage_end", "restates",
]
ACKNOWLEDGEMENT_COLUMNS = [
    "doc_id", "region", "para_no", "sent_no", "start", "end", "sentence", "phrase", "phrase_start",
    "phrase_end", "speaker", "speaker_level", "offense", "offense_start", "offense_end", "apology_in_passage",
]
STRATEGY_COLUMNS = [
    "doc_id", "region", "para_no", "sent_no", "start", "end", "cue", "code", "scheme", "stance", "target",
    "in_apology_passage",
]
APOLOGY_CODES = ("ccsarp.explicit_apology", "benoit.mortification")
JOIN = "; "
CLAUSE_BREAKS = "，：！？"
_CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAKS}]")
_TITLE_BEFORE = re.compile(r"[^，。；：！？“”\n]{0,30}$")
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
CLOSERS = "”’」』）》"
DISPLAY_MAX_CHARS = 60
NOT_IN_NAMES = "[向对为就给在并也已将]"   # a bare name ends before these function words
RESPONSIBILITY = "ccsarp.responsibility"


# --------------------------------------------------------------------------- lexicons

@dataclass(frozen=True)
class _Lexicon:
    formula: re.Pattern
    formula_needles: NeedleScan
    intensifiers: tuple[str, ...]
    gestures: tuple[str, ...]
    negation: re.Pattern
    obligation: re.Pattern
    question: re.Pattern
    demand_verbs: re.Pattern
    order_verbs: re.Pattern
    public_demanders: re.Pattern
    public_subject: re.Pattern
    carried_subject: re.Pattern
    wish_verbs: re.Pattern
    noun_use: re.Pattern
    letter_nouns: re.Pattern
    letter_act_verbs: re.Pattern
    institution: re.Pattern
    object_pronoun: re.Pattern
    topic_markers: re.Pattern
    date_line: re.Pattern
    recipient_after: re.Pattern
    apologizer_cues: tuple[tuple[re.Pattern, str], ...]
    actor: re.Pattern
    actor_suffix: re.Pattern
    levels: tuple[tuple[str, re.Pattern], ...]
    person_name: re.Pattern
    find_speeches: Callable[[str], Iterator[re.Match]]
    quote_attribution: re.Pattern
    pronouns: frozenset[str]
    speaker_line: re.Pattern
    title_suffix: re.Pattern
    recipient_cues: tuple[re.Pattern, ...]
    offense_cues: tuple[re.Pattern, ...]
    anaphora: re.Pattern
    first_person: re.Pattern
    problem: re.Pattern


@dataclass(frozen=True)
class _Code:
    code: str
    scheme: str
    stance: str
    patterns: tuple[tuple[re.Pattern, str, tuple[str, ...]], ...]   # (regex, target, needles)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Compile resources/apologies.yaml once."""
    res = load_resource("apologies")
    blockers = res["blockers"]
    suffixes = "|".join(sorted(map(re.escape, res["actor_suffixes"]), key=len, reverse=True))
    titles = "|".join(sorted(map(re.escape, res["title_suffixes"]), key=len, reverse=True))
    name = res["person_name"].strip("^$")
    chars = r"[^，；：。！？对向为就给也在“”（）\s]"
    one_actor = rf"{chars}{{0,25}}?(?:(?:{titles}){name}|{suffixes})"
    actor = re.compile(rf"^(?P<actor>{one_actor}(?:[、和及与]{one_actor})*)(?={res['actor_followers']})")
    recipients = "|".join(map(re.escape, res["recipient_nouns"]))
    formula = "|".join(f"(?:{e['pattern']})" for e in res["formulas"])
    return _Lexicon(
        formula=guarded(re.compile(formula)),
        formula_needles=NeedleScan(needles(re.compile(formula))),
        intensifiers=tuple(e["word"] for e in res["intensifiers"]),
        gestures=tuple(e["word"] for e in res["gestures"]),
        negation=re.compile(blockers["negation"]),
        obligation=re.compile(blockers["obligation"]),
        question=re.compile(blockers["question"]),
        demand_verbs=re.compile(blockers["demand_verbs"]),
        order_verbs=re.compile(blockers["order_verbs"]),
        public_demanders=re.compile(blockers["public_demanders"]),
        public_subject=re.compile(blockers["public_subject"]),
        carried_subject=re.compile(blockers["carried_subject"]),
        wish_verbs=re.compile(blockers["wish_verbs"]),
        noun_use=re.compile(blockers["noun_use"]),
        letter_nouns=re.compile(blockers["letter_nouns"]),
        letter_act_verbs=re.compile(blockers["letter_act_verbs"]),
        institution=re.compile(res["institution_reference"]),
        object_pronoun=re.compile(res["object_pronoun"]),
        topic_markers=re.compile(res["topic_markers"]),
        date_line=re.compile(res["date_line"]),
        recipient_after=re.compile(res["recipient_after"].replace("RECIPIENTS", recipients)),
        apologizer_cues=tuple((re.compile(e["pattern"]), e["mode"]) for e in res["apologizer_cues"]),
        actor=actor,
        actor_suffix=re.compile(f"(?:{suffixes})$"),
        levels=tuple((e["level"], re.compile(e["pattern"])) for e in res["levels"]),
        person_name=re.compile(res["person_name"]),
        find_speeches=Finder(re.compile(res["speech"])).finditer,
        quote_attribution=re.compile(res["quote_attribution"]),
        pronouns=frozenset(res["pronouns"]),
        speaker_line=re.compile(res["speaker_line"].replace("TITLES", titles)),
        title_suffix=re.compile(f"(?:{titles})$"),
        recipient_cues=tuple(re.compile(e["pattern"].replace("RECIPIENTS", recipients))
                             for e in res["recipient_cues"]),
        offense_cues=tuple(re.compile(e["pattern"]) for e in res["offense_cues"]),
        anaphora=re.compile(res["anaphora"]),
        first_person=re.compile(res["first_person"]),
        problem=re.compile(res["problem_cues"]),
    )


@lru_cache(maxsize=1)
def _codes() -> tuple[_Code, ...]:
    """Compile resources/response_strategies.yaml once, codes in sorted order."""
    codes = []
    for code, entry in sorted(load_resource("response_strategies")["codes"].items()):
        compiled = [(re.compile(p["pattern"]), p.get("target", entry.get("target", ""))) for p in entry["patterns"]]
        patterns = tuple((regex, target, needles(regex)) for regex, target in compiled)
        codes.append(_Code(code, entry["scheme"], entry["stance"], patterns))
    return tuple(codes)


@lru_cache(maxsize=1)
def _find_cue_needles() -> NeedleScan:
    """One scan for the needles of every strategy pattern."""
    return NeedleScan(word for code in _codes() for _, _, needles in code.patterns for word in needles)


@lru_cache(maxsize=4096)
def apologizer_level(actor: str) -> str:
    """Level(s) of an actor phrase: each part (split at 、和及与) classified, distinct levels joined."""
    lex = _lexicon()
    found = []
    for part in re.split(r"[、和及与]", actor):
        part = part.strip()
        if not part:
            continue
        level = next((name for name, pattern in lex.levels if pattern.search(part)), "")
        if not level and lex.person_name.match(part) and not lex.actor_suffix.search(part):
            level = "individual"
        if level and level not in found:
            found.append(level)
    return JOIN.join(found)


# --------------------------------------------------------------------------- document view

@dataclass
class _Sentence:
    para_no: int
    sent_no: int
    start: int
    end: int


@dataclass
class _Doc:
    """One document's paragraphs, sentences, display lines, speech attributions and strategy cues,
    each worked out on first use: most documents hold no formula and need none of them."""
    doc_id: str
    region: str
    text: str
    cues_by_code: dict[str, list[dict]] = field(default_factory=dict, repr=False)

    @cached_property
    def paragraphs(self) -> dict[int, tuple[int, int]]:
        return {para_no: (start, end) for para_no, start, end in paragraph_spans(self.text)}

    @cached_property
    def display(self) -> set[int]:
        display = set()
        for para_no in self.paragraphs:
            stripped = self.para_text(para_no).strip()
            if stripped and "。" not in stripped and "；" not in stripped and len(stripped) <= DISPLAY_MAX_CHARS:
                display.add(para_no)
        return display

    @cached_property
    def speaker_lines(self) -> dict[int, str]:
        lines = {}
        for para_no in self.paragraphs:
            line = _lexicon().speaker_line.match(self.para_text(para_no).strip())
            if line:
                lines[para_no] = re.sub(r"\s+", " ", line["speaker"])
        return lines

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int, int]]:
        return split_sentences(self.text)

    @cached_property
    def sentences(self) -> list[_Sentence]:
        return [_Sentence(p, n, s, e) for n, (p, s, e) in enumerate(self.sentence_spans, start=1)]

    @cached_property
    def speeches(self) -> list[tuple[int, int, str]]:
        """(start, end, speaker) of every speech verb with the words before it."""
        return [(m.start("speaker"), m.end(), m["speaker"].strip()) for m in _lexicon().find_speeches(self.text)]

    @cached_property
    def cues(self) -> list[dict]:
        """Every strategy cue of the text, code by code."""
        return [cue for code in _codes() for cue in self.code_cues(code)]

    def code_cues(self, code: _Code) -> list[dict]:
        """The cues of one code, worked out once (acknowledgements need only one code)."""
        if code.code not in self.cues_by_code:
            self.cues_by_code[code.code] = _code_cues(self, code)
        return self.cues_by_code[code.code]

    @cached_property
    def cue_needles(self) -> set[str]:
        """The needles of strategy patterns that occur in the text."""
        return set(_find_cue_needles()(self.text))

    @cached_property
    def formula_sentences(self) -> list[_Sentence]:
        """The sentences a formula can be in: those where one of its needles starts (all of them
        if the formulas have no needles)."""
        needles = _lexicon().formula_needles
        if not needles.words:
            return self.sentences
        found = {sentence_at(self.sentence_spans, p) for positions in needles(self.text).values() for p in positions}
        return [self.sentences[i] for i in sorted(found - {None})]

    @cached_property
    def signatory(self) -> str:
        """The issuing body signing the text: the last display line before an optional date line,
        when it names an actor (七里河区人民政府 / 2022年11月3日)."""
        lex = _lexicon()
        lines = [p for p in sorted(self.paragraphs, reverse=True) if self.para_text(p).strip()]
        if lines and lex.date_line.match(self.para_text(lines[0]).strip()):
            lines = lines[1:]
        if not lines or lines[0] not in self.display:
            return ""
        last = self.para_text(lines[0]).strip()
        if lex.formula.search(last) or not lex.actor_suffix.search(last) or not lex.actor.match(last):
            return ""
        return last

    def referent(self, noun: str, position: int) -> str:
        """The nearest actor before ``position`` that opens a clause (after a topic marker such as
        对于) and ends with ``noun`` (该院 / 我院 → 郑州市某区人民医院; "" for any actor), or ""."""
        lex = _lexicon()
        bounds = [0] + [m.end() for m in re.finditer(r"[，：！？。；\n]", self.text[:position])] + [position]
        for lo, hi in reversed(list(zip(bounds, bounds[1:]))):
            clause = lex.topic_markers.sub("", self.text[lo:hi].strip("（）() \n，：！？。；"))
            subject = lex.actor.match(clause)
            actor = subject["actor"] if subject else ""
            bare = re.fullmatch(lex.actor_suffix.pattern.removesuffix("$"), actor)
            if actor and actor.endswith(noun) and not bare and not lex.institution.match(actor):
                return actor
        return ""

    def para_text(self, para_no: int) -> str:
        start, end = self.paragraphs[para_no]
        return self.text[start:end]

    def has_formula(self, para_no: int) -> bool:
        return bool(_lexicon().formula.search(self.para_text(para_no)))

    def para_of(self, position: int) -> int:
        return next(p for p, (s, e) in self.paragraphs.items() if s <= position <= e)

    # ----- speakers

    def full_name(self, speaker: str) -> str:
        """A bare name expanded with the title it was first introduced with (刘顺智 → 市卫生健康委主任刘顺智)."""
        if apologizer_level(speaker) != "individual" or not _lexicon().person_name.match(speaker):
            return speaker
        before = self.text[:self.text.find(speaker)]
        # the title is at most 30 characters ending the text before (or before its last line break)
        title = _TITLE_BEFORE.search(before, max(len(before) - 31, 0))[0].strip()
        if title and _lexicon().title_suffix.search(title):
            return title + speaker
        return speaker

    def resolve(self, speech_index: int) -> str:
        """The speaker of one speech match, pronouns pointing back to the previous named speaker."""
        pronouns = _lexicon().pronouns
        for start, _end, speaker in reversed(self.speeches[:speech_index + 1]):
            if speaker not in pronouns:
                return self.full_name(speaker)
        return ""

    def quote_attribution(self, position: int, p_start: int, p_end: int) -> str:
        """The speaker named right after the quotation that holds ``position`` (“…”赵某说)."""
        opening = self.text.rfind("“", p_start, position)
        closing = self.text.find("”", position, p_end)
        if opening == -1 or closing == -1 or "”" in self.text[opening + 1:position]:
            return ""
        named = _lexicon().quote_attribution.match(self.text[closing + 1:p_end])
        if not named:
            return ""
        speaker = named["speaker"].strip()
        if speaker in _lexicon().pronouns:
            previous = [i for i, (s, _e, _) in enumerate(self.speeches) if s < opening]
            return self.resolve(previous[-1]) if previous else ""
        return self.full_name(speaker)

    def speaker_at(self, position: int) -> tuple[str, bool]:
        """Who is speaking at ``position``, and whether the speech verb is in the same paragraph.

        Looked for, in order: a speaker named right after the quotation holding it; a speech verb earlier in the paragraph; one in the previous body
        paragraph (stepping over captions of an apology); a Q&A speaker line that governs the
        paragraph (no question or heading between them).
        """
        para = self.para_of(position)
        p_start, p_end = self.paragraphs[para]
        following = self.quote_attribution(position, p_start, p_end)
        if following:
            return following, True
        earlier = [i for i, (s, e, _) in enumerate(self.speeches) if p_start <= s and e <= position]
        if earlier:
            return self.resolve(earlier[-1]), True
        previous, _ = self.neighbour(para, -1)
        if previous is not None:
            s0, e0 = self.paragraphs[previous]
            inside = [i for i, (s, e, _) in enumerate(self.speeches) if s0 <= s and e <= e0]
            if inside:
                return self.resolve(inside[-1]), False
        for p in range(para - 1, 0, -1):
            if p in self.speaker_lines:
                return self.speaker_lines[p], False
            if self.para_text(p).rstrip().endswith("？") or p in self.display:
                break
        return "", False

    # ----- passages

    def neighbour(self, para_no: int, step: int) -> tuple[int | None, list[int]]:
        """The adjacent body paragraph in direction ``step`` (None at a heading or the end), and the
        apology captions stepped over on the way."""
        p, captions = para_no + step, []
        while p in self.paragraphs:
            if not self.para_text(p).strip():
                p += step
                continue
            if p in self.display:
                if not self.has_formula(p):
                    return None, captions
                captions.append(p)
                p += step
                continue
            return p, captions
        return None, captions

    def passage(self, para_no: int) -> tuple[int, int, list[int]]:
        """(start, end, stepped-over caption paragraphs) of the passage around a paragraph."""
        if para_no in self.display:
            start, end = self.paragraphs[para_no]
            return start, end, []
        before, captions_before = self.neighbour(para_no, -1)
        after, captions_after = self.neighbour(para_no, 1)
        first = before if before is not None else para_no
        last = after if after is not None else para_no
        return self.paragraphs[first][0], self.paragraphs[last][1], sorted(captions_before + captions_after)


def _docs_view(docs: pd.DataFrame) -> list[_Doc]:
    if not isinstance(docs, pd.DataFrame):
        raise ValueError("docs must be the DataFrame returned by zerocovid.load_documents()")
    missing = [c for c in ("doc_id", "region", "text") if c not in docs.columns]
    if missing:
        raise ValueError(f"docs lacks the column(s) {missing}; pass the frame load_documents() returns")
    rows = sorted(zip(docs["doc_id"].astype(str), docs["region"].astype(str), docs["text"].astype(str)))
    return [_Doc(doc_id, region, text) for doc_id, region, text in rows]


# --------------------------------------------------------------------------- clauses

def _clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Clause spans of text[lo:hi], split after ，：！？ (quotation marks kept inside)."""
    spans, start = [], lo
    for found in _CLAUSE_BREAK.finditer(text, lo, hi):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, hi))
    return spans


def _segment(text: str, sent: _Sentence, position: int) -> tuple[int, int]:
    """The ；-delimited part of the sentence that holds ``position``."""
    lo = text.rfind("；", sent.start, position) + 1 or sent.start
    hi = text.find("；", position, sent.end)
    return max(lo, sent.start), (hi if hi != -1 else sent.end)


# --------------------------------------------------------------------------- formulas

def _blocked(doc: _Doc, sent: _Sentence, match_start: int, match_end: int) -> bool:
    """True when a formula is mentioned, negated, asked about or demanded rather than performed."""
    lex = _lexicon()
    text = doc.text
    before = text[sent.start:match_start]
    if before.count("《") > before.count("》"):
        return True                                              # inside a title 《…》
    opener, closer = text[match_start - 1:match_start], text[match_end:match_end + 1]
    if opener in QUOTE_PAIRS and QUOTE_PAIRS[opener] == closer:
        return True                                              # the bare word quoted: a mention
    after = text[match_end:sent.end]
    if lex.noun_use.match(after):
        return True                                              # apologising as a topic
    seg_lo, _ = _segment(text, sent, match_start)
    clauses = _clauses(text, seg_lo, match_start)
    clause_before = text[clauses[-1][0]:match_start]
    if lex.letter_nouns.match(after) and not lex.letter_act_verbs.search(clause_before):
        return True                                              # the letter mentioned, not sent
    if lex.negation.search(clause_before):
        return True
    if lex.obligation.search(clause_before) and not lex.first_person.match(clause_before.strip()):
        return True
    if text[sent.start:sent.end].rstrip(CLOSERS).endswith("？") or lex.question.search(text[seg_lo:match_start]):
        return True
    if lex.demand_verbs.search(text[seg_lo:match_start]) or lex.wish_verbs.search(clause_before):
        return True
    public_opened = False
    for s, e in clauses:
        public_opened = public_opened or bool(lex.public_subject.match(text[s:e].strip()))
        verb = lex.order_verbs.search(text[s:min(e, match_start)])
        if not verb:
            continue
        subject = text[s:s + verb.start()]
        if lex.public_demanders.search(subject) or public_opened and lex.carried_subject.match(subject.strip()):
            return True
    return False


@dataclass
class _Act:
    sent: _Sentence
    spans: list[tuple[int, int]]          # formula spans (merged formulas: several)
    recipient: str = ""
    offense: tuple[int, int] | None = None
    cue_actor: tuple[str, str] | None = None   # (actor, mode) from a cue in its own clause part

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _own_clause_part(doc: _Doc, sent: _Sentence, start: int, previous_end: int) -> tuple[int, int]:
    """Text of the formula's clause before the formula, not reaching back past an earlier formula."""
    seg_lo, _ = _segment(doc.text, sent, start)
    clause_lo = _clauses(doc.text, seg_lo, start)[-1][0]
    return max(clause_lo, previous_end), start


def _is_actor(phrase: str) -> bool:
    """An actor phrase: one with a level, or an institution pronoun (该院) to resolve later."""
    lex = _lexicon()
    if lex.institution.match(phrase) or lex.object_pronoun.match(phrase):
        return True
    return bool(apologizer_level(phrase))


def _read_clause(doc: _Doc, lo: int, hi: int, formula_end: int, act: _Act) -> None:
    """Fill recipient, offense and an apologizer cue of an act from its clause part text[lo:hi].

    Cues may look ahead into the formula (向患者|表达…) but what they capture ends before it.
    """
    lex = _lexicon()
    part = doc.text[lo:formula_end]
    limit = hi - lo
    for pattern in lex.recipient_cues:
        found = [m for m in pattern.finditer(part) if m.end("recipient") <= limit]
        if found:
            act.recipient = found[-1]["recipient"]
            break
    for pattern in lex.offense_cues:
        found = next((m for m in pattern.finditer(part) if m.end("offense") <= limit
                      and m["offense"] != act.recipient), None)
        if found:
            act.offense = (lo + found.start("offense"), lo + found.end("offense"))
            break
    for pattern, mode in lex.apologizer_cues:
        found = [m for m in pattern.finditer(part) if m.end("actor") <= limit and _is_actor(m["actor"])]
        if found:
            act.cue_actor = (found[-1]["actor"], mode)
            break
    if not act.recipient:
        after = lex.recipient_after.match(doc.text[hi:formula_end + 12])
        act.recipient = after["recipient"] if after else ""


def _acts_in_sentence(doc: _Doc, sent: _Sentence) -> list[_Act]:
    """Apology acts of one sentence; a formula with nothing of its own is merged into its neighbour."""
    lex = _lexicon()
    matches = [m.span() for m in lex.formula.finditer(doc.text, sent.start, sent.end)
               if not _blocked(doc, sent, *m.span())]
    acts: list[_Act] = []
    previous_end = sent.start
    for start, end in matches:
        act = _Act(sent, [(start, end)])
        _read_clause(doc, *_own_clause_part(doc, sent, start, previous_end), end, act)
        same_segment = bool(acts) and "；" not in doc.text[acts[-1].end:start]
        if same_segment and not (act.recipient or act.offense or act.cue_actor):
            acts[-1].spans.append((start, end))
        elif same_segment and not (acts[-1].recipient or acts[-1].offense or acts[-1].cue_actor):
            act.spans = acts[-1].spans + act.spans
            acts[-1] = act
        else:
            acts.append(act)
        previous_end = end
    return acts


def _subject(doc: _Doc, act: _Act, earlier: list[dict]) -> tuple[str, str, int, bool]:
    """(apologizer, how, clause start, inherited) — how is a cue mode or "subject"/"name"/"".

    Tries the formula's own clause, then earlier clauses of the same ；-segment; a clause that
    holds an earlier act of the sentence passes that act's apologizer on.
    """
    lex = _lexicon()
    text = doc.text
    if act.cue_actor:
        lo = _clauses(text, _segment(text, act.sent, act.start)[0], act.start)[-1][0]
        return act.cue_actor[0], act.cue_actor[1], lo, False
    seg_lo, _ = _segment(text, act.sent, act.start)
    clauses = _clauses(text, seg_lo, act.start)
    for k in range(len(clauses) - 1, -1, -1):
        lo, hi = clauses[k]
        for row in reversed(earlier):
            if lo <= row["formula_start"] < hi:
                return row["apologizer"], "inherit", lo, True
        part = text[lo:hi].strip()
        for pattern, mode in lex.apologizer_cues:
            found = [m for m in pattern.finditer(part) if _is_actor(m["actor"])]
            if found:
                return found[-1]["actor"], mode, lo, False
        subject = lex.actor.match(part)
        if subject:
            return subject["actor"], "subject", lo, False
        institution = next((m for m in map(lex.institution.match, (part[:4], part[:3], part[:2])) if m), None)
        if institution:
            return institution[0], "subject", lo, False
        pronoun = lex.first_person.match(part)
        if pronoun:
            return pronoun[0], "first_person", lo, False
        if k == len(clauses) - 1:
            bare = part
            for word in lex.gestures + lex.intensifiers:
                bare = bare.replace(word, "")
            bare = re.split(NOT_IN_NAMES, bare)[0]
            if bare and lex.person_name.match(bare):
                return bare, "name", lo, False
    return "", "", act.sent.start, False


# --------------------------------------------------------------------------- offenses

def _strip_speech(doc: _Doc, lo: int, hi: int) -> int:
    """Move ``lo`` past a leading "X表示，" so an antecedent starts with its content."""
    for s, e, _ in doc.speeches:
        if lo <= s and e <= hi and not doc.text[lo:s].strip("，、 "):
            return e + 1
    return lo


def _antecedent(doc: _Doc, sent: _Sentence, clause_lo: int, anaphoric: bool) -> tuple[int, int] | None:
    """The problem an apology refers back to: the sentence part before its clause (for 由此…),
    else the nearest earlier sentence of the passage that names a problem."""
    lex = _lexicon()
    text = doc.text
    if anaphoric:
        lo = _strip_speech(doc, sent.start, clause_lo)
        hi = clause_lo
        while hi > lo and text[hi - 1] in "，；：":
            hi -= 1
        if hi > lo and lex.problem.search(text[lo:hi]):
            return lo, hi
    passage_lo, _, _ = doc.passage(sent.para_no)
    for other in reversed([s for s in doc.sentences if passage_lo <= s.start and s.end <= sent.start]):
        body = text[other.start:other.end]
        if other.para_no in doc.display or lex.formula.search(body) or not lex.problem.search(body):
            continue
        lo = _strip_speech(doc, other.start, other.end)
        hi = other.end
        while hi > lo and text[hi - 1] in "。！？；":
            hi -= 1
        return lo, hi
    return None


# --------------------------------------------------------------------------- strategies

def _code_cues(doc: _Doc, code: _Code) -> list[dict]:
    """The cues of one code in one document, non-overlapping (an earlier pattern wins)."""
    rows = []
    taken: list[tuple[int, int]] = []
    for pattern, target, needles in code.patterns:
        if needles and doc.cue_needles.isdisjoint(needles):
            continue
        for m in pattern.finditer(doc.text):
            if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            rows.append({"start": m.start(), "end": m.end(), "code": code.code, "scheme": code.scheme,
                         "stance": code.stance, "target": target})
    return rows


def _next_sentence_without_formula(doc: _Doc, sent: _Sentence) -> str:
    """The next sentence of the paragraph when it holds no formula (说完，他深深鞠躬。), else ""."""
    following = doc.sentences[sent.sent_no] if sent.sent_no < len(doc.sentences) else None
    if following is None or following.para_no != sent.para_no:
        return ""
    body = doc.text[following.start:following.end]
    return "" if _lexicon().formula.search(body) else body


def _apology_rows(doc: _Doc) -> list[dict]:
    lex = _lexicon()
    text = doc.text
    rows: list[dict] = []
    for sent in doc.formula_sentences:
        in_sentence: list[dict] = []
        for act in _acts_in_sentence(doc, sent):
            apologizer, how, clause_lo, inherited = _subject(doc, act, in_sentence)
            display = sent.para_no in doc.display
            speaker, same_para = ("", False) if display else doc.speaker_at(act.start)
            if lex.object_pronoun.match(apologizer):       # 其: named before the ordering clause
                clause_start = max(text.rfind(c, 0, act.start) for c in "，：！？。；\n") + 1
                apologizer = doc.referent("", clause_start) or apologizer
            institution = lex.institution.match(apologizer)
            if institution:
                apologizer = doc.referent(institution["noun"], act.start) or apologizer
                if institution["pronoun"] in "我本":
                    how = "first_person"                         # 我院 / 本公司: the speaker's own body
            level = apologizer_level(apologizer)
            if (level == "individual" and lex.institution.match(apologizer)) or lex.object_pronoun.match(apologizer):
                level = ""                                       # an unresolved 该院 / 其 is not a name
            if how == "first_person" and not institution:
                apologizer = speaker or doc.signatory or apologizer
                level, mode = apologizer_level(apologizer), "direct"
            elif how == "first_person":
                mode = "direct"
            elif inherited:
                mode = in_sentence[-1]["mode"]
            elif how in ("direct", "ordered", "reported"):
                mode = how
            elif not apologizer and speaker:
                apologizer, level, mode = speaker, apologizer_level(speaker), "direct"
            elif not speaker and doc.signatory and level and level == apologizer_level(doc.signatory):
                mode = "direct"                                  # the signatory of a notice about itself
            elif display or not same_para or level == "individual" or not apologizer:
                mode = "reported"
            else:
                mode = "direct"
            formula_text = " … ".join(text[s:e] for s, e in act.spans)
            words = "".join(text[s:e] for s, e in act.spans)
            intensifiers = [w for w in lex.intensifiers if w in words]
            intensifiers.sort(key=words.index)
            p_start, p_end, captions = doc.passage(sent.para_no)
            gesture_text = (text[sent.start:sent.end] + "".join(doc.para_text(p) for p in captions)
                            + _next_sentence_without_formula(doc, sent))
            gestures = [g for g in lex.gestures if g in gesture_text]
            if act.offense and not lex.anaphora.search(text[act.offense[0]:act.offense[1]]):
                offense, source = act.offense, "sentence"
            elif display:
                offense, source = act.offense, ("sentence" if act.offense else "")
            else:
                offense = _antecedent(doc, sent, clause_lo, anaphoric=act.offense is not None)
                source = "antecedent" if offense else ""
                if offense is None and act.offense:
                    offense, source = act.offense, "sentence"
            codes = {c["code"] for c in doc.cues if p_start <= c["start"] and c["end"] <= p_end}
            row = {
                "doc_id": doc.doc_id, "region": doc.region, "para_no": sent.para_no, "sent_no": sent.sent_no,
                "start": sent.start, "end": sent.end, "sentence": text[sent.start:sent.end],
                "formula": formula_text, "formula_start": act.start, "formula_end": act.end,
                "intensifiers": JOIN.join(intensifiers), "gesture": JOIN.join(gestures),
                "strength": len(intensifiers) + len(gestures),
                "apologizer": apologizer, "apologizer_level": level, "speaker": speaker,
                "recipient": act.recipient,
                "offense": text[offense[0]:offense[1]] if offense else "",
                "offense_start": offense[0] if offense else -1, "offense_end": offense[1] if offense else -1,
                "offense_source": source, "mode": mode,
                "strategies": JOIN.join(sorted(codes | set(APOLOGY_CODES))),
                "passage_start": p_start, "passage_end": p_end, "restates": display,
            }
            in_sentence.append(row)
        rows.extend(in_sentence)
    if not rows:
        return rows
    lead = min((p for p in doc.paragraphs if p not in doc.display and doc.para_text(p).strip()), default=0)
    body_levels = {r["apologizer_level"] for r in rows if r["para_no"] > lead and not r["restates"]}
    for row in rows:
        if row["para_no"] == lead and row["mode"] == "reported" and row["apologizer_level"] in body_levels:
            row["restates"] = True
    return rows


def _frame(rows: list[dict], columns: list[str], order: list[str]) -> pd.DataFrame:
    """Rows as a frame in ``order`` (doc_id, start, …), index reset; empty → right columns."""
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- public API

def find_apologies(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per apology act (see the module docstring for columns and rules)."""
    rows = []
    for doc in _docs_view(docs):
        rows.extend(_apology_rows(doc))
    return _frame(rows, APOLOGY_COLUMNS, ["doc_id", "start", "formula_start"])


def _in_passages(position: int, apologies: list[dict]) -> bool:
    return any(a["passage_start"] <= position < a["passage_end"] for a in apologies if not a["restates"])


def acknowledgements(docs: pd.DataFrame) -> pd.DataFrame:
    """Sentences that admit a fault (ccsarp.responsibility cue) without an apology act in them."""
    rows = []
    responsibility = [code for code in _codes() if code.code == RESPONSIBILITY]
    for doc in _docs_view(docs):
        owns = [cue for code in responsibility for cue in doc.code_cues(code)]
        by_sentence: dict[int, list[tuple[int, int]]] = {}
        for cue in owns:
            index = sentence_at(doc.sentence_spans, cue["start"])
            if index is not None and cue["end"] <= doc.sentences[index].end:
                by_sentence.setdefault(index, []).append((cue["start"], cue["end"]))
        if not by_sentence:
            continue
        apologies = _apology_rows(doc)
        apology_sentences = {a["start"] for a in apologies}
        for index, found in sorted(by_sentence.items()):
            sent = doc.sentences[index]
            found.sort()
            if sent.start in apology_sentences:
                continue
            first_start, first_end = found[0]
            seg_lo, seg_hi = _segment(doc.text, sent, first_start)
            clause = next((s, e) for s, e in _clauses(doc.text, seg_lo, seg_hi) if s <= first_start < e)
            o_lo, o_hi = clause
            while o_hi > o_lo and doc.text[o_hi - 1] in "。！？；":
                o_hi -= 1
            subject = _lexicon().actor.match(doc.text[o_lo:o_hi])
            speaker = subject["actor"] if subject else doc.speaker_at(first_start)[0]
            rows.append({
                "doc_id": doc.doc_id, "region": doc.region, "para_no": sent.para_no, "sent_no": sent.sent_no,
                "start": sent.start, "end": sent.end, "sentence": doc.text[sent.start:sent.end],
                "phrase": JOIN.join(doc.text[s:e] for s, e in found),
                "phrase_start": first_start, "phrase_end": first_end,
                "speaker": speaker, "speaker_level": apologizer_level(speaker),
                "offense": doc.text[o_lo:o_hi], "offense_start": o_lo, "offense_end": o_hi,
                "apology_in_passage": _in_passages(sent.start, apologies),
            })
    return _frame(rows, ACKNOWLEDGEMENT_COLUMNS, ["doc_id", "start"])


def response_strategies(docs: pd.DataFrame) -> pd.DataFrame:
    """Every strategy cue, plus the formula of every non-restating apology (explicit apology, mortification)."""
    rows = []
    for doc in _docs_view(docs):
        apologies = _apology_rows(doc)
        found = list(doc.cues)
        for act in apologies:
            if not act["restates"]:
                for code in APOLOGY_CODES:
                    found.append({"start": act["formula_start"], "end": act["formula_end"], "code": code,
                                  "scheme": code.split(".")[0], "stance": "own", "target": ""})
        for cue in found:
            sent = doc.sentences[sentence_at(doc.sentence_spans, cue["start"])]
            rows.append({"doc_id": doc.doc_id, "region": doc.region, "para_no": sent.para_no,
                         "sent_no": sent.sent_no, "start": cue["start"], "end": cue["end"],
                         "cue": doc.text[cue["start"]:cue["end"]], "code": cue["code"], "scheme": cue["scheme"],
                         "stance": cue["stance"], "target": cue["target"],
                         "in_apology_passage": _in_passages(cue["start"], apologies)})
    return _frame(rows, STRATEGY_COLUMNS, ["doc_id", "start", "code"])


def strategy_codes() -> list[str]:
    """Every code the lexicon knows (plus the two apology codes), sorted."""
    return sorted({c.code for c in _codes()} | set(APOLOGY_CODES))
