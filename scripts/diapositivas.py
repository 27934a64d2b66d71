"""Convierte cuadernos en diapositivas reveal.js (HTML) con nbconvert.

Uso::

    python scripts/diapositivas.py 05                 # un cuaderno, por número
    python scripts/diapositivas.py notebooks/03_atencion_y_transformer.ipynb
    python scripts/diapositivas.py --todos
    python scripts/diapositivas.py --todos --reveal node_modules/reveal.js   # aula sin red

Las diapositivas salen de los metadatos ``slideshow`` de cada celda (ver
notebooks/README.md) y se escriben en ``build/diapositivas/``. La celda de
preparación no aparece.

Por defecto, reveal.js, MathJax, require.js y jQuery se cargan de sus CDN al
abrir el HTML. Para un aula sin red, instala antes (desde la raíz del
repositorio) ``npm install --prefix . --no-save reveal.js@5 mathjax@3`` y pasa
``--reveal node_modules/reveal.js``: el script copia lo necesario de reveal.js
y de MathJax 3 en ``build/diapositivas/recursos/`` y el HTML solo usa esas
copias locales (ver la plantilla ``scripts/plantillas_diapositivas/sin_red``).
La carpeta ``build/diapositivas/`` completa se puede llevar a otro equipo.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

ROOT = Path(__file__).resolve().parent.parent
PLANTILLAS = Path(__file__).resolve().parent / "plantillas_diapositivas"
NPM = "npm install --prefix . --no-save reveal.js@5 mathjax@3"
RECURSOS = "recursos"  # carpeta, junto a los HTML, con las copias locales de reveal.js y MathJax

# Lo que usa el HTML sin red, relativo a la carpeta de cada paquete de npm. Las carpetas de
# MathJax son las que su tex-chtml.js carga a demanda (extensiones de TeX, fuentes, menú).
ARCHIVOS_REVEAL = ("dist/reveal.js", "dist/reveal.css", "plugin/notes/notes.js", "LICENSE")
ARCHIVOS_MATHJAX = ("es5/tex-chtml.js", "es5/input/tex", "es5/output/chtml", "es5/a11y", "es5/ui",
                    "LICENSE")

# Insignia «Abrir en Colab» de la primera celda (imagen de internet; en la proyección sobra).
INSIGNIA_COLAB = re.compile(r"<!-- insignia-colab -->.*?<!-- /insignia-colab -->\s*", re.S)

IMPORT_REMOTO = re.compile(r"""@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//[^;]*;\s*""", re.I)

# Referencias que el navegador descarga al abrir la página (los enlaces <a href> no cuentan).
_REMOTO = r"""(?:https?:)?//"""
REFERENCIAS_REMOTAS = (
    re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']?\s*""" + _REMOTO, re.I),
    re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?\s*""" + _REMOTO, re.I),
    re.compile(r"""<img\b[^>]*\bsrc\s*=\s*["']?\s*""" + _REMOTO, re.I),
    re.compile(r"""@import\s+(?:url\()?\s*["']?\s*""" + _REMOTO, re.I),
    re.compile(r"""url\(\s*["']?\s*""" + _REMOTO, re.I),
    re.compile(r"""\bimport\s*(?:[\w{}*,\s]+from\s*)?["']""" + _REMOTO, re.I),
)


def find(name: str) -> Path:
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path
    matches = sorted((ROOT / "notebooks").glob(f"{name.zfill(2)}_*.ipynb"))
    if not matches:
        raise SystemExit(f"No encuentro el cuaderno {name!r} (usa su número, p. ej. 05, o su ruta).")
    return matches[0]


def es_url(reveal: str) -> bool:
    return re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", reveal, re.I) is not None


def carpeta_local(ruta: str | Path) -> Path:
    """La carpeta tal cual (relativa al directorio actual) o, si no existe, relativa a la raíz."""
    ruta = Path(ruta).expanduser()
    if ruta.is_absolute() or ruta.exists():
        return ruta.resolve()
    return (ROOT / ruta).resolve()


def comprobar_paquete(carpeta: Path, nombre: str, archivos: tuple[str, ...]) -> None:
    faltan = [a for a in archivos if a != "LICENSE" and not (carpeta / a).exists()]
    if not carpeta.is_dir() or faltan:
        detalle = "no existe" if not carpeta.is_dir() else f"le falta {faltan[0]}"
        raise SystemExit(
            f"Para las diapositivas sin red hace falta {nombre} en {carpeta} ({detalle}).\n"
            f"Instálalo antes, desde la raíz del repositorio ({ROOT}), con:\n\n    {NPM}\n\n"
            f"y vuelve a ejecutar con --reveal node_modules/reveal.js"
            + (" (o indica otra carpeta con --mathjax)." if nombre.startswith("MathJax") else "."))


