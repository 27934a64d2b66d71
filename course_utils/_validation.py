"""Comprobaciones de entrada compartidas, con mensajes en español.

Las funciones públicas de course_utils validan aquí lo que reciben para que un
error del estudiante se vea como un ValueError/TypeError claro, y no como una
traza larga desde dentro de TensorFlow, scikit-learn o matplotlib.

Aquí están también las piezas comunes de las figuras (ver la convención en
:mod:`course_utils.projection`): validar ``ax``, ``cmap`` y ``title``, y crear
un ``Axes`` nuevo que se cierra si el dibujo falla.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence, Set
from contextlib import contextmanager

import numpy as np


def _mapping_hint(value: Mapping, name: str, hint: str) -> str:
    keys = [str(k) for k in value.keys()]
    if name in keys:
        return f"Pasa solo ese campo: salida.{name} (o salida['{name}'])."
    fields = ", ".join(f"salida.{k}" for k in keys[:5]) or "ninguno"
    return (hint + " " if hint else "") + f"Campos que tiene: {fields}."


def to_array(value: object, name: str, hint: str = "") -> np.ndarray:
    """Convierte un tensor de TF, un array o una lista anidada en ``np.ndarray`` de floats.

    ``hint`` se añade al mensaje cuando llega algo que no es un array (un texto o
    la salida completa de un modelo) para decir qué hay que pasar.
    """
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    if value is None:
        raise TypeError(f"{name} es None: debe ser un array de NumPy o un tensor de TensorFlow. "
                        f"{hint}".strip())
    if isinstance(value, (str, bytes)):
        raise TypeError(
            f"{name} debe ser un array de NumPy o un tensor de TensorFlow, no un texto (str). "
            + (hint or "¿Son textos? codifícalos antes (por ejemplo con SentenceEncoder.encode)."))
    if isinstance(value, Mapping):  # un dict, un BatchEncoding o la salida de un modelo (ModelOutput)
        raise TypeError(
            f"{name} recibió un diccionario o la salida completa de un modelo "
            f"({type(value).__name__}), no un array. {_mapping_hint(value, name, hint)}")
    try:
        raw = np.asarray(value)
        if raw.dtype.kind in "US":  # textos, aunque parezcan números ("0.5")
            raise TypeError
        array = np.asarray(value, dtype=float)
    except OverflowError:
        raise ValueError(f"{name} contiene un número demasiado grande para un float "
                         "(más de 1e308); revisa cómo lo calculaste.") from None
    except (TypeError, ValueError) as exc:
        if "inhomogeneous" in str(exc) or "sequence" in str(exc):
            raise ValueError(
                f"{name} tiene filas de longitudes distintas: rellénalas hasta la misma longitud "
                "(padding) o pásalas por separado.") from None
        raise TypeError(
            f"{name} debe contener solo números (array de NumPy o tensor de TF), y hay algo que "
            "no lo es (¿textos en lugar de vectores? codifícalos antes). "
            f"{hint}".strip()) from None
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


def _check_sequence(items: object, name: str, what: str) -> None:
    """Rechaza lo que se puede recorrer pero no es una lista ordenada de ``what``."""
    if isinstance(items, (str, bytes)):
        raise TypeError(f"{name} debe ser una lista de {what}, no un solo texto. "
                        f"Escribe [{items[:30]!r}].")
    if hasattr(items, "columns") and hasattr(items, "iloc"):  # un DataFrame de pandas
        raise TypeError(f"{name} recibió una tabla (DataFrame): pasa una columna, por ejemplo "
                        "df['texto'] o df['texto'].tolist().")
    if isinstance(items, Mapping):
        raise TypeError(f"{name} debe ser una lista de {what}, no un diccionario "
                        f"({type(items).__name__}).")
    if isinstance(items, Set):
        raise TypeError(f"{name} debe ser una lista de {what}, no un conjunto (set): un "
                        "conjunto no tiene orden. Usa una lista.")


def _visible(text: str) -> bool:
    return any(ch.isprintable() and not ch.isspace() for ch in text)


def check_texts(texts: object, name: str = "textos") -> list[str]:
    """Exige una lista no vacía de textos y la devuelve como ``list[str]``."""
    _check_sequence(texts, name, "textos")
    if texts is None:
        raise TypeError(f"{name} debe ser una lista de textos, no None.")
    try:
        items = list(texts)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{name} debe ser una lista de textos, no {type(texts).__name__}.") from None
    if not items:
        raise ValueError(f"{name} está vacía: pasa al menos un texto.")
    bad = [i for i, t in enumerate(items) if not isinstance(t, str)]
    if bad:
        extra = (" Decodifícalo antes con .decode('utf-8')."
                 if isinstance(items[bad[0]], bytes) else "")
        raise TypeError(
            f"{name} solo puede contener textos (str); la posición {bad[0]} es "
            f"{type(items[bad[0]]).__name__}.{extra}"
        )
    blank = [i for i, t in enumerate(items) if not _visible(t)]
    if blank:
        raise ValueError(
            f"{name}: el texto de la posición {blank[0]} está vacío o solo tiene espacios o "
            "caracteres invisibles; quítalo de la lista (no hay nada que codificar).")
    return items


def check_labels(labels: object, expected: int, name: str, what: str) -> list[str]:
    """Exige ``expected`` etiquetas (textos) para los ``what`` de una figura."""
    if isinstance(labels, str):
        raise TypeError(f"{name} debe ser una lista de etiquetas, no un solo texto.")
    _check_sequence(labels, name, "etiquetas")
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


def check_int(value: object, name: str) -> int:
    """Exige un entero (de Python o NumPy; ``True``/``False`` no cuentan)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} debe ser un entero, no {type(value).__name__} ({value!r}).")
    return int(value)


