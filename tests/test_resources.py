"""The lexicons read the same through libyaml's fast safe loader as through yaml.safe_load."""
from __future__ import annotations

import pytest
import yaml

from zerocovid.paths import RESOURCES_DIR
from zerocovid.lexicons import YAML_LOADER, load_resource

RESOURCES = sorted(RESOURCES_DIR.glob("*.yaml"))


def test_there_are_resources_to_compare():
    assert len(RESOURCES) >= 10


@pytest.mark.parametrize("path", RESOURCES, ids=lambda path: path.stem)
def test_fast_loader_reads_what_safe_load_reads(path):
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=YAML_LOADER) == yaml.safe_load(text)
    assert load_resource(path.stem) == yaml.safe_load(text)


def test_fast_loader_is_still_safe():
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("!!python/object/apply:os.system ['true']", Loader=YAML_LOADER)
