"""Convierte cuadernos en diapositivas reveal.js (HTML) con nbconvert.

Uso::

    python scripts/diapositivas.py 05                 # un cuaderno, por número
    python scripts/diapositivas.py notebooks/03_atencion_y_transformer.ipynb
    python scripts/diapositivas.py --todos

Las diapositivas salen de los metadatos ``slideshow`` de cada celda (ver
notebooks/README.md) y se escriben en ``build/diapositivas/``. La celda de
preparación no aparece. reveal.js se carga de su CDN al abrir el HTML; para un
aula sin red, instala reveal.js antes (``npm install reveal.js@5``) y pasa
``--reveal node_modules/reveal.js``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

ROOT = Path(__file__).resolve().parent.parent


def find(name: str) -> Path:
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path
    matches = sorted((ROOT / "notebooks").glob(f"{name.zfill(2)}_*.ipynb"))
    if not matches:
        raise SystemExit(f"No encuentro el cuaderno {name!r} (usa su número, p. ej. 05, o su ruta).")
    return matches[0]


def build(path: Path, out_dir: Path, reveal: str | None = None) -> Path:
    """Escribe ``out_dir/NN_tema.slides.html`` y devuelve su ruta."""
    exporter = SlidesExporter()
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    if reveal:
        exporter.reveal_url_prefix = reveal
    nb = nbformat.read(path, as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cuadernos", nargs="*", help="números o rutas de cuadernos")
    parser.add_argument("--todos", action="store_true", help="todos los cuadernos")
    parser.add_argument("--salida", type=Path, default=ROOT / "build" / "diapositivas")
    parser.add_argument("--reveal", help="ruta o URL de reveal.js (por defecto, su CDN)")
    args = parser.parse_args()
    names = (sorted(str(p) for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             if args.todos else args.cuadernos)
    if not names:
        parser.error("indica al menos un cuaderno o --todos")
    for name in names:
        print(build(find(name), args.salida, args.reveal))
    return 0


if __name__ == "__main__":
    sys.exit(main())
