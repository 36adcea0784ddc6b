"""The lexicons: read the same through libyaml's fast safe loader as through yaml.safe_load, and
checked on load against their schemas (zerocovid.lexicon_schema): every shipped lexicon holds to its
schema, and a broken one is refused with the file, the entry and the fix named, every problem at once."""
from __future__ import annotations

import pytest
import yaml

from zerocovid import lexicons
from zerocovid.errors import CorpusError
from zerocovid.lexicon_schema import LEAVES, SCHEMAS, WITH_GROUPS
from zerocovid.lexicons import YAML_LOADER, load_resource
from zerocovid.paths import RESOURCES_DIR

RESOURCES = sorted(RESOURCES_DIR.glob("*.yaml"))


def test_there_are_resources_to_compare():
    assert len(RESOURCES) >= 10


@pytest.mark.parametrize("path", RESOURCES, ids=lambda path: path.stem)
def test_fast_loader_reads_what_safe_load_reads(path):
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=YAML_LOADER) == yaml.safe_load(text)
    assert load_resource(path.stem) == yaml.safe_load(text)   # so the check on load changes nothing


def test_fast_loader_is_still_safe():
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("!!python/object/apply:os.system ['true']", Loader=YAML_LOADER)


# --------------------------------------------------------------------------- the schemas

def test_every_lexicon_has_a_schema_and_every_schema_a_lexicon():
    assert sorted(SCHEMAS) == [path.stem for path in RESOURCES]


def _schema_faults(schema, where: str) -> list[str]:
    """What the checker could not read in a schema: it is plain data of four shapes."""
    if isinstance(schema, dict):
        return [fault for key, sub in schema.items() for fault in
                ([] if isinstance(key, str) else [f"{where}: key {key!r}"]) + _schema_faults(sub, f"{where}.{key}")]
    if isinstance(schema, list):
        return _schema_faults(schema[0], f"{where}[]") if len(schema) == 1 else [f"{where}: a list of one item"]
    if isinstance(schema, set):
        return [] if schema and all(isinstance(value, str) for value in schema) else [f"{where}: a set of words"]
    name = schema.removeprefix("unique ") if isinstance(schema, str) else None
    return [] if name in LEAVES or (name and WITH_GROUPS.fullmatch(name)) else [f"{where}: leaf {schema!r}"]


def test_schemas_are_plain_data_the_checker_reads():
    assert _schema_faults(SCHEMAS, "SCHEMAS") == []


