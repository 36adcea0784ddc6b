"""Apology acts in one document: which formulas are acts, who apologised, to whom, for what, how.

The steps, in order: ``formula_sentences`` (where a formula can be), ``blocked`` (a formula that is
mentioned, negated, asked about or demanded is not an act), ``acts_in_sentence`` (formulas with
nothing of their own merged into a neighbour), ``subject`` and ``who`` (the apologizer), ``mode``
(an ordered table of rules), ``offense`` and ``passage``. ``apology_rows(doc)`` runs them once per
document; acknowledgements and strategies reuse its rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...codes import MODES
from ...document import (DOCUMENT_CACHE_SIZE, JOIN, Document, Sentence, actor_lexicon, actor_level,
                         bare_subject, is_official)
from ...text import CLOSERS
from .lexicon import APOLOGY_CODES, apology_lexicon
from .cues import cues

QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
LEADING_SYMBOLS = re.compile(r"^[^\w]+")   # ▲ ■ 【 before a caption's subject
HEADLINE_PARTS = " \u3000/｜|"
CUE_MODES = MODES   # the modes an apologizer cue (代表, 要求, 组织 …) may name


# --------------------------------------------------------------------------- passages

def has_formula(doc: Document, para_no: int) -> bool:
    return bool(apology_lexicon().formula.search(doc.para_text(para_no)))


def neighbour(doc: Document, para_no: int, step: int) -> tuple[int | None, list[int]]:
    """The adjacent body paragraph in direction ``step`` (None at a heading or the end), and the
    apology captions stepped over on the way."""
    p, captions = para_no + step, []
    while p in doc.paragraphs:
        if not doc.para_text(p).strip():
            p += step
            continue
        if p in doc.display:
            if not has_formula(doc, p):
                return None, captions
            captions.append(p)
            p += step
            continue
        return p, captions
    return None, captions


def passage(doc: Document, para_no: int) -> tuple[int, int, list[int]]:
    """(start, end, stepped-over caption paragraphs) of the passage around a paragraph."""
    if para_no in doc.display:
        start, end = doc.paragraphs[para_no]
        return start, end, []
    before, captions_before = neighbour(doc, para_no, -1)
    after, captions_after = neighbour(doc, para_no, 1)
    first = before if before is not None else para_no
    last = after if after is not None else para_no
    return doc.paragraphs[first][0], doc.paragraphs[last][1], sorted(captions_before + captions_after)


def speaker_at(doc: Document, position: int) -> tuple[str, bool]:
    """Who is speaking at ``position`` (see ``Document.speaker_at``), looking back over apology captions."""
    return doc.speaker_at(position, neighbour(doc, doc.para_of(position), -1)[0])


def signatory(doc: Document) -> str:
    """The document's signatory, unless its last line is an apology caption rather than a signature."""
    found = doc.signatory
    return "" if found and apology_lexicon().formula.search(found) else found


# --------------------------------------------------------------------------- formulas

@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def formula_sentences(doc: Document) -> list[Sentence]:
    """The sentences a formula can be in: those where one of its needles starts (all of them if the
    formulas have no needles)."""
    found_needles = apology_lexicon().formula_needles
    if not found_needles.words:
        return doc.sentences
    found = {doc.sentence_index(p) for positions in found_needles(doc.text).values() for p in positions}
    return [doc.sentences[i] for i in sorted(found - {None})]


