"""The ``zerocovid`` command: validate a corpus, execute notebooks, run the suite, write briefings."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CorpusError
from .paths import DATA_DIR


def _validate(args: argparse.Namespace) -> int:
    from .corpus import load_documents

    data_dir = Path(args.data_dir) if args.data_dir else DATA_DIR
    try:
        docs = load_documents(data_dir)
    except CorpusError as err:
        print(f"{len(err.problems)} problem(s) in {data_dir}:", file=sys.stderr)
        for problem in err.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"{data_dir}: {len(docs)} articles load cleanly "
          f"({', '.join(f'{r}: {n}' for r, n in docs['region'].value_counts().sort_index().items())})")
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from .notebooks import execute_in_place, notebook_paths

    paths = [Path(p) for p in args.paths] or notebook_paths()
    for path in paths:
        print(f"executing {path.name}")
        execute_in_place(path)
    return 0


def _run(args: argparse.Namespace) -> int:
    from .notebooks import run_suite

    out_dir = Path(args.out)
    written = run_suite(data_dir=Path(args.data) if args.data else None, out_dir=out_dir)
    for path in written:
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zerocovid", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a corpus folder and list every problem")
    validate.add_argument("data_dir", nargs="?", help="folder with manifest.csv (default: the project's data/)")
    validate.set_defaults(func=_validate)
    notebooks = commands.add_parser("notebooks", help="re-execute notebooks in place")
    notebooks.add_argument("paths", nargs="*", help="notebooks to run (default: all numbered notebooks)")
    notebooks.set_defaults(func=_notebooks)
    run = commands.add_parser("run", help="execute every notebook on a corpus into an output folder")
    run.add_argument("--data", help="corpus folder (default: the project's data/)")
    run.add_argument("--out", default="build", help="output folder (default: build/)")
    run.set_defaults(func=_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
