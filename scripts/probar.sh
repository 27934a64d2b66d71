#!/usr/bin/env bash
# Instala lo que falte y ejecuta todas las pruebas: ruff, pruebas de course_utils y
# datos, y todos los cuadernos con nbval. Argumentos extra van a pytest
# (por ejemplo: bash scripts/probar.sh tests/ -x).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/_dependencias.sh
echo "== ruff"
.venv/bin/ruff check course_utils tests scripts notebooks benchmarks data
echo "== pytest (course_utils, datos y cuadernos con nbval)"
.venv/bin/python -m pytest "$@"
