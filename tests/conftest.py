"""Fixtures compartidas de las pruebas de course_utils."""


import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def entorno():
    """Prepara TensorFlow una vez (sin red, determinista), como la primera celda de un cuaderno."""
    from course_utils import setup

    return setup(verbose=False, offline=True)


@pytest.fixture(scope="session")
def tf(entorno):
    """TensorFlow, importado después de setup()."""
    import tensorflow

    return tensorflow


@pytest.fixture(scope="session")
def minilm(entorno):
    """El modelo real all-MiniLM-L6-v2 y su tokenizador, cargados con su id del hub."""
    from transformers import AutoTokenizer, TFAutoModel

    from course_utils import MINILM_ID

    return TFAutoModel.from_pretrained(MINILM_ID), AutoTokenizer.from_pretrained(MINILM_ID)


@pytest.fixture(autouse=True)
def cerrar_figuras():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
