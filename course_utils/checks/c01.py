"""Comprobaciones de los ejercicios del cuaderno 01 (representaciones estáticas y contextuales).

- :func:`check_peso_tfidf`: ejercicio 2, peso TF-IDF de "floja" calculado a mano.
- :func:`check_coseno_bigramas`: ejercicio 3, coseno con unigramas y bigramas.
- :func:`check_vecinos`: ejercicio 4, función de vecinos más cercanos por coseno.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_texts
from ._base import Result, correct, describe_error, missing, number, wrong

FRASE_TFIDF = "Floja, floja, floja. Qué pena."
PALABRA_TFIDF = "floja"
FRASES_ORDEN = ("el perro muerde al hombre", "el hombre muerde al perro")


def _variantes_tfidf(textos: list[str], documento: str, palabra: str) -> dict[str, float]:
    """El peso correcto y los errores típicos, calculados desde las cuentas."""
    from sklearn.feature_extraction.text import CountVectorizer

    contador = CountVectorizer()
    X = contador.fit_transform(textos)
    n = X.shape[0]
    df = np.asarray((X > 0).sum(axis=0)).ravel().astype(float)
    tf = contador.transform([documento]).toarray().ravel().astype(float)
    columna = contador.vocabulary_[palabra]
    variantes = {}
    formulas = {
        "correcto": np.log((1 + n) / (1 + df)) + 1,
        "sin_suavizado": np.log(n / df) + 1,
        "sin_mas_uno": np.log((1 + n) / (1 + df)),
    }
    for nombre, idf in formulas.items():
        pesos = tf * idf
        variantes[nombre] = float(pesos[columna] / np.linalg.norm(pesos))
        if nombre == "correcto":
            variantes["sin_normalizar"] = float(pesos[columna])
            variantes["solo_tf"] = float(tf[columna])
    return variantes


def check_peso_tfidf(peso: object, textos: list[str] | None = None) -> Result:
    """Ejercicio 2 del cuaderno 01: peso TF-IDF de "floja" en "Floja, floja, floja. Qué pena."

    El valor de referencia es el de ``TfidfVectorizer()`` por defecto ajustado con
    los textos de la partición ``train`` (``textos`` permite probar con otros).
    """
    if peso is None:
        return missing("Asigna a `peso_floja` el número que calculas a mano (un float).")
    valor, problema = number(peso, "`peso_floja`")
    if problema:
        return wrong(problema,
                     "calcula tf, idf y la norma con NumPy o math y guarda el resultado final.")
    if textos is None:
        from ..data import load_sentiment

        textos = load_sentiment("train")["texto"].tolist()
    textos = check_texts(textos, "textos")
    variantes = _variantes_tfidf(list(textos), FRASE_TFIDF, PALABRA_TFIDF)
    cerca = {k: abs(valor - v) < 1e-3 for k, v in variantes.items()}
    if cerca["correcto"]:
        return correct(f"{valor:.4f}: coincide con TfidfVectorizer. Aunque 'floja' aparece tres "
                       "veces, la norma L2 deja el vector del documento con longitud 1.")
    if cerca["sin_normalizar"]:
        return wrong("Ese es tf·idf antes de normalizar.",
                     "TfidfVectorizer divide el vector de todo el documento por su norma L2: "
                     "necesitas también los pesos de las otras palabras de la frase.")
    if cerca["sin_suavizado"]:
        return wrong("El idf no usa la versión suavizada de scikit-learn.",
                     "con smooth_idf=True se suma 1 a n y a df, como si hubiera un documento "
                     "extra con todas las palabras.")
    if cerca["sin_mas_uno"]:
        return wrong("Al idf le falta un término.",
                     "en scikit-learn idf = ln((1+n)/(1+df)) + 1; el +1 final evita que una "
                     "palabra presente en todos los documentos pese 0.")
    if cerca["solo_tf"]:
        return wrong("Eso es solo la frecuencia del término (tf).",
                     "multiplícala por el idf y normaliza el vector del documento.")
    if not 0 < valor <= 1:
        return wrong(f"{valor:.4f} no puede ser: tras la normalización L2 cada peso está entre 0 y 1.",
                     "divide por la norma del vector completo del documento.")
    return wrong(f"{valor:.4f} no coincide con el peso de TfidfVectorizer.",
                 "revisa n (número de documentos de train), df (en cuántos aparece la palabra) "
                 "y qué palabras entran en el vector (el tokenizador por defecto ignora las de "
                 "una letra y pasa a minúsculas).")


def _coseno_bigramas() -> tuple[float, float]:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    resultados = []
    for rango in [(1, 2), (2, 2)]:
        X = CountVectorizer(ngram_range=rango).fit_transform(list(FRASES_ORDEN))
        resultados.append(float(cosine_similarity(X[0], X[1])[0, 0]))
    return resultados[0], resultados[1]


def check_coseno_bigramas(coseno: object) -> Result:
    """Ejercicio 3 del cuaderno 01: coseno entre "el perro muerde al hombre" y "el hombre
    muerde al perro" con unigramas y bigramas (``ngram_range=(1, 2)``) y conteos."""
    if coseno is None:
        return missing("Asigna a `coseno_bigramas` la similitud coseno (un float) entre las dos "
                       "frases con CountVectorizer(ngram_range=(1, 2)).")
    valor, problema = number(coseno, "`coseno_bigramas`")
    if problema:
        return wrong(problema, "cosine_similarity devuelve una matriz: toma el elemento [0, 0].")
    esperado, solo_bigramas = _coseno_bigramas()
    if abs(valor - esperado) < 1e-3:
        return correct(f"{valor:.3f}: los bigramas 'perro muerde' y 'hombre muerde' ya no "
                       "coinciden, así que el orden por fin cuenta un poco.")
    if abs(valor - 1.0) < 1e-6:
        return wrong("Sale 1.0, igual que con palabras sueltas.",
                     "¿has pasado ngram_range=(1, 2) al vectorizador?")
    if abs(valor - solo_bigramas) < 1e-3:
        return wrong("Ese valor es con bigramas solamente.",
                     "ngram_range=(1, 2) usa unigramas y bigramas a la vez.")
    return wrong(f"{valor:.3f} no es el coseno esperado.",
                 "ajusta un CountVectorizer(ngram_range=(1, 2)) con las dos frases y compara "
                 "sus dos filas con cosine_similarity.")


