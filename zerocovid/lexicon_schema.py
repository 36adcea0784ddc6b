"""What each lexicon in ``resources/`` must hold, as plain data, and the check of a file against it.

A lexicon is edited by hand and read deep inside an analyzer: a missing gloss, a pattern that does not
compile, a misspelt key or a second entry with the same id would otherwise surface as a KeyError in
the middle of a run, or not at all. ``SCHEMAS`` maps each file's name to its schema, written as

- a leaf name (``LEAVES``): "text", "gloss", "regex", "count" …; "regex with groups a, b" is a regex
  that defines those named groups; "unique X" is an X that no other entry of the same list repeats;
- a dict: a mapping with these keys (``key?`` optional, ``*`` any other key), and no others;
- a one-element list: a list of such items;
- a set: one of these values.

``problems(file, name, node, data)`` lists every way a file breaks its schema, each as ``file,
where: what is wrong; how to fix it``. Plain data and this small checker rather than a schema library:
regexes and ids are checked natively, each message says how to fix the entry, and nothing heavy is
imported (jsonschema alone takes about a second).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

import yaml

# the values the code branches on: a misspelt one in a lexicon would be skipped without a word
from .codes import FIGURE_KINDS, KINDS, MODES, PLACE_LEVELS, SCOPES, UNIT_LEVELS


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# leaf name -> (test of a value, what a value must be)
LEAVES = {
    "text": (_text, "a non-empty string"),
    "gloss": (lambda value: _text(value) and re.search("[A-Za-z]", value) is not None, "an English gloss"),
    "regex": (_text, "a Python regular expression"),   # that compiles: see _leaf_problems
    "count": (lambda value: _whole(value) and value >= 0, "a whole number, 0 or more"),
    "number": (lambda value: isinstance(value, (int, float)) and not isinstance(value, bool), "a number"),
    "bool": (lambda value: isinstance(value, bool), "true or false"),
    "item number": (lambda value: value == "last" or _whole(value) and value >= 1, "a whole number from 1, or last"),
    "text or null": (lambda value: value is None or _text(value), "a non-empty string or null"),
    "keyword": (lambda value: _text(value) or _whole(value), "a word (a number such as 120 counts as a word)"),
}
WITH_GROUPS = re.compile(r"regex with groups? (?P<groups>\w+(?:, \w+)*)")

PATTERN_ENTRY = {"pattern": "regex", "gloss": "gloss"}
WORD_ENTRY = {"word": "unique text", "gloss": "gloss"}


def _glossed(**settings) -> dict:
    """One-line settings, each with its English gloss in ``<name>_gloss`` (as apologies.yaml writes them)."""
    schema = {}
    for name, leaf in settings.items():
        schema |= {name: leaf, f"{name}_gloss": "gloss"}
    return schema


SCHEMAS = {
    "apologies": {
        "formulas": [PATTERN_ENTRY],
        "intensifiers": [{"word": "unique text", "kind": "text", "gloss": "gloss"}],
        "gestures": [WORD_ENTRY],
        "blockers": _glossed(**dict.fromkeys(
            ["refusal", "denial", "no_need", "negated_tail", "rumour_source", "rumour_verdict", "conditional",
             "obligation", "question", "demand_verbs", "wish_verbs", "order_verbs", "public_demanders",
             "public_subject", "carried_subject", "self_wish", "noun_use", "copula_before", "letter_nouns", "letter_act_verbs"], "regex")),
        "parties": _glossed(asked="regex with groups asker, asked", transcript_label="regex with group label",
                            conditioned="regex with group subject", passive_demand="regex with group agent",
                            clause_subject="regex with group subject", wished="regex with group target",
                            denies="regex", consequent="regex", adversative="regex", own_institution="regex",
                            represents="regex"),
        "apologizer_cues": [{"pattern": "regex with group actor", "mode": set(MODES),
                             "gloss": "gloss"}],
        **_glossed(recipient_after="regex with group recipient", recipient_nouns=["text"], anaphora="regex",
                   problem_cues="regex"),
        "recipient_cues": [{"pattern": "regex with group recipient", "gloss": "gloss"}],
        "offense_cues": [{"pattern": "regex with group offense", "gloss": "gloss"}],
    },
    "actors": {
        **_glossed(first_person="regex", institution_reference="regex with groups pronoun, noun",
                   object_pronoun="regex", topic_markers="regex", clause_openers="regex", date_line="regex", actor_suffixes=["text"],
                   title_suffixes=["text"], actor_followers="regex", person_name="regex",
                   speech="regex with group speaker", quote_attribution="regex with group speaker",
                   pronouns=["text"], speaker_line="regex with group speaker", official_levels=["text"],
                   acting_for_authorities="regex", official_words="regex", speaker_trailing="regex",
                   not_speakers="regex", subject_leading="regex", subject_trailing="regex",
                   concessive="regex", narration_opening="regex", opinion_speakers="regex", third_person="regex",
                   place_nouns=["text"], existential="regex", name_end="regex", publication="regex with group publisher"),
        "levels": [{"level": "text", "pattern": "regex", "gloss": "gloss"}],
    },
    "dates": {
        "time_expression": "regex with groups cutoff, year, month, day, day2, today, yesterday, part, hour, minute, "
                           "hour2, range_from, range_to",
        "afternoon_parts": ["text"],
        "since": "regex",
    },
    "places": {
        "places": [{"name": "unique text", "place": "text", "level": set(PLACE_LEVELS), "gloss": "gloss"}],
        "anaphors": [{"name": "unique text", "level": set(PLACE_LEVELS), "gloss": "gloss"}],
        "unlisted_place": "regex",
        "not_place_suffixes": ["text"],
        "units": {
            "not_place_names": ["text"], "pseudo_prefectures": ["text"],
            "extra": [{"name": "unique text", "place?": "text", "full": "text", "level": set(UNIT_LEVELS), "parent?": "text",
                       "en": "text", "gloss": "gloss"}],
            "anaphors": [{"name": "unique text", "refers_to": "text", "gloss": "gloss"}],
            "unlisted": "regex", "unlisted_levels": {"*": set(UNIT_LEVELS)},
            "origin_before": "regex", "origin_after": "regex", "qualifier_before": "regex",
        },
    },
    "response_strategies": {
        "codes": {"*": {"scheme": "text", "stance": "text", "gloss": "gloss", "target?": "text",
                        "unless?": "regex", "unless_before?": "regex",
                        "patterns": [{**PATTERN_ENTRY, "target?": "text"}]}},
    },
    "events": {
        "kinds": [{"kind": "unique text", "pattern": "regex", "gloss": "gloss"}],
        **_glossed(host="regex with group host"),
    },
    "figures": {
        "units": [{"unit": "unique text", "gloss": "gloss"}],
        **dict.fromkeys(["gap_before", "gap_after", "list_continuation", "subcount_link", "scope_breakers",
                         "not_metric_after", "range_separator", "approx_before", "approx_after_number",
                         "approx_after_unit"], "regex"),
        "loose_units": ["text"],
        "person_units": ["text"],
        "case_metric": "text",
        **dict.fromkeys(["generic_case_noun", "subset_open", "subset_close", "breakdown_start", "place_after", "each", "each_joiner"], "regex"),
        "part_groups": [["text"]],
        "metrics": [{"metric": "unique text", "pattern": "regex", "units": ["text"],
                     "kinds?": [set(FIGURE_KINDS)], "scopes?": [set(SCOPES)],
                     "per_capita?": "bool", "gloss": "gloss"}],
        "scope_cues": [{"pattern": "regex", "scope": set(SCOPES), "gloss": "gloss"}],
        "ratio_pattern": "regex with groups num, of",
        "price_pattern": "regex with groups num, qty, qunit",
        "not_figures": [PATTERN_ENTRY],
    },
    "measures": {
        "clause_boundary": "text",
        **dict.fromkeys(["min_items", "min_item_chars", "max_gap_paragraphs", "max_gap_paragraphs_headed",
                         "max_heading_chars"], "count"),
        "markers": [{"style": "text", "series?": "text", "opens_paragraph?": "bool", "kind?": set(KINDS),
                     "pattern": "regex with group num", "gloss": "gloss"}],
        "sequence_words": [{"word": "unique text", "num": "item number", "gloss": "gloss"}],
        "parallel": {"patterns": [{"pattern": "regex with group field", "gloss": "gloss"}],
                     "not_field_starts": [WORD_ENTRY], "not_fields": [WORD_ENTRY]},
        "default_kind": set(KINDS),
        "kind_rules": [{"kind": set(KINDS), "pattern": "regex", "gloss": "gloss"}],
        "item_kind_rules": [{"kind": set(KINDS), "pattern": "regex", "unless?": "regex", "gloss": "gloss"}],
        "place_suffixes": ["text"],
        **dict.fromkeys(["not_in_place_names", "place_count_clause", "lead_labels"], "regex"),
        "uncategorized_kinds": [set(KINDS)],
        "heading_factor": "number",
        "lead_factor": "number",
    },
    "measure_categories": {
        "categories": [{"id": "unique text", "label": "text", "gloss": "gloss", "oxcgrt": "text or null",
                        "oxcgrt_gloss": "gloss",
                        "keywords": [{"word": "unique keyword", "weight": "number", "gloss": "gloss"}]}],
    },
    "medical_access": {"features": [{"id": "unique text", "gloss": "gloss", "patterns": ["regex"]}]},
    "vulnerable_groups": {
        "modifiers?": [WORD_ENTRY],
        "groups": [{"id": "unique text", "gloss": "gloss", "terms": ["text"]}],
    },
    "cleaning": {
        **dict.fromkeys(["drop_tags", "content_ids", "block_tags", "bold_tags", "boilerplate_lines"], ["text"]),
        **dict.fromkeys(["drop_class_pattern", "bold_attribute_pattern", "drop_characters_pattern",
                         "sentence_end_pattern"], "regex"),
        **dict.fromkeys(["drop_lines", "end_markers", "strip_suffixes"], [PATTERN_ENTRY]),
        "min_han_for_prose": "count",
    },
    "regions": {"default_order": [{"region": "unique text", "gloss": "gloss"}]},
    "stopwords": {"entries": [WORD_ENTRY]},
    "userdict": {"entries": [{**WORD_ENTRY, "pos": "text", "freq?": "count"}]},
    "vocabulary": {
        "concordance": [{**WORD_ENTRY, "forms?": ["text"]}],
        "collocation_nodes": [{**WORD_ENTRY, "forms?": ["text"]}],
    },
}


def problems(file: str, name: str, node: yaml.Node | None, data) -> list[str]:
    """Every way the lexicon ``name`` breaks its schema, each as ``file, where: what; how to fix it``.
    ``node`` is its YAML tree, for keys given twice (which the reader drops without a word), ``data``
    what the tree reads as."""
    if name not in SCHEMAS:
        return [f"{file}: no schema; describe the file in SCHEMAS of {__name__}"]
    found = _repeated_keys(node, "") + _problems(data, SCHEMAS[name], "")
    return [f"{file}, {where}: {problem}" if where else f"{file}: {problem}" for where, problem in found]


class _Leaf(NamedTuple):
    test: Callable
    what: str
    groups: list[str] | None   # the named groups a regex must define; None: not a regex
    unique: bool


@lru_cache(maxsize=None)
def _leaf(name: str) -> _Leaf:
    unique = name.startswith("unique ")
    name = name.removeprefix("unique ")
    with_groups = WITH_GROUPS.fullmatch(name)
    if with_groups:
        groups = with_groups["groups"].split(", ")
        what = f"{LEAVES['regex'][1]} with the group{'s' * (len(groups) > 1)} {', '.join(groups)}"
        return _Leaf(LEAVES["regex"][0], what, groups, unique)
    return _Leaf(*LEAVES[name], [] if name == "regex" else None, unique)


def _described(schema) -> str:
    if isinstance(schema, dict):
        return "key: value lines"
    if isinstance(schema, list):
        return "a list"
    if isinstance(schema, set):
        return f"one of {', '.join(sorted(schema))}"
    return _leaf(schema).what


def _at(where: str, key) -> str:
    return f"{where}.{key}" if where else str(key)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


Found = list[tuple[str, str]]   # (where in the file, what is wrong and how to fix it)


def _problems(data, schema, where: str) -> Found:
    if isinstance(schema, dict):
        if not isinstance(data, dict):
            return [(where, f"{_shown(data)} is not a mapping; write {_described(schema)}")]
        found = [(where, f"no {key}; add `{key}:` with {_described(value)}")
                 for key, value in schema.items() if key != "*" and not key.endswith("?") and key not in data]
        for key, value in data.items():
            sub = schema.get(key, schema.get(f"{key}?", schema.get("*")))
            if sub is None:
                known = ", ".join(sorted(k.rstrip("?") for k in schema))
                cut = "" if data[key] is not None else ("; if it is the end of a value cut at a comma "
                                                        "(a, b inside {...} reads as two keys), quote the value")
                found.append((_at(where, key), f"unknown key; correct its spelling or remove it (known: {known}){cut}"))
            else:
                found += _problems(value, sub, _at(where, key))
        return found
    if isinstance(schema, list):
        if not isinstance(data, list):
            return [(where, f"{_shown(data)} is not a list; write a list (- item lines, or [a, b])")]
        found = [problem for i, item in enumerate(data) for problem in _problems(item, schema[0], f"{where}[{i}]")]
        return found + _repeated_ids(data, schema[0], where)
    if isinstance(schema, set):
        if isinstance(data, str) and data in schema:
            return []
        return [(where, f"{_shown(data)} is not {_described(schema)}; write one of them")]
    return _leaf_problems(data, _leaf(schema), where)


def _leaf_problems(value, leaf: _Leaf, where: str) -> Found:
    if not leaf.test(value):
        quote = " in quotes: YAML reads yes, no, on, off as true or false" if isinstance(value, bool) else ""
        return [(where, f"{_shown(value)} is not {leaf.what}; write {leaf.what}{quote}")]
    if leaf.groups is None:
        return []
    try:
        compiled = re.compile(value)
    except re.error as err:
        return [(where, f"does not compile as a Python regular expression ({err}); correct the pattern")]
    return [(where, f"no group {group}; the code reads it, so name it in the pattern: (?P<{group}>...)")
            for group in leaf.groups if group not in compiled.groupindex]


def _repeated_ids(items: list, schema, where: str) -> Found:
    """Entries of one list that repeat a value the schema marks unique (an id the code looks up)."""
    if not isinstance(schema, dict):
        return []
    found = []
    for key in [key for key, leaf in schema.items() if isinstance(leaf, str) and _leaf(leaf).unique]:
        first = {}
        for i, item in enumerate(items):
            value = item.get(key) if isinstance(item, dict) else None
            if not isinstance(value, (str, int)):
                continue
            if value in first:
                found.append((f"{where}[{i}].{key}", f"{_shown(value)} is used already by {where}[{first[value]}]; "
                                                     f"give each entry its own {key}, or merge the two"))
            first.setdefault(value, i)
    return found


def _repeated_keys(node: yaml.Node | None, where: str) -> Found:
    """Mapping keys given twice."""
    found = []
    if isinstance(node, yaml.MappingNode):
        lines = {}
        for key, value in node.value:
            if key.value in lines:
                found.append((_at(where, key.value), f"given twice (lines {lines[key.value] + 1} and "
                                                     f"{key.start_mark.line + 1}); keep one"))
            lines.setdefault(key.value, key.start_mark.line)
            found += _repeated_keys(value, _at(where, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += _repeated_keys(item, f"{where}[{i}]")
    return found
