"""`make run`: every notebook re-runs on another corpus folder, and on ours reproduces the committed outputs."""
from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from zerocovid.report.notebooks import notebook_paths
from zerocovid.paths import PROJECT_DIR

# A sixth article written for this test: a new region with one apology, one list and two figures.
SIXTH_ARTICLE = """
---
title: '郑州市召开疫情防控新闻发布会'
date: Sat, 07 May 2022 12:00:00 GMT
---
<div>
<p>5月7日上午，郑州市人民政府新闻办公室召开疫情防控新闻发布会。</p>
<p>截至5月7日8时，郑州市本轮疫情累计报告本土确诊病例12例、无症状感染者35例。</p>
<p>市卫生健康委主任表示，前期个别隔离点服务保障不到位，在此，我代表郑州市人民政府向广大市民表示诚挚的歉意。</p>
<p>下一步，我市将采取以下措施：一是加快核酸检测进度，做到应检尽检。二是做好生活物资保障供应，确保群众生活必需品不断供。三是畅通群众就医绿色通道，保障孕产妇、血液透析患者就医。</p>
</div>
"""


def _make_run(out: Path, data: Path | None = None) -> subprocess.CompletedProcess:
    command = ["make", "--no-print-directory", "run", f"OUT={out}"] + ([f"DATA={data}"] if data else [])
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert str(out / "notebooks") in done.stdout and str(out / "briefings") in done.stdout
    return done


def _output_text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", ""), data.get("text/markdown", "")]
    return "\n".join(parts)


def _outputs(notebook) -> list:
    """Each code cell's outputs without execution counts or metadata (papermill adds its own)."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])]
    return [[{k: v for k, v in o.items() if k not in ("execution_count", "metadata")} for o in c.get("outputs", [])]
            for c in cells]


@pytest.fixture(scope="module")
def grown_run(tmp_path_factory):
    data = tmp_path_factory.mktemp("corpus")
    subprocess.run(["cp", "-r", str(PROJECT_DIR / "data") + "/.", str(data)], check=True)
    (data / "raw" / "2022-05-07_zhengzhou.txt").write_text(SIXTH_ARTICLE, encoding="utf-8")
    with (data / "manifest.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    row = dict.fromkeys(header, "")
    row.update(doc_id="2022-05-07_zhengzhou", file="raw/2022-05-07_zhengzhou.txt", region="Zhengzhou",
               place="Zhengzhou", province="Henan", outlet="测试网", event_date="2022-05-07")
    with (data / "manifest.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header).writerow(row)
    out = tmp_path_factory.mktemp("results")
    log = _make_run(out, data).stderr
    return {p.name: nbformat.read(p, as_version=4) for p in sorted((out / "notebooks").glob("*.ipynb"))}, out, log


def test_new_region_reaches_every_analysis(grown_run):
    notebooks, out, _ = grown_run
    assert sorted(notebooks) == [p.name for p in notebook_paths()]
    for name, notebook in notebooks.items():
        if name != "06_coding_workflow.ipynb":   # the workflow notebook shows a sample of rows, not every region
            assert "Zhengzhou" in _output_text(notebook), name
    assert "诚挚的歉意" in _output_text(notebooks["02_apology_language.ipynb"])
    assert "我市将采取以下措施" in _output_text(notebooks["03_measures.ipynb"])   # the new list's introduction
    figures = _output_text(notebooks["04_case_figures.ipynb"])
    assert "12例" in figures and "35例" in figures
    assert (out / "briefings" / "zhengzhou.md").is_file() and (out / "briefings" / "zhengzhou.html").is_file()
    assert "诚挚的歉意" in (out / "briefings" / "zhengzhou.md").read_text(encoding="utf-8")


def test_no_error_or_warning_on_the_grown_corpus(grown_run):
    notebooks, _, log = grown_run
    # the log of `make run` (kernels and briefings side by side) is clean: no warning, no kernel error
    assert log.strip() == "", log[-2000:]
    for name, notebook in notebooks.items():
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", name
                assert output.get("name") != "stderr", (name, output.get("text", "")[:300])


def test_run_on_the_project_corpus_reproduces_committed_outputs(tmp_path):
    _make_run(tmp_path)
    for path in notebook_paths():
        executed = nbformat.read(tmp_path / "notebooks" / path.name, as_version=4)
        assert _outputs(executed) == _outputs(nbformat.read(path, as_version=4)), path.name


ANALYZER_CALL = re.compile(r"\b(find_apologies|acknowledgements|response_strategies|extract_measures|extract_figures|"
                           r"groups|medical_access|tokens|sentences)\(")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_notebooks_read_the_coded_tables_instead_of_running_analyzers(path):
    """A run codes the corpus once (``zc.coded_tables``, through the cache); a notebook that called an
    analyzer itself would code it again."""
    code = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
    assert ANALYZER_CALL.findall(code) == []
    # every notebook reads the cached tables, only those it uses (names=[...] or zc.EXPORTED_TABLES)
    assert re.search(r"zc\.coded_tables\(data_dir, regions=regions, names=(\[[^\]]*\]|zc\.EXPORTED_TABLES)\)", code)


def test_a_failing_notebook_is_written_up_to_its_error(tmp_path):
    """The error is raised, and the executed copy holds the injected parameters and every output before it."""
    from nbclient.exceptions import CellExecutionError

    from zerocovid.report.notebooks import execute_notebook

    source = nbformat.read(notebook_paths()[0], as_version=4)
    notebook = nbformat.v4.new_notebook(metadata=source.metadata)
    notebook.cells = [nbformat.v4.new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
                      nbformat.v4.new_code_cell("print(data_dir)"),
                      nbformat.v4.new_code_cell("raise ValueError('the corpus lacks Yili')"),
                      nbformat.v4.new_code_cell("print('never run')")]
    path = tmp_path / "failing.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(CellExecutionError, match="the corpus lacks Yili") as raised:
        execute_notebook(path, tmp_path / "out.ipynb", {"data_dir": "../elsewhere"})
    assert raised.value.__notes__ == [f"in failing.ipynb; its outputs up to this error are in {tmp_path / 'out.ipynb'}"]
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert [cell.source for cell in executed.cells][1] == "# Parameters\ndata_dir = \"../elsewhere\"\n"
    assert [output.get("text") for output in executed.cells[2].outputs] == ["../elsewhere\n"]
    assert executed.cells[3].outputs[0]["ename"] == "ValueError" and executed.cells[4].outputs == []
