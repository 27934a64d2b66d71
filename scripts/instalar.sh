#!/usr/bin/env bash
# Instala el curso en .venv, deja los modelos en la caché y abre JupyterLab.
# Uso: bash scripts/instalar.sh [--sin-abrir]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/_dependencias.sh
.venv/bin/python -m course_utils.models prefetch
if [ "${1:-}" != "--sin-abrir" ]; then
  extra=()
  # Como root (p. ej. dentro de un contenedor), JupyterLab se niega a arrancar sin esto.
  [ "$(id -u)" = 0 ] && extra+=(--allow-root)
  exec .venv/bin/jupyter lab ${extra[@]+"${extra[@]}"} notebooks/
fi
