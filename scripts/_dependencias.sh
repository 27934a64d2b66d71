#!/usr/bin/env bash
# Crea .venv (Python 3.11) e instala lo que falte de las dependencias fijadas.
# Lo usan scripts/instalar.sh y scripts/probar.sh; no hace nada si ya está todo.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$PY" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)'; then
  echo "El curso necesita Python 3.10-3.12 (recomendado 3.11); $PY es $("$PY" --version)." >&2
  echo "Indica otro con PYTHON=/ruta/a/python3.11 bash scripts/instalar.sh" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv

# Huella de los ficheros de dependencias: si no cambian, no se vuelve a llamar a pip.
stamp=.venv/.curso-dependencias
want=$(cat requirements.txt requirements-dev.txt requirements-nodeps.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Instalando las dependencias del curso en .venv (la primera vez tarda unos minutos)..."
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
  # Sin dependencias: las de este paquete (sentence-transformers) arrastrarían PyTorch.
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -r requirements-nodeps.txt
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi

# JupyterLab en español por defecto (el paquete de idioma va en requirements-dev.txt) y sin
# el aviso de noticias de Jupyter, que en un aula sin red no lleva a ningún sitio.
mkdir -p .venv/share/jupyter/lab/settings
cat > .venv/share/jupyter/lab/settings/overrides.json <<'JSON'
{
  "@jupyterlab/translation-extension:plugin": {"locale": "es_ES"},
  "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}
}
JSON
