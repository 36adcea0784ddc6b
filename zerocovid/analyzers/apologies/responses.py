"""Acknowledgements of fault and response-strategy cues of one document, beside its apology acts."""
from __future__ import annotations

from ...document import JOIN, Document, actor_lexicon, actor_level
from .acts import apology_rows, speaker_at
from .cues import code_cues, cues
from .lexicon import APOLOGY_CODES, RESPONSIBILITY, strategy_lexicon


def _in_passages(position: int, apologies) -> bool:
    return any(a["passage_start"] <= position < a["passage_end"] for a in apologies if not a["restates"])


def acknowledgement_rows(doc: Document) -> list[dict]:
    """Sentences that admit a fault (ccsarp.responsibility cue) without an apology act in them."""
    owns = [cue for code in strategy_lexicon() if code.code == RESPONSIBILITY for cue in code_cues(doc, code)]
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for cue in owns:
        index = doc.sentence_index(cue["start"])
        if index is not None and cue["end"] <= doc.sentences[index].end:
            by_sentence.setdefault(index, []).append((cue["start"], cue["end"]))
    if not by_sentence:
        return []
    apologies = apology_rows(doc)
    apology_sentences = {a["start"] for a in apologies}
    text = doc.text
    rows = []
    for index, found in sorted(by_sentence.items()):
        sent = doc.sentences[index]
        found.sort()
        if sent.start in apology_sentences:
            continue
        first_start, first_end = found[0]
        seg_lo, seg_hi = doc.segment(sent, first_start)
        o_lo, o_hi = next((s, e) for s, e in doc.clauses(seg_lo, seg_hi) if s <= first_start < e)
        while o_hi > o_lo and text[o_hi - 1] in "。！？；":
            o_hi -= 1
        opening = actor_lexicon().actor.match(text[o_lo:o_hi])
        speaker = opening["actor"] if opening else speaker_at(doc, first_start)[0]
        rows.append({
            "doc_id": doc.doc_id, "region": doc.region, "para_no": sent.para_no, "sent_no": sent.sent_no,
            "start": sent.start, "end": sent.end, "sentence": text[sent.start:sent.end],
            "phrase": JOIN.join(text[s:e] for s, e in found),
            "phrase_start": first_start, "phrase_end": first_end,
            "speaker": speaker, "speaker_level": actor_level(speaker),
            "offense": text[o_lo:o_hi], "offense_start": o_lo, "offense_end": o_hi,
            "apology_in_passage": _in_passages(sent.start, apologies),
        })
    return rows


def strategy_rows(doc: Document) -> list[dict]:
    """Every strategy cue, plus the formula of every non-restating apology (explicit apology, mortification)."""
    apologies = apology_rows(doc)
    found = list(cues(doc))
    for act in apologies:
        if not act["restates"]:
            for code in APOLOGY_CODES:
                found.append({"start": act["formula_start"], "end": act["formula_end"], "code": code,
                              "scheme": code.split(".")[0], "stance": "own", "target": ""})
    rows = []
    for cue in found:
        sent = doc.sentences[doc.sentence_index(cue["start"])]
        rows.append({"doc_id": doc.doc_id, "region": doc.region, "para_no": sent.para_no,
                     "sent_no": sent.sent_no, "start": cue["start"], "end": cue["end"],
                     "cue": doc.text[cue["start"]:cue["end"]], "code": cue["code"], "scheme": cue["scheme"],
                     "stance": cue["stance"], "target": cue["target"],
                     "in_apology_passage": _in_passages(cue["start"], apologies)})
    return rows
