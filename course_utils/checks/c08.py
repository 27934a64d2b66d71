"""Comprobaciones de los ejercicios del cuaderno 08 (T5, codificador-decodificador y métricas).

- Ejercicio 1: :func:`check_exact_match` (exactitud exacta de dos listas, con normalización).
- Ejercicio 2: :func:`check_rouge1_recall` (ROUGE-1 *recall* a mano, con recuentos recortados).
- Ejercicio 3: :func:`check_formato_qa` (entrada de T5 para preguntas con contexto).

Cada comprobación llama a la función del estudiante con entradas nuevas, que no
aparecen en el cuaderno, y compara con una referencia propia.
"""

from __future__ import annotations

from collections import Counter

from ._base import Result, call_student, correct, missing, number, unfinished, wrong

# ---------------------------------------------------------------------------
# Utilidades y referencias (no se muestran al estudiante)
# ---------------------------------------------------------------------------


def _normalizar(texto: str) -> str:
    return " ".join(str(texto).lower().split())


def _exact_match_ref(predicciones: list[str], referencias: list[str]) -> float:
    if len(predicciones) != len(referencias):
        raise ValueError("longitudes distintas")
    if not referencias:
        return 0.0
    aciertos = sum(_normalizar(p) == _normalizar(r) for p, r in zip(predicciones, referencias, strict=True))
    return aciertos / len(referencias)


def _rouge1_recall_ref(prediccion: str, referencia: str) -> float:
    ref = referencia.lower().split()
    pred = prediccion.lower().split()
    if not ref:
        return 0.0
    cp, cr = Counter(pred), Counter(ref)
    return sum(min(cp[w], n) for w, n in cr.items()) / len(ref)


def _formato_qa_ref(pregunta: str, contexto: str) -> str:
    return f"question: {pregunta} context: {contexto}"


# ---------------------------------------------------------------------------
# Ejercicio 1
# ---------------------------------------------------------------------------

_CASOS_EM = [
    (["1987-05-04", "2031-11-30", "4406"], ["1987-05-04", "2031-11-03", "4406"]),
    (["  Mil Doscientos ", "seiscientos  dos", "77"], ["mil doscientos", "seiscientos dos", "78"]),
    (["ochenta", "1900-01-01", "nueve mil", "15", "2099-12-31"],
     ["ochenta y uno", "1900-01-01", "NUEVE MIL", "15", "2099-12-31 "]),
]


def check_exact_match(fn: object) -> Result:
    """Ejercicio 1 del cuaderno 08: ``fn(predicciones, referencias)`` -> proporción de aciertos.

    Cada cadena se normaliza (minúsculas, sin espacios al principio y al final,
    espacios repetidos reducidos a uno) antes de comparar; con listas de distinta
    longitud debe lanzar ``ValueError``. Se prueba con listas nuevas.
    """
    if fn is None:
        return missing("Escribe la función exact_match(predicciones, referencias) y devuelve la "
                       "proporción (entre 0 y 1) de pares iguales tras normalizar.")
    if not callable(fn):
        return wrong(f"exact_match debe ser una función, no {type(fn).__name__}.",
                     "Defínela con def exact_match(predicciones, referencias): ...")
    for preds, refs in _CASOS_EM:
        esperado = _exact_match_ref(preds, refs)
        valor, error = call_student(fn, list(preds), list(refs))
        if error:
            return wrong(f"Con predicciones={preds} la función falla: {error}.",
                         "Recorre las dos listas a la vez con zip().")
        if (pendiente := unfinished(valor, "exact_match")) is not None:
            return pendiente
        x, problema = number(valor, "Lo que devuelve la función")
        if problema:
            return wrong(problema,
                         "Devuelve una proporción (un float entre 0 y 1), no una lista de aciertos.")
        if abs(x - esperado) < 1e-9:
            continue
        aciertos = round(esperado * len(refs))
        if abs(x - aciertos) < 1e-9 and aciertos != esperado:
            return wrong(f"Con {len(refs)} pares devuelves {x:g}: parece un recuento, no una proporción.",
                         "Divide el número de aciertos entre el número de pares.")
        crudo = sum(p == r for p, r in zip(preds, refs, strict=True)) / len(refs)
        if abs(x - crudo) < 1e-9:
            return wrong(f"Con predicciones={preds} y referencias={refs} devuelves {x:.3f}: "
                         "comparas las cadenas sin normalizar.",
                         "Antes de comparar, pasa a minúsculas y reduce los espacios (split y join).")
        return wrong(f"Con predicciones={preds} y referencias={refs} devuelves {x:.3f}, "
                     "que no es la proporción de aciertos.",
                     "Cuenta los pares iguales tras normalizar y divide por el total.")
    _, error = call_student(fn, ["1", "2"], ["1", "2", "3"])
    if error is None or not error.startswith("ValueError"):
        return wrong("Con listas de distinta longitud la función no lanza ValueError "
                     "(zip() se come en silencio los elementos que sobran).",
                     "Compara len(predicciones) y len(referencias) al principio y lanza ValueError.")
    return correct("La exactitud exacta es la métrica más estricta: un solo carácter distinto y el "
                   "ejemplo cuenta como fallo.")


