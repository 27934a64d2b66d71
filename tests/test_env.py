"""Pruebas de course_utils.env: doctor, diagnóstico y setup()."""

import subprocess
import sys

import pytest

from course_utils.env import Environment, diagnose

BUENA = {"transformers": "4.54.1", "tensorflow": "2.21.0", "tf-keras": "2.21.0", "torch": None}


def test_pila_correcta_sin_problemas():
    assert diagnose(BUENA, "2.21.0") == []


@pytest.mark.parametrize(
    ("cambio", "keras", "fragmento"),
    [
        ({"transformers": "5.0.0"}, None, "desde la versión 5"),
        ({"transformers": "4.56.2"}, None, "4.55 a 4.57"),
        ({"transformers": None}, None, "Falta transformers"),
        ({"tf-keras": None}, None, "pip install tf-keras==2.21.0"),
        ({"tensorflow": None}, None, "Falta TensorFlow"),
        ({}, "3.10.0", "Keras 3"),
        ({"torch": "2.13.0"}, None, "PyTorch"),
    ],
)
def test_diagnostico_explica_cada_problema(cambio, keras, fragmento):
    problemas = diagnose({**BUENA, **cambio}, keras)
    assert len(problemas) == 1
    assert fragmento in problemas[0]
    # Un párrafo corto que dice qué hacer.
    assert len(problemas[0]) < 400


def test_pytorch_no_molesta_si_transformers_lo_ignora():
    # Colab trae PyTorch: con USE_TORCH=0 (lo pone setup()) no es un problema.
    assert diagnose({**BUENA, "torch": "2.13.0"}, "2.21.0", torch_ignored=True) == []
    (aviso,) = diagnose({**BUENA, "torch": "2.13.0"}, "2.21.0", torch_ignored=False)
    assert "USE_TORCH=0" in aviso and "celda de preparación" in aviso


def test_setup_hace_que_transformers_ignore_pytorch():
    codigo = ("import os; os.environ['USE_TORCH'] = '1'; import course_utils; "
              "course_utils.setup(verbose=False, offline=True); "
              "from course_utils.env import torch_ignored; "
              "from transformers.utils import is_torch_available; "
              "print(os.environ['USE_TORCH'], os.environ['USE_TF'], torch_ignored(), "
              "is_torch_available())")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                            timeout=300)
    assert salida.returncode == 0, salida.stderr[-2000:]
    assert salida.stdout.split()[-4:] == ["0", "1", "True", "False"]


def test_transformers_5_dice_como_arreglarlo():
    (mensaje,) = diagnose({**BUENA, "transformers": "5.2.0"})
    assert "pip install transformers==4.54.1" in mensaje
    assert "reinicia" in mensaje.lower()


def test_setup_rechaza_semilla_mala():
    from course_utils import setup

    with pytest.raises(TypeError, match="semilla"):
        setup(seed="42")
    with pytest.raises(TypeError, match="offline"):
        setup(offline="no")


def test_resumen_en_espanol():
    env = Environment(colab=False, gpu=[], offline=True, seed=7, versions={"TensorFlow": "2.21.0"})
    texto = env.summary()
    assert "sin conexión" in texto and "Semilla 7" in texto and "CPU" in texto


def test_importar_el_paquete_no_importa_tensorflow():
    codigo = ("import sys, os, course_utils, course_utils.data, course_utils.attention, "
              "course_utils.embeddings, course_utils.projection, course_utils.training; "
              "assert 'tensorflow' not in sys.modules; "
              "assert 'TF_USE_LEGACY_KERAS' not in os.environ")
    env = {k: v for k, v in __import__("os").environ.items() if k != "TF_USE_LEGACY_KERAS"}
    subprocess.run([sys.executable, "-c", codigo], check=True, env=env)


def test_setup_deja_keras_2_y_modo_offline(entorno):
    import os

    import tensorflow as tf

    assert entorno.offline is True
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert "tf_keras" in tf.keras.__name__
    assert entorno.versions["transformers"] == "4.54.1"


def test_reiniciar_si_hay_versiones_viejas_en_memoria():
    from course_utils.env import restart_needed

    avisos = restart_needed({"numpy": "2.0.2", "pandas": "3.1.1"},
                            {"numpy": "2.4.6", "pandas": "3.1.1"})
    assert avisos == ["numpy 2.0.2 (instalada ahora: 2.4.6)"]
    assert restart_needed({"numpy": "2.4.6"}, {"numpy": "2.4.6"}) == []
    # Un paquete que no está instalado (p. ej. uno desinstalado) no pide reinicio.
    assert restart_needed({"torch": "2.13.0"}, {"torch": None}) == []


def test_setup_pide_reiniciar_con_version_vieja_cargada(monkeypatch):
    import sys
    import types

    from course_utils import env

    falso = types.ModuleType("pandas")
    falso.__version__ = "0.0.1"
    monkeypatch.setitem(sys.modules, "pandas", falso)
    with pytest.raises(env.EnvironmentProblem, match="Reiniciar sesión"):
        env.setup(verbose=False)