def mention_type(doc: Document, sent: Sentence, match_start: int, match_end: int) -> str:
    """Why a formula is not an act: the first type of codebook §2.2 that holds (title, word,
    commentary, demand, wish, obligation, refusal, denial, rumour, conditional, question, no_need,
    mention), or "" when it is an act."""
    lex = apology_lexicon()
    text = doc.text
    before = text[sent.start:match_start]
    if before.count("《") > before.count("》"):
        return "title"                                           # inside a title 《…》
    opener, closer = text[match_start - 1:match_start], text[match_end:match_end + 1]
    if opener in QUOTE_PAIRS and QUOTE_PAIRS[opener] == closer:
        return "word"                                            # the bare word quoted
    after = text[match_end:sent.end]
    if lex.noun_use.match(after) or lex.copula_before.search(before):
        return "commentary"                                      # apologising as a topic
    seg_lo, _ = doc.segment(sent, match_start)
    segment_before = text[seg_lo:match_start]
    clauses = doc.clauses(seg_lo, match_start)
    clause_before = text[clauses[-1][0]:match_start]
    if lex.demand_verbs.search(segment_before) or _ordered_by_the_public(doc, seg_lo, match_start):
        return "demand"
    wish = lex.wish_verbs.search(clause_before)
    if wish and not lex.self_wish.match(clause_before[wish.end():]):   # 希望院方道歉, not 希望向家人道歉
        return "wish"
    if lex.obligation.search(clause_before) and not _speakers_own_obligation(doc, clause_before, match_start):
        return "obligation"
    for kind in ("refusal", "no_need", "denial"):              # 没有必要 is no_need before it is a denial
        if getattr(lex, kind).search(clause_before):
            return kind
    quoted = doc.quote_around(match_start, sent.start, sent.end)
    if lex.rumour_source.search(segment_before) or (quoted and lex.rumour_verdict.search(text[sent.start:sent.end])):
        return "rumour"
    condition = _condition(doc, clauses, match_end)
    if condition:
        return condition
    question_ends = not re.search("[，；：,;:]", after.rstrip(CLOSERS)) and after.rstrip(CLOSERS).endswith("？")
    if question_ends or lex.question.search(segment_before):
        return "question"
    if lex.letter_nouns.match(after) and not lex.letter_act_verbs.search(clause_before):
        return "mention"                                         # the letter mentioned, not sent
    if lex.letter_nouns.match(after) and _content_follows(doc, sent, match_end):
        return "mention"                                         # published, and its words are given below
    return ""


def _speakers_own_obligation(doc: Document, clause_before: str, position: int) -> bool:
    """我必须道歉, or the speaker's own body obliged (指挥中心都必须… said by the centre's commander):
    an obligation the speaker takes on, not an opinion about others."""
    actors = actor_lexicon()
    clause = actors.clause_openers.sub("", LEADING_SYMBOLS.sub("", clause_before.strip()))
    if actors.first_person.match(clause):
        return True
    subject = re.split(apology_lexicon().obligation.pattern.removesuffix("$"), clause)[0]
    subject = re.sub("[都也还则均]+$", "", subject)
    speaker = speaker_at(doc, position)[0]
    return bool(subject) and subject in speaker


def _condition(doc: Document, clauses: list[tuple[int, int]], formula_end: int) -> str:
    """"conditional" when a condition (如经查实…) governs the formula from its own clause or one of the
    two clauses before (not across 但 / 不过); "commentary" when the formula is itself the condition
    (如果道歉就可以…)."""
    lex = apology_lexicon()
    text = doc.text
    own_lo = clauses[-1][0]
    if lex.conditional.search(text[own_lo:formula_end]) and lex.consequent.match(text[formula_end:]):
        return "commentary"
    for lo, hi in reversed(clauses[-3:]):
        part = text[lo:hi]
        if lex.conditional.search(part):
            return "conditional"
        if lo < own_lo and lex.adversative.match(part.strip()):
            break
    return ""


def _content_follows(doc: Document, sent: Sentence, formula_end: int) -> bool:
    """A published letter whose words follow (发布致歉信：…我们深深地道歉 / 称…): the formulas in them are the
    acts, the publication is a mention (codebook §2.1 rule 4)."""
    text = doc.text
    rest = text[formula_end:doc.paragraphs[sent.para_no][1]]
    introduced = re.match(r"^[^，。；]{0,4}?(?:[：:]|，?称|，?表示)", rest)
    return bool(introduced) and bool(apology_lexicon().formula.search(rest, introduced.end()))