# ---------------------------------------------------------------------------
# Ejercicio 2
# ---------------------------------------------------------------------------

_CASOS_ROUGE = [
    ("el gato come pescado", "el gato negro come mucho pescado"),
    ("de de de de", "el uno de mayo de dos mil"),
    ("Mil Novecientos noventa", "mil novecientos noventa y nueve"),
    ("tres", "tres"),
    ("una frase larga que contiene todas las palabras y alguna más", "todas las palabras"),
]


def check_rouge1_recall(fn: object) -> Result:
    """Ejercicio 2 del cuaderno 08: ``fn(prediccion, referencia)`` -> ROUGE-1 *recall*.

    Palabras separadas por espacios y en minúsculas; coincidencias recortadas
    (cada palabra cuenta como mucho tantas veces como aparece en la referencia);
    se divide por el número de palabras de la referencia. Pares nuevos.
    """
    if fn is None:
        return missing("Escribe la función rouge1_recall(prediccion, referencia) que devuelva "
                       "un número entre 0 y 1.")
    if not callable(fn):
        return wrong(f"rouge1_recall debe ser una función, no {type(fn).__name__}.",
                     "Defínela con def rouge1_recall(prediccion, referencia): ...")
    for pred, ref in _CASOS_ROUGE:
        esperado = _rouge1_recall_ref(pred, ref)
        valor, error = call_student(fn, pred, ref)
        if error:
            return wrong(f"Con prediccion={pred!r} la función falla: {error}.",
                         "Separa en palabras con .lower().split() y cuenta con collections.Counter.")
        if (pendiente := unfinished(valor, "rouge1_recall")) is not None:
            return pendiente
        x, problema = number(valor, "Lo que devuelve la función")
        if problema:
            return wrong(problema, "Devuelve solapamiento / número de palabras de la referencia.")
        if abs(x - esperado) < 1e-6:
            continue
        p_tok, r_tok = pred.lower().split(), ref.lower().split()
        solape = sum(min(Counter(p_tok)[w], n) for w, n in Counter(r_tok).items())
        precision = solape / len(p_tok)
        f1 = 0.0 if solape == 0 else 2 * precision * esperado / (precision + esperado)
        sin_recorte = sum(w in set(r_tok) for w in p_tok) / len(r_tok)
        cp, cr = Counter(pred.split()), Counter(ref.split())
        sin_minusculas = sum(min(cp[w], n) for w, n in cr.items()) / len(r_tok)
        if abs(x - precision) < 1e-6:
            return wrong(f"Con prediccion={pred!r} y referencia={ref!r} devuelves {x:.3f}: "
                         "eso es la precisión (divides por las palabras de la predicción).",
                         "El recall mide qué parte de la REFERENCIA aparece en la predicción.")
        if abs(x - f1) < 1e-6:
            return wrong(f"Con prediccion={pred!r} devuelves {x:.3f}, que es la F1, no el recall.",
                         "Divide el solapamiento solo por el número de palabras de la referencia.")
        if abs(x - sin_recorte) < 1e-6:
            return wrong(f"Con prediccion={pred!r} y referencia={ref!r} devuelves {x:.3f}: una "
                         "palabra repetida en la predicción cuenta más veces de las que está en "
                         "la referencia.",
                         "Recorta: cada palabra suma min(veces en la predicción, veces en la referencia).")
        if abs(x - sin_minusculas) < 1e-6:
            return wrong(f"Con prediccion={pred!r} y referencia={ref!r} devuelves {x:.3f}: "
                         "¿comparas sin pasar a minúsculas?",
                         "Aplica .lower() a las dos cadenas antes de separar.")
        return wrong(f"Con prediccion={pred!r} y referencia={ref!r} devuelves {x:.3f}, "
                     "que no es el ROUGE-1 recall.",
                     "Cuenta las palabras de la referencia que aparecen en la predicción (con "
                     "recorte) y divide por el número de palabras de la referencia.")
    return correct("ROUGE-1 recall premia cubrir las palabras de la referencia; fíjate en que una "
                   "predicción muy larga puede sacar 1.0 sin ser buena.")


