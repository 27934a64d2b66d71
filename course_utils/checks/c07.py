"""Comprobaciones de los ejercicios del cuaderno 07 (GPT: modelos causales y generación).

- Ejercicio 1: :func:`check_top_k` (filtrado top-k de un lote de logits).
- Ejercicio 2: :func:`check_perplejidad` (perplejidad a partir de log-probabilidades).
- Ejercicio 3: :func:`check_etiquetas` (etiquetas con -100 sobre el prompt).

Cada comprobación llama a la función del estudiante con entradas nuevas y la
compara con una referencia, sin mostrar la solución.
"""

from __future__ import annotations

import math

import numpy as np

from ._base import (
    Result,
    call_student,
    correct,
    missing,
    number,
    numeric,
    raised,
    unfinished,
    wrong,
)

IGNORAR = -100


def _top_k_referencia(logits: np.ndarray, k: int) -> np.ndarray:
    umbral = np.sort(logits, axis=-1)[:, -k][:, None]
    return np.where(logits < umbral, -np.inf, logits)


def check_top_k(filtrar_top_k_lote) -> Result:
    """Cuaderno 07, ejercicio 1: ``filtrar_top_k_lote(logits, k)``.

    Recibe logits de forma ``(lote, vocabulario)`` y debe devolver un array de
    la misma forma con los ``k`` logits mayores de cada fila intactos y
    ``-inf`` en el resto. Se prueba con logits aleatorios nuevos (sin empates)
    y varios ``k``, y se comprueba que no modifica la entrada.
    """
    if filtrar_top_k_lote is None:
        return missing("Escribe la función filtrar_top_k_lote(logits, k) que devuelve los logits "
                       "con -inf fuera de los k mayores de cada fila.")
    if not callable(filtrar_top_k_lote):
        return wrong("filtrar_top_k_lote debe ser una función.",
                     "defínela con def filtrar_top_k_lote(logits, k): ...")
    rng = np.random.default_rng(2024)
    for forma, k in [((3, 12), 3), ((2, 40), 1), ((4, 25), 10), ((1, 8), 8)]:
        logits = rng.normal(0, 2, size=forma)
        copia = logits.copy()
        salida, error = call_student(filtrar_top_k_lote, logits, k)
        if error is not None:
            return raised(error)
        if (pendiente := unfinished(salida, "filtrar_top_k_lote")) is not None:
            return pendiente
        salida, problema = numeric(salida, "Lo que devuelve tu función", finite=False)
        if problema:
            return wrong(problema, "devuelve un array de la misma forma que logits.")
        if np.isnan(salida).any():
            return wrong("Lo que devuelve tu función contiene NaN.",
                         "para descartar un logit usa -np.inf, no np.nan: la softmax de -inf "
                         "es 0, la de NaN es NaN.")
        if salida.shape != logits.shape:
            obtenida = salida.shape
            return wrong(f"Con logits de forma {forma} y k={k} esperaba un array de forma "
                         f"{forma}, pero devolviste {obtenida}.",
                         "devuelve la matriz completa, no solo los k valores de cada fila.")
        if not np.array_equal(logits, copia):
            return wrong("Tu función modifica el array de entrada.",
                         "trabaja sobre una copia o construye la salida con np.where.")
        esperado = _top_k_referencia(logits, k)
        vivos = np.isfinite(salida)
        por_fila = vivos.sum(axis=-1)
        if not (por_fila == k).all():
            return wrong(f"Con k={k} tus filas conservan {por_fila.tolist()} logits finitos; "
                         f"deberían quedar exactamente {k} en cada una.",
                         "los que no están entre los k mayores de su fila deben valer -inf "
                         "(no 0), y el umbral es distinto en cada fila.")
        if not np.array_equal(vivos, np.isfinite(esperado)):
            return wrong(f"Con k={k} conservas logits que no son los {k} mayores de su fila.",
                         "ordena cada fila (axis=-1) y compara con el umbral de esa fila.")
        if not np.allclose(salida[vivos], logits[vivos], atol=1e-6):
            return wrong("Los logits que conservas han cambiado de valor.",
                         "top-k solo descarta tokens; no reescala ni normaliza los que quedan.")
    return correct("Tu top-k por lotes coincide con la referencia (el criterio de "
                   "TFTopKLogitsWarper).")


