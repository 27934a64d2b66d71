"""Pruebas de las comprobaciones del cuaderno 01 (course_utils/checks/c01.py)."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from course_utils.checks import c01

TEXTOS = [
    "Floja, floja, floja. Qué pena.",
    "Qué buena película, me encantó.",
    "Una pena de final, muy floja.",
    "Buena comida y buen precio.",
    "El servicio fue lento.",
]


def _peso_sklearn(textos):
    vec = TfidfVectorizer().fit(textos)
    fila = vec.transform([c01.FRASE_TFIDF]).toarray()[0]
    return float(fila[vec.vocabulary_["floja"]])


def test_peso_tfidf_correcto():
    assert c01.check_peso_tfidf(_peso_sklearn(TEXTOS), textos=TEXTOS).ok
    assert c01.check_peso_tfidf(np.float32(_peso_sklearn(TEXTOS)), textos=TEXTOS).ok


def test_peso_tfidf_sin_normalizar():
    contador = CountVectorizer().fit(TEXTOS)
    n = len(TEXTOS)
    df = np.asarray((contador.transform(TEXTOS) > 0).sum(axis=0)).ravel()
    j = contador.vocabulary_["floja"]
    sin_norma = 3 * (np.log((1 + n) / (1 + df[j])) + 1)
    res = c01.check_peso_tfidf(sin_norma, textos=TEXTOS)
    assert not res.ok and "normalizar" in res.message


def test_peso_tfidf_mal():
    res = c01.check_peso_tfidf(0.123, textos=TEXTOS)
    assert not res.ok and "Pista" in res.message
    res = c01.check_peso_tfidf(3.0, textos=TEXTOS)
    assert not res.ok
    assert not c01.check_peso_tfidf(True, textos=TEXTOS).ok
    assert not c01.check_peso_tfidf([0.1, 0.2], textos=TEXTOS).ok


def test_peso_tfidf_none():
    res = c01.check_peso_tfidf(None, textos=TEXTOS)
    assert not res.ok and "peso_floja" in res.message


def test_peso_tfidf_datos_del_curso():
    from course_utils.data import load_sentiment

    textos = load_sentiment("train")["texto"].tolist()
    assert c01.check_peso_tfidf(_peso_sklearn(textos)).ok


def _coseno(rango):
    X = CountVectorizer(ngram_range=rango).fit_transform(list(c01.FRASES_ORDEN))
    return float(cosine_similarity(X[0], X[1])[0, 0])


def test_coseno_bigramas():
    assert c01.check_coseno_bigramas(_coseno((1, 2))).ok
    res = c01.check_coseno_bigramas(1.0)
    assert not res.ok and "ngram_range" in res.message
    res = c01.check_coseno_bigramas(_coseno((2, 2)))
    assert not res.ok and "bigramas solamente" in res.message
    assert not c01.check_coseno_bigramas(np.ones((2, 2))).ok
    assert not c01.check_coseno_bigramas(None).ok


def _bien(palabra, vectores, vocabulario, k):
    V = vectores / np.linalg.norm(vectores, axis=1, keepdims=True)
    i = vocabulario.index(palabra)
    orden = [j for j in np.argsort(-(V @ V[i])) if j != i]
    return [vocabulario[j] for j in orden[:k]]


def _producto(palabra, vectores, vocabulario, k):
    i = vocabulario.index(palabra)
    orden = [j for j in np.argsort(-(vectores @ vectores[i])) if j != i]
    return [vocabulario[j] for j in orden[:k]]


def _incluye_propia(palabra, vectores, vocabulario, k):
    V = vectores / np.linalg.norm(vectores, axis=1, keepdims=True)
    i = vocabulario.index(palabra)
    return [vocabulario[j] for j in np.argsort(-(V @ V[i]))[:k]]


def test_vecinos_correcto():
    assert c01.check_vecinos(_bien).ok

    def con_similitudes(palabra, vectores, vocabulario, k):
        return [(w, 0.0) for w in _bien(palabra, vectores, vocabulario, k)]

    assert c01.check_vecinos(con_similitudes).ok


@pytest.mark.parametrize("funcion, trozo", [
    (_producto, "producto escalar"),
    (_incluye_propia, "propios vecinos"),
    (lambda p, v, voc, k: voc[:k], "Pista"),
    (lambda p, v, voc, k: 1 / 0, "ZeroDivisionError"),
    (lambda p, v, voc, k: "sol", "Pista"),
])
def test_vecinos_mal(funcion, trozo):
    res = c01.check_vecinos(funcion)
    assert not res.ok and trozo in res.message


def test_vecinos_none_y_no_funcion():
    assert not c01.check_vecinos(None).ok

    def hueco(palabra, vectores, vocabulario, k=5):
        return None

    res = c01.check_vecinos(hueco)
    assert not res.ok and "devuelve None" in res.message
    assert not c01.check_vecinos([1, 2]).ok
