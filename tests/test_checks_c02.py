"""Pruebas de las comprobaciones del cuaderno 02 (course_utils/checks/c02.py)."""

import numpy as np

from course_utils.checks import c02


def _sig(x):
    return 1 / (1 + np.exp(-x))


def paso_bueno(x, h, W, U, b):
    n = h.shape[1]
    xw = x @ W + b[0]
    hu = h @ U + b[1]
    z = _sig(xw[:, :n] + hu[:, :n])
    r = _sig(xw[:, n:2 * n] + hu[:, n:2 * n])
    cand = np.tanh(xw[:, 2 * n:] + r * hu[:, 2 * n:])
    return z * h + (1 - z) * cand


def paso_z_cambiada(x, h, W, U, b):
    n = h.shape[1]
    xw = x @ W + b[0]
    hu = h @ U + b[1]
    z = _sig(xw[:, :n] + hu[:, :n])
    r = _sig(xw[:, n:2 * n] + hu[:, n:2 * n])
    cand = np.tanh(xw[:, 2 * n:] + r * hu[:, 2 * n:])
    return (1 - z) * h + z * cand


def paso_reset_antes(x, h, W, U, b):
    n = h.shape[1]
    xw = x @ W + b[0]
    z = _sig(xw[:, :n] + h @ U[:, :n] + b[1, :n])
    r = _sig(xw[:, n:2 * n] + h @ U[:, n:2 * n] + b[1, n:2 * n])
    cand = np.tanh(xw[:, 2 * n:] + (r * h) @ U[:, 2 * n:] + b[1, 2 * n:])
    return z * h + (1 - z) * cand


def test_parametros_correctos():
    assert c02.check_parametros(4 * 64 * (64 + 100 + 1), 3 * 64 * (64 + 100 + 2)).ok
    assert c02.check_parametros(np.int64(42240), 31872.0).ok


def test_parametros_gru_con_un_sesgo():
    res = c02.check_parametros(42240, 3 * 64 * (64 + 100 + 1))
    assert not res.ok
    assert "reset_after" in res.message


def test_parametros_lstm_sin_sesgo():
    res = c02.check_parametros(4 * 64 * (64 + 100), 31872)
    assert not res.ok
    assert "sesgo" in res.message


def test_parametros_tipo_y_vacio():
    assert not c02.check_parametros("42240", 31872).ok
    assert not c02.check_parametros(None, 31872).ok
    assert "Aún no hay respuesta" in c02.check_parametros(None, None).message


def test_paso_gru_correcto():
    assert c02.check_paso_gru(paso_bueno).ok


def test_paso_gru_errores_con_pista():
    res = c02.check_paso_gru(paso_z_cambiada)
    assert not res.ok and "z" in res.message
    res = c02.check_paso_gru(paso_reset_antes)
    assert not res.ok and "reset_after" in res.message
    res = c02.check_paso_gru(lambda x, h, W, U, b: h)
    assert not res.ok and "Pista" in res.message


def test_paso_gru_forma_y_excepciones():
    res = c02.check_paso_gru(lambda x, h, W, U, b: h[0])
    assert not res.ok and "forma" in res.message

    def rota(x, h, W, U, b):
        raise ValueError("algo")

    res = c02.check_paso_gru(rota)
    assert not res.ok and "ValueError" in res.message
    assert not c02.check_paso_gru(42).ok


def test_paso_gru_vacio():
    res = c02.check_paso_gru(None)
    assert not res.ok and "Aún no hay respuesta" in res.message


def test_paso_gru_esqueleto_del_alumno():
    # La versión del alumno define la función con el cuerpo vacío (devuelve None).
    res = c02.check_paso_gru(lambda x, h, W, U, b: None)
    assert not res.ok and "None" in res.message


def test_referencia_coincide_con_keras_en_forma():
    # La referencia interna y la solución de prueba coinciden (mismas convenciones).
    x, h, W, U, b = c02._entradas_gru(7)
    assert np.allclose(c02._gru_referencia(x, h, W, U, b), paso_bueno(x, h, W, U, b))
