"""Piezas comunes de las comprobaciones de ejercicios (todos los ``checks/cNN.py``)."""

from __future__ import annotations

import re
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


def _convert(value: object) -> tuple[np.ndarray | None, str | None]:
    """``(array, None)`` o ``(None, motivo)``: por qué ``value`` no es una tabla de números."""
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    if isinstance(value, (str, bytes)):
        return None, f"es un texto ({value[:30]!r}), no un número: quita las comillas"
    try:
        raw = np.asarray(value)
        if raw.dtype.kind in "US":
            return None, "contiene textos, no números: quita las comillas"
        return np.asarray(value, dtype=float), None
    except OverflowError:
        return None, "contiene un número demasiado grande para un float (más de 1e308)"
    except (TypeError, ValueError) as exc:
        if "inhomogeneous" in str(exc) or "sequence" in str(exc):
            return None, ("tiene filas de longitudes distintas, así que no es una tabla "
                          "rectangular: ¿falta rellenar las más cortas hasta la misma longitud?")
        return None, "no es una tabla de números"


def as_array(value: object) -> np.ndarray | None:
    """Convierte tensores de TF, listas o arrays a ``np.ndarray``; ``None`` si no se puede.

    Los textos (aunque parezcan números, como ``"0.5"``), las listas irregulares y
    los números que no caben en un float dan ``None``. Los NaN e infinitos se
    conservan: usa :func:`numeric` para rechazarlos con un mensaje.
    """
    return _convert(value)[0]


def _non_finite(array: np.ndarray) -> str | None:
    if np.isnan(array).any():
        return ("contiene NaN (not a number): suele salir de 0/0, de log(0) o de una "
                "operación con un NaN; revisa esos pasos")
    if np.isinf(array).any():
        return "contiene infinitos: ¿divides entre 0 o sale un número enorme?"
    return None


def numeric(value: object, name: str, finite: bool = True) -> tuple[np.ndarray | None, str | None]:
    """``(array, None)`` si ``value`` es una tabla de números; si no, ``(None, mensaje)``.

    El mensaje, en español, nombra ``name`` y dice qué falla: un texto, filas de
    longitudes distintas, un número demasiado grande o (con ``finite=True``) NaN o
    infinitos.
    """
    array, problem = _convert(value)
    if problem is None and finite:
        problem = _non_finite(array)
    if problem is not None:
        return None, f"{name} {problem}" + ("" if problem.endswith("?") else ".")
    return array, None


def number(value: object, name: str) -> tuple[float | None, str | None]:
    """``(float, None)`` si ``value`` es un único número finito; si no, ``(None, mensaje)``."""
    if isinstance(value, bool):
        return None, f"{name} es {value}, un booleano, no un número."
    array, problem = numeric(value, name, finite=False)
    if problem is not None:
        return None, problem.replace(" contiene un ", " es un ", 1)
    if array.size == 1 and np.isnan(array).all():
        return None, (f"{name} es NaN (not a number): suele salir de 0/0, de log(0) o de una "
                      "operación con un NaN; revisa esos pasos.")
    if array.size == 1 and np.isinf(array).all():
        return None, f"{name} es infinito: ¿divides entre 0 o sale un número enorme?"
    if array.size != 1:
        return None, (f"{name} debe ser un único número, y tiene {array.size} valores "
                      f"(forma {array.shape}).")
    return float(array.reshape(-1)[0]), None


def as_number(value: object) -> float | None:
    """Un único número finito (de Python, NumPy o TF) como ``float``; ``None`` si no lo es.

    Los booleanos y los textos no cuentan como números: ``True`` o ``"0.5"`` suelen
    ser un error del estudiante.
    """
    return number(value, "valor")[0]


def integers(array: np.ndarray, name: str) -> str | None:
    """Mensaje si ``array`` tiene valores con decimales (se esperaban índices o recuentos)."""
    if not np.all(array == np.round(array)):
        return f"{name} debe contener enteros (índices o recuentos), y hay valores con decimales."
    return None


_PATH = re.compile(r"""(?:[A-Za-z]:)?(?:[\\/][^\s'"<>:,()\[\]]+)+[\\/]([^\s'"<>:,()\[\]\\/]+)""")


def describe_error(exc: BaseException, limit: int = 300) -> str:
    """``"TipoDeError: mensaje"`` corto y sin rutas absolutas, para mostrarlo al estudiante.

    Quita las líneas ``File "...", line N`` de las trazas que TensorFlow mete en
    el mensaje, deja solo el nombre del archivo en las rutas y recorta el texto.
    """
    lines = [ln for ln in str(exc).splitlines() if not ln.strip().startswith("File ")]
    text = " ".join(" ".join(lines).split())
    text = _PATH.sub(r"\1", text)
    if len(text) > limit:
        text = text[:limit].rstrip() + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


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
        return None, describe_error(exc)


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
