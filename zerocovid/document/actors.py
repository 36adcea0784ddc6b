"""Who can speak or act in a text: actor phrases, titles, personal names, levels, speech verbs.

``actor_lexicon()`` compiles them once; ``actor_level(phrase)`` classifies an actor phrase
(government, party, agency, hospital, company, individual …; several parts, several levels);
``is_official(level, context)`` says whether an actor of that level acts for the authorities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import load_resource
from ..scan import Finder

JOIN = "; "


@dataclass(frozen=True)
class ActorLexicon:
    """Who can speak or act (resources/actors.yaml), compiled."""
    actor: re.Pattern
    actor_suffix: re.Pattern
    title_suffix: re.Pattern
    person_name: re.Pattern
    levels: tuple[tuple[str, re.Pattern], ...]
    institution: re.Pattern
    object_pronoun: re.Pattern
    first_person: re.Pattern
    topic_markers: re.Pattern
    clause_openers: re.Pattern
    office: re.Pattern
    date_line: re.Pattern
    find_speeches: Finder
    quote_attribution: re.Pattern
    pronouns: frozenset[str]
    speaker_line: re.Pattern
    titled_person: re.Pattern
    official_levels: frozenset[str]
    acting_for_authorities: re.Pattern
    official_words: re.Pattern
    speaker_trailing: re.Pattern
    not_speakers: re.Pattern
    subject_leading: re.Pattern
    subject_trailing: re.Pattern
    concessive: re.Pattern
    narration_opening: re.Pattern
    opinion_speakers: re.Pattern
    publication: re.Pattern
    third_person: re.Pattern
    existential: re.Pattern
    name_end: re.Pattern
    place_nouns: frozenset[str]
    actor_prefix: re.Pattern
    role_end: re.Pattern
    titled_name: re.Pattern


# settings of actors.yaml compiled as they are (the others are assembled from several entries below)
PLAIN_PATTERNS = ("object_pronoun", "first_person", "topic_markers", "clause_openers", "date_line", "quote_attribution",
                  "acting_for_authorities", "official_words", "speaker_trailing", "not_speakers", "subject_leading",
                  "subject_trailing", "concessive", "narration_opening", "opinion_speakers", "publication",
                  "third_person", "existential", "name_end")


@lru_cache(maxsize=1)
def actor_lexicon() -> ActorLexicon:
    """Compile the actor and speaker entries of the lexicon once."""
    res = load_resource("actors")
    suffixes = "|".join(sorted(map(re.escape, res["actor_suffixes"]), key=len, reverse=True))
    long_suffixes = "|".join(sorted((re.escape(s) for s in res["actor_suffixes"] if len(s) > 1), key=len, reverse=True))
    titles = "|".join(sorted(map(re.escape, res["title_suffixes"]), key=len, reverse=True))
    name = res["person_name"].strip("^$")
    chars = r"[^，；：。！？对向为就给也在“”（）\s]"
    one_actor = rf"{chars}{{0,25}}?(?:(?:{titles}){name}|{suffixes})"
    return ActorLexicon(
        actor=re.compile(rf"^(?P<actor>{one_actor}(?:[、和及与]{one_actor})*)(?={res['actor_followers']})"),
        actor_suffix=re.compile(f"(?:{suffixes})$"),
        title_suffix=re.compile(f"(?:{titles})$"),
        person_name=re.compile(res["person_name"]),
        levels=tuple((e["level"], re.compile(e["pattern"])) for e in res["levels"]),
        institution=re.compile(res["institution_reference"]),
        office=re.compile(f"^.*(?:{titles})"),
        find_speeches=Finder(re.compile(res["speech"])),
        pronouns=frozenset(res["pronouns"]),
        place_nouns=frozenset(res["place_nouns"]),
        **{name: re.compile(res[name]) for name in PLAIN_PATTERNS},
        speaker_line=re.compile(res["speaker_line"].replace("TITLES", titles)),
        titled_person=re.compile(rf"(?:{titles})\s?(?=[\u4e00-\u9fff])"),
        official_levels=frozenset(res["official_levels"]),
        # the longest opening that ends with a title or a suffix of two or more characters (上海副市长|哽咽)
        actor_prefix=re.compile(rf"^(?P<actor>{chars}{{0,25}}(?:{titles}|{long_suffixes}))"),
        role_end=re.compile(rf"(?:{titles})"),
        titled_name=re.compile(rf"^(?P<role>.*(?:{titles}))(?P<name>[\u4e00-\u9fff]{{2,3}})$"),
    )


@lru_cache(maxsize=4096)
def actor_level(actor: str) -> str:
    """Level(s) of an actor phrase: each part (split at 、和及与) classified, distinct levels joined."""
    lex = actor_lexicon()
    found = []
    for part in re.split(r"[、和及与]|; ", actor):
        part = part.strip()
        if not part:
            continue
        office = lex.office.match(part)     # a titled person takes the level of the office
        level = next((name for name, pattern in lex.levels if name != "individual" and pattern.search(office[0])),
                     "") if office else ""
        level = level or next((name for name, pattern in lex.levels if pattern.search(part)), "")
        if not level and lex.person_name.match(part) and not lex.actor_suffix.search(part):
            level = "individual"
        if level and level not in found:
            found.append(level)
    return JOIN.join(found)


def bare_subject(phrase: str) -> str:
    """A subject noun phrase without the conjunctions and adverbs around it (惟行政长官林某仍 → 行政长官林某)."""
    lex = actor_lexicon()
    return lex.subject_trailing.sub("", lex.subject_leading.sub("", phrase.strip()))


def is_official(actor: str, level: str, context: str):
    """True when ``actor`` of ``level`` (``; ``-joined for joint actors) acts for the authorities: any
    part official by office, an actor named as the authorities (成都官方, 港府), or a company whose
    ``context`` (its passage) shows it working for them; False for private persons and companies on their
    own account; None when the level is unknown."""
    lex = actor_lexicon()
    parts = [part for part in level.split(JOIN) if part]
    if lex.official_words.search(actor) and "individual" not in parts:
        return True
    if not parts:
        return None
    if any(part in lex.official_levels for part in parts):
        return True
    return "company" in parts and bool(lex.acting_for_authorities.search(context))
