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
from ejecutar_cuadernos import kernel_environment  # noqa: E402

kernel_environment(os.environ)
if os.environ.get("CURSO_SIN_RED") == "1":  # cortar la red también en el proceso de pytest
    import importlib.util

    _spec = importlib.util.spec_from_file_location(
        "curso_sin_red", Path(__file__).resolve().parent / "tests" / "sin_red" / "sitecustomize.py")
    _spec.loader.exec_module(importlib.util.module_from_spec(_spec))

# Versiones generadas (scripts/construir_versiones.py): no se ejecutan con nbval.
collect_ignore_glob = ["notebooks/alumno/*", "notebooks/soluciones/*"]
