"""Piezas comunes de las comprobaciones de ejercicios (todos los ``checks/cNN.py``)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Result:
    """Veredicto de una comprobación. Se muestra solo en el cuaderno."""

    ok: bool
    message: str

    def __repr__(self) -> str:
        return ("✅ Correcto. " if self.ok else "❌ Todavía no. ") + self.message

    def __bool__(self) -> bool:
        return self.ok


def correct(message: str = "") -> Result:
    """Respuesta correcta, con un comentario opcional que refuerce la idea."""
    return Result(True, message)


def wrong(message: str, hint: str = "") -> Result:
    """Respuesta incorrecta: qué falla y una pista (nunca la solución)."""
    return Result(False, message + (f" Pista: {hint}" if hint else ""))


def missing(what: str) -> Result | None:
    """Resultado para una respuesta vacía (``None``): recuerda qué hay que escribir."""
    return Result(False, f"Aún no hay respuesta. {what}")


def as_array(value: object) -> np.ndarray | None:
    """Convierte tensores de TF, listas o arrays a ``np.ndarray``; ``None`` si no se puede."""
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array


def as_number(value: object) -> float | None:
    """Un único número finito (de Python, NumPy o TF) como ``float``; ``None`` si no lo es.

    Los booleanos no cuentan como números: ``True`` suele ser un error del estudiante.
    """
    if isinstance(value, bool):
        return None
    array = as_array(value)
    if array is None or array.size != 1:
        return None
    number = float(array.reshape(-1)[0])
    return number if np.isfinite(number) else None


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax numéricamente estable de referencia (cuadernos 00 y 03)."""
    z = x - x.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def call_student(function, *args) -> tuple[object, str | None]:
    """Llama a la función del estudiante sin dejar escapar su excepción.

    Devuelve ``(resultado, None)`` o ``(None, "TipoDeError: mensaje")`` para que la
    comprobación explique el fallo en vez de mostrar una traza.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return function(*args), None
    except Exception as exc:  # noqa: BLE001 - cualquier fallo del estudiante se explica
        return None, f"{type(exc).__name__}: {exc}"


def raised(error: str) -> Result:
    """Veredicto para una función del estudiante que lanzó ``error`` con una entrada nueva."""
    return wrong(f"Tu función lanzó un error con una entrada nueva: {error}.",
                 "pruébala antes con tus propios datos y revisa los tipos.")


def unfinished(value: object, name: str) -> Result | None:
    """«Aún no hay respuesta» si la función del estudiante devolvió ``None``.

    Es lo que devuelve el hueco de la versión del alumno (``return None``) hasta que
    se completa; sin este aviso, el estudiante vería un error de forma o de tipo que
    no explica nada. Devuelve ``None`` si hay un valor que comprobar.
    """
    if value is None:
        return missing(f"Tu función `{name}` todavía devuelve None: completa su cuerpo para "
                       "que termine con un `return` del resultado.")
    return None
