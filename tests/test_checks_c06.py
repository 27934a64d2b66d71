"""Pruebas de las comprobaciones del cuaderno 06 (sin modelos ni entrenamiento)."""

import numpy as np

from course_utils.checks import c06


def _especificidad_bien(cm):
    cm = np.asarray(cm, dtype=float)
    vp = np.diag(cm)
    fp = cm.sum(axis=0) - vp
    fn = cm.sum(axis=1) - vp
    vn = cm.sum() - vp - fp - fn
    return vn / (vn + fp)


def test_especificidad_correcta():
    assert c06.check_especificidad(_especificidad_bien).ok


def test_especificidad_con_recall():
    r = c06.check_especificidad(lambda cm: np.diag(cm) / np.asarray(cm).sum(axis=1))
    assert not r.ok and "sensibilidad" in r.message


def test_especificidad_traspuesta():
    r = c06.check_especificidad(lambda cm: _especificidad_bien(np.asarray(cm).T))
    assert not r.ok and "filas y columnas" in r.message


def test_especificidad_forma_y_errores():
    assert not c06.check_especificidad(lambda cm: 0.5).ok
    assert not c06.check_especificidad(lambda cm: 1 / 0).ok
    assert not c06.check_especificidad(3).ok


def test_especificidad_none():
    r = c06.check_especificidad(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def _f1_bien(y, p):
    y, p = np.asarray(y), np.asarray(p)
    f1s = []
    for c in np.union1d(y, p):
        vp = np.sum((p == c) & (y == c))
        d = 2 * vp + np.sum((p == c) & (y != c)) + np.sum((p != c) & (y == c))
        f1s.append(0.0 if d == 0 else 2 * vp / d)
    return float(np.mean(f1s))


def test_f1_correcto_y_como_sklearn():
    from sklearn.metrics import f1_score

    assert c06.check_f1_macro(_f1_bien).ok
    assert c06.check_f1_macro(
        lambda y, p: f1_score(y, p, average="macro", zero_division=0)).ok


def test_f1_accuracy_y_ponderado():
    from sklearn.metrics import f1_score

    r = c06.check_f1_macro(lambda y, p: float(np.mean(np.asarray(y) == np.asarray(p))))
    assert not r.ok and "exactitud" in r.message
    r = c06.check_f1_macro(
        lambda y, p: f1_score(y, p, average="weighted", zero_division=0))
    assert not r.ok and "ponderado" in r.message


def test_f1_olvida_clase_no_predicha():
    def sin_clase_vacia(y, p):
        y, p = np.asarray(y), np.asarray(p)
        f1s = []
        for c in np.unique(p):
            vp = np.sum((p == c) & (y == c))
            f1s.append(2 * vp / (2 * vp + np.sum((p == c) & (y != c)) + np.sum((p != c) & (y == c))))
        return float(np.mean(f1s))

    r = c06.check_f1_macro(sin_clase_vacia)
    assert not r.ok and "nunca se predice" in r.message


def test_f1_none_y_no_funcion():
    assert not c06.check_f1_macro(None).ok
    assert not c06.check_f1_macro(0.7).ok
    assert not c06.check_f1_macro(lambda y, p: [0.1, 0.2]).ok


def _span_bien(inicio, fin, max_len):
    mejor, par = -np.inf, (0, 0)
    for i in range(len(inicio)):
        for j in range(i, min(i + max_len, len(fin))):
            if inicio[i] + fin[j] > mejor:
                mejor, par = inicio[i] + fin[j], (i, j)
    return par


def test_span_correcto():
    assert c06.check_mejor_span(_span_bien).ok


def test_span_argmax_por_separado():
    r = c06.check_mejor_span(lambda a, b, m: (int(np.argmax(a)), int(np.argmax(b))))
    assert not r.ok and "Pista" in r.message


def test_span_sin_limite_de_longitud():
    def sin_limite(inicio, fin, max_len):
        return _span_bien(inicio, fin, len(inicio))

    r = c06.check_mejor_span(sin_limite)
    assert not r.ok and "max_len" in r.message


def test_span_none_y_tipo():
    assert not c06.check_mejor_span(None).ok
    assert not c06.check_mejor_span(lambda a, b, m: "hola").ok