def copiar(origen: Path, destino: Path, archivos: tuple[str, ...]) -> None:
    for relativo in archivos:
        desde, hasta = origen / relativo, destino / relativo
        if desde.is_dir():
            shutil.copytree(desde, hasta, dirs_exist_ok=True)
        elif desde.exists():
            hasta.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(desde, hasta)


def preparar_recursos(out_dir: Path, reveal: Path, mathjax: Path, tema: str) -> None:
    """Copia en ``out_dir/recursos/`` lo que el HTML sin red necesita de reveal.js y MathJax."""
    archivos_reveal = (*ARCHIVOS_REVEAL, f"dist/theme/{tema}.css")
    comprobar_paquete(reveal, "reveal.js", archivos_reveal)
    comprobar_paquete(mathjax, "MathJax 3 (paquete de npm mathjax@3)", ARCHIVOS_MATHJAX)
    # Las fuentes de los temas se importan con rutas relativas (./fonts/...).
    copiar(reveal, out_dir / RECURSOS / "reveal.js", (*archivos_reveal, "dist/theme/fonts"))
    copiar(mathjax, out_dir / RECURSOS / "mathjax", ARCHIVOS_MATHJAX)
    # El tema por defecto de nbconvert («simple») importa sus fuentes de Google Fonts: sin red, se
    # quita el @import y el texto usa la familia de reserva del propio tema (sans-serif).
    css = out_dir / RECURSOS / "reveal.js" / "dist" / "theme" / f"{tema}.css"
    css.write_text(IMPORT_REMOTO.sub("", css.read_text(encoding="utf-8")), encoding="utf-8")
    for css in (out_dir / RECURSOS).rglob("*.css"):
        if remotas := referencias_remotas(css.read_text(encoding="utf-8", errors="replace")):
            raise SystemExit(f"{css} carga {remotas[0]!r} de internet: elige otro tema de reveal.js.")


def referencias_remotas(texto: str) -> list[str]:
    """Trozos del HTML o CSS que harían que el navegador descargue algo de internet al abrirlo."""
    return [texto[m.start():m.end() + 60] for patron in REFERENCIAS_REMOTAS
            for m in patron.finditer(texto)]


def build(path: Path, out_dir: Path, reveal: str | None = None, mathjax: str | None = None) -> Path:
    """Escribe ``out_dir/NN_tema.slides.html`` y devuelve su ruta.

    Sin ``reveal`` o con una URL, el HTML carga reveal.js (y MathJax, require.js, jQuery) de
    internet. Con una carpeta local de reveal.js, el HTML no descarga nada: reveal.js y MathJax 3
    (``mathjax``, por defecto ``node_modules/mathjax`` junto a reveal.js) se copian a
    ``out_dir/recursos/``.
    """
    nb = nbformat.read(path, as_version=4)
    sin_red = bool(reveal) and not es_url(reveal)
    if sin_red:
        exporter = SlidesExporter(extra_template_basedirs=[str(PLANTILLAS)], template_name="sin_red")
        carpeta_reveal = carpeta_local(reveal)
        carpeta_mathjax = carpeta_local(mathjax) if mathjax else carpeta_reveal.parent / "mathjax"
        preparar_recursos(out_dir, carpeta_reveal, carpeta_mathjax, exporter.reveal_theme)
        exporter.reveal_url_prefix = f"{RECURSOS}/reveal.js"
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = INSIGNIA_COLAB.sub("", cell.source)
    else:
        exporter = SlidesExporter()
        if reveal:
            exporter.reveal_url_prefix = reveal
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    resources = {"url_mathjax": f"{RECURSOS}/mathjax/es5"} if sin_red else None
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    if sin_red and (remotas := referencias_remotas(body)):
        raise SystemExit(f"{path.name}: el HTML sin red aún carga algo de internet: {remotas[0]!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cuadernos", nargs="*", help="números o rutas de cuadernos")
    parser.add_argument("--todos", action="store_true", help="todos los cuadernos")
    parser.add_argument("--salida", type=Path, default=ROOT / "build" / "diapositivas")
    parser.add_argument("--reveal", help="URL de reveal.js (por defecto, su CDN) o, para un aula "
                        "sin red, su carpeta local (p. ej. node_modules/reveal.js, tras: " + NPM + ")")
    parser.add_argument("--mathjax", help="carpeta local de MathJax 3 para el modo sin red "
                        "(por defecto, node_modules/mathjax junto a reveal.js)")
    args = parser.parse_args()
    names = (sorted(str(p) for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             if args.todos else args.cuadernos)
    if not names:
        parser.error("indica al menos un cuaderno o --todos")
    if args.mathjax and not (args.reveal and not es_url(args.reveal)):
        parser.error("--mathjax solo sirve con una carpeta local en --reveal (modo sin red)")
    for name in names:
        print(build(find(name), args.salida, args.reveal, args.mathjax))
    return 0


if __name__ == "__main__":
    sys.exit(main())