def _ordered_by_the_public(doc: Document, seg_lo: int, match_start: int) -> bool:
    """An order verb (要求) whose subject is the public: 网友纷纷留言，要求X道歉."""
    lex = apology_lexicon()
    text = doc.text
    public_opened = False
    for s, e in doc.clauses(seg_lo, match_start):
        public_opened = public_opened or bool(lex.public_subject.match(text[s:e].strip()))
        verb = lex.order_verbs.search(text[s:min(e, match_start)])
        if not verb:
            continue
        subject_text = text[s:s + verb.start()]
        if lex.public_demanders.search(subject_text) or public_opened and lex.carried_subject.match(subject_text.strip()):
            return True
    return False


@dataclass
class Act:
    sent: Sentence
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

    @property
    def has_own_content(self) -> bool:
        return bool(self.recipient or self.offense or self.cue_actor)


def is_actor(phrase: str) -> bool:
    """An actor phrase: one with a level, or an institution pronoun (该院) to resolve later."""
    lex = actor_lexicon()
    if lex.institution.match(phrase) or lex.object_pronoun.match(phrase):
        return True
    return bool(actor_level(phrase))


def read_clause(doc: Document, lo: int, hi: int, formula_end: int, act: Act) -> None:
    """Fill recipient, offense and an apologizer cue of an act from its clause part text[lo:hi].

    Cues may look ahead into the formula (向患者|表达…) but what they capture ends before it.
    """
    lex = apology_lexicon()
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
        found = [m for m in pattern.finditer(part) if m.end("actor") <= limit and is_actor(m["actor"])]
        if found:
            act.cue_actor = (found[-1]["actor"], mode)
            break
    if not act.recipient:
        after = lex.recipient_after.match(doc.text[hi:formula_end + 12])
        act.recipient = after["recipient"] if after else ""


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def formulas(doc: Document) -> tuple[tuple[Sentence, int, int, str], ...]:
    """(sentence, start, end, why it is no act) of every formula of the document, "" for an act: read
    once for the acts and for the mentions."""
    return tuple((sent, found.start(), found.end(), mention_type(doc, sent, *found.span()))
                 for sent in formula_sentences(doc)
                 for found in apology_lexicon().formula.finditer(doc.text, sent.start, sent.end))


def acts_in_sentence(doc: Document, sent: Sentence) -> list[Act]:
    """Apology acts of one sentence; a formula with nothing of its own is merged into its neighbour."""
    matches = [(start, end) for where, start, end, kind in formulas(doc) if where is sent and not kind]
    acts: list[Act] = []
    previous_end = sent.start
    for start, end in matches:
        act = Act(sent, [(start, end)])
        # the formula's clause before it, not reaching back past an earlier formula
        clause_lo = doc.clauses(doc.segment(sent, start)[0], start)[-1][0]
        read_clause(doc, max(clause_lo, previous_end), start, end, act)
        same_segment = bool(acts) and "；" not in doc.text[acts[-1].end:start]
        if same_segment and not act.has_own_content:
            acts[-1].spans.append((start, end))
        elif same_segment and not acts[-1].has_own_content:
            act.spans = acts[-1].spans + act.spans
            acts[-1] = act
        else:
            acts.append(act)
        previous_end = end
    return acts


# --------------------------------------------------------------------------- who apologised

