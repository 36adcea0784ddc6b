"""Read the lexicons in ``zerocovid/resources/`` (YAML, safe loading), once each."""
from functools import lru_cache
from typing import Any

import yaml

from .paths import RESOURCES_DIR

# libyaml's safe loader when PyYAML was built with it: the same rules as yaml.safe_load, ten times faster
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_resource(name: str) -> Any:
    """Return the parsed YAML resource ``name`` (file name without ``.yaml``)."""
    path = RESOURCES_DIR / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=YAML_LOADER)


def word_list(name: str) -> list[str]:
    """The ``word`` of every entry of a resource that is a list of {word, gloss} entries."""
    return [entry["word"] for entry in load_resource(name)["entries"]]
