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


def execute(path: Path, timeout: int = 900) -> float:
    """Ejecuta ``path`` de arriba abajo y lo guarda con sus salidas. Devuelve los segundos."""
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
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                raise RuntimeError(f"{path.name}: una celda escribió una traza en stderr:\n"
                                   + out["text"][-2000:])
    nbformat.write(nb, path)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="cuadernos a ejecutar (por defecto, todos los de notebooks/)")
    parser.add_argument("--timeout", type=int, default=900, help="segundos por celda")
    args = parser.parse_args()
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    kernel_environment(os.environ)
    failed = []
    for path in paths:
        print(f"Ejecutando {path.name} ...", flush=True)
        try:
            seconds = execute(path.resolve(), args.timeout)
            print(f"  listo en {seconds:.0f} s", flush=True)
        except (CellExecutionError, RuntimeError) as exc:
            failed.append(path.name)
            print(f"  ERROR (no se guarda):\n{str(exc)[-3000:]}", flush=True)
    if failed:
        print("Fallaron: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
