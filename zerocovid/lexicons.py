"""Read the lexicons in ``zerocovid/resources/`` (YAML, safe loading), once each, checked against their
schemas (``lexicon_schema``) on that first read: a broken lexicon is refused with every problem named,
instead of failing deep inside an analyzer."""
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import CorpusError
from .lexicon_schema import problems
from .paths import PACKAGE_DIR, RESOURCES_DIR

# libyaml's safe loader when PyYAML was built with it: the same rules as yaml.safe_load, ten times faster
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_resource(name: str, folder: Path = RESOURCES_DIR) -> Any:
    """Return the parsed YAML resource ``name`` (file name without ``.yaml``) of ``folder``; CorpusError
    names the file, the entry and the fix for each problem when it does not hold to its schema."""
    path = Path(folder, f"{name}.yaml")
    shown = path.relative_to(PACKAGE_DIR) if path.is_relative_to(PACKAGE_DIR) else path
    with path.open(encoding="utf-8") as handle:
        loader = YAML_LOADER(handle)
        try:   # what yaml.load does, keeping the tree for the schema's check of repeated keys
            node = loader.get_single_node()
            data = None if node is None else loader.construct_document(node)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f", line {mark.line + 1}" if mark is not None else ""
            raise CorpusError(f"{shown}{where}: not valid YAML ({getattr(err, 'problem', err)}); "
                              "correct the syntax there") from None
        finally:
            loader.dispose()
    found = problems(str(shown), name, node, data)
    if found:
        raise CorpusError("\n".join(found), found)
    return data


def word_list(name: str) -> list[str]:
    """The ``word`` of every entry of a resource that is a list of {word, gloss} entries."""
    return [entry["word"] for entry in load_resource(name)["entries"]]


@lru_cache(maxsize=1)
def lexicon_hash() -> str:
    """The first 12 hex digits of a sha256 over every lexicon file (names and bytes): which lexicons
    coded a table, for the provenance lines of reports and exports."""
    digest = hashlib.sha256()
    for path in sorted(RESOURCES_DIR.glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