def subject(doc: Document, act: Act, earlier: list[dict]) -> tuple[str, str, int, bool]:
    """(apologizer, how, clause start, inherited) — how is a cue mode or "subject"/"name"/"first_person"/"".

    Tries the formula's own clause, then earlier clauses of the same ；-segment; a clause that
    holds an earlier act of the sentence passes that act's apologizer on.
    """
    lex, actors = apology_lexicon(), actor_lexicon()
    text = doc.text
    seg_lo, _ = doc.segment(act.sent, act.start)
    clauses = doc.clauses(seg_lo, act.start)
    if act.cue_actor:
        return act.cue_actor[0], act.cue_actor[1], clauses[-1][0], False
    represented = _represented(doc, clauses)
    if len(represented) > 1:    # 甲代表市政府，乙代表区政府，向…致歉: one act on behalf of both
        return JOIN.join(represented), "direct", clauses[-len(represented) - 1][0], False
    if act.sent.para_no in doc.display:   # a headline's parts are set apart by spaces or slashes: 石某失言 陈某致歉
        lo = max(text.rfind(mark, seg_lo, act.start) for mark in HEADLINE_PARTS) + 1
        clauses = [(max(s, lo), e) for s, e in clauses if e > lo]
    for k in range(len(clauses) - 1, -1, -1):
        lo, hi = clauses[k]
        for row in reversed(earlier):
            if lo <= row["formula_start"] < hi:
                return row["apologizer"], "inherit", lo, True
        part = actors.clause_openers.sub("", LEADING_SYMBOLS.sub("", text[lo:hi].strip()))
        part = actors.subject_leading.sub("", part) if not actors.first_person.match(part) else part
        if actors.concessive.match(part):
            continue
        if k == len(clauses) - 1 and act.sent.para_no in doc.display:   # 呛记者提问「…」陈时中道歉了
            named = next((p for p in doc.persons if part.endswith(p)), "")
            if named:
                return named, "name", lo, False
        for pattern, mode in lex.apologizer_cues:
            found = [m for m in pattern.finditer(part) if is_actor(m["actor"])]
            if found:
                return found[-1]["actor"], mode, lo, False
        opening = actors.actor.match(part) and doc.actor_at_start(part)
        if opening:
            return opening, "subject", lo, False
        institution = next((m for m in map(actors.institution.match, (part[:4], part[:3], part[:2])) if m), None)
        if institution:
            return institution[0], "subject", lo, False
        pronoun = actors.first_person.match(part)
        if pronoun:
            return pronoun[0], "first_person", lo, False
        person = doc.person_at_start(part)
        if person:
            return person, "name", lo, False
        if actors.third_person.match(part):
            return doc.person_before(lo), "name", lo, False
        prefix = doc.actor_at_start(part)   # an actor followed by words the lexicon does not list
        if prefix:
            return prefix, "subject", lo, False
    return "", "", act.sent.start, False


@dataclass
class Who:
    """What the mode rules look at: how the apologizer was found and who is speaking."""
    apologizer: str
    level: str
    how: str
    institution: bool          # 我院 / 该院 / 本公司 resolved to an institution
    inherited: bool            # the apologizer of an earlier act of the sentence
    speaker: str
    same_paragraph: bool       # the speaker's speech verb is in the act's paragraph
    display: bool              # the act is in a display line (headline, caption)
    signatory_level: str
    clause_lo: int             # where the clause the apologizer was found in starts
    first_person: bool = False  # 我 / 我们 / 我院 / 我代表X: the speaker's own words
    verbatim: bool = False     # inside a quotation, or an answer under a Q&A speaker line
    spoken_for: bool = False   # no apologizer named: the one speaking apologises
    signed_text: bool = False  # no speaker but the signatory of the notice or letter

    @property
    def speakers_own(self) -> bool:
        """The apology is the speaker's or the speaker's body's (市卫健委 in the words of its deputy
        director), not a third party's the speaker tells of."""
        return self.spoken_for or bool(self.speaker) and (
            self.apologizer in self.speaker or actor_level(self.speaker) == self.level)


def _represented(doc: Document, clauses: list[tuple[int, int]]) -> list[str]:
    """The bodies named by 代表X in the clauses right before the formula's own, one per clause, in order."""
    cue = next(pattern for pattern, mode in apology_lexicon().apologizer_cues if mode == "direct")
    found = []
    for lo, hi in reversed(clauses[:-1]):
        match = cue.search(doc.text[lo:hi])
        if not match or not is_actor(match["actor"]):
            break
        found.insert(0, match["actor"])
    return found


def _place_in(speaker: str, noun: str) -> str:
    """The place a speaker's body is named after, up to ``noun`` (我区 said by 广州市荔湾区…指挥部 →
    广州市荔湾区), or "" when the speaker names none."""
    if noun not in actor_lexicon().place_nouns or noun not in speaker:
        return ""
    return speaker[:speaker.rindex(noun) + 1]


