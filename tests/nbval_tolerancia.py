"""Comparación con tolerancia para nbval: salidas comprobadas que valen en cualquier CPU.

El entrenamiento es determinista en una máquina, pero no idéntico bit a bit entre
procesadores distintos (hilos, núcleos de oneDNN/Eigen elegidos según la CPU...):
una pérdida guardada como ``6.458`` puede salir ``6.450`` en otro ordenador. Para
esas celdas, la primera línea de comentarios puede llevar la marca::

    # NBVAL_TOLERANCIA abs=0.02 rel=0.03

y entonces nbval compara así cada salida de texto de la celda:

- el texto que no es número debe coincidir **exactamente** (mismas palabras,
  mismas etiquetas, mismo número de filas);
- cada número debe coincidir dentro de ``|guardado - nuevo| <= abs + rel * |guardado|``.

Sin la marca, la comparación es la exacta de nbval. La tolerancia se escribe en la
celda, a la vista, y debe ser lo bastante estrecha para que un fallo real (una
exactitud 0.05 más baja, una pérdida que no baja) no pase.

Lo carga ``conftest.py`` de la raíz (``pytest_plugins``); lo usan también
``scripts/comparar_salidas.py`` y ``scripts/contar_salidas.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

MARKER = "NBVAL_TOLERANCIA"
IGNORE_MARKERS = ("NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP")
IGNORE_TAGS = ("nbval-ignore-output", "nbval-skip")

# Un número suelto: no la cifra de un nombre como «gpt2» o «c08», ni parte de otro número.
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w])")


@dataclass(frozen=True)
class Tolerance:
    """Tolerancia de una celda: absoluta y relativa (respecto al valor guardado)."""

    abs: float = 0.0
    rel: float = 0.0

    def accepts(self, stored: float, new: float) -> bool:
        return abs(stored - new) <= self.abs + self.rel * abs(stored) + 1e-12

    def __str__(self) -> str:
        return f"abs={self.abs:g} rel={self.rel:g}"


def parse_marker(source: str) -> Tolerance | None:
    """Devuelve la tolerancia de la marca ``# NBVAL_TOLERANCIA ...`` de ``source``, o ``None``."""
    for line in source.splitlines():
        text = line.strip()
        if not text.startswith("#"):
            continue
        words = text.lstrip("#").split()
        if not words or words[0] != MARKER:
            continue
        values = {}
        for word in words[1:]:
            key, sep, value = word.partition("=")
            if not sep or key not in ("abs", "rel"):
                raise ValueError(
                    f"Marca {MARKER} mal escrita: {text!r}. Escribe, por ejemplo, "
                    f"'# {MARKER} abs=0.02 rel=0.03' (solo 'abs' y 'rel')."
                )
            try:
                values[key] = float(value)
            except ValueError:
                raise ValueError(
                    f"Marca {MARKER}: {key}={value!r} no es un número ({text!r})."
                ) from None
            if not values[key] >= 0:
                raise ValueError(f"Marca {MARKER}: {key} debe ser >= 0 ({text!r}).")
        if not values:
            raise ValueError(
                f"Marca {MARKER} sin valores: {text!r}. Indica abs=... y/o rel=...")
        return Tolerance(**values)
    return None


def cell_kind(cell) -> str:
    """Cómo se comprueba una celda de código: 'ignorada', 'tolerancia' o 'exacta'."""
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(source)
    tags = cell.get("metadata", {}).get("tags", [])
    comments = {line.strip().lstrip("#").strip() for line in source.splitlines()
                if line.strip().startswith("#")}
    if comments & set(IGNORE_MARKERS) or set(tags) & set(IGNORE_TAGS):
        return "ignorada"
    if parse_marker(source) is not None:
        return "tolerancia"
    return "exacta"


def compare_text(stored: str, new: str, tol: Tolerance) -> str | None:
    """Compara dos textos con tolerancia en los números; ``None`` si coinciden.

    Si no coinciden, devuelve en español la primera diferencia.
    """
    stored_parts, new_parts = NUMBER.split(stored), NUMBER.split(new)
    stored_nums, new_nums = NUMBER.findall(stored), NUMBER.findall(new)
    if len(stored_nums) != len(new_nums):
        return (f"distinta cantidad de números: {len(stored_nums)} guardados, "
                f"{len(new_nums)} ahora")
    for i, (a, b) in enumerate(zip(stored_parts, new_parts, strict=True)):
        if a != b:
            return f"el texto entre números difiere (tramo {i}): {a!r} guardado, {b!r} ahora"
    for i, (a, b) in enumerate(zip(stored_nums, new_nums, strict=True)):
        if not tol.accepts(float(a), float(b)):
            return (f"el número {i + 1} sale {b} y se guardó {a}: fuera de la "
                    f"tolerancia ({tol})")
    return None


def _flatten(outputs, skip_compare, sanitize) -> dict[str, list]:
    """Como nbval: un diccionario tipo-de-salida -> lista de valores saneados."""
    flat = defaultdict(list)
    for output in outputs:
        for key, value in output.items():
            if key in skip_compare:
                continue
            if key == "data":
                for data_key, data_value in value.items():
                    if data_key not in skip_compare:
                        flat[data_key].append(sanitize(data_value))
            else:
                flat[key].append(sanitize(value))
    return flat


def compare_outputs(stored, new, tol: Tolerance | None, skip_compare=(), sanitize=lambda s: s):
    """Compara las salidas de una celda (listas de nbformat); ``None`` si coinciden.

    Con ``tol=None`` la comparación es exacta, como la de nbval sin marca.
    """
    ref, test = _flatten(stored, skip_compare, sanitize), _flatten(new, skip_compare, sanitize)
    if set(ref) != set(test):
        return f"tipos de salida distintos: {sorted(ref)} guardados, {sorted(test)} ahora"
    for key in ref:
        if len(ref[key]) != len(test[key]):
            return f"'{key}': {len(ref[key])} salidas guardadas, {len(test[key])} ahora"
        for a, b in zip(ref[key], test[key], strict=True):
            if tol is None:
                problem = None if a == b else "difiere (comparación exacta)"
            elif isinstance(a, str) and isinstance(b, str):
                problem = compare_text(a, b, tol)
            else:
                problem = None if a == b else "los valores no son iguales"
            if problem:
                return f"'{key}': {problem}\n--- guardado:\n{a}\n--- ahora:\n{b}"
    return None


# --- Enganche con nbval -----------------------------------------------------------------

def pytest_configure(config):
    """Sustituye la comparación de nbval en las celdas con marca de tolerancia."""
    try:
        from nbval.plugin import IPyNbCell, transform_streams_for_comparison
    except ImportError:  # sin nbval no hay nada que cambiar
        return
    if getattr(IPyNbCell, "_curso_tolerancia", False):
        return
    exact = IPyNbCell.compare_outputs

    def tolerant_compare(self, test, ref, skip_compare=None):
        tol = parse_marker(self.cell.source)
        if tol is None:
            return exact(self, test, ref, skip_compare)
        problem = compare_outputs(
            transform_streams_for_comparison(ref), transform_streams_for_comparison(test), tol,
            skip_compare or self.parent.skip_compare, self.sanitize)
        self.comparison_traceback = []
        if problem:
            self.comparison_traceback.append(f"Salida fuera de tolerancia ({MARKER}): {problem}")
            return False
        return True

    IPyNbCell.compare_outputs = tolerant_compare
    IPyNbCell._curso_tolerancia = True
