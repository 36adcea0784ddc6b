"""Execute the suite's notebooks: in place (``make notebooks``) or on another corpus (``make run``).

Both run the cells with nbclient. In-place execution records no timing metadata, so re-running an
unchanged notebook changes no byte. ``run_suite`` injects the corpus folder after each notebook's cell
tagged ``parameters`` (papermill's parameterizer) and writes the executed copies elsewhere, leaving the
committed notebooks untouched. Papermill's own executor is not used: it rewrites the whole output
notebook before and after every cell, seconds per notebook once a large corpus's charts are in it.
"""
from __future__ import annotations

import os
import sys
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
# imported here, not in a worker thread: a first import racing another thread's can warn
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
from traitlets import default

from ..paths import NOTEBOOKS_DIR
from .browse import STATIC_ENV

KERNEL = "python3"
TIMEOUT_SECONDS = 900
# A kernel whose notebook has run is stopped at once, not asked to shut down: its outputs are already
# collected, and ipykernel's own teardown (its threads closing their zmq sockets) now and then aborts in
# libzmq ("Assertion failed: pfd.revents & POLLIN"), a line in the run's log about nothing the run did.
SHUTDOWN = "immediate"


class LocalKernelManager(AsyncKernelManager):
    """A kernel reached over local IPC sockets rather than TCP: nothing leaves the machine, and the kernel
    does not warn about unencrypted TCP in every run's log."""

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("ip")
    def _ip_default(self) -> str:
        # the socket files' prefix: absolute (the kernel runs in the notebooks' folder, the client elsewhere)
        # and one per kernel (kernels started together must not pick the same socket files)
        return str(Path(tempfile.gettempdir()) / f"zerocovid-kernel-{uuid.uuid4().hex[:12]}")

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts every kernel it shuts down; ours have finished their notebook, and the
        # signal, arriving while the kernel handles a last message, made it log "KeyboardInterrupt caught"
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks of the suite, in order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb"))


def _kernel_environment() -> None:
    """Make the kernel the same Python as this process (the project's environment), and its tables
    the committed excerpts rather than live widgets (``browse``)."""
    os.environ[STATIC_ENV] = "1"
    bin_dir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bin_dir + os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def _execute(notebook: nbformat.NotebookNode, folder: Path, **options) -> None:
    """Run every cell of ``notebook`` in a local kernel working in ``folder``; CellExecutionError on an error."""
    _kernel_environment()
    NotebookClient(notebook, timeout=TIMEOUT_SECONDS, kernel_name=KERNEL, kernel_manager_class=LocalKernelManager,
                   resources={"metadata": {"path": str(folder)}}, shutdown_kernel=SHUTDOWN,
                   **options).execute()


def execute_in_place(path: Path) -> None:
    """Run every cell of one notebook and save its outputs into the same file."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    _execute(notebook, path.parent, record_timing=False)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def run_suite(*, data_dir: Path | None, out_dir: Path, regions: list[str] | None = None,
              notebooks: list[Path] | None = None, workers: int | None = None) -> list[Path]:
    """Execute every notebook against ``data_dir`` (and ``regions``, in that order), ``workers``
    kernels at a time (default: one per core). Code the corpus first (``coded_tables(data_dir,
    names=[])``, as ``make run`` does): the notebooks, started together, then all read the pipeline's
    cache instead of coding it side by side."""
    _kernel_environment()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    parameters = {}
    if data_dir is not None:
        # relative to the notebooks' folder (the kernels' working directory): no absolute path in outputs
        parameters["data_dir"] = os.path.relpath(Path(data_dir).resolve(), NOTEBOOKS_DIR)
    if regions:
        parameters["regions"] = list(regions)
    paths = list(notebooks or notebook_paths())

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return list(pool.map(lambda path: execute_notebook(path, out_dir / path.name, parameters), paths))


def execute_notebook(path: Path, target: Path, parameters: dict) -> Path:
    """Execute one notebook into ``target``, ``parameters`` injected; its kernel runs in the notebooks'
    folder. Safe to call from several threads at once. A cell that fails raises nbclient's
    CellExecutionError, noted with the notebook's name, and ``target`` still holds every output up to the
    error, to read it there."""
    notebook = parameterize_notebook(load_notebook_node(str(path)), parameters, kernel_name=KERNEL)
    try:
        _execute(notebook, NOTEBOOKS_DIR)
    except CellExecutionError as error:
        error.add_note(f"in {Path(path).name}; its outputs up to this error are in {target}")
        raise
    finally:
        nbformat.write(notebook, target)
    return Path(target)
