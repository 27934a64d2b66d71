"""Configuración de pytest común a tests/ y notebooks/.

Los kernels que arranca nbval heredan este entorno, el mismo que fija
scripts/ejecutar_cuadernos.py (``kernel_environment``), para que las salidas
guardadas y las de la prueba salgan en las mismas condiciones: sin red, con la
misma semilla de hash y sin capturar la salida de C++ de TensorFlow.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))
from ejecutar_cuadernos import kernel_environment  # noqa: E402

# Números con tolerancia en las celdas marcadas con «# NBVAL_TOLERANCIA abs=... rel=...»
# (ver tests/nbval_tolerancia.py): lo que sale de un entrenamiento varía en las últimas
# cifras de una CPU a otra; el resto de la salida se compara exacta.
pytest_plugins = ["nbval_tolerancia"]

kernel_environment(os.environ)
if os.environ.get("CURSO_SIN_RED") == "1":  # cortar la red también en el proceso de pytest
    import importlib.util

    _spec = importlib.util.spec_from_file_location(
        "curso_sin_red", Path(__file__).resolve().parent / "tests" / "sin_red" / "sitecustomize.py")
    _spec.loader.exec_module(importlib.util.module_from_spec(_spec))

# Versiones generadas (scripts/construir_versiones.py): no se ejecutan con nbval.
collect_ignore_glob = ["notebooks/alumno/*", "notebooks/soluciones/*"]


# --- Tiempo y memoria de cada cuaderno bajo nbval -------------------------------------
# Con CURSO_TABLA=1, la ejecución de pruebas anota en el README el tiempo de reloj y la
# memoria máxima del kernel de cada cuaderno (la misma tabla que benchmarks/cuadernos.py).

if os.environ.get("CURSO_TABLA") == "1":
    import threading
    import time

    import psutil

    _medidas: dict[str, dict] = {}
    _actual = {"nombre": None}

    def _muestrear(parar: threading.Event) -> None:
        yo = psutil.Process()
        while not parar.wait(0.25):
            nombre = _actual["nombre"]
            if nombre is None:
                continue
            try:
                rss = sum(p.memory_info().rss for p in yo.children(recursive=True))
            except psutil.Error:
                continue
            medida = _medidas[nombre]
            medida["peak_mb"] = max(medida["peak_mb"], rss / 2**20)

    _parar = threading.Event()
    threading.Thread(target=_muestrear, args=(_parar,), daemon=True).start()

    def pytest_runtest_setup(item):
        if item.path.suffix == ".ipynb":
            nombre = item.path.stem
            _medidas.setdefault(nombre, {"seconds": 0.0, "peak_mb": 0.0, "_t": time.perf_counter()})
            _actual["nombre"] = nombre

    def pytest_runtest_teardown(item):
        if item.path.suffix == ".ipynb":
            medida = _medidas[item.path.stem]
            medida["seconds"] = time.perf_counter() - medida["_t"]

    def pytest_sessionfinish(session, exitstatus):
        _parar.set()
        if exitstatus == 0 and _medidas:
            sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
            from cuadernos import write_readme

            write_readme(sorted(_medidas.items()), how="`pytest --nbval` (CURSO_TABLA=1)")
