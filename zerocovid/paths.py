"""Where the package's resources are and, in a source checkout, the project's folders.

The lexicons ship inside the package. ``data/``, ``notebooks/`` and ``briefings/`` exist only in a
checkout (``pyproject.toml`` beside the package); an installed package gets stand-ins that raise,
saying what to pass instead, so a default never reads or writes a folder of site-packages.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

from .errors import CorpusError

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
PROJECT_DIR = PACKAGE_DIR.parent
IN_CHECKOUT = (PROJECT_DIR / "pyproject.toml").is_file()


class CheckoutOnly(os.PathLike):
    """A project folder the installed package lacks: using it as a path raises ``error(message)``."""

    def __init__(self, name: str, error: type[Exception], message: str):
        self.name, self.error, self.message = name, error, message

    def __fspath__(self) -> NoReturn:
        raise self.error(self.message)

    def __truediv__(self, other) -> NoReturn:
        raise self.error(self.message)

    def __str__(self) -> str:  # messages may still name the folder
        return f"{self.name}/ (only in a source checkout)"

    __repr__ = __str__


def _folder(name: str, error: type[Exception], message: str) -> Path | CheckoutOnly:
    return PROJECT_DIR / name if IN_CHECKOUT else CheckoutOnly(name, error, message)


def _only_in_checkout(name: str, used_by: str) -> str:
    return f"the project's {name}/ folder ({used_by}) is only in a source checkout of zerocovid"


DATA_DIR = _folder("data", CorpusError, "no corpus folder given, and an installed zerocovid has no data/ folder: "
                   'pass the corpus folder, e.g. zc.load_documents("path/to/corpus") or zerocovid validate path/to/corpus')
REFERENCE_DIR = _folder("data/reference", RuntimeError, _only_in_checkout(
    "data/reference", "the census and glossary tables") + "; pass per_capita(figures, population=...)")
NOTEBOOKS_DIR = _folder("notebooks", RuntimeError, _only_in_checkout("notebooks", "make lab, make notebooks, make run"))
BRIEFINGS_DIR = _folder("briefings", RuntimeError, _only_in_checkout("briefings", "make briefings"))
