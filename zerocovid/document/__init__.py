"""The shared document model: what every analyzer reads about one article, worked out once.

``documents(docs)`` gives one ``Document`` per row of the documents DataFrame, in doc_id order.
The same article seen again (the next analyzer of a run, on the same batch) gets the same
object back, so each view below is computed once per document, on first use: most documents
need only a few of them.

Views of a ``Document``
    paragraphs      {para_no: (start, end)} of every line of ``text``, blank lines included, so
                    para_no agrees with ``sentences()``.
    sentences       ``Sentence(para_no, sent_no, start, end)`` in order (``text.split_sentences``).
    display         the para_nos of display lines: no 。 or ； and at most 60 characters (a
                    heading, caption or salutation such as 西安市卫健委主任，鞠躬道歉！).
    speeches        (start, end, speaker) of every speech verb with the words before it (X表示，).
    speaker_lines   {para_no: speaker} of Q&A speaker lines (市卫健委主任张三：).
    signatory       the issuing body a notice or letter ends with (七里河区人民政府, optionally
                    followed by a date line), else "".
    article_day     the day undated statements hold for: the manifest's event_date, else published.
    dates           every date and time named, with the moment it stands for (``dates``).
    article_place   the manifest's place under its canonical name; ``places``: (position, place)
                    of every place named, anaphors (全市, 该州) resolved (``places``).

Questions it answers
    sentence_index(pos)     the sentence holding a position; ``para_of(pos)`` its paragraph.
    segment(sentence, pos)  the ；-delimited part of a sentence; ``clauses(lo, hi)`` its clauses
                            (split after ，：！？ and their half-width forms); ``clause_start(pos,
                            lower)`` where the clause holding ``pos`` begins.
    quote_around(pos, lo, hi)  the “…” quotation holding a position, within a paragraph.
    speaker_at(pos)         who is speaking at a position: the speaker named right after the
                            quotation holding it (“…”赵某说), else the last speech verb before it in
                            its paragraph, else one in the previous body paragraph unless this one
                            opens as narration (a date, 此前, 据了解 …), else a Q&A
                            speaker line governing the paragraph (``transcript_speaker``); pronouns (他, 她) resolve to the
                            previous named speaker, a bare name to the title it was introduced with.
    actor_at_start(clause)  the actor a clause opens with (市卫健委主任刘顺智向… / 上海副市长哽咽 → 上海副市长).
    persons                 names introduced with a title (市长卢秀燕); ``person_at_start(clause)``,
                            ``person_before(pos)`` (what 他 / 她 refers to).
    referent(noun, pos)     the nearest actor before a position that ends with ``noun``
                            (该院 → 郑州市某区人民医院).

Modules: ``actors`` (who can speak or act, at what level, whether officially: ``actor_level``,
``is_official``), ``dates``
(time expressions), ``places`` (the gazetteer and anaphors).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat

import pandas as pd

from ..text import is_common_word, paragraph_spans, split_sentences
from .actors import JOIN, actor_level, actor_lexicon, bare_subject, is_official
from .dates import article_day, time_expressions
from .places import canonical_place, place_mentions

DISPLAY_MAX_CHARS = 60
QUOTE_MARKS = {"“": "”", "「": "」", "『": "』"}   # mainland, Hong Kong and Taiwan quotation marks
NAME_CUES = 20    # characters after a title searched for the name it introduces
HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")   # a name the text repeats (林郑月娥: four characters too)
CLAUSE_BREAKS = "，,：:！!？?"         # within a ；-segment of a sentence
CLAUSE_ENDS = CLAUSE_BREAKS + "；;。\n"  # anywhere in a text
_TITLE_BEFORE = re.compile(r"[^，、。；：！？“”\n\s／/]{0,30}$")
_CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAKS}]")
DOCUMENT_CACHE_SIZE = 512  # more than one pipeline batch, so every analyzer of a batch shares its documents


@dataclass(frozen=True)
class Sentence:
    para_no: int
    sent_no: int
    start: int
    end: int


@dataclass(eq=False)  # compared and hashed by identity: analyzers memoise their work per Document
class Document:
    """One article and the views of it that analyzers share (see the module docstring)."""
    doc_id: str
    region: str
    text: str
    place: str = ""
    event_date: object = None
    published: object = None
    bold_spans: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    # ----- structure

    @cached_property
    def paragraphs(self) -> dict[int, tuple[int, int]]:
        return {para_no: (start, end) for para_no, start, end in paragraph_spans(self.text)}

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int, int]]:
        """(para_no, start, end) of every sentence, as ``text.split_sentences`` gives them."""
        return split_sentences(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [Sentence(p, n, s, e) for n, (p, s, e) in enumerate(self.sentence_spans, start=1)]

    @cached_property
    def display(self) -> set[int]:
        display = set()
        for para_no in self.paragraphs:
            stripped = self.para_text(para_no).strip()
            if stripped and "。" not in stripped and "；" not in stripped and len(stripped) <= DISPLAY_MAX_CHARS:
                display.add(para_no)
        return display

    def para_text(self, para_no: int) -> str:
        start, end = self.paragraphs[para_no]
        return self.text[start:end]

    def para_of(self, position: int) -> int:
        return next(p for p, (s, e) in self.paragraphs.items() if s <= position <= e)

    def sentence_index(self, position: int) -> int | None:
        """Index in ``sentences`` of the last sentence starting at or before ``position``, or None
        before the first. The sentence holds ``position`` only if ``position < its end``
        (whitespace between sentences belongs to none)."""
        index = bisect_right(self.sentence_spans, position, key=lambda span: span[1]) - 1
        return index if index >= 0 else None

    def segment(self, sent: Sentence, position: int) -> tuple[int, int]:
        """The ；-delimited part of the sentence that holds ``position``."""
        lo = self.text.rfind("；", sent.start, position) + 1 or sent.start
        hi = self.text.find("；", position, sent.end)
        return max(lo, sent.start), (hi if hi != -1 else sent.end)

    def clauses(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Clause spans of text[lo:hi] (a segment or part of one), split after ``CLAUSE_BREAKS``;
        quotation marks stay inside their clause."""
        spans, start = [], lo
        for found in _CLAUSE_BREAK.finditer(self.text, lo, hi):
            spans.append((start, found.start()))
            start = found.end()
        spans.append((start, hi))
        return spans

    def clause_start(self, position: int, lower: int) -> int:
        """Where the clause holding ``position`` starts: after the last ``CLAUSE_ENDS`` character
        before it, not before ``lower``."""
        for index in range(position - 1, lower - 1, -1):
            if self.text[index] in CLAUSE_ENDS:
                return index + 1
        return lower

    def quote_around(self, position: int, lo: int, hi: int) -> tuple[int, int] | None:
        """(opening, closing) of the quotation (“…”, 「…」 or 『…』) within text[lo:hi] that holds ``position``."""
        for mark, closer in QUOTE_MARKS.items():
            opening = self.text.rfind(mark, lo, position)
            closing = self.text.find(closer, position, hi)
            if opening != -1 and closing != -1 and closer not in self.text[opening + 1:position]:
                return opening, closing
        return None

    # ----- dates and places

    @cached_property
    def article_day(self) -> pd.Timestamp:
        """The day the article's undated statements hold for (event_date, else published); ValueError
        when it has neither."""
        return article_day(self.doc_id, self.event_date, self.published)

    @cached_property
    def dates(self) -> list[dict]:
        """Every date and time the text names (``dates.time_expressions``), in order."""
        return time_expressions(self.text, self.article_day)

    @cached_property
    def article_place(self):
        """The manifest's place under its canonical name (``places.canonical_place``)."""
        return canonical_place(self.place)

    @cached_property
    def places(self) -> list[tuple[int, str]]:
        """(position, place) of every place the text names (``places.place_mentions``), in order."""
        return place_mentions(self.text, self.article_place)

    # ----- who is speaking

    @cached_property
    def speeches(self) -> list[tuple[int, int, str]]:
        """(start, end, speaker) of every speech verb with the words before it: dates, openers and
        adverbs around the speaker stripped (当天，… / 她则), sources that are no speaker left out (通报称)."""
        lex = actor_lexicon()
        found = []
        for m in lex.find_speeches.finditer(self.text):
            speaker = lex.speaker_trailing.sub("", lex.clause_openers.sub("", m["speaker"].strip()))
            speaker = lex.existential.sub("", speaker)     # 有网友说 → 网友
            if m["opinion"] and not (actor_level(speaker) or lex.opinion_speakers.search(speaker)):
                continue                               # 监督与批评 is a noun, not 某人批评
            if speaker and not lex.not_speakers.search(speaker):
                found.append((m.start("speaker"), m.end(), speaker))
        return found

    @cached_property
    def speaker_lines(self) -> dict[int, str]:
        lines = {}
        for para_no in self.paragraphs:
            line = actor_lexicon().speaker_line.match(self.para_text(para_no).strip())
            if line:
                lines[para_no] = re.sub(r"\s+", " ", line["speaker"])
        return lines

    @cached_property
    def signatory(self) -> str:
        """The issuing body signing the text: the last display line before an optional date line,
        when it names an actor (七里河区人民政府 / 2022年11月3日)."""
        lex = actor_lexicon()
        lines = [p for p in sorted(self.paragraphs, reverse=True) if self.para_text(p).strip()]
        if lines and lex.date_line.match(self.para_text(lines[0]).strip()):
            lines = lines[1:]
        if not lines or lines[0] not in self.display:
            return ""
        last = self.para_text(lines[0]).strip()
        if not lex.actor_suffix.search(last) or not lex.actor.match(last):
            return ""
        return last

    @cached_property
    def persons(self) -> tuple[str, ...]:
        """Names the text introduces with a title (市长卢秀燕, 指挥官陈时中), longest first: a clause opening
        with one of them names its subject even without a title (卢秀燕今天道歉了)."""
        lex = actor_lexicon()
        names = set()
        for found in lex.titled_person.finditer(self.text):
            after = self.text[found.end():found.end() + NAME_CUES]
            follower = re.match(rf"({lex.person_name.pattern.strip('^$')})(?:{lex.name_end.pattern})", after)
            if follower:
                names.add(follower[1])
                continue
            # else the longest form the text repeats as often as its first two characters: 刘顺智 … 刘顺智在现场表示
            # (林郑月娥 always whole, 林郑 also alone: both are names)
            count = {n: self.text.count(after[:n]) for n in (1, 2, 3, 4) if len(after) >= n}
            full = next((n for n in (4, 3) if count.get(n, 0) >= 2 and count[n] == count[n - 1]), 0)
            for n in {full, 2 if count.get(2, 0) >= 2 and count[2] > count.get(3, 0) else 0} - {0}:
                if HAN_NAME.fullmatch(after[:n]):
                    names.add(after[:n])
        return tuple(sorted((n for n in names if (lex.person_name.match(n) or len(n) == 4) and not is_common_word(n)),
                            key=lambda n: (-len(n), n)))

    def actor_at_start(self, clause: str) -> str:
        """The actor a clause opens with: the lexicon's actor phrase (ending before a listed follower), a
        title followed by a known person, else the longest opening ending with an actor suffix
        (上海副市长|哽咽); a common word read as the name after a title is cut (副市长|哽咽)."""
        lex = actor_lexicon()
        found = lex.actor.match(clause)
        if found:
            titled = lex.titled_name.match(found["actor"])
            if titled and is_common_word(titled["name"]):
                return titled["role"]
            person = titled and self.person_at_start(clause[len(titled["role"]):])
            if person and len(person) > len(titled["name"]):   # 特首林郑月娥: a name longer than the lexicon's
                return titled["role"] + person
            return found["actor"]
        prefix = lex.actor_prefix.match(clause)
        if not prefix:
            return ""
        for role in lex.role_end.finditer(clause, 0, prefix.end()):
            person = self.person_at_start(clause[role.end():])
            if person:
                return clause[:role.end()] + person
        first_role = lex.role_end.search(clause, 0, prefix.end())
        return clause[:first_role.end()] if first_role else prefix["actor"]

    def person_at_start(self, clause: str) -> str:
        """The known person (``persons``) the clause opens with, or ""."""
        return next((name for name in self.persons if clause.startswith(name)), "")

    def person_before(self, position: int) -> str:
        """The last known person named before ``position``, with the title they were introduced with: what
        他 / 她 opening a clause refers to."""
        found = max(((self.text.rfind(name, 0, position), name) for name in self.persons), default=(-1, ""))
        return self.full_name(found[1]) if found[0] >= 0 else ""

    def referent(self, noun: str, position: int) -> str:
        """The nearest actor before ``position`` that opens a clause (after a topic marker such as
        对于) and ends with ``noun`` (该院 / 我院 → 郑州市某区人民医院; "" for any actor), or ""."""
        lex = actor_lexicon()
        bounds = [0] + [m.end() for m in re.finditer(r"[，：！？。；\n]", self.text[:position])] + [position]
        for lo, hi in reversed(list(zip(bounds, bounds[1:]))):
            clause = lex.topic_markers.sub("", self.text[lo:hi].strip("（）() \n，：！？。；"))
            subject = lex.actor.match(clause)
            actor = subject["actor"] if subject else ""
            bare = re.fullmatch(lex.actor_suffix.pattern.removesuffix("$"), actor)
            if actor and actor.endswith(noun) and not bare and not lex.institution.match(actor):
                return actor
        return ""

    def full_name(self, speaker: str) -> str:
        """A bare name expanded with the title it was first introduced with (刘顺智 → 市卫生健康委主任刘顺智)."""
        lex = actor_lexicon()
        if actor_level(speaker) != "individual" and speaker not in self.persons or not (
                lex.person_name.match(speaker) or speaker in self.persons):
            return speaker
        for found in re.finditer(re.escape(speaker), self.text):   # the first mention that has a title
            before = self.text[:found.start()]
            # the title is at most 30 characters ending the text before (or before its last line break)
            title = _TITLE_BEFORE.search(before, max(len(before) - 31, 0))[0].strip()
            if title and lex.title_suffix.search(title):
                return title + speaker
        return speaker

    def resolve(self, speech_index: int) -> str:
        """The speaker of one speech match, pronouns pointing back to the previous named speaker."""
        pronouns = actor_lexicon().pronouns
        for _start, _end, speaker in reversed(self.speeches[:speech_index + 1]):
            if speaker not in pronouns:
                return self.full_name(speaker)
        position = self.speeches[speech_index][0]     # 她表示 with no speaker before: the person named, else the actor
        return self.person_before(position) or self.referent("", position)

    def quote_attribution(self, position: int, p_start: int, p_end: int) -> str:
        """The speaker named right after the quotation that holds ``position`` (“…”赵某说)."""
        quote = self.quote_around(position, p_start, p_end)
        if quote is None:
            return ""
        opening, closing = quote
        lex = actor_lexicon()
        named = lex.quote_attribution.match(self.text[closing + 1:p_end])
        if not named:
            return ""
        speaker = named["speaker"].strip()
        if speaker in lex.pronouns:
            previous = [i for i, (s, _e, _) in enumerate(self.speeches) if s < opening]
            return self.resolve(previous[-1]) if previous else ""
        return self.full_name(speaker)

    def speaker_at(self, position: int, previous_paragraph: int | None) -> tuple[str, bool]:
        """Who is speaking at ``position``, and whether the speech verb is in the same paragraph.

        ``previous_paragraph`` is the body paragraph before (the caller decides which lines a
        passage steps over), or None.
        """
        para = self.para_of(position)
        p_start, p_end = self.paragraphs[para]
        following = self.quote_attribution(position, p_start, p_end)
        if following:
            return following, True
        earlier = [i for i, (s, e, _) in enumerate(self.speeches) if p_start <= s and e <= position]
        if earlier:
            return self.resolve(earlier[-1]), True
        if previous_paragraph is not None and not actor_lexicon().narration_opening.match(self.para_text(para).strip()):
            s0, e0 = self.paragraphs[previous_paragraph]
            inside = [i for i, (s, e, _) in enumerate(self.speeches) if s0 <= s and e <= e0]
            if inside:
                return self.resolve(inside[-1]), False
        return self.transcript_speaker(para), False

    def publisher_before(self, position: int) -> str:
        """The body that issued the last letter or statement named before ``position`` (X发布致歉信), or ""."""
        lex = actor_lexicon()
        found = [m for m in lex.publication.finditer(self.text, 0, position)]
        if not found:
            return ""
        return lex.speaker_trailing.sub("", lex.clause_openers.sub("", found[-1]["publisher"].strip()))

    def transcript_speaker(self, para_no: int) -> str:
        """The Q&A speaker line (市卫健委主任张三：) governing a paragraph of answers, or "" (a question
        or a display line in between ends its reach)."""
        for p in range(para_no - 1, 0, -1):
            if p in self.speaker_lines:
                return self.speaker_lines[p]
            if self.para_text(p).rstrip().endswith("？") or p in self.display:
                break
        return ""


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _document(doc_id: str, region: str, text: str, place: str, event_date, published,
              bold_spans: tuple[tuple[int, int], ...]) -> Document:
    return Document(doc_id, region, text, place, event_date, published, bold_spans)


