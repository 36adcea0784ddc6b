"""The package's shape: declared dependencies match its imports, internal imports form no cycle,
the core does not reach the reporting layer, and a built wheel works outside the checkout.

The import checks read the source with ``ast`` instead of importing it, so they see imports
inside functions too and report every problem, even while a module does not import.
"""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "zerocovid"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# Declared because they are needed at run time, although no module imports them.
RUNTIME_ONLY = {
    "ipykernel": "the python3 kernel that papermill, nbclient and JupyterLab run the notebooks in",
    "jupyterlab": "make lab, and the browser checks of the notebooks",
}
# environment.yml names that differ from the PyPI name
CONDA_NAMES = {"matplotlib-base": "matplotlib"}
# extras that are tools for developing the package, not features of it
TOOL_EXTRAS = {"dev"}
# The stages that must run without the reporting layer (charts, briefings, notebooks).
CORE = ("zerocovid.analyzers", "zerocovid.corpus", "zerocovid.pipeline", "zerocovid.text", "zerocovid.document")
REPORTING = "zerocovid.report"
PLOTTING = {"matplotlib", "mplfonts"}  # mplfonts imports matplotlib


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement(spec: str) -> tuple[str, str]:
    """(normalised name, version specifier) of ``pandas>=3.0`` or ``dask[distributed] >= 1``."""
    name, rest = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*?)\s*", spec).groups()
    return normalise(name), rest.replace(" ", "")


