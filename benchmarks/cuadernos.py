"""Mide el tiempo y la memoria máxima de cada cuaderno, sin red, y los anota en el README.

Ejecuta cada cuaderno de arriba abajo en una copia temporal (no toca las salidas
guardadas), en un proceso aparte, con el mismo entorno que nbval; mide el tiempo
de reloj y la memoria residente máxima del kernel. Uso::

    .venv/bin/python benchmarks/cuadernos.py [--no-readme] [notebooks/NN_tema.ipynb ...]

Presupuesto del curso en 2 núcleos de CPU: cada cuaderno < 5 min y < 3 GB; todo < 30 min.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- tiempos:inicio -->", "<!-- tiempos:fin -->"

ONE = r"""
import json, resource, sys, time, nbformat
from nbclient import NotebookClient
sys.path.insert(0, sys.argv[2])
from ejecutar_cuadernos import kernel_environment
import os
kernel_environment(os.environ)
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=900, kernel_name="python3",
                        extra_arguments=["--IPKernelApp.capture_fd_output=False"],
                        resources={"metadata": {"path": os.path.dirname(path)}})
t = time.perf_counter()
client.execute()
seconds = time.perf_counter() - t
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))
"""


def measure(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", ONE, str(path), str(ROOT / "scripts")],
                            capture_output=True, text=True, env=os.environ.copy())
    if result.returncode != 0:
        raise SystemExit(f"{path.name} falló:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = "CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} núcleos ({cpu}), {mem:.0f} GB de RAM, sin GPU, {platform.system()}"


def table(rows: list[tuple[str, dict]]) -> str:
    lines = ["| Cuaderno | Tiempo | Memoria máxima |", "| --- | ---: | ---: |"]
    total = 0.0
    for name, r in rows:
        total += r["seconds"]
        flag = "" if r["seconds"] < 300 and r["peak_mb"] < 3072 else " ⚠️"
        lines.append(f"| {name} | {r['seconds'] / 60:.1f} min | {r['peak_mb'] / 1024:.2f} GB{flag} |")
    lines.append(f"| **Total** | **{total / 60:.1f} min** | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--no-readme", action="store_true", help="no escribir la tabla en el README")
    args = parser.parse_args()
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    rows = []
    for path in paths:
        result = measure(path.resolve())
        print(f"{path.name}: {result['seconds']:.0f} s, {result['peak_mb']:.0f} MB", flush=True)
        rows.append((path.stem, result))
    text = f"Medido con `benchmarks/cuadernos.py` en {machine()}, sin red.\n\n{table(rows)}"
    print(text)
    if not args.no_readme and not args.notebooks:
        readme = README.read_text(encoding="utf-8")
        new = re.sub(f"{START}.*?{END}", f"{START}\n{text}\n{END}", readme, flags=re.S)
        README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
