"""Comprobaciones de entrada compartidas, con mensajes en español.

Las funciones públicas de course_utils validan aquí lo que reciben para que un
error del estudiante se vea como un ValueError/TypeError claro, y no como una
traza larga desde dentro de TensorFlow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def to_array(value: object, name: str) -> np.ndarray:
    """Convierte un tensor de TF, un array o una lista anidada en ``np.ndarray`` de floats."""
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(
            f"{name} debe ser un array de NumPy o un tensor de TensorFlow, no {type(value).__name__}."
        )
    if isinstance(value, Mapping):  # un dict o la salida completa de un modelo (ModelOutput)
        keys = list(value.keys())
        hint = (f"salida.{name}" if name in keys
                else "uno de sus campos: " + ", ".join(f"salida.{k}" for k in keys[:5]))
        raise TypeError(
            f"{name} recibió un diccionario o la salida completa de un modelo "
            f"({type(value).__name__}), no un array. Pasa {hint}.")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        if "inhomogeneous" in str(exc):
            raise ValueError(
                f"{name} tiene filas de longitudes distintas: rellénalas hasta la misma longitud "
                "(padding) o pásalas por separado.") from None
        raise TypeError(
            f"{name} debe contener solo números (array de NumPy o tensor de TF), y hay algo que "
            "no lo es (¿textos en lugar de vectores? codifícalos antes).") from None
    if array.size == 0:
        raise ValueError(f"{name} está vacío: no hay nada que dibujar ni calcular.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contiene NaN o infinitos; revisa cómo lo calculaste.")
    return array


def check_rank(array: np.ndarray, ranks: Sequence[int], name: str, hint: str = "") -> None:
    """Exige que ``array`` tenga uno de los rangos (número de ejes) indicados."""
    if array.ndim not in ranks:
        expected = " o ".join(str(r) for r in ranks)
        raise ValueError(
            f"{name} debe tener {expected} dimensiones y tiene {array.ndim} "
            f"(forma {tuple(array.shape)}). {hint}".strip()
        )


def check_texts(texts: object, name: str = "textos") -> list[str]:
    """Exige una lista no vacía de textos y la devuelve como ``list[str]``."""
    if isinstance(texts, str):
        raise TypeError(
            f"{name} debe ser una lista de textos, no un solo texto. Escribe [{texts[:30]!r}]."
        )
    try:
        items = list(texts)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{name} debe ser una lista de textos, no {type(texts).__name__}.") from None
    if not items:
        raise ValueError(f"{name} está vacía: pasa al menos un texto.")
    bad = [i for i, t in enumerate(items) if not isinstance(t, str)]
    if bad:
        raise TypeError(
            f"{name} solo puede contener textos (str); la posición {bad[0]} es "
            f"{type(items[bad[0]]).__name__}."
        )
    blank = [i for i, t in enumerate(items) if not t.strip()]
    if blank:
        raise ValueError(
            f"{name}: el texto de la posición {blank[0]} está vacío o solo tiene espacios; "
            "quítalo de la lista (no hay nada que codificar).")
    return items


def check_labels(labels: object, expected: int, name: str, what: str) -> list[str]:
    """Exige ``expected`` etiquetas (textos) para los ``what`` de una figura."""
    if isinstance(labels, str):
        raise TypeError(f"{name} debe ser una lista de etiquetas, no un solo texto.")
    try:
        items = [str(x) for x in labels]  # type: ignore[union-attr]
    except TypeError:
        raise TypeError(f"{name} debe ser una lista de etiquetas, no {type(labels).__name__}.") from None
    if len(items) != expected:
        raise ValueError(
            f"Hay {len(items)} {name} pero la matriz tiene {expected} {what}. "
            "Usa las etiquetas de la misma frase tokenizada (incluidos [CLS], [SEP] y el relleno)."
        )
    return items


def check_choice(value: object, options: Sequence[str], name: str) -> str:
    """Exige que ``value`` sea una de las opciones (sin distinguir mayúsculas)."""
    if not isinstance(value, str) or value.lower() not in options:
        raise ValueError(
            f"{name}={value!r} no es válido. Opciones: {', '.join(repr(o) for o in options)}."
        )
    return value.lower()


def check_positive_int(value: object, name: str) -> int:
    """Exige un entero > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"{name} debe ser un entero mayor que 0, no {value!r}.")
    return int(value)
