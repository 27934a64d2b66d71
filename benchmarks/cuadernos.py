"""Mide el tiempo y la memoria máxima de cada cuaderno, sin red, y los anota en el README.

Ejecuta cada cuaderno de arriba abajo con el mismo entorno que nbval, sin tocar
sus salidas guardadas, y mide el tiempo de reloj y la memoria residente máxima
del kernel. Uso::

    .venv/bin/python benchmarks/cuadernos.py [--no-readme] [notebooks/NN_tema.ipynb ...]

Presupuesto del curso en 2 núcleos de CPU (el del README): cada cuaderno < 3 min y < 3 GB;
todo < 15 min. Lo que se pase se marca en la tabla.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from ejecutar_cuadernos import execute, kernel_environment  # noqa: E402

README = ROOT / "README.md"
SEGUNDOS_POR_CUADERNO, MB_POR_CUADERNO, MINUTOS_EN_TOTAL = 180, 3072, 15
START, END = "<!-- tiempos:inicio -->", "<!-- tiempos:fin -->"


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
        dentro = r["seconds"] < SEGUNDOS_POR_CUADERNO and r["peak_mb"] < MB_POR_CUADERNO
        flag = "" if dentro else " ⚠️ fuera de presupuesto"
        lines.append(f"| {name} | {r['seconds'] / 60:.1f} min | {r['peak_mb'] / 1024:.2f} GB{flag} |")
    flag = "" if total < 60 * MINUTOS_EN_TOTAL else " ⚠️ fuera de presupuesto"
    lines.append(f"| **Total** | **{total / 60:.1f} min**{flag} | |")
    return "\n".join(lines)


def write_readme(rows: list[tuple[str, dict]], how: str = "`benchmarks/cuadernos.py`") -> str:
    """Escribe la tabla entre los marcadores del README (también la usa conftest.py)."""
    text = f"Medido con {how} en {machine()}, sin red.\n\n{table(rows)}"
    readme = README.read_text(encoding="utf-8")
    README.write_text(re.sub(f"{START}.*?{END}", f"{START}\n{text}\n{END}", readme, flags=re.S),
                      encoding="utf-8")
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--no-readme", action="store_true", help="no escribir la tabla en el README")
    args = parser.parse_args()
    kernel_environment(os.environ)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    rows = []
    for path in paths:
        result = execute(path.resolve(), save=False)
        print(f"{path.name}: {result['seconds']:.0f} s, {result['peak_mb']:.0f} MB", flush=True)
        rows.append((path.stem, result))
    print(table(rows))
    if not args.no_readme and not args.notebooks:
        write_readme(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
