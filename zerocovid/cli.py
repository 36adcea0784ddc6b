"""The ``zerocovid`` command: validate a corpus, execute notebooks, run the suite, write briefings."""
from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import CorpusError
from .paths import DATA_DIR


def _validate(args: argparse.Namespace) -> int:
    from .corrections import CORRECTIONS_NAME, TABLES, correct_tables
    from .pipeline import CODED_TABLES, run_pipeline
    from .pipeline.cache import DOCUMENTS

    data_dir = Path(args.data_dir) if args.data_dir else DATA_DIR
    try:
        # with corrections.csv, the coded tables too: every line is checked against its table
        corrections = (data_dir / CORRECTIONS_NAME).is_file()
        tables = run_pipeline(data_dir, analyzers={name: CODED_TABLES[name] for name in TABLES} if corrections else {},
                              engine="processes" if args.parallel else "serial", progress=None)
        docs = tables[DOCUMENTS]
        correct_tables(tables, docs, data_dir)
    except CorpusError as err:
        print(f"{len(err.problems)} problem(s) in {data_dir}:", file=sys.stderr)
        for problem in err.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    copies = docs[docs["duplicate_of"].notna()]
    for row in copies.itertuples():
        print(f"warning: {data_dir / row.source_file}: near-duplicate of {row.duplicate_of} "
              f"(flagged in duplicate_of; drop it from an analysis that counts articles)", file=sys.stderr)
    for column in ("encoding", "script", "page_format"):
        counts = docs[column].value_counts().sort_index()
        print(f"{column}: {', '.join(f'{value} {n}' for value, n in counts.items())}")
    print(f"{data_dir}: {len(docs)} articles load cleanly "
          f"({', '.join(f'{r}: {n}' for r, n in docs['region'].value_counts().sort_index().items())})")
    if corrections:
        print(f"{data_dir / CORRECTIONS_NAME}: every correction applies")
    return 0


def _without_iri_grammar() -> None:
    """Let this command's process go without ``rfc3987_syntax``. jsonschema imports it, when installed,
    to check the "iri" format, and importing it compiles a Lark grammar: 1.6 s before any notebook starts.
    nbformat's notebook schema has no IRI to check. Only the command's own process is affected, never a
    kernel or a program that imports the package."""
    sys.modules.setdefault("rfc3987_syntax", None)   # None in sys.modules: `import` raises ImportError


def _notebooks(args: argparse.Namespace) -> int:
    _without_iri_grammar()
    from .report.notebooks import execute_in_place, notebook_paths

    paths = [Path(p) for p in args.paths] or notebook_paths()
    for path in paths:
        print(f"executing {path.name}")
        execute_in_place(path)
    return 0


def _run(args: argparse.Namespace) -> int:
    _without_iri_grammar()
    from .pipeline import coded_tables
    from .report.briefings import build_briefings
    from .report.notebooks import run_suite

    out_dir = Path(args.out)
    data_dir = Path(args.data) if args.data else None
    regions = [r.strip() for r in args.regions.split(",") if r.strip()] if args.regions else None
    # coded once, on every core (nothing read back): the kernels and the briefings read the cache
    coded_tables(data_dir, engine="processes", names=[])
    # the briefings are drawn in this process while the notebooks' kernels run in theirs
    with ThreadPoolExecutor(max_workers=1) as pool:
        executing = pool.submit(run_suite, data_dir=data_dir, out_dir=out_dir / "notebooks", regions=regions)
        briefings = build_briefings(data_dir=data_dir, out_dir=out_dir / "briefings", regions=regions)
        notebooks = executing.result()
    print(f"executed {len(notebooks)} notebooks into {out_dir / 'notebooks'}")
    print(f"wrote {len(briefings)} briefing files into {out_dir / 'briefings'}")
    return 0


def _briefings(args: argparse.Namespace) -> int:
    from .report.briefings import build_briefings

    out_dir = Path(args.out) if args.out else None
    written = build_briefings(data_dir=Path(args.data) if args.data else None,
                              **({"out_dir": out_dir} if out_dir else {}))
    print(f"wrote {len(written)} files into {written[-1].parent}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .pipeline import coded_tables
    from .report.export import EXPORTED_TABLES, export

    tables = coded_tables(Path(args.data) if args.data else None, engine="processes", progress=None,
                          names=[*EXPORTED_TABLES, *(["sentences"] if args.sentences else [])])
    print(f"wrote {export(tables['documents'], args.out, tables=tables, sentences=args.sentences)}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import tempfile

    from .evaluation.report import evaluate, project_gold
    from .paths import IN_CHECKOUT, PROJECT_DIR

    if not IN_CHECKOUT:
        print("zerocovid evaluate reads the gold sets in tests/: run it in a source checkout", file=sys.stderr)
        return 1
    gold, codings = project_gold(PROJECT_DIR)
    with tempfile.TemporaryDirectory() as work_dir:
        written = evaluate(gold, codings, Path(args.out), work_dir=Path(work_dir),
                           codebook=PROJECT_DIR / "zerocovid" / "codebook.md",
                           real_reports=PROJECT_DIR / "docs" / "real_reports.yaml")
    print(f"wrote {written}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zerocovid", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a corpus folder and list every problem")
    validate.add_argument("data_dir", nargs="?", help="folder with manifest.csv (default: the project's data/)")
    validate.add_argument("--parallel", action="store_true", help="read the articles on all cores")
    validate.set_defaults(func=_validate)
    notebooks = commands.add_parser("notebooks", help="re-execute notebooks in place")
    notebooks.add_argument("paths", nargs="*", help="notebooks to run (default: all numbered notebooks)")
    notebooks.set_defaults(func=_notebooks)
    run = commands.add_parser("run", help="execute every notebook on a corpus into an output folder")
    run.add_argument("--data", help="corpus folder (default: the project's data/)")
    run.add_argument("--out", default="build", help="output folder (default: build/)")
    run.add_argument("--regions", help="comma-separated regions to compare, in this order (default: all)")
    run.set_defaults(func=_run)
    briefings = commands.add_parser("briefings", help="regenerate the briefings (default: into briefings/)")
    briefings.add_argument("--data", help="corpus folder (default: the project's data/)")
    briefings.add_argument("--out", help="output folder (default: the project's briefings/)")
    briefings.set_defaults(func=_briefings)
    export = commands.add_parser("export", help="write every coded table to OUT: a .xlsx workbook, else a folder "
                                                "of CSV files")
    export.add_argument("--data", help="corpus folder (default: the project's data/)")
    export.add_argument("--sentences", action="store_true", help="also the sentences table")
    export.add_argument("out", help="tables.xlsx (one sheet per table) or a folder (one CSV file per table)")
    export.set_defaults(func=_export)
    evaluate = commands.add_parser("evaluate", help="measure the tool against the gold and two human codings "
                                                    "against each other; quote the figures in the codebook")
    evaluate.add_argument("--out", default="docs/accuracy.md", help="the report (default: docs/accuracy.md)")
    evaluate.set_defaults(func=_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
