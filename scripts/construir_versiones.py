"""Genera la versión del estudiante y el solucionario de cada cuaderno.

Fuente única: los cuadernos de ``notebooks/``, donde las celdas de solución
llevan la etiqueta ``solucion`` y el código de la solución va entre
``### SOLUCIÓN`` y ``### FIN SOLUCIÓN``. Este script escribe:

- ``notebooks/alumno/NN_tema.ipynb``: el cuaderno completo, con cada solución
  sustituida por un hueco (las variables que asignaba valen ``None`` y las
  funciones conservan su firma y su docstring) y sin las salidas de esas celdas;
  las respuestas orientativas en Markdown etiquetadas ``solucion`` y las notas para
  quien presenta (etiqueta ``profesor``) desaparecen.
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
TEACHER_TAG = "profesor"
PLACEHOLDER = "# Escribe aquí tu solución (lee el enunciado de arriba)."
EXERCISES = "## Ejercicios"


def _names_used(code: str) -> set[str]:
    """Nombres que lee ``code`` (por ejemplo, la comprobación que sigue al hueco)."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _placeholder(block: str, used_after: set[str] | None = None) -> str:
    """Hueco para una solución: firma y docstring de sus funciones; ``None`` en sus variables.

    Solo quedan las variables que lee el código que sigue al hueco (la comprobación):
    las intermedias de la solución no se dejan, porque contarían sus pasos.
    """
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
                    if not isinstance(name, ast.Name) or f"{name.id} = None" in lines:
                        continue
                    if used_after is None or name.id in used_after:
                        lines.append(f"{name.id} = None")
    return "\n".join(lines)


def student_source(source: str) -> str:
    """Código de una celda de solución con la solución sustituida por su hueco."""
    if START not in source or END not in source:
        raise ValueError(f"Celda '{TAG}' sin los marcadores {START!r} y {END!r}:\n{source[:200]}")
    head, rest = source.split(START, 1)
    block, tail = rest.split(END, 1)
    return head + _placeholder(block.strip("\n"), _names_used(tail)) + tail


def _is_check_call(stmt: ast.stmt) -> bool:
    """¿Es ``cNN.check_algo(...)``, la llamada a una comprobación de course_utils.checks?"""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    func = stmt.value.func
    return (isinstance(func, ast.Attribute) and func.attr.startswith("check_")
            and isinstance(func.value, ast.Name) and func.value.id[:1] == "c")


def _is_plain_print(stmt: ast.stmt) -> bool:
    """``print(f(x), y)`` sin formato: con el hueco vacío imprime ``None`` y no falla."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Name) and stmt.value.func.id == "print"):
        return False
    return all(isinstance(a, (ast.Name, ast.Constant))
               or (isinstance(a, ast.Call) and isinstance(a.func, ast.Name))
               for a in stmt.value.args)


def gap_problems(source: str) -> list[str]:
    """Lo que, tras el hueco vacío, usaría sus ``None`` antes de que hable la comprobación.

    En la versión del alumno el hueco deja funciones que devuelven ``None`` y variables
    que valen ``None``; si algo distinto de la comprobación las usa (un ``print`` con
    formato, un ``np.round``...), el alumno vería un error de Python en vez de «Aún no
    hay respuesta». Devuelve una descripción en español de cada caso.
    """
    _, rest = source.split(START, 1)
    block, tail = rest.split(END, 1)
    gap = set()
    for node in ast.parse(textwrap.dedent(block.strip("\n"))).body:
        if isinstance(node, ast.FunctionDef):
            gap.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            gap |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    problems, guards = [], set()
    tail = textwrap.dedent(tail)
    for stmt in ast.parse(tail).body:
        reads = sorted(gap & _names_used(ast.get_source_segment(tail, stmt) or ""))
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and _is_check_call(ast.Expr(stmt.value))):
            guards.add(stmt.targets[0].id)  # ok = cNN.check_...(...): vale False con el hueco
            continue
        if isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Name) and stmt.test.id in guards:
            continue  # solo se ejecuta si la comprobación dio por buena la respuesta
        if reads and not (_is_check_call(stmt) or _is_plain_print(stmt)):
            code = (ast.get_source_segment(tail, stmt) or "").split("\n")[0]
            problems.append(f"`{code}` usa {', '.join(reads)} fuera de la comprobación: con el "
                            "hueco vacío daría un error de Python; muévelo dentro de la solución")
    return problems


def _badge(cell, url: str) -> None:
    import re

    cell.source = re.sub(r'href="[^"]*colab[^"]*"', f'href="{url}"', cell.source, count=1)


def student_version(nb, name: str):
    out = copy.deepcopy(nb)
    cells = []
    for cell in out.cells:
        tags = cell.metadata.get("tags", [])
        if TEACHER_TAG in tags:  # notas para quien presenta: no van al alumno
            continue
        if TAG in tags:
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
