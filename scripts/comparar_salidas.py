"""Compara las salidas guardadas de los cuadernos con las de otra ejecución, como nbval.

Sirve para ver, sin esperar a pytest, qué celdas cambiarían en otra CPU::

    # ejecutar los cuadernos con otra configuración, sin tocar los originales
    taskset -c 0 env ONEDNN_MAX_CPU_ISA=AVX2 \\
        .venv/bin/python scripts/ejecutar_cuadernos.py --salida /tmp/otra_cpu
    # y comparar
    .venv/bin/python scripts/comparar_salidas.py /tmp/otra_cpu

Aplica las mismas reglas que ``pytest --nbval`` en este repositorio: sustituciones
de ``tests/nbval_sanitize.cfg``, celdas ignoradas, comparación exacta y, en las
celdas marcadas con ``# NBVAL_TOLERANCIA``, tolerancia en los números
(``tests/nbval_tolerancia.py``). Sale con código 1 si alguna celda no coincide.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbval.plugin import coalesce_streams, get_sanitize_patterns

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from nbval_tolerancia import cell_kind, compare_outputs, parse_marker  # noqa: E402

# Las mismas claves que nbval no compara (sin --nbdime: tampoco las imágenes).
SKIP_COMPARE = ("metadata", "traceback", "prompt_number", "output_type", "name",
                "execution_count", "application/vnd.jupyter.widget-view+json",
                "image/png", "image/jpeg")


def sanitizer():
    patterns = get_sanitize_patterns((ROOT / "tests" / "nbval_sanitize.cfg").read_text())

    def sanitize(value):
        if not isinstance(value, str):
            return value
        for regex, replace in patterns:
            value = re.sub(regex, replace, value)
        return value

    return sanitize


def compare_notebook(stored_path: Path, new_path: Path) -> list[tuple[int, str, str]]:
    """Lista de (celda, tipo, problema) de las celdas que nbval daría por distintas."""
    from nbval.plugin import transform_streams_for_comparison

    stored = nbformat.read(stored_path, as_version=4)
    new = nbformat.read(new_path, as_version=4)
    sanitize = sanitizer()
    problems = []
    code_stored = [c for c in stored.cells if c.cell_type == "code"]
    code_new = [c for c in new.cells if c.cell_type == "code"]
    if [_code(c) for c in code_stored] != [_code(c) for c in code_new]:
        return [(-1, "estructura", "el código de las celdas no es el mismo: ejecuta de nuevo "
                                   "el cuaderno actual con --salida")]
    for number, (a, b) in enumerate(zip(code_stored, code_new, strict=True)):
        kind = cell_kind(a)
        if kind == "ignorada" or a.execution_count is None:
            continue
        ref = transform_streams_for_comparison(coalesce_streams(a.outputs))
        test = transform_streams_for_comparison(coalesce_streams(b.outputs))
        problem = compare_outputs(ref, test, parse_marker(a.source), SKIP_COMPARE, sanitize)
        if problem:
            problems.append((number, kind, problem))
    return problems


def _code(cell) -> str:
    """El código de una celda sin las marcas de nbval (cambiar una marca no obliga a reejecutar)."""
    return "\n".join(line for line in cell.source.split("\n") if not line.startswith("# NBVAL_"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("carpeta", type=Path, help="carpeta con las copias ejecutadas")
    parser.add_argument("--guardados", type=Path, default=ROOT / "notebooks",
                        help="carpeta con los cuadernos guardados (por defecto, notebooks/)")
    parser.add_argument("--breve", action="store_true", help="solo la primera línea de cada fallo")
    args = parser.parse_args()
    total = 0
    for new_path in sorted(args.carpeta.glob("[0-9][0-9]_*.ipynb")):
        stored_path = args.guardados / new_path.name
        problems = compare_notebook(stored_path, new_path)
        total += len(problems)
        print(f"{new_path.stem}: {len(problems)} celdas distintas")
        for number, kind, problem in problems:
            text = problem.splitlines()[0] if args.breve else problem
            print(f"  celda de código {number} ({kind}): {text}")
    print(f"Total: {total} celdas distintas")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
