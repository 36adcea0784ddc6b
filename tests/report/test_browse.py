"""browse: a live, searchable table in JupyterLab; a small fixed excerpt in committed outputs."""
from __future__ import annotations

import pandas as pd

import zerocovid as zc
from zerocovid.report import browse as browse_module

TABLE = pd.DataFrame({"row_id": [f"d@{n}-{n + 1}" for n in range(30)], "value": range(30)})


def test_committed_outputs_show_an_excerpt_and_say_so(monkeypatch, capsys):
    monkeypatch.setenv(browse_module.STATIC_ENV, "1")
    shown = zc.browse(TABLE, caption="Figures", rows=5)
    assert shown.equals(TABLE.head(5))
    assert capsys.readouterr().out == ("Figures: the first 5 of 30 rows (sort and search them all when you run "
                                       "this notebook in JupyterLab)\n")
    zc.browse(TABLE.head(3))
    assert capsys.readouterr().out.startswith("all 3 rows (")


def test_a_live_session_gets_the_whole_table_as_an_itables_widget(monkeypatch):
    import itables

    monkeypatch.delenv(browse_module.STATIC_ENV, raising=False)
    shown, modes = [], []
    monkeypatch.setattr(itables, "init_notebook_mode", lambda **kwargs: modes.append(kwargs))
    monkeypatch.setattr(itables, "show", lambda table, caption=None: shown.append((len(table), caption)))
    browse_module._interactive_mode.cache_clear()
    assert zc.browse(TABLE, caption="Figures") is None
    assert shown == [(30, "Figures")] and modes == [{"all_interactive": False, "connected": False}]   # offline; other tables stay plain
