"""make bench's verdicts on issue 19's targets: seconds judged as measured and scaled by plain jieba's speed."""
from __future__ import annotations

from benchmarks.run import ISSUE_JIEBA_MS_PER_ARTICLE, _targets


def _row(step: str, seconds: float, rate="") -> dict:
    return {"step": step, "seconds": seconds, "MB/s": rate}


def test_targets_are_judged_on_this_run_and_at_the_issues_speed():
    rows = [_row("make run, one article per region (30), cold cache", 25.0),
            _row("make run, one article per region (30), warm cache", 18.0),
            _row("make run, all 10,000 articles, cold cache", 190.0),
            _row("make run, all 10,000 articles, warm cache", 48.0),
            _row("reference: plain jieba.lcut over the other 9,970 articles", 12.0),
            _row("notebook 05_vocabulary, warm cache", 12.0),
            _row("tokenization (zc.tokens, rjieba)", 3.0),
            _row("reference: plain jieba.lcut over the same text", 12.0),
            _row("load + 3 analyzers, processes", 20.0, 2.0)]
    jieba_ms = ISSUE_JIEBA_MS_PER_ARTICLE * 3      # a machine three times slower than the issue's
    verdicts = {row["target"]: (row["this run"], row["at the issue's speed"], row["met"])
                for row in _targets(rows, jieba_ms)}
    assert verdicts == {
        "make run, one article per region (30), cold cache": ("25.0 s", "8.3 s", "at the issue's speed"),
        "make run, one article per region (30), warm cache": ("18.0 s", "6.0 s", "yes"),
        "make run, all 10,000 articles, cold cache": ("190.0 s", "63.3 s", "no"),
        "make run, all 10,000 articles, warm cache": ("48.0 s", "16.0 s", "yes"),
        "notebook 05_vocabulary, warm cache": ("12.0 s", "4.0 s", "at the issue's speed"),
        "what the other articles add to make run (warm), against plain jieba over their text":
            ("2.50×", "2.50×", "yes"),
        "zc.tokens against plain jieba, one core": ("0.25×", "0.25×", "yes"),
        "load + 3 analyzers, processes (floor set 2026-12-04)": ("2.00 MB/s", "6.00 MB/s", "at the issue's speed"),
        "plain jieba per article (scale 0.33)": ("5.40 ms", "1.80 ms", ""),
    }
