"""Comprobaciones de los ejercicios del cuaderno 00 (entorno y Hugging Face en TensorFlow).

- :func:`check_clases_tarea`: ejercicio 1, elegir la clase TF de cada tarea.
- :func:`check_tokens_mascara`: ejercicio 2, máscara de atención y tokens reales de un lote.
- :func:`check_probabilidades`: ejercicio 3, de logits a probabilidades y clase predicha.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_texts, to_array
from ._base import Result, correct, integers, missing, numeric, softmax, wrong

# Tarea -> (terminaciones válidas del nombre de la clase, descripción para los mensajes).
# Se aceptan la clase Auto (TFAutoModelFor...) y las concretas (TFBertFor..., TFGPT2LMHeadModel...).
TAREAS_00: dict[str, tuple[tuple[str, ...], str]] = {
    "sentimiento": (("ForSequenceClassification",), "una etiqueta para toda la frase"),
    "entidades": (("ForTokenClassification",), "una etiqueta para cada token"),
    "respuesta_extractiva": (("ForQuestionAnswering",),
                             "las posiciones de inicio y fin de la respuesta dentro del contexto"),
    "rellenar_hueco": (("ForMaskedLM",), "el token que falta en la posición de [MASK]"),
    "continuar_texto": (("ForCausalLM", "LMHeadModel"),
                        "el token siguiente a partir de los anteriores"),
    "resumir": (("ForSeq2SeqLM", "ForConditionalGeneration"),
                "un texto nuevo a partir de otro (codificador y decodificador)"),
}


def _nombre_clase(valor: object) -> str | None:
    """Nombre de una clase (o de la clase de un objeto); acepta también el nombre como texto."""
    if isinstance(valor, str):
        return valor.strip() or None
    if isinstance(valor, type):
        return valor.__name__
    if valor is None:
        return None
    return type(valor).__name__


def check_clases_tarea(clases: object) -> Result:
    """Ejercicio 1 del cuaderno 00: ``clases`` asocia cada tarea con su clase TF de transformers.

    Espera un diccionario con las claves de ``TAREAS_00`` y, como valores, las
    clases (``TFAutoModelForSequenceClassification``...) o sus nombres. Acepta la
    clase Auto o una concreta con la misma cabeza; rechaza las de PyTorch (sin ``TF``).
    """
    if clases is None:
        return missing("Escribe un diccionario `clases` que asocie cada tarea con una clase "
                       "de transformers para TensorFlow, por ejemplo "
                       "{'sentimiento': TFAutoModel..., ...}.")
    if not isinstance(clases, dict):
        return wrong(f"`clases` debe ser un diccionario, no {type(clases).__name__}.",
                     "Usa la forma {'sentimiento': Clase, 'entidades': Clase, ...}.")
    faltan = [t for t in TAREAS_00 if t not in clases]
    if faltan:
        return wrong("Faltan tareas en el diccionario: " + ", ".join(faltan) + ".",
                     "Las claves deben ser exactamente: " + ", ".join(TAREAS_00) + ".")
    for tarea, (finales, que_predice) in TAREAS_00.items():
        nombre = _nombre_clase(clases[tarea])
        if nombre is None:
            return wrong(f"La tarea '{tarea}' no tiene clase.", "Escribe una clase para cada tarea.")
        if "For" not in nombre and not nombre.endswith("LMHeadModel"):
            return wrong(f"Para '{tarea}' elegiste {nombre}, que es el modelo base sin cabeza: "
                         "devuelve vectores, no predicciones de la tarea.",
                         f"Busca la clase cuya cabeza predice {que_predice}.")
        if not nombre.startswith("TF"):
            return wrong(f"Para '{tarea}' elegiste {nombre}, que es una clase de PyTorch.",
                         "En este curso las clases de modelo llevan el prefijo TF.")
        if not nombre.endswith(finales):
            return wrong(f"Para '{tarea}' elegiste {nombre}, pero esa cabeza no predice "
                         f"{que_predice}.",
                         "Repasa la tabla de cabezas de la sección 5: qué forma tiene la salida "
                         "de cada una.")
    return correct("Cada tarea tiene la cabeza que produce la salida que necesita.")


def check_tokens_mascara(mascara: object, n_tokens: object, tokenizador: object,
                         frases: list[str]) -> Result:
    """Ejercicio 2 del cuaderno 00: máscara de atención y número de tokens reales de un lote.

    ``mascara`` debe ser la máscara de atención del lote ``frases`` con relleno
    hasta la frase más larga (``padding=True``), forma ``(frases, L)``;
    ``n_tokens`` el número de tokens reales de cada frase, con ``[CLS]`` y ``[SEP]``.
    La comprobación vuelve a tokenizar ``frases`` con ``tokenizador``.
    """
    if mascara is None or n_tokens is None:
        return missing("Asigna `mascara` (la máscara de atención del lote con relleno) y "
                       "`n_tokens` (los tokens reales de cada frase).")
    if not callable(tokenizador):
        raise TypeError("tokenizador debe ser el tokenizador del cuaderno (AutoTokenizer), no "
                        f"{type(tokenizador).__name__}.")
    frases = check_texts(frases, "frases")
    referencia = tokenizador(list(frases), padding=True)
    esperada = np.asarray(referencia["attention_mask"], dtype=float)
    longitudes = esperada.sum(axis=1)
    m, problema = numeric(mascara, "`mascara`")
    if problema:
        return wrong(problema, "Tokeniza la lista entera con padding=True y toma la clave "
                     "'attention_mask' de lo que devuelve el tokenizador.")
    if m.ndim != 2:
        return wrong(f"`mascara` debería tener 2 ejes (frases, tokens) y tiene {m.ndim}.",
                     "Tokeniza la lista entera de frases de una vez, no frase a frase.")
    if m.shape[0] != esperada.shape[0]:
        return wrong(f"`mascara` tiene {m.shape[0]} filas y hay {esperada.shape[0]} frases.",
                     "Debe haber una fila por frase.")
    if m.shape[1] != esperada.shape[1]:
        if m.shape[1] > esperada.shape[1] and np.array_equal(m[:, :esperada.shape[1]], esperada):
            return wrong(f"Tu máscara tiene {m.shape[1]} columnas: rellenaste más de lo necesario.",
                         "Con padding=True el lote se rellena solo hasta la frase más larga.")
        return wrong(f"`mascara` tiene {m.shape[1]} columnas y el lote con relleno tiene otra "
                     "longitud.",
                     "Usa padding=True sin truncar ni fijar max_length.")
    if not np.array_equal(m, esperada):
        return wrong("La forma es correcta, pero los unos y ceros de `mascara` no coinciden con "
                     "los tokens reales y el relleno.",
                     "La máscara vale 1 en los tokens reales y 0 en [PAD]; no la construyas a mano.")
    n, problema = numeric(n_tokens, "`n_tokens`")
    if problema:
        return wrong(problema, "Suma la máscara a lo largo del eje de los tokens.")
    if n.ndim != 1 or n.shape[0] != longitudes.shape[0]:
        return wrong("`n_tokens` debe ser una lista o vector con un número por frase.",
                     "Suma la máscara a lo largo del eje de los tokens.")
    if np.array_equal(n, longitudes - 2):
        return wrong("Te faltan 2 tokens en cada frase.",
                     "Los tokens especiales [CLS] y [SEP] también son tokens que el modelo ve.")
    if np.all(n == esperada.shape[1]):
        return wrong("Todos tus recuentos son iguales a la longitud del lote: estás contando el "
                     "relleno.",
                     "Cuenta solo las posiciones donde la máscara vale 1.")
    if not np.array_equal(n, longitudes):
        return wrong("Algún recuento de `n_tokens` no coincide con los tokens reales de su frase.",
                     "Usa la máscara: su suma por filas es el número de tokens reales.")
    return correct(f"El lote tiene forma {tuple(int(s) for s in esperada.shape)} y "
                   f"{int(esperada.size - longitudes.sum())} posiciones de relleno que la máscara "
                   "oculta.")


def check_probabilidades(probs: object, pred: object, logits: object) -> Result:
    """Ejercicio 3 del cuaderno 00: de logits a probabilidades y clase predicha.

    ``probs`` deben ser las probabilidades (softmax sobre las clases, el último
    eje) de ``logits``, de forma ``(ejemplos, clases)``; ``pred`` la clase más
    probable de cada ejemplo.
    """
    if probs is None or pred is None:
        return missing("Asigna `probs_ej` (las probabilidades de cada clase) y `pred_ej` "
                       "(la clase predicha de cada ejemplo).")
    z = to_array(logits, "logits")
    p, problema = numeric(probs, "`probs_ej`")
    if problema:
        return wrong(problema, "Aplica una función de TF o NumPy que devuelva un tensor o un "
                     "array, una fila por ejemplo.")
    if p.shape != z.shape:
        return wrong(f"`probs_ej` tiene forma {p.shape} y los logits {z.shape}.",
                     "Hay una probabilidad por cada logit: la forma no cambia.")
    esperada = softmax(z, axis=-1)
    if np.allclose(p, esperada, atol=1e-4):
        pass
    elif np.allclose(p, softmax(z, axis=0), atol=1e-4):
        return wrong("Tus probabilidades suman 1 por columnas, no por filas.",
                     "Cada ejemplo reparte su probabilidad entre las clases: el eje de las "
                     "clases es el último.")
    elif np.allclose(p, 1 / (1 + np.exp(-z)), atol=1e-4):
        return wrong("Aplicaste la sigmoide a cada logit por separado: las filas no suman 1.",
                     "Con clases excluyentes se usa la función que normaliza toda la fila.")
    elif np.allclose(p, z / z.sum(axis=-1, keepdims=True), atol=1e-4):
        return wrong("Dividiste los logits por su suma: con logits negativos salen "
                     "'probabilidades' negativas.",
                     "Antes de normalizar hay que hacer positivos los logits con la exponencial.")
    else:
        return wrong("`probs_ej` no coincide con las probabilidades de esos logits.",
                     "Cada fila debe ser positiva, sumar 1 y conservar el orden de los logits.")
    c, problema = numeric(pred, "`pred_ej`")
    problema = problema or (integers(c, "`pred_ej`") if c is not None else None)
    if problema:
        return wrong(problema, "Busca el índice del máximo a lo largo del eje de las clases.")
    if c.shape != (z.shape[0],):
        return wrong(f"`pred_ej` debe tener un número por ejemplo, forma ({z.shape[0]},).",
                     "Busca el índice del máximo a lo largo del eje de las clases.")
    if not np.array_equal(c, np.argmax(z, axis=-1)):
        return wrong("Alguna clase de `pred_ej` no es la de mayor probabilidad de su fila.",
                     "Usa el índice del máximo de cada fila.")
    return correct("La softmax conserva el orden: la clase con mayor logit es la más probable.")
