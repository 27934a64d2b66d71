"""Genera la versión del estudiante y el solucionario de cada cuaderno.

Fuente única: los cuadernos de ``notebooks/``, donde las celdas de solución
llevan la etiqueta ``solucion`` y el código de la solución va entre
``### SOLUCIÓN`` y ``### FIN SOLUCIÓN``. Este script escribe:

- ``notebooks/alumno/NN_tema.ipynb``: el cuaderno completo, con cada solución
  sustituida por un hueco (las variables que asignaba valen ``None`` y las
  funciones conservan su firma y su docstring) y sin las salidas de esas celdas;
  las respuestas orientativas en Markdown etiquetadas ``solucion`` desaparecen.
  La comprobación que sigue al hueco se conserva: responde «Aún no hay respuesta».
- ``notebooks/soluciones/NN_tema.ipynb``: el solucionario, con los ejercicios y
  sus soluciones ejecutadas (se leen; para reproducirlas, ejecuta el cuaderno).

Uso: ``python scripts/construir_versiones.py [--comprobar]``. Con ``--comprobar``
no escribe nada y falla si alguna versión generada no está al día (lo usan las
pruebas: tests/test_versiones.py).
"""

from __future__ import annotations

import ast
import copy
import sys
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course_utils._meta import colab_url  # noqa: E402

START, END = "### SOLUCIÓN", "### FIN SOLUCIÓN"
TAG = "solucion"
PLACEHOLDER = "# Escribe aquí tu solución (lee el enunciado de arriba)."
EXERCISES = "## Ejercicios"


def _placeholder(block: str) -> str:
    """Hueco para una solución: ``None`` en sus variables; firma y docstring en sus funciones."""
    tree = ast.parse(textwrap.dedent(block))
    lines = [PLACEHOLDER]
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            signature = ast.get_source_segment(block, node).split("\n")[0]
            lines.append(signature)
            doc = ast.get_docstring(node)
            if doc:
                lines.append(f'    """{doc}"""')
            lines += ["    # Tu código aquí.", "    return None"]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and f"{name.id} = None" not in lines:
                        lines.append(f"{name.id} = None")
    return "\n".join(lines)


def student_source(source: str) -> str:
    """Código de una celda de solución con la solución sustituida por su hueco."""
    if START not in source or END not in source:
        raise ValueError(f"Celda '{TAG}' sin los marcadores {START!r} y {END!r}:\n{source[:200]}")
    head, rest = source.split(START, 1)
    block, tail = rest.split(END, 1)
    return head + _placeholder(block.strip("\n")) + tail


def _badge(cell, url: str) -> None:
    import re

    cell.source = re.sub(r'href="[^"]*colab[^"]*"', f'href="{url}"', cell.source, count=1)


def student_version(nb, name: str):
    out = copy.deepcopy(nb)
    cells = []
    for cell in out.cells:
        if TAG in cell.metadata.get("tags", []):
            if cell.cell_type != "code":
                continue
            cell.source = student_source(cell.source)
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    out.cells = cells
    _badge(out.cells[0], colab_url(f"alumno/{name}"))
    return out


def solutions_version(nb, name: str):
    out = copy.deepcopy(nb)
    start = next((i for i, c in enumerate(out.cells)
                  if c.cell_type == "markdown" and c.source.lstrip().startswith(EXERCISES)), None)
    if start is None:
        raise ValueError(f"{name}: no tiene la sección '{EXERCISES}'.")
    title = out.cells[0].source.split("\n")
    heading = next(line for line in title if line.startswith("# "))
    intro = nbformat.v4.new_markdown_cell(
        f"{heading} · Solucionario\n\nSoluciones de los ejercicios del cuaderno "
        f"[{name}](../{name}), con sus salidas reales. Se leen aquí; para ejecutarlas, "
        "abre el cuaderno completo (necesitan las variables de sus secciones anteriores).")
    intro.id = "solucionario-portada"  # id fijo: con uno aleatorio la versión nunca estaría «al día»
    intro.metadata["slideshow"] = {"slide_type": "slide"}
    out.cells = [intro] + out.cells[start:]
    return out


def build(check: bool) -> list[str]:
    stale = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for folder, make in (("alumno", student_version), ("soluciones", solutions_version)):
            target = ROOT / "notebooks" / folder / path.name
            text = nbformat.writes(make(nb, path.name)) + "\n"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(f"{folder}/{path.name}")
                if not check:
                    target.parent.mkdir(exist_ok=True)
                    target.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str]) -> int:
    check = "--comprobar" in argv
    stale = build(check)
    if check and stale:
        print("Versiones generadas desactualizadas (ejecuta python scripts/construir_versiones.py): "
              + ", ".join(stale))
        return 1
    print("Al día." if check else f"Escritas: {', '.join(stale) or 'ninguna (ya estaban al día)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
