"""The apology and response-strategy lexicons, compiled once.

``resources/apologies.yaml``: formulas, intensifiers, gestures, blockers (what makes a formula not
an act), parties (who demands, asks or refuses), apologizer, recipient and offense cues. ``resources/response_strategies.yaml``: the
CCSARP, Benoit and accountability codes with their cue patterns. Who can speak or act (actors,
titles, names, levels, speech verbs) is the shared actor lexicon of ``zerocovid.document``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...lexicons import load_resource
from ...scan import NeedleScan, guarded, needles

APOLOGY_CODES = ("ccsarp.explicit_apology", "benoit.mortification")
RESPONSIBILITY = "ccsarp.responsibility"
# the patterns under ``blockers``: what makes a formula a mention rather than an act (see acts.mention_type)
BLOCKERS = ("refusal", "denial", "no_need", "rumour_source", "rumour_verdict", "conditional", "obligation",
            "question", "demand_verbs", "order_verbs", "public_demanders", "public_subject", "carried_subject",
            "wish_verbs", "self_wish", "noun_use", "copula_before", "letter_nouns", "letter_act_verbs")


# the patterns under ``parties``: who demands, asks or refuses, and how far a condition reaches (see acts)
PARTIES = ("asked", "transcript_label", "conditioned", "passive_demand", "clause_subject", "wished", "denies",
           "consequent", "adversative", "own_institution", "represents")


@dataclass(frozen=True)
class ApologyLexicon:
    formula: re.Pattern
    formula_needles: NeedleScan
    intensifiers: tuple[str, ...]
    gestures: tuple[str, ...]
    refusal: re.Pattern
    denial: re.Pattern
    no_need: re.Pattern
    rumour_source: re.Pattern
    rumour_verdict: re.Pattern
    conditional: re.Pattern
    obligation: re.Pattern
    question: re.Pattern
    demand_verbs: re.Pattern
    order_verbs: re.Pattern
    public_demanders: re.Pattern
    public_subject: re.Pattern
    carried_subject: re.Pattern
    wish_verbs: re.Pattern
    self_wish: re.Pattern
    noun_use: re.Pattern
    copula_before: re.Pattern
    letter_nouns: re.Pattern
    letter_act_verbs: re.Pattern
    recipient_after: re.Pattern
    apologizer_cues: tuple[tuple[re.Pattern, str], ...]
    recipient_cues: tuple[re.Pattern, ...]
    offense_cues: tuple[re.Pattern, ...]
    anaphora: re.Pattern
    problem: re.Pattern
    asked: re.Pattern
    transcript_label: re.Pattern
    conditioned: re.Pattern
    passive_demand: re.Pattern
    clause_subject: re.Pattern
    wished: re.Pattern
    denies: re.Pattern
    consequent: re.Pattern
    adversative: re.Pattern
    own_institution: re.Pattern
    represents: re.Pattern


@dataclass(frozen=True)
class StrategyCode:
    code: str
    scheme: str
    stance: str
    patterns: tuple[tuple[re.Pattern, str, tuple[str, ...]], ...]   # (regex, target, needles)
    unless: re.Pattern | None = None          # not this code when the cue's sentence matches (threats against the public)
    unless_before: re.Pattern | None = None   # … or its sentence up to the cue does (an order to others: 各区县要…)


@lru_cache(maxsize=1)
def apology_lexicon() -> ApologyLexicon:
    """Compile resources/apologies.yaml once."""
    res = load_resource("apologies")
    blockers = res["blockers"]
    recipients = "|".join(map(re.escape, res["recipient_nouns"]))
    formula = "|".join(f"(?:{e['pattern']})" for e in res["formulas"])
    return ApologyLexicon(
        formula=guarded(re.compile(formula)),
        formula_needles=NeedleScan(needles(re.compile(formula))),
        intensifiers=tuple(e["word"] for e in res["intensifiers"]),
        gestures=tuple(e["word"] for e in res["gestures"]),
        **{name: re.compile(blockers[name].replace("NEGATED_TAIL", blockers["negated_tail"])) for name in BLOCKERS},
        recipient_after=re.compile(res["recipient_after"].replace("RECIPIENTS", recipients)),
        apologizer_cues=tuple((re.compile(e["pattern"]), e["mode"]) for e in res["apologizer_cues"]),
        recipient_cues=tuple(re.compile(e["pattern"].replace("RECIPIENTS", recipients))
                             for e in res["recipient_cues"]),
        offense_cues=tuple(re.compile(e["pattern"]) for e in res["offense_cues"]),
        anaphora=re.compile(res["anaphora"]),
        problem=re.compile(res["problem_cues"]),
        **{name: re.compile(res["parties"][name]) for name in PARTIES},
    )


@lru_cache(maxsize=1)
def strategy_lexicon() -> tuple[StrategyCode, ...]:
    """Compile resources/response_strategies.yaml once, codes in sorted order."""
    codes = []
    for code, entry in sorted(load_resource("response_strategies")["codes"].items()):
        compiled = [(re.compile(p["pattern"]), p.get("target", entry.get("target", ""))) for p in entry["patterns"]]
        patterns = tuple((regex, target, needles(regex)) for regex, target in compiled)
        blockers = {key: re.compile(entry[key]) for key in ("unless", "unless_before") if key in entry}
        codes.append(StrategyCode(code, entry["scheme"], entry["stance"], patterns, **blockers))
    return tuple(codes)


@lru_cache(maxsize=1)
def strategy_needles() -> NeedleScan:
    """One scan for the needles of every strategy pattern."""
    return NeedleScan(word for code in strategy_lexicon() for _, _, words in code.patterns for word in words)


def strategy_codes() -> list[str]:
    """Every code the lexicon knows (plus the two apology codes), sorted."""
    return sorted({c.code for c in strategy_lexicon()} | set(APOLOGY_CODES))
