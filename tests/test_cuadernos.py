"""Convenciones de los cuadernos (su ejecución la prueba nbval sobre notebooks/)."""

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

RAIZ = Path(__file__).resolve().parent.parent
CUADERNOS = sorted((RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


def test_hay_cuadernos():
    assert CUADERNOS, "no hay cuadernos en notebooks/"
    for path in (RAIZ / "notebooks").glob("*.ipynb"):
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


def test_insignia_y_preparacion_sincronizadas():
    resultado = subprocess.run([sys.executable, "scripts/sincronizar_cuadernos.py", "--comprobar"],
                               cwd=RAIZ, capture_output=True, text=True)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


@pytest.fixture(params=CUADERNOS, ids=[p.stem for p in CUADERNOS])
def cuaderno(request):
    return nbformat.read(request.param, as_version=4)


def texto_markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_estructura_de_leccion(cuaderno):
    primera = cuaderno.cells[0]
    assert primera.cell_type == "markdown"
    assert "colab-badge.svg" in primera.source
    assert re.search(r"^# \d\d · ", primera.source, flags=re.M), "falta el título '# NN · ...'"
    assert "Objetivos" in primera.source and "Mapa" in primera.source
    md = texto_markdown(cuaderno)
    for seccion in ("Para reflexionar", "Ejercicios"):
        assert seccion in md, f"falta la sección {seccion}"


def test_ejercicios_con_solucion_marcada(cuaderno):
    soluciones = [c for c in cuaderno.cells if "solucion" in c.metadata.get("tags", [])
                  and c.cell_type == "code"]
    assert len(soluciones) >= 2, "hacen falta al menos dos ejercicios de código con solución"
    for celda in soluciones:
        assert "### SOLUCIÓN" in celda.source and "### FIN SOLUCIÓN" in celda.source
        assert "check" in celda.source.split("### FIN SOLUCIÓN")[1], "falta la comprobación"


def test_hay_figuras(cuaderno):
    figuras = [s for c in cuaderno.cells if c.cell_type == "code" for s in c.outputs
               if "image/png" in s.get("data", {})]
    assert figuras, "no hay figuras guardadas (¿se ejecutó con MPLBACKEND=Agg?)"


def test_salidas_guardadas_reales(cuaderno):
    codigo = [c for c in cuaderno.cells if c.cell_type == "code"]
    cuentas = [c.execution_count for c in codigo]
    assert None not in cuentas, "hay celdas sin ejecutar: usa scripts/ejecutar_cuadernos.py"
    assert cuentas == list(range(1, len(codigo) + 1)), "no se ejecutó de arriba abajo en una pasada"
    for celda in codigo:
        for salida in celda.outputs:
            assert salida.output_type != "error"
            if salida.get("name") == "stderr":
                pytest.fail(f"salida en stderr guardada: {salida.text[:200]}")


def test_metadatos_de_diapositivas(cuaderno):
    for i, celda in enumerate(cuaderno.cells):
        tipo = celda.metadata.get("slideshow", {}).get("slide_type")
        assert tipo in SLIDE_TYPES, f"celda {i} sin slide_type válido"
    assert cuaderno.cells[0].metadata["slideshow"]["slide_type"] == "slide"