def _bare_suffix(actor: str) -> bool:
    """An actor that is only a word ending (中心, 公司): a short reference to a body named before."""
    return bool(actor) and bool(re.fullmatch(actor_lexicon().actor_suffix.pattern.removesuffix("$"), actor))


def who(doc: Document, act: Act, in_sentence: list[dict], display: bool) -> Who:
    """The apologizer of an act, resolved: institution pronouns to the institution named before,
    其 to the actor before the ordering clause, 我/我们 (or no apologizer at all) to the speaker or
    the signatory."""
    actors = actor_lexicon()
    text = doc.text
    apologizer, how, clause_lo, inherited = subject(doc, act, in_sentence)
    # a headline has no speaker, but a short line in the first person (我们深深地道歉！) has one
    speaker, same_para = ("", False) if display and how != "first_person" else speaker_at(doc, act.start)
    if not speaker and not display and how == "inherit" and in_sentence:   # the act before in the sentence
        speaker = in_sentence[-1]["speaker"]
    if not speaker and not display and len(act.spans) > 1:   # 公开道歉，她表示「…我应该要道歉」: the quoted speaker
        speaker, same_para = speaker_at(doc, act.spans[-1][0])
    own_words = (how == "first_person" or bool(apology_lexicon().own_institution.match(apologizer))
                 or not apologizer and bool(re.search(actors.first_person.pattern.removeprefix("^"),
                                                      text[act.sent.start:act.sent.end])))
    if own_words and not speaker and not display:   # a letter or speech running on: its last speaker
        earlier = [i for i, (s, _e, _) in enumerate(doc.speeches) if s < act.start]
        speaker = doc.resolve(earlier[-1]) if earlier else doc.publisher_before(act.start)
    if actors.object_pronoun.match(apologizer):       # 其: named before the ordering clause
        clause_start = max(text.rfind(c, 0, act.start) for c in "，：！？。；\n") + 1
        apologizer = doc.referent("", clause_start) or apologizer
    if _bare_suffix(apologizer):
        apologizer = doc.referent(apologizer, act.start) or apologizer   # 中心 → 澳门应变协调中心 named before
    institution = actors.institution.match(apologizer)
    if institution:
        own_place = _place_in(speaker or signatory(doc), institution["noun"]) if institution["pronoun"] in "我本" else ""
        apologizer = own_place or doc.referent(institution["noun"], act.start) or apologizer
        if institution["pronoun"] in "我本":
            how = "first_person"                         # 我院 / 本公司: the speaker's own body
    level = actor_level(doc.full_name(apologizer))     # a bare name takes the office it was introduced with
    if (level == "individual" and actors.institution.match(apologizer)) or actors.object_pronoun.match(apologizer):
        level = ""                                       # an unresolved 该院 / 其 is not a name
    signed = signatory(doc)
    signed_text = bool(signed) and not speaker and not display
    speaker = signed if signed_text else speaker        # a signed notice or letter speaks for its signatory
    p_start, p_end = doc.paragraphs[act.sent.para_no]
    found = Who(apologizer, level, how, bool(institution), inherited, speaker, same_para, display,
                actor_level(signed) if signed else "", clause_lo,
                first_person=how == "first_person" or (how == "direct" and _first_person_represents(doc, act, clause_lo)),
                verbatim=not display and (any(doc.quote_around(s, p_start, p_end) for s, _ in act.spans)
                                          or bool(not same_para and doc.transcript_speaker(act.sent.para_no))),
                signed_text=signed_text)
    if how == "first_person" and not institution:
        found.apologizer = speaker or signed or apologizer
        found.level = actor_level(doc.full_name(found.apologizer))
    elif how not in CUE_MODES and not inherited and not apologizer and (speaker or signed):
        found.apologizer = speaker or signed          # no apologizer named: the one speaking apologises
        found.level, found.spoken_for = actor_level(found.apologizer), True
    return found


