"""Las dependencias fijadas se declaran una vez y environment.yml las refleja exactamente."""

import importlib.metadata as metadata
import re
import tomllib
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def pins(nombre):
    lineas = (RAIZ / nombre).read_text().splitlines()
    return [ln.strip() for ln in lineas if ln.strip() and not ln.startswith("#")]


def test_environment_yml_refleja_los_requirements():
    texto = (RAIZ / "environment.yml").read_text()
    en_yml = re.findall(r"^\s+- ([A-Za-z0-9_.\-]+==[^\s]+)\s*$", texto, flags=re.M)
    assert sorted(en_yml) == sorted(pins("requirements.txt") + pins("requirements-dev.txt"))
    assert "conda-forge" in texto and "python=3.11" in texto


def test_pyproject_lee_los_requirements():
    config = tomllib.loads((RAIZ / "pyproject.toml").read_text())
    dinamico = config["tool"]["setuptools"]["dynamic"]
    assert dinamico["dependencies"]["file"] == ["requirements.txt"]
    assert dinamico["optional-dependencies"]["dev"]["file"] == ["requirements-dev.txt"]


def test_todo_fijado_con_igual_igual():
    for nombre in ("requirements.txt", "requirements-dev.txt", "requirements-nodeps.txt"):
        for linea in pins(nombre):
            assert "==" in linea, f"{nombre}: {linea} no fija versión"


def test_pila_tf_la_de_los_hechos_medidos():
    fijadas = dict(p.split("==") for p in pins("requirements.txt"))
    assert fijadas["tensorflow"].startswith("2.21") and fijadas["tf-keras"].startswith("2.21")
    assert fijadas["transformers"] == "4.54.1" and fijadas["safetensors"] == "0.6.2"
    assert "torch" not in fijadas


def test_lo_instalado_coincide_con_lo_fijado():
    todas = pins("requirements.txt") + pins("requirements-dev.txt") + pins("requirements-nodeps.txt")
    distintas = []
    for pin in todas:
        nombre, version = pin.split("==")
        if metadata.version(nombre) != version:
            distintas.append(f"{nombre}: {metadata.version(nombre)} != {version}")
    assert not distintas
    try:
        metadata.version("torch")
        raise AssertionError("torch no debe estar instalado en el entorno del curso")
    except metadata.PackageNotFoundError:
        pass


def test_jupyterlab_en_espanol():
    import json
    import sys
    from pathlib import Path

    from jupyterlab_server.translation_utils import get_language_packs

    packs, _ = get_language_packs("es_ES")
    assert "es_ES" in packs, "falta el paquete de idioma jupyterlab-language-pack-es-ES"
    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert overrides.is_file(), "scripts/_dependencias.sh deja el español como idioma por defecto"
    ajustes = json.loads(overrides.read_text())
    assert ajustes["@jupyterlab/translation-extension:plugin"]["locale"] == "es_ES"
