"""Apology acts, acknowledgements of fault, and response strategies in the cleaned texts.

Lexicons: ``resources/apologies.yaml`` (formulas, blockers, apologizer/recipient/offense cues,
levels) and ``resources/response_strategies.yaml`` (CCSARP, Benoit and accountability codes);
the document model (``zerocovid.document``) gives sentences, clauses and who is speaking.
Modules: ``lexicon`` (compiled once), ``cues`` (strategy cues), ``acts`` (apology acts: which
formulas are acts, the apologizer, ``MODE_RULES``, offense, passage), ``responses``
(acknowledgements and strategies beside the acts). The acts of a document are found once and
shared by the three tables (``apology_tables``).

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
    row_id (doc_id@start-end/formula_start), doc_id, region, para_no, sent_no, start, end,
    sentence (= text[start:end]), formula (as written; merged formulas joined by " … "), formula_start, formula_end,
    intensifiers ("; "-joined, in order), gesture ("; "-joined), strength (number of
    intensifiers + gestures), apologizer, apologizer_level (see resources levels),
    official (nullable bool: the apologizer acts for the authorities; NA when its level is unknown),
    speaker (who is speaking in the text at that point, title + name when known),
    recipient, offense, offense_start, offense_end (offense = text[offense_start:offense_end];
    -1 when there is no offense),
    offense_source ("sentence": stated in the clause; "antecedent": the sentence part or earlier
    sentence of the passage that 由此/这些问题 or an unstated offense refers to; "" if none),
    mode (direct | reported | ordered), strategies ("; "-joined sorted codes found in the
    passage, always including ccsarp.explicit_apology and benoit.mortification),
    passage_start, passage_end, restates (bool).

``apology_mentions(docs)`` — one row per apology formula that is NOT an act (codebook §2.2), so that
who demanded, refused or denied an apology, and from whom, can be studied too.
    row_id (doc_id@start-end/formula_start), doc_id, region, para_no, sent_no, start, end, sentence,
    formula, formula_start, formula_end,
    type (title | word | commentary | demand | wish | obligation | refusal | denial | rumour |
    conditional | question | no_need | mention: the first that holds, in this order),
    actor (who demands, wishes, refuses, denies, asks or comments: the public noun or actor opening
    the segment, else the speaker; for refusal, denial and no_need the one refusing),
    target (who would apologise: 要求X道歉 → X, else the actor opening the formula's clause; "" if none).

``acknowledgements(docs)`` — one row per sentence that admits a fault (a ccsarp.responsibility
cue) and holds no apology act.
    row_id (doc_id@start-end), doc_id, region, para_no, sent_no, start, end, sentence,
    phrase ("; "-joined cues),
    phrase_start, phrase_end (first cue), speaker (the actor the cue's clause opens with, else
    who is speaking there), speaker_level, offense (the clause of the first cue), offense_start,
    offense_end, apology_in_passage (bool: the sentence lies in the passage of a non-restating
    apology).

``response_strategies(docs)`` — one row per strategy cue (restating apologies left out).
    row_id (doc_id@start-end/code), doc_id, region, para_no, sent_no, start, end,
    cue (= text[start:end]), code, scheme,
    stance (own | explain | repair | deflect | sanction), target (who is blamed, or ""),
    in_apology_passage (bool).

Every table ends with ``corrected`` (bool: a human correction in the corpus folder's corrections.csv
set or added the row; see ``zerocovid.corrections``).

``strategy_codes()`` — every code of the lexicon plus the two apology codes, sorted.
``apology_tables(docs)`` — the three tables above from one pass over the documents.
``apologizer_level(actor)`` — the level(s) of an actor phrase (``zerocovid.document.actor_level``).
"""
from __future__ import annotations

import pandas as pd

from ...corrections import apply_corrections
from ...document import actor_level as apologizer_level
from ...document import documents
from ...rows import with_row_id
from .acts import MODE_RULES, apology_rows, mention_rows
from .lexicon import APOLOGY_CODES, strategy_codes
from .responses import acknowledgement_rows, strategy_rows

