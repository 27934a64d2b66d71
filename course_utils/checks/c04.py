"""Comprobaciones de los ejercicios del cuaderno 04 (tokenizadores).

- :func:`check_fertilidad`: ejercicio 1, una función que mide la fertilidad (tokens por
  palabra) y la fracción de palabras partidas con ``word_ids()``.
- :func:`check_rellenar_lote`: ejercicio 2, una función que rellena un lote de secuencias
  de ids y construye su máscara de atención a mano.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ._base import Result, call_student, correct, missing, numeric, wrong

# Textos nuevos con los que se llama a la función del estudiante (el cuaderno no los usa).
TEXTOS_FERTILIDAD = (
    "Los vecinos del pueblo organizaron una merienda improvisada junto al río.",
    "¿Quién se comió las últimas magdalenas? ¡Nadie lo reconoce!",
    "El electricista desenchufó la lavadora antes de repararla cuidadosamente.",
)


def _fertilidad_referencia(tokenizer: object, texto: str) -> tuple[float, float, float]:
    """(fertilidad, fracción partida, fertilidad contando los especiales) según ``word_ids()``."""
    codificado = tokenizer(texto)
    palabras = [w for w in codificado.word_ids() if w is not None]
    cuenta = Counter(palabras)
    fertilidad = len(palabras) / len(cuenta)
    partidas = float(np.mean([n > 1 for n in cuenta.values()]))
    con_especiales = len(codificado["input_ids"]) / len(cuenta)
    return fertilidad, partidas, con_especiales


# --- Ejercicio 1 -------------------------------------------------------------------------


def check_fertilidad(fertilidad_word_ids: object, tokenizer: object) -> Result:
    """Ejercicio 1 del cuaderno 04: ``fertilidad_word_ids(tokenizer, texto)``.

    Debe devolver ``(fertilidad, fraccion_partidas)``: tokens por palabra y fracción
    (entre 0 y 1) de palabras partidas en más de un token, donde las palabras son las
    que numera ``word_ids()`` y no se cuentan los tokens especiales. La comprobación
    llama a la función con ``tokenizer`` (uno rápido) y textos que el cuaderno no usa.
    """
    if fertilidad_word_ids is None:
        return missing("Define una función `fertilidad_word_ids(tokenizer, texto)` que devuelva "
                       "la pareja (fertilidad, fraccion_partidas).")
    if not callable(fertilidad_word_ids):
        return wrong(f"`fertilidad_word_ids` debe ser una función, no "
                     f"{type(fertilidad_word_ids).__name__}.",
                     "Escribe `def fertilidad_word_ids(tokenizer, texto): ...` y termina con "
                     "`return fertilidad, fraccion_partidas`.")
    if not callable(tokenizer) or not getattr(tokenizer, "is_fast", False):
        raise TypeError("tokenizer debe ser un tokenizador rápido de transformers "
                        "(AutoTokenizer.from_pretrained(...), con use_fast=True): la comprobación "
                        "usa word_ids().")
    for texto in TEXTOS_FERTILIDAD:
        salida, error = call_student(fertilidad_word_ids, tokenizer, texto)
        if error is not None:
            return wrong(f"Al llamar a tu función con el texto {texto!r} saltó un error: {error}",
                         "Pruébala con una frase cualquiera antes de comprobarla.")
        if salida is None:
            return missing("Completa el cuerpo de `fertilidad_word_ids`: todavía devuelve None. "
                           "Debe terminar con `return fertilidad, fraccion_partidas`.")
        if not isinstance(salida, (tuple, list)) or len(salida) != 2:
            return wrong("La función debe devolver dos números: (fertilidad, fraccion_partidas).",
                         "Termina con `return fertilidad, fraccion_partidas`.")
        valores, problema = numeric(salida, "la pareja")
        if problema or valores.shape != (2,):
            return wrong("Lo que devuelve la función no son dos números"
                         + (f": {problema}" if problema else "."),
                         "Convierte los resultados a float, por ejemplo con float(...).")
        fertilidad, partidas = (float(v) for v in valores)
        ref_fert, ref_part, ref_con_especiales = _fertilidad_referencia(tokenizer, texto)
        if abs(fertilidad - ref_fert) > 1e-6:
            if abs(fertilidad - ref_con_especiales) < 1e-6:
                return wrong(f"Con el texto {texto!r} tu fertilidad cuenta también los tokens "
                             f"especiales.",
                             "word_ids() devuelve None en [CLS] y [SEP]: descártalos.")
            if fertilidad < 1:
                return wrong(f"Con el texto {texto!r} tu fertilidad vale {fertilidad:.3f}, menos "
                             f"de un token por palabra.",
                             "Es tokens / palabras, no palabras / tokens.")
            return wrong(f"Con el texto {texto!r} tu fertilidad vale {fertilidad:.3f} y no es "
                         f"la esperada.",
                         "Cuenta los tokens que tienen palabra (word_ids distinto de None) y "
                         "divide entre el número de palabras distintas que aparecen en word_ids().")
        if abs(partidas - ref_part) > 1e-6:
            if abs(partidas - 100 * ref_part) < 1e-4 and ref_part > 0:
                return wrong("La fracción de palabras partidas está en porcentaje.",
                             "Devuelve una fracción entre 0 y 1 (sin multiplicar por 100).")
            return wrong(f"Con el texto {texto!r} la fracción de palabras partidas vale "
                         f"{partidas:.3f} y no es la esperada.",
                         "Una palabra está partida si le corresponde más de un token; divide "
                         "entre el número de palabras.")
    return correct("Tu función coincide con la referencia en frases nuevas. Fíjate en que para "
                   "word_ids() los signos de puntuación también son «palabras».")


# --- Ejercicio 2 -------------------------------------------------------------------------

CASOS_RELLENO = (
    ([[5, 6, 7], [8], [9, 10]], 0),
    ([[12, 40, 7, 3], [12, 3]], 0),
    ([[1, 4, 4], [4, 1], [4]], 1),  # el relleno (1) también aparece como token real
    ([[7, 8]], 0),
    ([[2, 3], [4, 5]], 9),
)


def _relleno_referencia(secuencias: list[list[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    largo = max(len(s) for s in secuencias)
    ids = np.full((len(secuencias), largo), pad_id)
    mascara = np.zeros((len(secuencias), largo), dtype=int)
    for i, s in enumerate(secuencias):
        ids[i, :len(s)] = s
        mascara[i, :len(s)] = 1
    return ids, mascara


def _relleno_izquierda(secuencias: list[list[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    largo = max(len(s) for s in secuencias)
    ids = np.full((len(secuencias), largo), pad_id)
    mascara = np.zeros((len(secuencias), largo), dtype=int)
    for i, s in enumerate(secuencias):
        ids[i, largo - len(s):] = s
        mascara[i, largo - len(s):] = 1
    return ids, mascara


def check_rellenar_lote(rellenar_lote: object) -> Result:
    """Ejercicio 2 del cuaderno 04: ``rellenar_lote(secuencias, pad_id)``.

    Debe devolver ``(input_ids, attention_mask)``, dos matrices ``(n, L)`` con ``L`` la
    longitud de la secuencia más larga, relleno a la derecha con ``pad_id`` y máscara 1
    en los tokens reales y 0 en el relleno. Se prueba con lotes nuevos, incluido uno en
    que el id de relleno también es un token real.
    """
    if rellenar_lote is None:
        return missing("Define una función `rellenar_lote(secuencias, pad_id)` que devuelva "
                       "(input_ids, attention_mask).")
    if not callable(rellenar_lote):
        return wrong(f"`rellenar_lote` debe ser una función, no {type(rellenar_lote).__name__}.",
                     "Escribe `def rellenar_lote(secuencias, pad_id): ...` y termina con "
                     "`return input_ids, attention_mask`.")
    for secuencias, pad_id in CASOS_RELLENO:
        entrada = [list(s) for s in secuencias]
        salida, error = call_student(rellenar_lote, entrada, pad_id)
        if error is not None:
            return wrong(f"Al llamar a rellenar_lote({secuencias}, {pad_id}) saltó un error: "
                         f"{error}",
                         "Prueba tu función con un lote pequeño antes de comprobarla.")
        if salida is None:
            return missing("Completa el cuerpo de `rellenar_lote`: todavía devuelve None. Debe "
                           "terminar con `return input_ids, attention_mask`.")
        if not isinstance(salida, (tuple, list)) or len(salida) != 2:
            return wrong("La función debe devolver dos matrices: (input_ids, attention_mask).",
                         "Termina con `return input_ids, attention_mask`.")
        (ids, problema_ids), (mascara, problema_mascara) = (
            numeric(salida[0], "input_ids"), numeric(salida[1], "attention_mask"))
        if problema_ids or problema_mascara:
            return wrong(f"Con rellenar_lote({secuencias}, {pad_id}), "
                         f"{problema_ids or problema_mascara}",
                         "Devuelve arrays de NumPy (np.array(...)) o listas de listas de enteros, "
                         "todas las filas con la longitud de la secuencia más larga.")
        ref_ids, ref_mascara = _relleno_referencia(secuencias, pad_id)
        llamada = f"rellenar_lote({secuencias}, pad_id={pad_id})"
        for nombre, valor, ref in (("input_ids", ids, ref_ids), ("attention_mask", mascara,
                                                                 ref_mascara)):
            if valor.shape != ref.shape:
                return wrong(f"Con {llamada}, {nombre} tiene forma {valor.shape} y debería ser "
                             f"{ref.shape}.",
                             "Una fila por secuencia y tantas columnas como la secuencia más "
                             "larga.")
        if not np.array_equal(ids, ref_ids):
            izquierda, _ = _relleno_izquierda(secuencias, pad_id)
            if np.array_equal(ids, izquierda):
                return wrong(f"Con {llamada} rellenas por la izquierda.",
                             "En este ejercicio el relleno va a la derecha, como padding_side="
                             "'right' en BERT.")
            return wrong(f"Con {llamada}, input_ids no es el esperado.",
                         "Copia cada secuencia al principio de su fila y completa con pad_id.")
        if not np.array_equal(mascara, ref_mascara):
            if np.array_equal(mascara, (ids != pad_id).astype(int)):
                return wrong(f"Con {llamada} la máscara marca con 0 un token real que tiene el "
                             f"mismo id que el relleno.",
                             "Construye la máscara a partir de la longitud de cada secuencia, "
                             "no comparando los ids con pad_id.")
            if np.array_equal(mascara, 1 - ref_mascara):
                return wrong(f"Con {llamada} la máscara está invertida.",
                             "1 = token real (se atiende), 0 = relleno (se ignora).")
            return wrong(f"Con {llamada}, attention_mask no es la esperada.",
                         "Pon 1 en las posiciones con token real y 0 en las de relleno.")
    return correct("Es lo que hace tokenizer.pad(...) (o padding=True): relleno a la derecha y "
                   "máscara a partir de las longitudes.")

