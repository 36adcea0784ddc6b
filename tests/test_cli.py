"""The command line: `zerocovid validate` lists every problem at once and exits 1, or warns about
near-duplicates and exits 0."""
from __future__ import annotations

from helpers import write_corpus
from pages import APOLOGY, PLAIN, SECOND
from zerocovid.cli import main


def test_validate_prints_every_problem_and_exits_1(tmp_path, capsys):
    folder = write_corpus(tmp_path, {"a.txt": PLAIN, "b.txt": PLAIN, "c.txt": b"\xff\xfe\x00", "d.txt": ""})
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("3 problem(s) in ")
    for name in ["b.txt", "c.txt", "d.txt"]:
        assert name in err


def test_validate_warns_about_near_duplicates_and_exits_0(tmp_path, capsys):
    long_text = "\n".join([APOLOGY, SECOND] * 4)
    folder = write_corpus(tmp_path, {"a.txt": f"标题\n{long_text}", "b.txt": f"标题\n{long_text}（转载）"})
    assert main(["validate", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "b.txt: near-duplicate of doc1" in captured.err
    assert "2 articles load cleanly (Testland: 2)" in captured.out


def test_run_and_notebooks_skip_the_iri_grammar_yet_validate_notebooks():
    """`zerocovid run` and `zerocovid notebooks` keep jsonschema from importing rfc3987_syntax (compiling
    its grammar cost 1.6 s per run); nbformat still validates the suite's notebooks without it."""
    import subprocess
    import sys

    from zerocovid.report.notebooks import notebook_paths

    script = ("import sys\n"
              "from zerocovid.cli import _without_iri_grammar\n"
              "_without_iri_grammar()\n"
              "import nbformat\n"
              "for path in sys.argv[1:]:\n"
              "    nbformat.validate(nbformat.read(path, as_version=4))\n"
              "print(sys.modules['rfc3987_syntax'] is None, 'rfc3987_syntax.syntax_helpers' in sys.modules)\n")
    paths = [str(p) for p in notebook_paths()]
    done = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]
    assert len(paths) == 6
