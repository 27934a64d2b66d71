"""Pruebas de las comprobaciones del cuaderno 05 (sin modelos: solo NumPy)."""

import numpy as np

from course_utils.checks import c05


def media_bien(h, m):
    return (h * m[:, :, None]).sum(axis=1) / m.sum(axis=1, keepdims=True)


def media_sin_mascara(h, m):
    return h.mean(axis=1)


def media_divide_mal(h, m):
    return (h * m[:, :, None]).sum(axis=1) / h.shape[1]


def test_media_enmascarada():
    assert c05.check_media_enmascarada(media_bien).ok
    r = c05.check_media_enmascarada(media_sin_mascara)
    assert not r.ok and "relleno" in r.message
    r = c05.check_media_enmascarada(media_divide_mal)
    assert not r.ok and "longitud total" in r.message
    r = c05.check_media_enmascarada(lambda h, m: h.sum(axis=2))
    assert not r.ok and ("forma" in r.message or "se esperaba" in r.message)
    assert not c05.check_media_enmascarada(42).ok
    r = c05.check_media_enmascarada(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def top_bien(q, C, k):
    s = C @ q / (np.linalg.norm(C, axis=1) * np.linalg.norm(q))
    return np.argsort(-s)[:k]


def test_top_k_coseno():
    assert c05.check_top_k_coseno(top_bien).ok
    r = c05.check_top_k_coseno(lambda q, C, k: np.argsort(-(C @ q))[:k])
    assert not r.ok and "producto escalar" in r.message
    r = c05.check_top_k_coseno(lambda q, C, k: top_bien(q, C, k)[::-1])
    assert not r.ok and "orden" in r.message
    r = c05.check_top_k_coseno(lambda q, C, k: top_bien(q, C, k + 1))
    assert not r.ok
    r = c05.check_top_k_coseno(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_cuentas_mlm():
    assert c05.check_cuentas_mlm(48, 6, 6).ok
    r = c05.check_cuentas_mlm(320, 40, 40)
    assert not r.ok and "15 %" in r.message
    assert not c05.check_cuentas_mlm(48, 12, 0).ok
    assert not c05.check_cuentas_mlm(None, None, None).ok
