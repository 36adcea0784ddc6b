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
