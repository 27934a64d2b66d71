"""Cuenta, por cuaderno, cómo comprueba nbval las celdas que tienen salida guardada.

- **exacta**: la salida debe coincidir carácter a carácter (tras ``tests/nbval_sanitize.cfg``);
- **tolerancia**: celda con ``# NBVAL_TOLERANCIA abs=... rel=...``: el texto exacto y
  los números dentro de la tolerancia (``tests/nbval_tolerancia.py``);
- **ignorada**: ``# NBVAL_IGNORE_OUTPUT`` (tiempos, estado de la caché, texto
  generado por un modelo entrenado en el cuaderno...).

Uso: ``.venv/bin/python scripts/contar_salidas.py``. ``tests/test_salidas_portables.py``
exige que al menos el 80 % de las celdas con salida se sigan comprobando.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from nbval_tolerancia import cell_kind  # noqa: E402

KINDS = ("exacta", "tolerancia", "ignorada")


def count(path: Path) -> Counter:
    """Cuántas celdas de código con salida hay de cada tipo en el cuaderno ``path``."""
    nb = nbformat.read(path, as_version=4)
    return Counter(cell_kind(c) for c in nb.cells if c.cell_type == "code" and c.outputs)


def checked_fraction(counts: Counter) -> float:
    total = sum(counts.values())
    return (counts["exacta"] + counts["tolerancia"]) / total if total else 1.0


def table(paths: list[Path]) -> str:
    lines = ["| Cuaderno | Exactas | Con tolerancia | Ignoradas | Comprobadas |",
             "| --- | ---: | ---: | ---: | ---: |"]
    total = Counter()
    for path in paths:
        counts = count(path)
        total += counts
        lines.append(f"| {path.stem} | " + " | ".join(str(counts[k]) for k in KINDS)
                     + f" | {checked_fraction(counts):.0%} |")
    lines.append("| **Total** | " + " | ".join(f"**{total[k]}**" for k in KINDS)
                 + f" | **{checked_fraction(total):.0%}** |")
    return "\n".join(lines)


def main() -> int:
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(table(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