def _first_person_represents(doc: Document, act: Act, clause_lo: int) -> bool:
    """我代表X (first person) rather than 周某代表X (narrated): 我 / 我们 before 代表 in its clause, or,
    when the clause opens with 代表 itself (在此代表…), earlier in the sentence (我们深感痛心，在此代表…)."""
    actors = actor_lexicon()
    anywhere = actors.first_person.pattern.removeprefix("^")
    own = doc.text[clause_lo:act.start]
    if re.search(anywhere, own):
        return True
    opening = actors.clause_openers.sub("", own.strip())
    return bool(apology_lexicon().represents.match(opening)) and bool(re.search(anywhere, doc.text[act.sent.start:clause_lo]))


# Mode rules, tried in order; the first that holds decides (codebook §2.4 ``mode``). Each is (why, test, mode).
MODE_RULES = (
    ("an authority organises, requires or orders it (要求 / 责令 / 组织 X …)", lambda w: w.how == "ordered", "ordered"),
    ("first-person words perform it: 我 / 我们 / 我院 / 我代表X", lambda w: w.first_person, "direct"),
    ("a headline or caption reports it", lambda w: w.display, "reported"),
    ("the speaker's own words, quoted or in a Q&A answer", lambda w: w.verbatim and w.speakers_own, "direct"),
    ("a notice's signatory apologising, about itself in the third person or with no subject",
     lambda w: w.signed_text and (not w.how or w.level == w.signatory_level), "direct"),
    ("otherwise the text reports it: a paraphrase (X表示，市政府…), X代表Y narrated, a past apology",
     lambda w: True, "reported"),
)


def mode(found: Who, previous_mode: str) -> str:
    """direct | reported | ordered by ``MODE_RULES``; an inherited apologizer keeps the earlier act's mode."""
    if found.inherited and found.how != "first_person":
        return previous_mode
    return next(decided for _why, holds, decided in MODE_RULES if holds(found))


# --------------------------------------------------------------------------- offenses

def _strip_speech(doc: Document, lo: int, hi: int) -> int:
    """Move ``lo`` past a leading "X表示，" so an antecedent starts with its content."""
    for s, e, _ in doc.speeches:
        if lo <= s and e <= hi and not doc.text[lo:s].strip("，、 "):
            return e + 1
    return lo


def antecedent(doc: Document, sent: Sentence, clause_lo: int, anaphoric: bool) -> tuple[int, int] | None:
    """The problem an apology refers back to: the sentence part before its clause (for 由此…),
    else the nearest earlier sentence of the passage that names a problem."""
    lex = apology_lexicon()
    text = doc.text
    if anaphoric:
        lo = _strip_speech(doc, sent.start, clause_lo)
        hi = clause_lo
        while hi > lo and text[hi - 1] in "，；：":
            hi -= 1
        if hi > lo and lex.problem.search(text[lo:hi]):
            return lo, hi
    passage_lo, _, _ = passage(doc, sent.para_no)
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


def offense(doc: Document, act: Act, display: bool, clause_lo: int) -> tuple[tuple[int, int] | None, str]:
    """(span, source) of what the act apologises for: stated in its clause ("sentence"), referred
    back to ("antecedent": the sentence part before ``clause_lo`` or an earlier sentence), or none ("")."""
    if act.offense and not apology_lexicon().anaphora.search(doc.text[act.offense[0]:act.offense[1]]):
        return act.offense, "sentence"
    if display:
        return act.offense, ("sentence" if act.offense else "")
    anaphoric = act.offense is not None
    found = antecedent(doc, act.sent, clause_lo, anaphoric)
    if found:
        return found, "antecedent"
    return None, ""                               # 对此 with no problem to point back to


# --------------------------------------------------------------------------- mentions (not acts)

PARTY_IS_THE_REFUSER = ("refusal", "denial", "no_need")   # who refuses is who would apologise