def check_bool(value: object, name: str) -> bool:
    """Exige ``True`` o ``False``."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} debe ser True o False, no {value!r}.")
    return bool(value)


def check_random_state(value: object) -> int | None:
    """``random_state``: un entero >= 0 (o ``None`` para no fijar la semilla)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise TypeError(f"random_state debe ser un entero >= 0 (la semilla) o None, no {value!r}.")
    return int(value)


# --- Figuras --------------------------------------------------------------------------


def check_title(title: object, name: str = "title") -> str | None:
    """Un título es un texto o ``None``."""
    if title is not None and not isinstance(title, str):
        raise TypeError(f"{name} debe ser un texto (str) o None, no {type(title).__name__}.")
    return title


def check_ax(ax: object) -> object:
    """Exige un ``matplotlib.axes.Axes`` (o ``None`` para crear una figura nueva)."""
    if ax is None:
        return None
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(ax, Axes):
        return ax
    if isinstance(ax, (np.ndarray, list, tuple)):
        n = np.size(np.asarray(ax, dtype=object))
        raise TypeError(
            f"ax recibió {n} ejes (lo que devuelve plt.subplots con varias columnas o filas), "
            "y aquí se dibuja en uno solo: elige uno, por ejemplo ax=ejes[0] (o ax=ejes[0, 1]).")
    if isinstance(ax, Figure):
        raise TypeError("ax recibió una figura, no unos ejes: pasa uno de sus ejes, por ejemplo "
                        "ax=fig.axes[0] o ax=fig.add_subplot().")
    raise TypeError(f"ax debe ser unos ejes de matplotlib (Axes, de fig, ax = plt.subplots()) o "
                    f"None, no {type(ax).__name__}.")


_SUGGESTED_CMAPS = ("viridis", "magma", "RdBu_r", "coolwarm", "Blues", "Greys")


def check_cmap(cmap: object) -> object:
    """Exige un mapa de color de matplotlib: su nombre (``"viridis"``) o un ``Colormap``."""
    if cmap is None:
        return None
    import matplotlib
    from matplotlib.colors import Colormap

    if isinstance(cmap, Colormap):
        return cmap
    if not isinstance(cmap, str):
        raise TypeError(f"cmap debe ser el nombre de un mapa de color de matplotlib (por ejemplo "
                        f"'viridis') o un Colormap, no {type(cmap).__name__}.")
    names = list(matplotlib.colormaps)
    if cmap in names:
        return cmap
    same_case = [n for n in names if n.lower() == cmap.lower()]
    close = same_case or difflib.get_close_matches(cmap, names, n=3)
    hint = (f" ¿Quisiste decir {', '.join(repr(c) for c in close)}?" if close else "")
    raise ValueError(f"cmap={cmap!r} no es un mapa de color de matplotlib (se distinguen "
                     f"mayúsculas).{hint} Algunos válidos: "
                     f"{', '.join(repr(c) for c in _SUGGESTED_CMAPS)}; la lista completa está en "
                     "matplotlib.colormaps.")


@contextmanager
def axes_or_new(ax: object, figsize: tuple[float, float]) -> Iterator[object]:
    """Da ``ax`` o unos ejes en una figura nueva; si el bloque falla, cierra la figura nueva.

    Así una figura a medio dibujar no se queda abierta (ni aparece vacía en el
    cuaderno) cuando la función lanza un error.
    """
    import matplotlib.pyplot as plt

    created = None
    if ax is None:
        created, ax = plt.subplots(figsize=figsize)
    try:
        yield ax
    except BaseException:
        if created is not None:
            plt.close(created)
        raise


@contextmanager
def closing_on_error(fig: object) -> Iterator[object]:
    """Cierra ``fig`` (creada por la función) si el bloque lanza un error."""
    import matplotlib.pyplot as plt

    try:
        yield fig
    except BaseException:
        plt.close(fig)
        raise
