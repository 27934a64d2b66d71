"""Versión del estudiante, solucionario y diapositivas generados desde los cuadernos."""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))
import construir_versiones as cv  # noqa: E402
import diapositivas  # noqa: E402

CELDA = '''from course_utils.checks import c02
### SOLUCIÓN
def paso_gru(x, h, W):
    """Un paso de la GRU."""
    z = x + h
    return z
n_params: int = 3 * (4 + 5)
a, b = 1, 2
### FIN SOLUCIÓN
c02.check_paso(paso_gru, n_params)'''


def test_hueco_conserva_firma_y_comprobacion():
    alumno = cv.student_source(CELDA)
    assert "z = x + h" not in alumno and "3 * (4 + 5)" not in alumno
    assert 'def paso_gru(x, h, W):\n    """Un paso de la GRU."""' in alumno
    assert "n_params = None" in alumno
    # a y b son pasos intermedios de la solución: no se dejan (contarían la solución)
    assert "a = None" not in alumno and "b = None" not in alumno
    assert alumno.startswith("from course_utils.checks import c02\n")
    assert alumno.endswith("c02.check_paso(paso_gru, n_params)")
    compile(alumno, "<alumno>", "exec")


def test_hueco_usado_fuera_de_la_comprobacion_se_detecta():
    celda = CELDA.replace("c02.check_paso", "print(f'{paso_gru(1, 2, 3):.3f}')\nc02.check_paso")
    problemas = cv.gap_problems(celda)
    assert len(problemas) == 1 and "paso_gru" in problemas[0]
    assert cv.gap_problems(CELDA) == []


FUENTES = sorted((RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("ruta", FUENTES, ids=lambda p: p.stem)
def test_huecos_vacios_solo_llegan_a_la_comprobacion(ruta):
    """Con los huecos sin rellenar, ninguna celda del alumno falla antes de que hable la comprobación."""
    nb = nbformat.read(ruta, as_version=4)
    problemas = [p for c in nb.cells
                 if c.cell_type == "code" and "solucion" in c.metadata.get("tags", [])
                 for p in cv.gap_problems(c.source)]
    assert not problemas, "\n".join(problemas)


def test_celda_sin_marcadores_da_error_claro():
    with pytest.raises(ValueError, match="marcadores"):
        cv.student_source("x = 1")


def test_versiones_generadas_al_dia():
    resultado = subprocess.run([sys.executable, "scripts/construir_versiones.py", "--comprobar"],
                               cwd=RAIZ, capture_output=True, text=True)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


@pytest.mark.parametrize("ruta", sorted((RAIZ / "notebooks" / "alumno").glob("*.ipynb")),
                         ids=lambda p: p.stem)
def test_version_alumno_sin_soluciones(ruta):
    nb = nbformat.read(ruta, as_version=4)
    for celda in nb.cells:
        assert "### SOLUCIÓN" not in celda.source
        assert "Nota para quien presenta" not in celda.source, "nota del profesor en el alumno"
        assert "profesor" not in celda.metadata.get("tags", [])
        if "solucion" in celda.metadata.get("tags", []):
            assert celda.cell_type == "code" and not celda.outputs
    assert "notebooks/alumno/" in nb.cells[0].source  # la insignia abre la versión del alumno


def test_diapositivas(tmp_path):
    fuente = sorted((RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0]
    html = diapositivas.build(fuente, tmp_path).read_text(encoding="utf-8")
    nb = nbformat.read(fuente, as_version=4)
    n_slides = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)
    assert 'class="reveal"' in html
    assert html.count("<section") >= n_slides >= 3
    assert "git clone -q --depth 1" not in html  # la celda de preparación no se proyecta
