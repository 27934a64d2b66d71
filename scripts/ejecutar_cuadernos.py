"""Ejecuta los cuadernos y guarda sus salidas tal como las verá ``pytest --nbval``.

Uso (desde la raíz del repositorio, con el entorno del curso activado)::

    python scripts/ejecutar_cuadernos.py                  # todos
    python scripts/ejecutar_cuadernos.py notebooks/05_embeddings_bert.ipynb

Por qué no basta ``jupyter nbconvert --execute``: ipykernel captura entonces los
mensajes de C++ de TensorFlow (con hora y PID) en las salidas, y bajo pytest no
lo hace. Aquí el kernel arranca con ``--IPKernelApp.capture_fd_output=False`` y
en la carpeta del cuaderno, como en nbval. El script falla si una celda da error
o escribe una traza en stderr, y no guarda ese cuaderno.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NO_NETWORK_DIR = ROOT / "tests" / "sin_red"


def kernel_environment(environ) -> None:
    """Entorno de los kernels, el mismo aquí y bajo pytest (conftest.py lo llama).

    - ``PYTEST_CURRENT_TEST``: ipykernel no captura la salida de C++ de TensorFlow.
    - ``PYTHONHASHSEED=0``: mismo orden al recorrer conjuntos en ambas ejecuciones.
    - ``CURSO_SIN_RED=1`` y ``tests/sin_red`` en ``PYTHONPATH``: sin red, como en
      un aula desconectada (``CURSO_SIN_RED=0`` lo desactiva).

    No fija ``MPLBACKEND``: con él, el kernel no usaría el backend *inline* y los
    cuadernos no guardarían sus figuras.
    """
    environ.setdefault("PYTEST_CURRENT_TEST", "scripts/ejecutar_cuadernos.py")
    environ["PYTHONHASHSEED"] = "0"
    environ.setdefault("CURSO_SIN_RED", "1")
    if environ["CURSO_SIN_RED"] == "1":
        paths = [p for p in environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        if str(NO_NETWORK_DIR) not in paths:
            environ["PYTHONPATH"] = os.pathsep.join([str(NO_NETWORK_DIR), *paths])


class _PeakMemory:
    """Memoria residente máxima del kernel (y sus hijos), muestreada en un hilo."""

    def __init__(self, interval: float = 0.2):
        self.interval, self.peak, self.pid = interval, 0, None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        import psutil

        try:
            proc = psutil.Process(self.pid)
            return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except psutil.Error:
            return 0

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self.pid:
                self.peak = max(self.peak, self._rss())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def execute(path: Path, timeout: int = 900, save: bool = True, dest: Path | None = None) -> dict:
    """Ejecuta ``path`` de arriba abajo; si ``save``, lo guarda con sus salidas.

    Con ``dest`` (una carpeta) guarda la copia ejecutada allí y deja ``path`` como
    estaba: sirve para comparar salidas de otra configuración de CPU
    (``scripts/comparar_salidas.py``).

    Devuelve ``{"seconds": ..., "peak_mb": ...}``: tiempo de reloj y memoria
    máxima del kernel (lo usa también benchmarks/cuadernos.py).
    """
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", allow_errors=False, record_timing=False,
        extra_arguments=["--IPKernelApp.capture_fd_output=False"],
        resources={"metadata": {"path": str(path.parent)}},
    )
    memory = _PeakMemory()
    client.on_notebook_start = lambda **_: setattr(memory, "pid", client.km.provisioner.process.pid)
    start = time.perf_counter()
    with memory:
        client.execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                raise RuntimeError(f"{path.name}: una celda escribió una traza en stderr:\n"
                                   + out["text"][-2000:])
    if dest is not None:
        dest.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, dest / path.name)
    elif save:
        nbformat.write(nb, path)
    return {"seconds": elapsed, "peak_mb": memory.peak / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="cuadernos a ejecutar (por defecto, todos los de notebooks/)")
    parser.add_argument("--timeout", type=int, default=900, help="segundos por celda")
    parser.add_argument("--salida", type=Path, default=None,
                        help="guardar las copias ejecutadas en esta carpeta, sin tocar las originales")
    parser.add_argument("--tabla", action="store_true",
                        help="anotar tiempos y memoria en el README (como benchmarks/cuadernos.py)")
    args = parser.parse_args()
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    kernel_environment(os.environ)
    failed, rows = [], []
    for path in paths:
        print(f"Ejecutando {path.name} ...", flush=True)
        try:
            result = execute(path.resolve(), args.timeout, dest=args.salida)
            print(f"  listo en {result['seconds']:.0f} s, memoria máxima "
                  f"{result['peak_mb']:.0f} MB", flush=True)
            rows.append((path.stem, result))
        except (CellExecutionError, RuntimeError) as exc:
            failed.append(path.name)
            print(f"  ERROR (no se guarda):\n{str(exc)[-3000:]}", flush=True)
    if failed:
        print("Fallaron: " + ", ".join(failed))
        return 1
    if args.tabla and not args.notebooks:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from cuadernos import write_readme

        print(write_readme(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
