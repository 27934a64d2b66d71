"""Pruebas de las comprobaciones del cuaderno 09 (course_utils.checks.c09)."""

import re

import numpy as np

from course_utils.checks import c09

# --- Ejercicio 1: parámetros de LoRA -------------------------------------------------------

def _lora_bien():
    total = 4096 * 11008
    return {r: (r * (4096 + 11008), 100 * r * (4096 + 11008) / total) for r in (4, 16, 32)}


def test_lora_correcto():
    assert c09.check_lora_params(_lora_bien()).ok


def test_lora_none():
    r = c09.check_lora_params(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_lora_una_sola_matriz():
    mal = {r: (r * 4096, 100 * r * 4096 / (4096 * 11008)) for r in (4, 16, 32)}
    r = c09.check_lora_params(mal)
    assert not r.ok and "una de las dos" in r.message


def test_lora_porcentaje_como_fraccion():
    mal = {r: (p, pct / 100) for r, (p, pct) in _lora_bien().items()}
    r = c09.check_lora_params(mal)
    assert not r.ok and "fracción" in r.message


def test_lora_faltan_rangos():
    mal = {4: _lora_bien()[4]}
    r = c09.check_lora_params(mal)
    assert not r.ok and "claves" in r.message


# --- Ejercicio 2: INT8 por canal ----------------------------------------------------------

def _por_canal_bien(W):
    W = np.asarray(W, dtype=np.float32)
    escalas = np.abs(W).max(axis=0) / 127
    escalas = np.where(escalas == 0, 1.0, escalas)
    return np.round(W / escalas).astype(np.int8), escalas


def test_por_canal_correcto():
    assert c09.check_cuantizar_por_canal(_por_canal_bien).ok


def test_por_canal_none():
    assert not c09.check_cuantizar_por_canal(None).ok


def test_por_canal_hueco_del_alumno():
    r = c09.check_cuantizar_por_canal(lambda W: None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_por_canal_por_tensor():
    def mal(W):
        escala = np.abs(W).max() / 127
        return np.round(W / escala).astype(np.int8), escala

    r = c09.check_cuantizar_por_canal(mal)
    assert not r.ok and "por tensor" in r.message


def test_por_canal_eje_equivocado():
    def mal(W):
        escalas = np.abs(W).max(axis=1, keepdims=True) / 127
        return np.round(W / escalas).astype(np.int8), escalas.ravel()

    r = c09.check_cuantizar_por_canal(mal)
    assert not r.ok and "axis=0" in r.message


def test_por_canal_sin_int8():
    def mal(W):
        q, s = _por_canal_bien(W)
        return q.astype(np.float32), s

    r = c09.check_cuantizar_por_canal(mal)
    assert not r.ok and "int8" in r.message


def test_por_canal_trunca_en_vez_de_redondear():
    def mal(W):
        escalas = np.abs(W).max(axis=0) / 127
        escalas = np.where(escalas == 0, 1.0, escalas)
        return (W / escalas).astype(np.int8), escalas

    r = c09.check_cuantizar_por_canal(mal)
    assert not r.ok and "round" in r.message


def test_por_canal_columna_cero_sin_proteger():
    def mal(W):
        escalas = np.abs(W).max(axis=0) / 127
        with np.errstate(invalid="ignore", divide="ignore"):
            q = np.round(W / escalas)
        return np.where(np.isfinite(q), q, 50).astype(np.int8), escalas

    r = c09.check_cuantizar_por_canal(mal)
    assert not r.ok and "cero" in r.message


# --- Ejercicio 3: tarjetas con Luhn -------------------------------------------------------

def _luhn(digitos):
    total = 0
    for i, c in enumerate(reversed(digitos)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


PATRON = re.compile(r"(?<!\d)(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{4})(?!\d)")


def _tarjetas_bien(texto):
    def sustituir(m):
        return "[TARJETA]" if _luhn(re.sub(r"\D", "", m.group(0))) else m.group(0)

    return PATRON.sub(sustituir, texto)


def test_tarjetas_correcto():
    assert c09.check_enmascarar_tarjetas(_tarjetas_bien).ok


def test_tarjetas_none():
    assert not c09.check_enmascarar_tarjetas(None).ok


def test_tarjetas_sin_luhn():
    r = c09.check_enmascarar_tarjetas(lambda t: PATRON.sub("[TARJETA]", t))
    assert not r.ok and "Luhn" in r.message


def test_tarjetas_solo_seguidas():
    patron = re.compile(r"(?<!\d)\d{16}(?!\d)")

    def mal(texto):
        return patron.sub(lambda m: "[TARJETA]" if _luhn(m.group(0)) else m.group(0), texto)

    r = c09.check_enmascarar_tarjetas(mal)
    assert not r.ok and "grupos de 4" in r.message


def test_tarjetas_sin_limites():
    patron = re.compile(r"\d{16}")

    def mal(texto):
        texto = _tarjetas_bien(texto)
        return patron.sub("[TARJETA]", texto)

    r = c09.check_enmascarar_tarjetas(mal)
    assert not r.ok


def test_tarjetas_devuelve_otra_cosa():
    r = c09.check_enmascarar_tarjetas(lambda t: 42)
    assert not r.ok and "str" in r.message


def test_tarjetas_hueco_del_alumno():
    r = c09.check_enmascarar_tarjetas(lambda t: None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_casos_coherentes():
    for texto, esperado in c09.casos_tarjetas():
        assert _tarjetas_bien(texto) == esperado
