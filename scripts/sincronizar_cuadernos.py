"""Reescribe en cada cuaderno la insignia de Colab y la celda de preparación.

Las dos salen de una sola fuente (course_utils/_meta.py y la plantilla de
abajo). Uso: ``python scripts/sincronizar_cuadernos.py [--comprobar]``; con
``--comprobar`` no escribe nada y termina con error si algún cuaderno difiere
(lo usa tests/test_cuadernos.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course_utils._meta import BRANCH, REPO_URL, colab_url  # noqa: E402

BADGE_START = "<!-- insignia-colab -->"
BADGE_END = "<!-- /insignia-colab -->"
SETUP_MARK = "# Preparación del entorno"

SETUP_TEMPLATE = f'''# NBVAL_IGNORE_OUTPUT
{SETUP_MARK}: en Colab clona el curso e instala solo lo que le falta (conserva la
# TensorFlow, NumPy y pandas de Colab si sirven; ver course_utils/colab.py); en local o en un
# aula sin red no instala nada. Después, setup() prepara TensorFlow y avisa si hay que reiniciar.
import sys

if "google.colab" in sys.modules:
    !test -d /content/curso || git clone -q --depth 1 -b {BRANCH} {REPO_URL} /content/curso
    sys.path.insert(0, "/content/curso")
    from course_utils.colab import install

    install("/content/curso")

from course_utils import setup

entorno = setup()'''


def badge(name: str) -> str:
    url = colab_url(name)
    return (f'{BADGE_START}<a href="{url}" target="_parent"><img '
            f'src="https://colab.research.google.com/assets/colab-badge.svg" '
            f'alt="Abrir en Colab"/></a>{BADGE_END}')


def sync(path: Path) -> tuple[bool, nbformat.NotebookNode]:
    """Sincroniza un cuaderno en memoria y devuelve (cambió, cuaderno)."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    first_md = next(c for c in nb.cells if c.cell_type == "markdown")
    text = first_md.source
    if BADGE_START in text:
        head, rest = text.split(BADGE_START, 1)
        tail = rest.split(BADGE_END, 1)[1]
        new = head + badge(path.name) + tail
    else:
        new = badge(path.name) + "\n\n" + text
    if new != text:
        first_md.source = new
        changed = True
    setup_cell = next((c for c in nb.cells if c.cell_type == "code"), None)
    if setup_cell is None or SETUP_MARK not in setup_cell.source:
        raise SystemExit(f"{path.name}: la primera celda de código debe ser la de preparación "
                         f"(con el comentario '{SETUP_MARK}').")
    if setup_cell.source != SETUP_TEMPLATE:
        setup_cell.source = SETUP_TEMPLATE
        changed = True
    if setup_cell.metadata.get("slideshow") != {"slide_type": "skip"}:
        setup_cell.metadata["slideshow"] = {"slide_type": "skip"}
        changed = True
    return changed, nb


def main(argv: list[str]) -> int:
    check = "--comprobar" in argv
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    stale = []
    for path in paths:
        changed, nb = sync(path)
        if changed:
            stale.append(path.name)
            if not check:
                nbformat.write(nb, path)
    if check and stale:
        print("Cuadernos sin sincronizar (ejecuta python scripts/sincronizar_cuadernos.py): "
              + ", ".join(stale))
        return 1
    if check:
        print("Todos los cuadernos están sincronizados.")
    else:
        print("Sincronizados: " + (", ".join(stale) or "ninguno (ya estaban al día)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
