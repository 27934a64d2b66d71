#!/usr/bin/env bash
# Imita un entorno de Google Colab y ejecuta en él todos los cuadernos, de arriba abajo.
#
# 1. Crea un entorno aparte (build/colab-venv, Python 3.11) con lo que trae un Colab de hoy:
#    PyTorch 2.13 (CPU), TensorFlow 2.19 con Keras 3 y tf-keras 2.19, transformers 5,
#    NumPy 2.0, pandas 2.2, scikit-learn 1.6 y matplotlib 3.10.
# 2. Ejecuta la misma instalación que la celda de preparación en Colab
#    (course_utils.colab.install), desde esta copia del repositorio en vez de git clone.
# 3. Ejecuta cada cuaderno con nbclient en ese entorno (sin red) y falla si alguna celda da
#    error. Las salidas pueden diferir de las guardadas: no se comparan.
#
# No forma parte de la orden de pruebas (tarda unos 20 minutos). Uso:
#   bash scripts/probar_colab.sh             # entorno nuevo
#   bash scripts/probar_colab.sh --reusar    # reutiliza build/colab-venv si ya existe
# Los argumentos restantes son cuadernos concretos (por defecto, todos).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=build/colab-venv
PY="${PYTHON:-$(command -v python3.11 || true)}"
if [ -z "$PY" ]; then
  echo "Hace falta python3.11 (la versión de Colab)." >&2
  exit 1
fi
reusar=0
if [ "${1:-}" = "--reusar" ]; then reusar=1; shift; fi
if [ "$reusar" = 0 ] || [ ! -x "$VENV/bin/python" ]; then
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  echo "== Entorno como el de Colab (unos minutos)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    "torch==2.13.0" "tensorflow==2.19.*" "keras==3.*" "tf-keras==2.19.*" "transformers==5.*" \
    "numpy==2.0.*" "pandas==2.2.*" "scikit-learn==1.6.*" "matplotlib==3.10.*" \
    packaging ipykernel nbclient nbformat psutil
fi
echo "== Antes de la instalación del curso:"
"$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null \
  | grep -iE "^(torch|tensorflow|keras|tf-keras|transformers|numpy|pandas|scikit-learn|matplotlib) "

echo "== Instalación del curso, con la misma función que la celda de preparación en Colab"
inicio=$(date +%s)
"$VENV/bin/python" -c "import sys; sys.path.insert(0, '.'); \
from course_utils.colab import install; install('.')"
echo "   instalación: $(( $(date +%s) - inicio )) s"
"$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null \
  | grep -iE "^(torch|tensorflow|keras|tf-keras|transformers|numpy|pandas|scikit-learn|matplotlib) "

echo "== Ejecutar todos los cuadernos en ese entorno (sin red); las salidas van a build/colab-salidas"
"$VENV/bin/python" scripts/ejecutar_cuadernos.py --salida build/colab-salidas "$@"
echo "Todos los cuadernos se ejecutaron sin errores en el entorno que imita Colab."