@dataclass(frozen=True)
class Import:
    module: str          # absolute dotted name
    names: tuple         # what ``from module import ...`` takes; () for ``import module``
    in_function: bool


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Imports(ast.NodeVisitor):
    """Every import a module runs, at module level or in a function; ``if TYPE_CHECKING:`` blocks
    never run, so they are left out."""

    def __init__(self, package: str):
        self.package, self.found, self.depth = package, [], 0

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _function(self, node) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_Import(self, node: ast.Import) -> None:
        self.found.extend(Import(alias.name, (), self.depth > 0) for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module == "__future__":
            return
        module = node.module or ""
        if node.level:
            base = self.package.rsplit(".", node.level - 1)[0]
            module = f"{base}.{module}" if module else base
        self.found.append(Import(module, tuple(alias.name for alias in node.names), self.depth > 0))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_imports() -> dict[str, list[Import]]:
    """Module name -> the imports it runs, for every module of the package."""
    modules = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        name = _module_name(path)
        visitor = _Imports(name if path.name == "__init__.py" else name.rpartition(".")[0])
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        modules[name] = visitor.found
    return modules


def _ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def internal_graph(modules: dict[str, list[Import]]) -> dict[str, set[str]]:
    """Module -> the package modules its imports run or read from. ``from x import y`` runs x.y
    when y is a submodule and reads y from x otherwise; importing x also runs the packages above
    it, except those already running because they hold the importing module (``from . import
    sibling`` is no cycle, ``from . import NAME`` of the package's own ``__init__`` is)."""
    graph = {}
    for module, imports in modules.items():
        running = set(_ancestors(module))
        targets = set()
        for found in imports:
            if found.module.split(".")[0] != PACKAGE:
                continue
            submodules = {f"{found.module}.{name}" for name in found.names} & set(modules)
            targets.update(a for a in _ancestors(found.module) if a not in running)
            targets.update(submodules)
            if found.module not in running or len(submodules) < len(found.names):
                targets.add(found.module)
        graph[module] = {t for t in targets if t in modules and t != module}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as [a, b, ..., a], or None."""
    state: dict[str, str] = {}
    for start in sorted(graph):
        if start in state:
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        state[start] = "open"
        while stack:
            target = next(stack[-1], None)
            if target is None:
                state[path.pop()] = "done"
                stack.pop()
            elif state.get(target) == "open":
                return path[path.index(target):] + [target]
            elif target not in state:
                state[target] = "open"
                path.append(target)
                stack.append(iter(sorted(graph[target])))
    return None


def third_party(imports: list[Import]) -> set[str]:
    """Top-level names of the imports that are neither the standard library nor the package."""
    tops = {found.module.split(".")[0] for found in imports}
    return {top for top in tops if top != PACKAGE and top not in sys.stdlib_module_names}


MODULES = package_imports()
GRAPH = internal_graph(MODULES)


def _distributions(tops: set[str]) -> set[str]:
    installed = packages_distributions()
    missing = sorted(top for top in tops if top not in installed)
    assert not missing, f"imported but not installed (pip install -e '.[dev]'): {', '.join(missing)}"
    return {normalise(dist) for top in tops for dist in installed[top]}


def test_declared_dependencies_are_the_imported_ones():
    project = PYPROJECT["project"]
    core = {requirement(spec)[0] for spec in project["dependencies"]}
    extras = {requirement(spec)[0] for extra, specs in project["optional-dependencies"].items()
              if extra not in TOOL_EXTRAS for spec in specs}
    everywhere = _distributions({top for imports in MODULES.values() for top in third_party(imports)})
    at_import = _distributions({top for imports in MODULES.values()
                                for top in third_party([i for i in imports if not i.in_function])})
    assert sorted(everywhere - core - extras) == [], "imported but not declared in pyproject.toml"
    assert sorted(core - everywhere - set(RUNTIME_ONLY)) == [], "declared in pyproject.toml but never imported"
    assert sorted(extras - everywhere) == [], "an extra declares what no module imports"
    assert sorted(at_import - core) == [], "imported when a module loads, so it must be a core dependency"
    assert set(RUNTIME_ONLY) <= core


def test_environment_yml_lists_what_pyproject_declares():
    project = PYPROJECT["project"]
    declared = dict(requirement(spec) for specs in [project["dependencies"], *project["optional-dependencies"].values()]
                    for spec in specs)
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    pip = next(entry["pip"] for entry in environment if isinstance(entry, dict))
    listed = {}
    for spec in [entry for entry in environment if isinstance(entry, str)] + [s for s in pip if s != "-e ."]:
        name, version = requirement(spec)
        if name not in ("python", "pip"):
            listed[normalise(CONDA_NAMES.get(name, name))] = version
    assert listed == declared


def test_internal_imports_have_no_cycle():
    assert len(GRAPH) > 20 and GRAPH["zerocovid"], "the import graph was not read"
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_import_zerocovid_does_not_load_matplotlib():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, zerocovid; "
         f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(PLOTTING)!r}))"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m in CORE or m.startswith(tuple(f"{c}." for c in CORE))))
def test_core_does_not_reach_the_reporting_layer(module):
    """Followed through every internal import (in functions too), so a helper cannot smuggle it in."""
    chains, todo, problems = {module: [module]}, [module], []
    while todo:
        current = todo.pop()
        plotting = sorted(third_party(MODULES[current]) & PLOTTING)
        if current == REPORTING or current.startswith(f"{REPORTING}.") or plotting:
            problems.append(" -> ".join(chains[current] + plotting))
        for target in sorted(GRAPH[current] - set(chains)):
            chains[target] = chains[current] + [target]
            todo.append(target)
    assert problems == []


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the checkout (so no build/ folder appears in it)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / PACKAGE, source / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return next(out.glob("zerocovid-*.whl"))


def test_wheel_holds_every_module_and_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {path.relative_to(ROOT).as_posix() for pattern in ("*.py", "resources/*.yaml")
                for path in (ROOT / PACKAGE).rglob(pattern) if "__pycache__" not in path.parts}
    assert sorted(expected - names) == []
    for folder in ("corpus", "pipeline", "analyzers", "report", "resources"):
        assert any(name.startswith(f"{PACKAGE}/{folder}/") for name in names), folder


def test_installed_wheel_needs_a_corpus_folder_and_reads_one(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    script = f"""
import zerocovid as zc
from zerocovid import paths
assert zc.__file__.startswith({str(target)!r}), zc.__file__
assert not paths.IN_CHECKOUT
try:
    zc.load_documents()
except zc.CorpusError as error:
    print(error)
else:
    raise SystemExit("load_documents() without a folder did not raise")
for folder in (paths.NOTEBOOKS_DIR, paths.BRIEFINGS_DIR):
    try:
        folder / "x"
    except RuntimeError as error:
        assert "source checkout" in str(error), error
    else:
        raise SystemExit(f"{{folder}} did not raise")
print(len(zc.load_documents({str(ROOT / "data")!r})), "articles")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    message, loaded = done.stdout.strip().splitlines()
    assert 'pass the corpus folder, e.g. zc.load_documents("path/to/corpus")' in message
    assert loaded == f"{len(list((ROOT / 'data').glob('raw/*')))} articles"


def test_readme_names_the_public_api_and_real_modules():
    """The README stands on its own: every public name in its table, every module it names real,
    no path outside the repository."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = ast.parse((ROOT / PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    public = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                  and any(getattr(target, "id", None) == "__all__" for target in node.targets))
    table = readme[readme.index("| `zc.` |"):readme.index("### Where the code is")]
    assert [name for name in public if not re.search(rf"`{name}[`(]", table)] == []
    named = set(re.findall(r"\bzerocovid(?:\.\w+)+", readme))
    assert sorted(n for n in named if n not in MODULES and n.rpartition(".")[0] not in MODULES) == []
    assert re.findall(r"\.\./|/work/|/home/", readme) == []
