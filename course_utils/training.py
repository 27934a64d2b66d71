"""Curvas de entrenamiento de Keras.

Lo usan los cuadernos 02, 03, 06, 07 y 09.

:func:`plot_history` crea su propia figura de varios paneles (uno por métrica) y
devuelve la ``Figure``, como manda la convención de las figuras de
``course_utils`` (ver :mod:`course_utils.projection`): las funciones de un solo
panel aceptan ``ax=`` y devuelven el ``Axes``; las que crean una figura de
varios paneles devuelven la ``Figure``. Si algo falla, la figura se cierra.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ._validation import check_title, closing_on_error

_HISTORY_HINT = ("history debe ser lo que devuelve model.fit(...) (o su .history) o un diccionario "
                 "{'loss': [...], 'val_loss': [...]} con al menos una serie.")


def _series(name: str, values: object) -> list[float]:
    if isinstance(values, (str, bytes)):
        raise TypeError(f"La serie {name!r} es un texto ({values[:20]!r}); debe ser una lista de "
                        "números, uno por época.")
    if isinstance(values, (int, float, np.number)) or getattr(values, "ndim", None) == 0:
        raise TypeError(f"La serie {name!r} es un solo valor ({values!r}); debe ser una lista de "
                        "números, uno por época.")
    try:
        raw = np.asarray(values)
        if raw.dtype.kind in "US":
            raise TypeError
        array = np.asarray(values, dtype=float)
    except OverflowError:
        raise ValueError(f"La serie {name!r} contiene un número demasiado grande para un "
                         "float.") from None
    except (TypeError, ValueError):
        raise TypeError(f"La serie {name!r} debe ser una lista de números, uno por época, y "
                        "contiene algo que no lo es (textos o listas anidadas).") from None
    if array.ndim != 1:
        raise ValueError(f"La serie {name!r} debe ser una lista plana de números (uno por época), "
                         f"y tiene forma {array.shape}.")
    if array.size == 0:
        raise ValueError(f"La serie {name!r} está vacía: ¿el entrenamiento llegó a hacer alguna "
                         "época?")
    return array.tolist()  # los NaN se dejan: una pérdida que diverge también se dibuja


def _as_dict(history: object) -> dict[str, list[float]]:
    data = getattr(history, "history", history)
    if hasattr(data, "columns") and hasattr(data, "to_dict"):  # un DataFrame de pandas
        data = data.to_dict("list")
    if not isinstance(data, Mapping) or not data:
        raise TypeError(_HISTORY_HINT)
    return {str(k): _series(str(k), v) for k, v in data.items()}


def _metric_names(metrics: object, data: dict[str, list[float]]) -> list[str]:
    if metrics is None:
        names = [k for k in data if not k.startswith("val_")]
        if not names:
            raise ValueError(f"Solo hay series de validación ({', '.join(sorted(data))}); "
                             "plot_history necesita también las de entrenamiento "
                             "('loss', 'accuracy'...).")
        return names
    if isinstance(metrics, str):
        raise TypeError(f"metrics debe ser una lista de nombres, no un solo texto: escribe "
                        f"metrics=[{metrics!r}].")
    try:
        names = list(metrics)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"metrics debe ser una lista de nombres de series, no "
                        f"{type(metrics).__name__}.") from None
    if not names:
        raise ValueError(f"metrics está vacía; las series que hay son {sorted(data)}.")
    bad = [m for m in names if not isinstance(m, str)]
    if bad:
        raise TypeError(f"metrics solo puede contener nombres (str), y tiene {bad[0]!r}.")
    val = [m for m in names if m.startswith("val_")]
    if val:
        raise ValueError(f"metrics usa los nombres de entrenamiento, sin 'val_': escribe "
                         f"{val[0][4:]!r} en lugar de {val[0]!r} y la validación se añade sola.")
    missing = [m for m in names if m not in data]
    if missing:
        raise ValueError(f"No hay series {missing} en el historial; las que hay son "
                         f"{sorted(data)}.")
    return names


# Títulos en español de las series que registra Keras (las demás salen con su nombre).
METRIC_NAMES = {"loss": "pérdida", "accuracy": "exactitud",
                "sparse_categorical_accuracy": "exactitud", "binary_accuracy": "exactitud"}


def plot_history(history: object, metrics: Sequence[str] | None = None, title: str | None = None,
                 best_epoch: int | None = None):
    """Dibuja pérdida y métricas por época (entrenamiento y validación lado a lado).

    ``history`` es el objeto de ``model.fit``, un diccionario de listas o un
    ``DataFrame`` con una columna por serie. ``metrics`` elige qué series base
    mostrar (por defecto todas las que no empiezan por ``val_``). ``best_epoch``
    (desde 1) marca, por ejemplo, la época que conservó la parada temprana.

    Crea una figura con un panel por métrica y devuelve la ``Figure``.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    data = _as_dict(history)
    names = _metric_names(metrics, data)
    title = check_title(title)
    for name in names:
        other = data.get(f"val_{name}")
        if other is not None and len(other) != len(data[name]):
            raise ValueError(f"'{name}' tiene {len(data[name])} épocas y 'val_{name}' "
                             f"{len(other)}: deben tener una por época (¿usaste validation_freq "
                             "en model.fit?).")
    n_epochs = max(len(data[name]) for name in names)
    if best_epoch is not None:
        if isinstance(best_epoch, bool) or not isinstance(best_epoch, (int, np.integer)):
            raise TypeError(f"best_epoch debe ser un entero (la época, desde 1), no "
                            f"{best_epoch!r}.")
        if not 1 <= best_epoch <= n_epochs:
            raise ValueError(f"best_epoch={best_epoch} no existe: las épocas van de 1 a {n_epochs} "
                             "(si viene de np.argmin, súmale 1).")
    fig, axes = plt.subplots(1, len(names), figsize=(4.5 * len(names), 3.4), squeeze=False)
    with closing_on_error(fig):
        for ax, name in zip(axes[0], names, strict=True):
            epochs = range(1, len(data[name]) + 1)
            ax.plot(epochs, data[name], "o-", label="entrenamiento")
            if f"val_{name}" in data:
                ax.plot(epochs, data[f"val_{name}"], "s--", label="validación")
            if best_epoch is not None:
                ax.axvline(int(best_epoch), color="gray", linestyle=":", label="mejor época")
            ax.set_xlabel("época")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # épocas enteras
            ax.set_title(METRIC_NAMES.get(name, name))
            ax.legend(fontsize=8)
        if title:
            fig.suptitle(title)
        fig.tight_layout()
    return fig