def mention_parties(doc: Document, sent: Sentence, formula_start: int, kind: str) -> tuple[str, str]:
    """(actor, target) of a formula that is not an act: who demands, wishes, refuses, denies, asks or
    comments, and who would be the apologizer. The target is X of 要求X道歉 or 问X是否…, else the subject
    of the formula's clause (or of the nearest earlier clause that has one); the actor is the public or
    the actor opening the segment (the asker before 问; for refusals and denials the target itself),
    else the speaker."""
    lex, actors = apology_lexicon(), actor_lexicon()
    text = doc.text
    seg_lo, _ = doc.segment(sent, formula_start)
    part = text[seg_lo:formula_start]
    ordered = [m["actor"] for pattern, cue_mode in lex.apologizer_cues if cue_mode == "ordered"
               for m in pattern.finditer(part) if is_actor(m["actor"])]
    clause_lo = doc.clauses(seg_lo, formula_start)[-1][0]
    asked = lex.asked.search(text[clause_lo:formula_start])   # 问X是否…道歉: the question is the formula's own clause
    public, subjects = [], []
    quote = doc.quote_around(formula_start, sent.start, sent.end)
    for lo, hi in doc.clauses(seg_lo, formula_start) + ([(quote[0] + 1, formula_start)] if quote else []):
        clause = actors.clause_openers.sub("", actors.topic_markers.sub("", text[lo:hi].strip()))
        crowd = lex.public_subject.match(clause)
        if crowd:
            public.append(actors.existential.sub("", crowd[0]))   # 有网友 → 网友: 有 says there are some
            continue
        clause = actors.subject_leading.sub("", clause)
        opening = doc.actor_at_start(clause) or doc.person_at_start(clause)
        bare = lex.clause_subject.match(clause)
        subjects.append(opening or (bare_subject(bare["subject"]) if bare else ""))
    named = [s for s in subjects if s]
    wished = lex.wished.search(part)
    if ordered:
        target = bare_subject(ordered[-1])
    elif wished:
        target = bare_subject(wished["target"])
    elif asked:
        target = bare_subject(asked["asked"])
    else:
        target = named[-1] if named else ""
    passive = lex.passive_demand.search(part)
    speaker = speaker_at(doc, formula_start)[0]
    label = lex.transcript_label.match(text[sent.start:sent.end])
    if kind in ("mention", "title"):   # the publisher of a letter; nobody when the letter speaks (致歉信称)
        publisher = named[-1] if named and lex.letter_act_verbs.search(text[clause_lo:formula_start]) else ""
        return publisher, publisher or target
    if kind == "commentary":    # apology as a topic: nobody in particular would apologise
        target = ""
    if actors.object_pronoun.match(target) or actors.third_person.fullmatch(target):    # 责令其道歉 / 他拒绝道歉: named before
        conditioned = [lex.conditioned.match(text[lo:hi].strip()) for lo, hi in doc.clauses(seg_lo, clause_lo)]
        target = next((bare_subject(m["subject"]) for m in reversed(conditioned) if m), "") \
            or doc.referent("", clause_lo) or target
    if kind == "no_need":
        actor = speaker or target   # who says there is nothing to apologise for
    elif kind == "denial":          # who denies (X否认曾…); the text's own statement (X并未道歉) has no denier
        return (target if lex.denies.search(text[clause_lo:formula_start]) else ""), target
    elif kind == "conditional" and speaker:
        actor = speaker             # who would make, or order, the apology (X表示，如经查实…将责令其道歉)
    elif kind in PARTY_IS_THE_REFUSER:
        actor = target
    elif passive:
        actor = bare_subject(passive["agent"])
    elif kind == "question" and label:
        actor = label["label"]      # 记者：… 会不会道歉？ in a Q&A transcript
    elif asked:
        actor = actors.existential.sub("", bare_subject(asked["asker"]))
    elif kind == "commentary" and speaker:
        actor = speaker             # the commentator (市议员某某批评，道歉不能代替问责)
    else:
        actor = (public + [n for n in named if n != target] + [""])[0]
    return actor or speaker, target


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def mention_rows(doc: Document) -> tuple[dict, ...]:
    """One row per apology formula that is not an act (codebook §2.2), with its type and parties."""
    text = doc.text
    rows = []
    for sent, start, end, kind in formulas(doc):
        if kind:
            actor, target = mention_parties(doc, sent, start, kind)
            rows.append({
                "doc_id": doc.doc_id, "region": doc.region, "para_no": sent.para_no, "sent_no": sent.sent_no,
                "start": sent.start, "end": sent.end, "sentence": text[sent.start:sent.end],
                "formula": text[start:end], "formula_start": start, "formula_end": end,
                "type": kind, "actor": actor, "target": target,
            })
    return tuple(rows)