@pytest.mark.parametrize("path", RESOURCES, ids=lambda path: path.stem)
def test_a_copy_in_another_folder_reads_alike(path, tmp_path):
    (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_resource(path.stem, tmp_path) == load_resource(path.stem)


# --------------------------------------------------------------------------- broken lexicons

def _refused(folder, name: str) -> CorpusError:
    with pytest.raises(CorpusError) as refused:
        load_resource(name, folder)
    return refused.value


def _broken(folder, name: str, *changes) -> CorpusError:
    """The error for the shipped lexicon ``name`` with ``changes`` made to what it reads as, written
    to ``folder``."""
    data = yaml.safe_load((RESOURCES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    for change in changes:
        change(data)
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return _refused(folder, name)


def _set(*path_and_value):
    """A change setting data[k1][k2]… to a value (the last argument)."""
    *path, key, value = path_and_value

    def change(data):
        for step in path:
            data = data[step]
        data[key] = value
    return change


def _drop(*path):
    def change(data):
        for step in path[:-1]:
            data = data[step]
        del data[path[-1]]
    return change


def _copy(*path_and_from):
    """A change copying one entry's value of a key to another entry's (a repeated id)."""
    *path, into, source, key = path_and_from

    def change(data):
        for step in path:
            data = data[step]
        data[into][key] = data[source][key]
    return change


BROKEN = {   # name: (change, where, what the message says)
    "apologies": (_drop("formulas", 3, "gloss"), "formulas[3]", "no gloss; add `gloss:` with an English gloss"),
    "response_strategies": (_set("codes", "benoit.denial", "patterns", 0, "pattern", "不属实)"),
                            "codes.benoit.denial.patterns[0].pattern", "does not compile"),
    "figures": (_copy("metrics", 5, 4, "metric"), "metrics[5].metric",
                "'severe_cases' is used already by metrics[4]; give each entry its own metric"),
    "measures": (_set("markers", 2, "pattern", "一要"), "markers[2].pattern", "no group num"),
    "measure_categories": (_set("categories", 0, "keywords", 0, "weight", "3"), "categories[0].keywords[0].weight",
                           "'3' is not a number; write a number"),
    "medical_access": (_copy("features", 2, 0, "id"), "features[2].id", "is used already by features[0]"),
    "vulnerable_groups": (_drop("groups", 3, "gloss"), "groups[3]", "no gloss"),
    "events": (_set("host", "(?P<host>"), "host", "does not compile"),
    "cleaning": (_set("boilerplate_lines", "分享到"), "boilerplate_lines", "'分享到' is not a list"),
    "regions": (_set("default_order", 1, "gloss", "库尔勒"), "default_order[1].gloss",
                "'库尔勒' is not an English gloss"),
    "stopwords": (_set("entries", 49, "gloss", True), "entries[49].gloss",
                  "True is not an English gloss; write an English gloss in quotes: YAML reads yes, no, on, off"),
    "userdict": (_drop("entries", 0, "pos"), "entries[0]", "no pos; add `pos:` with a non-empty string"),
    "vocabulary": (_set("concordance", 0, "forms", "整改"), "concordance[0].forms", "'整改' is not a list"),
    "actors": (_set("speech", "(?P<who>[^，]+)表示"), "speech", "no group speaker"),
    "dates": (_set("afternoon_parts", "下午"), "afternoon_parts", "is not a list"),
    "places": (_set("places", 2, "level", "county"), "places[2].level", "'county' is not one of"),
}


def test_every_lexicon_has_a_broken_variant():
    assert sorted(BROKEN) == sorted(SCHEMAS)


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_lexicon_is_refused_with_file_entry_and_fix_named(name, tmp_path):
    change, where, says = BROKEN[name]
    error = _broken(tmp_path, name, change)
    assert len(error.problems) == 1 and str(error) == error.problems[0]
    assert str(error).startswith(f"{tmp_path / name}.yaml, {where}: ") and says in str(error), str(error)


@pytest.mark.parametrize("name, change, where, says", [
    ("figures", _set("scope_cues", 0, "scope", "recent"), "scope_cues[0].scope",
     "'recent' is not one of cumulative, current, new, none"),
    ("figures", _set("metrics", 0, "per_capita", "no"), "metrics[0].per_capita", "is not true or false"),
    ("figures", _set("ratio_pattern", r"(\d+)混(\d+)"), "ratio_pattern", "no group num"),
    ("apologies", _set("apologizer_cues", 1, "mode", "told"), "apologizer_cues[1].mode",
     "'told' is not one of direct, ordered, reported"),
    ("apologies", _drop("blockers", "refusal_gloss"), "blockers", "no refusal_gloss; add `refusal_gloss:`"),
    ("measures", _set("min_items", "two"), "min_items", "'two' is not a whole number"),
    ("measures", _set("sequence_words", 3, "num", "end"), "sequence_words[3].num", "a whole number from 1, or last"),
    ("measure_categories", _copy("categories", 1, 0, "id"), "categories[1].id", "'testing' is used already"),
    ("cleaning", _set("drop_lines", 0, "pattern", "[您的位置"), "drop_lines[0].pattern",
     "does not compile as a Python regular expression"),
    ("userdict", _set("entries", 0, "glos", "Ili"), "entries[0].glos", "unknown key; correct its spelling"),
])
def test_more_ways_to_break_a_lexicon(name, change, where, says, tmp_path):
    error = _broken(tmp_path, name, change)
    assert f"{tmp_path / name}.yaml, {where}: " in str(error) and says in str(error), str(error)


def test_every_problem_of_a_file_is_named_at_once(tmp_path):
    error = _broken(tmp_path, "figures", _drop("units", 2, "gloss"), _set("gap_after", "(?:为"),
                    _copy("metrics", 5, 4, "metric"), _set("metrics", 7, "units", "人"), _drop("loose_units"))
    wheres = [problem.split(": ")[0].split(".yaml, ")[-1] for problem in error.problems]
    assert wheres == [f"{tmp_path / 'figures'}.yaml", "units[2]", "gap_after", "metrics[7].units", "metrics[5].metric"]
    assert str(error) == "\n".join(error.problems)


def test_shipped_lexicons_are_named_from_the_package(tmp_path, monkeypatch):
    """Messages name a lexicon of the package as resources/<name>.yaml, the way its docs do."""
    folder = tmp_path / "resources"
    folder.mkdir()
    monkeypatch.setattr(lexicons, "PACKAGE_DIR", tmp_path)
    error = _broken(folder, "apologies", _drop("formulas", 3, "gloss"))
    assert str(error) == "resources/apologies.yaml, formulas[3]: no gloss; add `gloss:` with an English gloss"


def test_a_key_given_twice_is_refused(tmp_path):
    text = (RESOURCES_DIR / "response_strategies.yaml").read_text(encoding="utf-8")
    (tmp_path / "response_strategies.yaml").write_text(
        text.replace("  benoit.minimization:\n", "  benoit.denial:\n"), encoding="utf-8")
    first, second = [n for n, line in enumerate(text.splitlines(), 1)
                     if line in ("  benoit.denial:", "  benoit.minimization:")]
    assert str(_refused(tmp_path, "response_strategies")) == (
        f"{tmp_path / 'response_strategies'}.yaml, codes.benoit.denial: given twice (lines {first} and {second}); "
        "keep one")


def test_a_comma_in_an_unquoted_gloss_is_caught(tmp_path):
    """In a {…} entry, `gloss: a, b` reads as gloss 'a' and a key 'b': the gloss is cut short."""
    text = (RESOURCES_DIR / "figures.yaml").read_text(encoding="utf-8")
    (tmp_path / "figures.yaml").write_text(
        text.replace("gloss: 'person-times (tests, visits)'", "gloss: person-times (tests, visits)"), encoding="utf-8")
    message = str(_refused(tmp_path, "figures"))
    assert message.startswith(f"{tmp_path / 'figures'}.yaml, units[1].visits): unknown key")
    assert "quote the value" in message


def test_invalid_yaml_is_refused_with_its_line(tmp_path):
    (tmp_path / "regions.yaml").write_text("default_order:\n  - {region: Yili, gloss: Ili\n", encoding="utf-8")
    message = str(_refused(tmp_path, "regions"))
    assert message.startswith(f"{tmp_path / 'regions'}.yaml, line 3: not valid YAML")
    assert "correct the syntax" in message
