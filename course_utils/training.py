"""Curvas de entrenamiento de Keras.

Lo usan los cuadernos 02, 03, 06, 07 y 09.
"""

from __future__ import annotations

from collections.abc import Sequence


def _as_dict(history: object) -> dict[str, list[float]]:
    data = getattr(history, "history", history)
    if not isinstance(data, dict) or not data:
        raise TypeError("history debe ser lo que devuelve model.fit(...) o un diccionario "
                        "{'loss': [...], 'val_loss': [...]} con al menos una serie.")
    return {str(k): [float(x) for x in v] for k, v in data.items()}


def plot_history(history: object, metrics: Sequence[str] | None = None, title: str | None = None,
                 best_epoch: int | None = None):
    """Dibuja pérdida y métricas por época (entrenamiento y validación lado a lado).

    ``history`` es el objeto de ``model.fit`` o un diccionario de listas.
    ``metrics`` elige qué series base mostrar (por defecto todas las que no
    empiezan por ``val_``). ``best_epoch`` (desde 1) marca, por ejemplo, la
    época que conservó la parada temprana. Devuelve la ``Figure``.
    """
    import matplotlib.pyplot as plt

    data = _as_dict(history)
    names = list(metrics) if metrics is not None else [k for k in data if not k.startswith("val_")]
    missing = [m for m in names if m not in data]
    if missing or not names:
        raise ValueError(f"No hay series {missing or names} en el historial; las que hay son "
                         f"{sorted(data)}.")
    fig, axes = plt.subplots(1, len(names), figsize=(4.5 * len(names), 3.4), squeeze=False)
    for ax, name in zip(axes[0], names, strict=True):
        epochs = range(1, len(data[name]) + 1)
        ax.plot(epochs, data[name], "o-", label="entrenamiento")
        if f"val_{name}" in data:
            ax.plot(epochs, data[f"val_{name}"], "s--", label="validación")
        if best_epoch is not None:
            ax.axvline(best_epoch, color="gray", linestyle=":", label="mejor época")
        ax.set_xlabel("época")
        ax.set_title(name)
        ax.legend(fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