def _datos_vecinos(semilla: int) -> tuple[np.ndarray, list[str]]:
    """Vectores de prueba donde producto escalar y coseno dan vecinos distintos."""
    rng = np.random.default_rng(semilla)
    base = rng.normal(size=(8, 4))
    escalas = np.array([1.0, 10.0, 0.5, 3.0, 0.2, 5.0, 1.5, 0.8])
    vectores = base * escalas[:, None]
    vocabulario = ["sol", "luna", "mar", "río", "pan", "sal", "luz", "voz"]
    return vectores, vocabulario


def _vecinos_referencia(palabra: str, vectores: np.ndarray, vocabulario: list[str],
                        k: int) -> list[str]:
    normas = vectores / np.linalg.norm(vectores, axis=1, keepdims=True)
    i = vocabulario.index(palabra)
    sims = normas @ normas[i]
    orden = [j for j in np.argsort(-sims, kind="stable") if j != i]
    return [vocabulario[j] for j in orden[:k]]


def _vecinos_producto(palabra: str, vectores: np.ndarray, vocabulario: list[str],
                      k: int) -> list[str]:
    i = vocabulario.index(palabra)
    sims = vectores @ vectores[i]
    orden = [j for j in np.argsort(-sims, kind="stable") if j != i]
    return [vocabulario[j] for j in orden[:k]]


def check_vecinos(funcion: object) -> Result:
    """Ejercicio 4 del cuaderno 01: ``vecinos_coseno(palabra, vectores, vocabulario, k)``.

    Debe devolver la lista de las ``k`` palabras más parecidas por coseno, de más
    a menos parecida y sin la propia palabra. Se prueba con vectores inventados.
    """
    if funcion is None:
        return missing("Define `vecinos_coseno(palabra, vectores, vocabulario, k)` y "
                       "asígnala (sin paréntesis) a la variable de la respuesta.")
    if not callable(funcion):
        return wrong(f"La respuesta debe ser una función, no {type(funcion).__name__}.",
                     "escribe `def vecinos_coseno(...)` y pásala sin llamarla.")
    for semilla in (1, 2):
        vectores, vocabulario = _datos_vecinos(semilla)
        for palabra, k in (("sol", 3), ("pan", 2), ("voz", 5)):
            esperado = _vecinos_referencia(palabra, vectores, vocabulario, k)
            try:
                obtenido = funcion(palabra, vectores.copy(), list(vocabulario), k)
            except Exception as exc:  # noqa: BLE001 - se informa al estudiante
                return wrong(f"La función falló con vectores de prueba: {describe_error(exc)}.",
                             "no uses variables globales del cuaderno: trabaja solo con los "
                             "argumentos `vectores` y `vocabulario`.")
            if obtenido is None:
                return missing("`vecinos_coseno` devuelve None: completa su cuerpo para que "
                               "devuelva la lista de las k palabras más parecidas.")
            if isinstance(obtenido, np.ndarray):
                obtenido = obtenido.tolist()
            if not isinstance(obtenido, (list, tuple)):
                return wrong(f"Debe devolver una lista de palabras, no {type(obtenido).__name__}.",
                             "devuelve algo como ['luna', 'mar', ...].")
            obtenido = list(obtenido)
            if obtenido and all(isinstance(x, (tuple, list)) for x in obtenido):
                obtenido = [x[0] for x in obtenido]
            if len(obtenido) != k:
                return wrong(f"Con k={k} devolvió {len(obtenido)} palabras.",
                             "devuelve exactamente k vecinos.")
            if palabra in obtenido:
                return wrong(f"'{palabra}' aparece entre sus propios vecinos.",
                             "la palabra siempre es la más parecida a sí misma (coseno 1): "
                             "exclúyela.")
            if obtenido == esperado:
                continue
            if obtenido == _vecinos_producto(palabra, vectores, vocabulario, k):
                return wrong("Ordenas por producto escalar, no por coseno: las palabras con "
                             "vectores largos salen siempre primero.",
                             "divide cada vector por su norma antes de multiplicar.")
            if sorted(obtenido) == sorted(esperado):
                return wrong("Son los vecinos correctos pero en otro orden.",
                             "ordena de más a menos parecido (np.argsort de -similitud).")
            return wrong(f"Para '{palabra}' con k={k} los vecinos no son los esperados.",
                         "similitud coseno = producto escalar de los vectores normalizados.")
    return correct("Tu función ordena por coseno y excluye la propia palabra.")
