"""Piezas comunes de las comprobaciones de ejercicios (todos los ``checks/cNN.py``)."""

from __future__ import annotations

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
