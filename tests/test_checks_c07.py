"""Pruebas de las comprobaciones del cuaderno 07 (course_utils.checks.c07)."""

import math

import numpy as np

from course_utils.checks import c07

# --- Ejercicio 1: top-k ---------------------------------------------------------------------

def _top_k_bien(logits, k):
    logits = np.asarray(logits, dtype=float)
    umbral = np.sort(logits, axis=-1)[:, -k][:, None]
    return np.where(logits >= umbral, logits, -np.inf)


def test_top_k_correcto():
    assert c07.check_top_k(_top_k_bien).ok


def test_top_k_ceros_en_vez_de_menos_infinito():
    def mal(logits, k):
        salida = _top_k_bien(logits, k)
        return np.where(np.isfinite(salida), salida, 0.0)

    r = c07.check_top_k(mal)
    assert not r.ok and "-inf" in r.message


def test_top_k_devuelve_solo_los_k_valores():
    r = c07.check_top_k(lambda logits, k: np.sort(logits, axis=-1)[:, -k:])
    assert not r.ok and "forma" in r.message


def test_top_k_umbral_global_en_vez_de_por_fila():
    def mal(logits, k):
        umbral = np.sort(logits, axis=None)[-k]
        return np.where(logits >= umbral, logits, -np.inf)

    r = c07.check_top_k(mal)
    assert not r.ok and "cada una" in r.message


def test_top_k_los_menores():
    def mal(logits, k):
        umbral = np.sort(logits, axis=-1)[:, k - 1][:, None]
        return np.where(logits <= umbral, logits, -np.inf)

    r = c07.check_top_k(mal)
    assert not r.ok and "mayores" in r.message


def test_top_k_modifica_la_entrada():
    def mal(logits, k):
        umbral = np.sort(logits, axis=-1)[:, -k][:, None]
        logits[logits < umbral] = -np.inf
        return logits

    r = c07.check_top_k(mal)
    assert not r.ok and "modifica" in r.message


def test_top_k_error_y_none():
    def rompe(logits, k):
        raise ValueError("vaya")

    r = c07.check_top_k(rompe)
    assert not r.ok and "ValueError" in r.message
    r = c07.check_top_k(None)
    assert not r.ok and "Aún no hay respuesta" in r.message
    assert not c07.check_top_k(3).ok


# --- Ejercicio 2: perplejidad ---------------------------------------------------------------

def test_perplejidad_correcta():
    assert c07.check_perplejidad(lambda lp: math.exp(-np.mean(lp))).ok
    assert c07.check_perplejidad(lambda lp: np.exp(-np.mean(np.array(lp)))).ok


def test_perplejidad_suma():
    r = c07.check_perplejidad(lambda lp: math.exp(-sum(lp)))
    assert not r.ok and "media" in r.message


def test_perplejidad_signo():
    r = c07.check_perplejidad(lambda lp: math.exp(np.mean(lp)))
    assert not r.ok and "signo" in r.message


def test_perplejidad_sin_exponenciar():
    r = c07.check_perplejidad(lambda lp: -np.mean(lp))
    assert not r.ok and "entropía cruzada" in r.message


def test_perplejidad_no_escalar_y_none():
    r = c07.check_perplejidad(lambda lp: [1.0, 2.0])
    assert not r.ok and "número" in r.message
    r = c07.check_perplejidad(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


# --- Ejercicio 3: etiquetas con -100 --------------------------------------------------------

def _etiquetas_bien(ids_prompt, ids_respuesta):
    return ids_prompt + ids_respuesta, [-100] * len(ids_prompt) + ids_respuesta


def test_etiquetas_correctas():
    assert c07.check_etiquetas(_etiquetas_bien).ok


def test_etiquetas_copia_de_input_ids():
    r = c07.check_etiquetas(lambda p, a: (p + a, p + a))
    assert not r.ok and "copia" in r.message


def test_etiquetas_desplazadas():
    def mal(p, a):
        ids, labels = _etiquetas_bien(p, a)
        return ids, labels[1:] + [-100]

    r = c07.check_etiquetas(mal)
    assert not r.ok and "desplazadas" in r.message


def test_etiquetas_con_ceros():
    r = c07.check_etiquetas(lambda p, a: (p + a, [0] * len(p) + a))
    assert not r.ok and "-100" in r.message


def test_etiquetas_sin_pareja_y_none():
    r = c07.check_etiquetas(lambda p, a: [-100] * len(p) + a)
    assert not r.ok and "pareja" in r.message
    r = c07.check_etiquetas(None)
    assert not r.ok and "Aún no hay respuesta" in r.message