def documents(docs: pd.DataFrame, required: tuple[str, ...] = ("doc_id", "region", "text")) -> list[Document]:
    """The Document of every row of ``docs`` (the frame ``load_documents`` returns), in doc_id order.

    Only ``required`` columns must be present; ``place``, ``event_date``, ``published`` and
    ``bold_spans`` are read when there. ValueError names a missing column."""
    if not isinstance(docs, pd.DataFrame):
        raise ValueError("docs must be the DataFrame returned by zerocovid.load_documents()")
    missing = [c for c in required if c not in docs.columns]
    if missing:
        raise ValueError(f"docs lacks the column(s) {missing}; pass the frame load_documents() returns")
    ordered = docs.reset_index(drop=True).sort_values("doc_id", kind="stable")  # an index named doc_id is fine
    columns = [ordered[name].tolist() if name in ordered.columns else repeat(default)
               for name, default in (("doc_id", None), ("region", None), ("text", None), ("place", ""),
                                     ("event_date", None), ("published", None), ("bold_spans", None))]
    return [_document(str(doc_id), str(region), str(text), place, event_date,
                      published, _spans(bold))
            for doc_id, region, text, place, event_date, published, bold in zip(*columns)]


def _spans(bold) -> tuple[tuple[int, int], ...]:
    """bold_spans as a hashable tuple (a cached table gives arrays, a test may give None or NaN)."""
    if bold is None or isinstance(bold, (float, str)):
        return ()
    return tuple(tuple(int(x) for x in span) for span in bold)
