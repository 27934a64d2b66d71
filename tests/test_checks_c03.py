"""Pruebas de las comprobaciones del cuaderno 03 (course_utils/checks/c03.py).

Rápidas: solo NumPy, sin TensorFlow ni modelos.
"""

import numpy as np
import pytest

from course_utils.checks import c03

# --- Ejercicio 1: máscara causal -------------------------------------------------------


def test_mascara_causal_correcta():
    assert c03.check_mascara_causal(lambda n: np.tril(np.ones((n, n)))).ok


def test_mascara_causal_booleana():
    assert c03.check_mascara_causal(lambda n: np.arange(n)[None, :] <= np.arange(n)[:, None]).ok


def test_mascara_causal_none():
    r = c03.check_mascara_causal(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_mascara_causal_hueco_del_alumno():
    def mascara_causal(n):
        return None

    r = c03.check_mascara_causal(mascara_causal)
    assert not r.ok and "Aún no hay respuesta" in r.message


@pytest.mark.parametrize(
    ("funcion", "fragmento"),
    [
        (lambda n: np.triu(np.ones((n, n))), "traspuesta"),
        (lambda n: np.tril(np.ones((n, n)), k=-1), "diagonal"),
        (lambda n: (1 - np.tril(np.ones((n, n)))) * -1e9, "aditiva"),
        (lambda n: np.tril(np.ones((1, n, n))), "forma"),
        (lambda n: np.ones((n, n)), "en su sitio"),
        (lambda n: 2 * np.tril(np.ones((n, n))), "distintos de 0 y 1"),
        (lambda n: np.tril(np.ones((4, 4))), "forma"),
    ],
)
def test_mascara_causal_incorrecta(funcion, fragmento):
    r = c03.check_mascara_causal(funcion)
    assert not r.ok and fragmento in r.message and "Pista" in r.message


def test_mascara_causal_no_funcion_y_error():
    assert "función" in c03.check_mascara_causal(np.ones((3, 3))).message

    def rota(n):
        raise ValueError("ups")

    r = c03.check_mascara_causal(rota)
    assert not r.ok and "ValueError" in r.message


# --- Ejercicio 2: pesos de atención ----------------------------------------------------


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


PUNTUACIONES = c03.Q_EJ @ c03.K_EJ.T


def test_pesos_correctos():
    assert c03.check_pesos_atencion(_softmax(PUNTUACIONES / np.sqrt(3))).ok
    assert c03.check_pesos_atencion(_softmax(PUNTUACIONES / np.sqrt(3)).tolist()).ok


def test_pesos_none():
    r = c03.check_pesos_atencion(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


@pytest.mark.parametrize(
    ("pesos", "fragmento"),
    [
        (_softmax(PUNTUACIONES), "escalado"),
        (_softmax(PUNTUACIONES / 3), "d_k"),
        (_softmax(PUNTUACIONES / np.sqrt(3), axis=0), "columnas"),
        (PUNTUACIONES / np.sqrt(3), "sin normalizar"),
        (_softmax(PUNTUACIONES / np.sqrt(3)).T, "(4, 2)"),
        (np.ones((3, 4)), "forma"),
        (np.full((2, 4), 0.25), "no coinciden"),
        (np.ones((2, 4)), "no suman 1"),
    ],
)
def test_pesos_incorrectos(pesos, fragmento):
    r = c03.check_pesos_atencion(pesos)
    assert not r.ok and fragmento in r.message


# --- Ejercicio 3: parámetros de la atención multi-cabeza -------------------------------


def test_parametros_correctos():
    def parametros_mha(d_model, n_cabezas, key_dim):
        hk = n_cabezas * key_dim
        return 3 * (d_model * hk + hk) + hk * d_model + d_model

    assert c03.check_parametros_mha(parametros_mha).ok


def test_parametros_none():
    r = c03.check_parametros_mha(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_parametros_hueco_del_alumno():
    r = c03.check_parametros_mha(lambda d_model, n_cabezas, key_dim: None)
    assert not r.ok and "Aún no hay respuesta" in r.message


@pytest.mark.parametrize(
    ("funcion", "fragmento"),
    [
        (lambda d, h, k: 4 * d * h * k, "sesgos"),
        (lambda d, h, k: 3 * (d * h * k + h * k), "W^O"),
        (lambda d, h, k: 4 * (d * h * k + h * k), "sesgo de la proyección de salida"),
        (lambda d, h, k: 4 * d * d + 4 * d, "n_cabezas * key_dim = d_model"),
        (lambda d, h, k: 1, "no es lo que tiene"),
        (lambda d, h, k: "mucho", "no un número"),
    ],
)
def test_parametros_incorrectos(funcion, fragmento):
    r = c03.check_parametros_mha(funcion)
    assert not r.ok and fragmento in r.message


def test_parametros_no_funcion():
    assert "función" in c03.check_parametros_mha(1234).message