def _next_sentence_without_formula(doc: Document, sent: Sentence) -> str:
    """The next sentence of the paragraph when it holds no formula (说完，他深深鞠躬。), else ""."""
    following = doc.sentences[sent.sent_no] if sent.sent_no < len(doc.sentences) else None
    if following is None or following.para_no != sent.para_no:
        return ""
    body = doc.text[following.start:following.end]
    return "" if apology_lexicon().formula.search(body) else body


# --------------------------------------------------------------------------- rows

@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def apology_rows(doc: Document) -> tuple[dict, ...]:
    """One row per apology act of the document (columns in the package docstring), computed once."""
    lex = apology_lexicon()
    text = doc.text
    rows: list[dict] = []
    for sent in formula_sentences(doc):
        in_sentence: list[dict] = []
        for act in acts_in_sentence(doc, sent):
            display = sent.para_no in doc.display
            found = who(doc, act, in_sentence, display)
            words = "".join(text[s:e] for s, e in act.spans)
            intensifiers = sorted((w for w in lex.intensifiers if w in words), key=words.index)
            p_start, p_end, captions = passage(doc, sent.para_no)
            gesture_text = (text[sent.start:sent.end] + "".join(doc.para_text(p) for p in captions)
                            + _next_sentence_without_formula(doc, sent))
            gestures = [g for g in lex.gestures if g in gesture_text]
            span, source = offense(doc, act, display, found.clause_lo)
            codes = {c["code"] for c in cues(doc) if p_start <= c["start"] and c["end"] <= p_end}
            in_sentence.append({
                "doc_id": doc.doc_id, "region": doc.region, "para_no": sent.para_no, "sent_no": sent.sent_no,
                "start": sent.start, "end": sent.end, "sentence": text[sent.start:sent.end],
                "formula": " … ".join(text[s:e] for s, e in act.spans), "formula_start": act.start,
                "formula_end": act.end, "intensifiers": JOIN.join(intensifiers), "gesture": JOIN.join(gestures),
                "strength": len(intensifiers) + len(gestures),
                "apologizer": found.apologizer, "apologizer_level": found.level,
                "official": is_official(found.apologizer, found.level, text[p_start:p_end]), "speaker": found.speaker,
                "recipient": act.recipient,
                "offense": text[span[0]:span[1]] if span else "",
                "offense_start": span[0] if span else -1, "offense_end": span[1] if span else -1,
                "offense_source": source,
                "mode": mode(found, in_sentence[-1]["mode"] if in_sentence else ""),
                "strategies": JOIN.join(sorted(codes | set(APOLOGY_CODES))),
                "passage_start": p_start, "passage_end": p_end, "restates": False,
            })
        rows.extend(in_sentence)
    _mark_restatements(doc, rows)
    return tuple(rows)


def _mark_restatements(doc: Document, rows: list[dict]) -> None:
    """An apology in a display line, or a `reported` one in the lead, restates an act the body tells by
    an apologizer of the same level; a display line the body does not tell is the act's only record."""
    lead = min((p for p in doc.paragraphs if p not in doc.display and doc.para_text(p).strip()), default=0)
    body = [r for r in rows if r["para_no"] not in doc.display]
    for row in rows:
        if row["para_no"] in doc.display:
            told = {r["apologizer_level"] for r in body}
        elif row["para_no"] == lead and row["mode"] == "reported":
            told = {r["apologizer_level"] for r in body if r["para_no"] > lead}
        else:
            continue
        row["restates"] = row["apologizer_level"] in told