# ---------------------------------------------------------------------------
# Ejercicio 3
# ---------------------------------------------------------------------------

_CASOS_QA = [
    ("Who painted Guernica?", "Guernica is a 1937 painting by Pablo Picasso."),
    ("What is the capital of Peru?", "Lima is the capital and largest city of Peru."),
]


def check_formato_qa(fn: object) -> Result:
    """Ejercicio 3 del cuaderno 08: ``fn(pregunta, contexto)`` -> entrada de T5 para QA.

    El formato del T5 original es ``"question: <pregunta> context: <contexto>"``.
    Se comparan las cadenas con los espacios normalizados, sobre pares nuevos.
    """
    if fn is None:
        return missing("Escribe la función formato_qa(pregunta, contexto) que devuelva la "
                       "cadena de entrada para T5.")
    if not callable(fn):
        return wrong(f"formato_qa debe ser una función, no {type(fn).__name__}.",
                     "Defínela con def formato_qa(pregunta, contexto): ...")
    for pregunta, contexto in _CASOS_QA:
        esperado = _formato_qa_ref(pregunta, contexto)
        valor, error = call_student(fn, pregunta, contexto)
        if error:
            return wrong(f"Con pregunta={pregunta!r} la función falla: {error}.",
                         "Devuelve una cadena construida con un f-string.")
        if (pendiente := unfinished(valor, "formato_qa")) is not None:
            return pendiente
        if not isinstance(valor, str):
            return wrong(f"La función devuelve {type(valor).__name__}; debe devolver una cadena.",
                         "T5 recibe texto: todo (tarea, pregunta y contexto) va en una sola cadena.")
        obtenido = " ".join(valor.split())
        if obtenido == " ".join(esperado.split()):
            continue
        if pregunta not in valor or contexto not in valor:
            return wrong(f"Con pregunta={pregunta!r} la cadena no contiene la pregunta y el "
                         "contexto tal cual.", "No traduzcas ni recortes los textos: solo añade los prefijos.")
        bajo = obtenido.lower()
        if "pregunta:" in bajo or "contexto:" in bajo:
            return wrong("Usas prefijos en español.",
                         "El T5 original se entrenó con prefijos en inglés; el modelo solo "
                         "reconoce los que vio al entrenar.")
        if obtenido.find(contexto) < obtenido.find(pregunta):
            return wrong("El contexto va antes que la pregunta.",
                         "En el formato de T5 primero va la pregunta y después el contexto.")
        return wrong(f"Con pregunta={pregunta!r} devuelves {valor!r}, que no sigue el formato.",
                     "Cada parte lleva su prefijo en minúsculas seguido de dos puntos y un espacio.")
    return correct("Para T5 una tarea nueva es solo otro formato de texto de entrada.")
