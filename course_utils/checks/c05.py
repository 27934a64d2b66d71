"""Comprobaciones de los ejercicios del cuaderno 05 (embeddings con BERT / all-MiniLM-L6-v2).

- :func:`check_media_enmascarada`: ejercicio 1 (media de los tokens reales con la máscara).
- :func:`check_top_k_coseno`: ejercicio 2 (los k documentos más parecidos por coseno, a mano).
- :func:`check_cuentas_mlm`: ejercicio 3 (cuántos tokens cambia la regla 15 % / 80-10-10).
"""

from __future__ import annotations

import numpy as np

from ._base import (
    Result,
    correct,
    describe_error,
    integers,
    missing,
    number,
    numeric,
    unfinished,
    wrong,
)


def _referencia_media(h: np.ndarray, m: np.ndarray) -> np.ndarray:
    return (h * m[:, :, None]).sum(axis=1) / m.sum(axis=1, keepdims=True)


def check_media_enmascarada(funcion) -> Result:
    """Cuaderno 05, ejercicio 1: ``funcion(h, mascara)`` con ``h`` (n, L, D) y ``mascara`` (n, L).

    Se llama con arrays aleatorios nuevos cuyo relleno tiene valores enormes: una
    media que no use la máscara se nota enseguida.
    """
    if funcion is None:
        return missing("Escribe una función media_enmascarada(h, mascara) que devuelva un array "
                       "(n, D).")
    if not callable(funcion):
        return wrong(f"Se esperaba una función, no {type(funcion).__name__}.",
                     "Define la función con def media_enmascarada(h, mascara): ...")
    rng = np.random.default_rng(2024)
    n, L, D = 4, 7, 5
    h = rng.normal(size=(n, L, D))
    longitudes = np.array([7, 3, 5, 1])
    m = (np.arange(L)[None, :] < longitudes[:, None]).astype(float)
    h = np.where(m[:, :, None] == 1, h, 1000.0)  # el relleno vale 1000: si cuenta, se ve
    esperado = _referencia_media(h, m)
    try:
        salida = funcion(h.copy(), m.copy())
    except Exception as exc:  # noqa: BLE001 - el mensaje se muestra al estudiante
        return wrong(f"La función lanzó un error con arrays (4, 7, 5) y (4, 7): "
                     f"{describe_error(exc)}.",
                     "Usa operaciones de NumPy que funcionen para cualquier n, L y D.")
    if (pendiente := unfinished(salida, "media_enmascarada")) is not None:
        return pendiente
    resultado, problema = numeric(salida, "Lo que devuelve la función")
    if problema:
        return wrong(problema, "Devuelve un array de NumPy (n, D).")
    if resultado.shape != (n, D):
        return wrong(f"Para h de forma {(n, L, D)} se esperaba un resultado ({n}, {D}) y la "
                     f"función devuelve {resultado.shape}.",
                     "Hay que sumar sobre el eje de los tokens (axis=1).")
    if np.abs(resultado).max() > 100:
        return wrong("Los tokens de relleno (que aquí valen 1000) están entrando en la media.",
                     "Multiplica h por la máscara con una dimensión extra: mascara[:, :, None].")
    if not np.allclose(resultado, esperado, atol=1e-6):
        if np.allclose(resultado, (h * m[:, :, None]).sum(axis=1) / L, atol=1e-6):
            return wrong("La suma ignora el relleno, pero divides entre la longitud total L.",
                         "Divide entre el número de tokens reales de cada frase (suma de la máscara).")
        return wrong("Los valores no coinciden con la media de los tokens reales.",
                     "Suma los vectores de los tokens con máscara 1 y divide entre cuántos son.")
    return correct("Tu media ignora el relleno: es el pooling con el que se entrenó all-MiniLM-L6-v2.")


def _referencia_top_k(q: np.ndarray, C: np.ndarray, k: int) -> np.ndarray:
    sims = (C @ q) / (np.linalg.norm(C, axis=1) * np.linalg.norm(q))
    return np.argsort(-sims, kind="stable")[:k]


