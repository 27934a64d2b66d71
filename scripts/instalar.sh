#!/usr/bin/env bash
# Instala el curso en .venv, deja los modelos en la caché y abre JupyterLab.
# Uso: bash scripts/instalar.sh [--sin-abrir]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/_dependencias.sh
.venv/bin/python -m course_utils.models prefetch
if [ "${1:-}" != "--sin-abrir" ]; then
  exec .venv/bin/jupyter lab notebooks/
fi