APOLOGY_COLUMNS = [
    "row_id", "doc_id", "region", "para_no", "sent_no", "start", "end", "sentence", "formula", "formula_start",
    "formula_end", "intensifiers", "gesture", "strength", "apologizer", "apologizer_level", "official", "speaker",
    "recipient", "offense", "offense_start", "offense_end", "offense_source", "mode", "strategies",
    "passage_start", "passage_end", "restates", "corrected",
]
MENTION_COLUMNS = [
    "row_id", "doc_id", "region", "para_no", "sent_no", "start", "end", "sentence", "formula", "formula_start",
    "formula_end", "type", "actor", "target", "corrected",
]
ACKNOWLEDGEMENT_COLUMNS = [
    "row_id", "doc_id", "region", "para_no", "sent_no", "start", "end", "sentence", "phrase", "phrase_start",
    "phrase_end", "speaker", "speaker_level", "offense", "offense_start", "offense_end", "apology_in_passage",
    "corrected",
]
STRATEGY_COLUMNS = [
    "row_id", "doc_id", "region", "para_no", "sent_no", "start", "end", "cue", "code", "scheme", "stance", "target",
    "in_apology_passage", "corrected",
]
FLAGS = {"restates", "apology_in_passage", "in_apology_passage"}   # the tables' boolean columns
# table: (columns, sort order, the column that tells apart two rows with one span)
TABLES = {
    "apologies": (APOLOGY_COLUMNS, ["doc_id", "start", "formula_start"], "formula_start"),
    "apology_mentions": (MENTION_COLUMNS, ["doc_id", "start", "formula_start"], "formula_start"),
    "acknowledgements": (ACKNOWLEDGEMENT_COLUMNS, ["doc_id", "start"], None),
    "strategies": (STRATEGY_COLUMNS, ["doc_id", "start", "code"], "code"),
}

__all__ = ["ACKNOWLEDGEMENT_COLUMNS", "APOLOGY_CODES", "APOLOGY_COLUMNS", "MENTION_COLUMNS", "MODE_RULES",
           "STRATEGY_COLUMNS", "acknowledgements", "apologizer_level", "apology_mentions", "apology_tables",
           "find_apologies", "response_strategies", "strategy_codes"]


def _frame(table: str, rows: list[dict], docs: pd.DataFrame) -> pd.DataFrame:
    """Rows as the table's frame: its columns, its order, index reset, row_id first, the corrections of
    ``docs``' corpus applied."""
    columns, order, discriminator = TABLES[table]
    frame = pd.DataFrame(rows, columns=columns)
    if "official" in frame:
        frame["official"] = frame["official"].astype("boolean")
    for flag in FLAGS & set(frame.columns):   # typed even with no rows: table[~table.restates] must filter rows
        frame[flag] = frame[flag].astype(bool)
    if not frame.empty:
        frame = frame.sort_values(order, kind="stable").reset_index(drop=True)
    return apply_corrections(table, with_row_id(frame, discriminator), docs)


def apology_tables(docs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``apologies``, ``acknowledgements`` and ``strategies`` of ``docs``, the acts found once."""
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    for doc in documents(docs):
        rows["apologies"].extend(apology_rows(doc))
        rows["apology_mentions"].extend(mention_rows(doc))
        rows["acknowledgements"].extend(acknowledgement_rows(doc))
        rows["strategies"].extend(strategy_rows(doc))
    return {table: _frame(table, table_rows, docs) for table, table_rows in rows.items()}


def find_apologies(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per apology act (see the module docstring for columns and rules)."""
    return _frame("apologies", [row for doc in documents(docs) for row in apology_rows(doc)], docs)


def apology_mentions(docs: pd.DataFrame) -> pd.DataFrame:
    """Apology formulas that are not acts: demanded, refused, denied, rumoured, conditional, asked
    about, commented on (see the module docstring)."""
    return _frame("apology_mentions", [row for doc in documents(docs) for row in mention_rows(doc)], docs)


def acknowledgements(docs: pd.DataFrame) -> pd.DataFrame:
    """Sentences that admit a fault (ccsarp.responsibility cue) without an apology act in them."""
    return _frame("acknowledgements", [row for doc in documents(docs) for row in acknowledgement_rows(doc)], docs)


def response_strategies(docs: pd.DataFrame) -> pd.DataFrame:
    """Every strategy cue, plus the formula of every non-restating apology (explicit apology, mortification)."""
    return _frame("strategies", [row for doc in documents(docs) for row in strategy_rows(doc)], docs)