def check_perplejidad(perplejidad) -> Result:
    """Cuaderno 07, ejercicio 2: ``perplejidad(logprobs)``.

    Recibe una lista de log-probabilidades (logaritmo natural) de los tokens
    observados y devuelve exp(-media). Se prueba con listas nuevas.
    """
    if perplejidad is None:
        return missing("Escribe la función perplejidad(logprobs) que recibe una lista de "
                       "log-probabilidades y devuelve un número.")
    if not callable(perplejidad):
        return wrong("perplejidad debe ser una función.",
                     "defínela con def perplejidad(logprobs): ...")
    rng = np.random.default_rng(7)
    casos = [[math.log(0.25)] * 4, list(np.log(rng.uniform(0.01, 0.9, size=17))),
             [-0.1, -2.5, -0.7]]
    for logprobs in casos:
        salida, error = call_student(perplejidad, list(logprobs))
        if error is not None:
            return raised(error)
        if (pendiente := unfinished(salida, "perplejidad")) is not None:
            return pendiente
        valor, problema = number(salida, "Lo que devuelve tu función")
        if problema:
            return wrong(problema, "reduce la lista a un único número finito (un float).")
        esperado = math.exp(-float(np.mean(logprobs)))
        if math.isclose(valor, esperado, rel_tol=1e-4):
            continue
        if math.isclose(valor, math.exp(-float(np.sum(logprobs))), rel_tol=1e-4):
            return wrong("Tu resultado crece con la longitud del texto.",
                         "la perplejidad usa la media por token, no la suma.")
        if math.isclose(valor, math.exp(float(np.mean(logprobs))), rel_tol=1e-4):
            return wrong("Tu resultado es menor que 1, y la perplejidad nunca lo es.",
                         "revisa el signo: la entropía cruzada es -log p.")
        if math.isclose(valor, -float(np.mean(logprobs)), rel_tol=1e-4):
            return wrong("Eso es la entropía cruzada media, todavía sin exponenciar.",
                         "falta un paso.")
        return wrong(f"Para una lista de prueba de {len(logprobs)} valores esperaba otro número "
                     f"(obtuviste {valor:.4f}).",
                     "con 4 tokens de probabilidad 0.25 la perplejidad debe salir 4.")
    return correct("La perplejidad es el número efectivo de opciones entre las que duda el modelo.")


def _etiquetas_referencia(ids_prompt: list[int], ids_respuesta: list[int]) -> list[int]:
    return [IGNORAR] * len(ids_prompt) + list(ids_respuesta)


def check_etiquetas(etiquetas_instruccion) -> Result:
    """Cuaderno 07, ejercicio 3: ``etiquetas_instruccion(ids_prompt, ids_respuesta)``.

    Debe devolver ``(input_ids, labels)``: la concatenación de ambas listas y
    unas etiquetas iguales a ``input_ids`` salvo ``-100`` en las posiciones del
    prompt (el modelo desplaza internamente, así que no hay que desplazar).
    """
    if etiquetas_instruccion is None:
        return missing("Escribe la función etiquetas_instruccion(ids_prompt, ids_respuesta) "
                       "que devuelve (input_ids, labels).")
    if not callable(etiquetas_instruccion):
        return wrong("etiquetas_instruccion debe ser una función.",
                     "defínela con def etiquetas_instruccion(ids_prompt, ids_respuesta): ...")
    rng = np.random.default_rng(11)
    for n_p, n_r in [(5, 3), (2, 6), (9, 1)]:
        ids_prompt = [int(x) for x in rng.integers(3, 500, size=n_p)]
        ids_respuesta = [int(x) for x in rng.integers(3, 500, size=n_r)]
        salida, error = call_student(etiquetas_instruccion, list(ids_prompt), list(ids_respuesta))
        if error is not None:
            return raised(error)
        if (pendiente := unfinished(salida, "etiquetas_instruccion")) is not None:
            return pendiente
        if not isinstance(salida, (tuple, list)) or len(salida) != 2:
            return wrong("La función debe devolver una pareja (input_ids, labels).",
                         "termina con return input_ids, labels.")
        (entrada, problema_e), (etiquetas, problema_l) = (numeric(salida[0], "input_ids"),
                                                          numeric(salida[1], "labels"))
        if problema_e or problema_l:
            return wrong(problema_e or problema_l, "usa listas de Python de enteros.")
        if entrada.ndim != 1 or etiquetas.ndim != 1:
            return wrong("input_ids y labels deben ser listas (o vectores) de enteros.",
                         "usa listas de Python o arrays de una dimensión.")
        total = n_p + n_r
        if len(entrada) != total or len(etiquetas) != total:
            return wrong(f"Con un prompt de {n_p} tokens y una respuesta de {n_r}, esperaba "
                         f"{total} posiciones y obtuve {len(entrada)} en input_ids y "
                         f"{len(etiquetas)} en labels.",
                         "input_ids y labels tienen la misma longitud: el modelo desplaza "
                         "las etiquetas por dentro.")
        if not np.array_equal(entrada, ids_prompt + ids_respuesta):
            return wrong("input_ids no es el prompt seguido de la respuesta.",
                         "el modelo debe ver la secuencia completa.")
        esperado = np.array(_etiquetas_referencia(ids_prompt, ids_respuesta))
        if np.array_equal(etiquetas, entrada):
            return wrong("Tus labels son una copia de input_ids: la pérdida incluiría el prompt.",
                         "marca las posiciones del prompt con el valor que la pérdida ignora.")
        if np.array_equal(etiquetas[:-1], esperado[1:]) or np.array_equal(etiquetas[1:],
                                                                          esperado[:-1]):
            return wrong("Tus labels están desplazadas una posición.",
                         "en transformers el modelo causal desplaza las etiquetas él mismo.")
        if not np.array_equal(etiquetas[:n_p], esperado[:n_p]):
            return wrong("Las posiciones del prompt no están todas marcadas con -100.",
                         "la pérdida de Keras en transformers ignora exactamente el valor -100.")
        if not np.array_equal(etiquetas[n_p:], esperado[n_p:]):
            return wrong("Las etiquetas de la respuesta no coinciden con sus ids.",
                         "en la parte de la respuesta labels debe repetir input_ids.")
    return correct("Solo la respuesta cuenta en la pérdida; el prompt sirve de contexto.")