def check_top_k_coseno(funcion) -> Result:
    """Cuaderno 05, ejercicio 2: ``funcion(consulta, corpus, k)`` -> índices de los k más parecidos.

    Se prueba con vectores aleatorios de normas muy distintas, para que el
    producto escalar sin normalizar dé otro orden que el coseno.
    """
    if funcion is None:
        return missing("Escribe una función top_k_coseno(consulta, corpus, k) que devuelva los "
                       "índices de los k documentos más parecidos, del más al menos parecido.")
    if not callable(funcion):
        return wrong(f"Se esperaba una función, no {type(funcion).__name__}.",
                     "Define la función con def top_k_coseno(consulta, corpus, k): ...")
    rng = np.random.default_rng(7)
    for prueba in range(3):
        C = rng.normal(size=(30, 8)) * rng.uniform(0.1, 10.0, size=(30, 1))
        q = rng.normal(size=8) * 3.0
        k = 3 + prueba
        esperado = _referencia_top_k(q, C, k)
        try:
            salida = funcion(q.copy(), C.copy(), k)
        except Exception as exc:  # noqa: BLE001
            return wrong(f"La función lanzó un error: {describe_error(exc)}.",
                         "consulta tiene forma (D,) y corpus (n, D).")
        if (pendiente := unfinished(salida, "top_k_coseno")) is not None:
            return pendiente
        resultado, problema = numeric(salida, "Lo que devuelve la función")
        problema = problema or (integers(resultado, "Lo que devuelve la función")
                                if resultado is not None else None)
        if problema:
            return wrong(problema, "Devuelve un array de enteros, por ejemplo con np.argsort.")
        resultado = resultado.reshape(-1)
        if resultado.shape != (k,):
            return wrong(f"Con k={k} se esperaban {k} índices y hay {resultado.size}.",
                         "Quédate con los k primeros tras ordenar.")
        if not np.array_equal(resultado.astype(int), esperado):
            producto = np.argsort(-(C @ q), kind="stable")[:k]
            if np.array_equal(resultado.astype(int), producto):
                return wrong("Ordenas por producto escalar: los vectores de norma grande ganan "
                             "aunque apunten a otro lado.",
                             "Divide por las normas de la consulta y de cada documento.")
            if set(resultado.astype(int).tolist()) == set(esperado.tolist()):
                return wrong("Son los k documentos correctos, pero no en el orden pedido.",
                             "Ordena de mayor a menor similitud.")
            return wrong("Los índices no son los de mayor similitud coseno.",
                         "similitud = (C @ q) / (||C_i|| · ||q||); luego ordena de mayor a menor.")
    return correct("Coincide con la búsqueda por coseno: es lo que hace nearest_neighbors por dentro.")


def check_cuentas_mlm(n_mask, n_aleatorio, n_igual) -> Result:
    """Cuaderno 05, ejercicio 3: tokens esperados de cada tipo con la regla de BERT en 400 tokens."""
    if n_mask is None or n_aleatorio is None or n_igual is None:
        return missing("Asigna n_mask, n_aleatorio y n_igual (números esperados de cada caso "
                       "para 400 tokens).")
    valores = []
    for valor, nombre in ((n_mask, "n_mask"), (n_aleatorio, "n_aleatorio"), (n_igual, "n_igual")):
        x, problema = number(valor, nombre)
        if problema:
            return wrong(problema, "Cada respuesta es un número, por ejemplo n_mask = 10.")
        valores.append(x)
    valores = np.array(valores)
    esperado = np.array([400 * 0.15 * 0.8, 400 * 0.15 * 0.1, 400 * 0.15 * 0.1])
    if np.allclose(valores, esperado, atol=0.5):
        return correct("60 tokens elegidos (15 %): 48 pasan a [MASK], 6 a un token al azar y 6 "
                       "se quedan igual; la pérdida se calcula en los 60.")
    if np.allclose(valores, 400 * np.array([0.8, 0.1, 0.1]), atol=0.5):
        return wrong("Has aplicado el 80/10/10 a los 400 tokens.",
                     "Primero se elige el 15 % de los tokens; el 80/10/10 se aplica solo a esos.")
    if np.isclose(valores[0], esperado[0], atol=0.5):
        return wrong("n_mask está bien; revisa los otros dos.",
                     "Los elegidos que no pasan a [MASK] se reparten a partes iguales.")
    return wrong("Las cuentas no cuadran.", "¿Cuántos tokens se eligen en total? Reparte esos en 80/10/10.")
