"""Figuras de embeddings: mapa de similitud coseno y proyección a 2-D (PCA, t-SNE, UMAP).

Lo usan los cuadernos 01 (vectores estáticos), 05 (BERT) y 09 (sesgo).

Convención de las figuras de ``course_utils`` (``projection``, ``attention`` y ``training``):

- Las funciones que dibujan un solo panel (``plot_projection``,
  ``plot_similarity``, ``plot_attention``, ``plot_cross_attention``) aceptan
  ``ax=``: dibujan en esos ejes o, con ``ax=None``, en una figura nueva, y
  devuelven el ``Axes``. Su figura es ``ax.figure``.
- Las funciones que crean una figura de varios paneles (``plot_history``,
  ``plot_attention_grid``) no aceptan ``ax`` y devuelven la ``Figure``.
- Ninguna llama a ``plt.show()``: el cuaderno decide cuándo mostrar.
- Si la función lanza un error, la figura que hubiera creado se cierra
  (``plt.close``): no queda una figura vacía a medias.
- Cada barra de color lleva su etiqueta ("similitud coseno", "peso de atención").
- ``ax``, ``cmap`` y ``title`` se validan con mensajes en español.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._validation import (
    axes_or_new,
    check_ax,
    check_bool,
    check_choice,
    check_cmap,
    check_labels,
    check_random_state,
    check_rank,
    check_title,
    to_array,
)

PROJECTION_METHODS = ("pca", "tsne", "umap")
SIMILARITY_SCALES = ("auto", "coseno")
_HINT = ("Pasa una matriz (n, dimensión) de vectores: por ejemplo codificador.encode(textos), "
         "o pool(salida.last_hidden_state, enc['attention_mask']).")
# Menos puntos que esto y el método falla dentro de scikit-learn / umap-learn.
_MIN_POINTS = {"pca": 3, "tsne": 3, "umap": 4}


def _matrix(embeddings: object) -> np.ndarray:
    X = to_array(embeddings, "embeddings", _HINT)
    check_rank(X, [2], "embeddings", "Forma (n, dimensión): un vector por fila.")
    return X


def _no_zero_rows(X: np.ndarray, why: str) -> None:
    zero = np.flatnonzero(np.linalg.norm(X, axis=1) == 0)
    if zero.size:
        raise ValueError(f"La fila {int(zero[0])} de embeddings es un vector de norma cero: {why} "
                         "Quítala o revisa cómo se calculó (¿una frase vacía o todo relleno?).")


def project_2d(embeddings: object, method: str = "pca", random_state: int | None = 0) -> np.ndarray:
    """Proyecta ``(n, D)`` a ``(n, 2)`` con PCA, t-SNE o UMAP (de scikit-learn y umap-learn).

    PCA conserva las direcciones de mayor varianza (lineal, rápida); t-SNE y
    UMAP conservan sobre todo los vecindarios (no lineales; las distancias
    entre grupos lejanos no significan mucho). ``random_state`` las hace repetibles.

    Hacen falta al menos 3 vectores (4 con UMAP), de dimensión 2 o más y no
    todos iguales; con UMAP (métrica coseno), ninguno de norma cero.
    """
    method = check_choice(method, PROJECTION_METHODS, "method")
    random_state = check_random_state(random_state)
    X = _matrix(embeddings)
    n, dim = X.shape
    minimum = _MIN_POINTS[method]
    if n < minimum:
        raise ValueError(f"Hacen falta al menos {minimum} vectores para proyectar con "
                         f"{method.upper()}; hay {n}.")
    if dim < 2:
        raise ValueError(f"Los vectores tienen dimensión {dim}: para proyectar a 2-D hacen falta "
                         "al menos 2 columnas (con una sola, dibújala directamente).")
    if np.allclose(X, X[0]):
        raise ValueError(f"Los {n} vectores son todos iguales: no hay nada que proyectar (todas las "
                         "distancias son 0). ¿Codificaste la misma frase varias veces?")
    if method == "pca":
        from sklearn.decomposition import PCA

        return PCA(n_components=2, random_state=random_state).fit_transform(X)
    if method == "tsne":
        from sklearn.manifold import TSNE

        perplexity = float(min(30, max(2, (n - 1) // 3)))
        return TSNE(n_components=2, perplexity=perplexity, init="pca",
                    random_state=random_state).fit_transform(X)
    _no_zero_rows(X, "UMAP usa la distancia coseno, que no está definida para él.")
    import umap

    reducer = umap.UMAP(n_components=2, n_neighbors=min(15, n - 1), min_dist=0.1,
                        metric="cosine", random_state=random_state, n_jobs=1)
    return reducer.fit_transform(X)


def plot_projection(embeddings: object, groups: Sequence[str] | None = None,
                    labels: Sequence[str] | None = None, method: str = "pca",
                    random_state: int | None = 0, ax=None, title: str | None = None):
    """Proyección 2-D coloreada por grupo y, si se pasan, con una etiqueta por punto.

    ``embeddings`` puede ser ``(n, D)`` (se proyecta con ``method``) o ya
    ``(n, 2)``. ``groups`` da el color (por ejemplo el tema de cada frase).

    Un solo panel: dibuja en ``ax`` (o en una figura nueva si es ``None``) y
    devuelve el ``Axes``.
    """
    ax = check_ax(ax)
    title = check_title(title)
    X = _matrix(embeddings)
    method = check_choice(method, PROJECTION_METHODS, "method")
    n = len(X)
    group_list = check_labels(groups, n, "grupos", "filas") if groups is not None else ["-"] * n
    label_list = check_labels(labels, n, "etiquetas", "filas") if labels is not None else None
    coords = X if X.shape[1] == 2 else project_2d(X, method, random_state)
    import matplotlib.pyplot as plt

    with axes_or_new(ax, (7, 5.5)) as ax:
        palette = plt.get_cmap("tab10")
        for i, group in enumerate(dict.fromkeys(group_list)):
            mask = np.array([g == group for g in group_list])
            ax.scatter(coords[mask, 0], coords[mask, 1], s=40, color=palette(i % 10),
                       label=group if groups is not None else None, alpha=0.85)
        if label_list is not None:
            for (x, y), text in zip(coords, label_list, strict=True):
                ax.annotate(text, (x, y), fontsize=8, xytext=(3, 3), textcoords="offset points")
        if groups is not None:
            ax.legend(fontsize=8, loc="best")
        ax.set_title(title or f"Proyección 2-D ({method.upper()})")
        ax.set_xticks([])
        ax.set_yticks([])
    return ax


def cosine_similarity_matrix(embeddings: object) -> np.ndarray:
    """Matriz ``(n, n)`` de similitudes coseno (``sklearn.metrics.pairwise``)."""
    from sklearn.metrics.pairwise import cosine_similarity

    X = _matrix(embeddings)
    _no_zero_rows(X, "su coseno con cualquier otro no está definido.")
    return cosine_similarity(X)


def _is_similarity(X: np.ndarray) -> bool:
    return bool(X.shape[0] == X.shape[1] and np.allclose(X, X.T)
                and np.allclose(np.diag(X), 1.0, atol=1e-4)
                and np.all(np.abs(X) <= 1.0 + 1e-4))


def _limit(value: object, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value):
        raise TypeError(f"{name} debe ser un número finito o None, no {value!r}.")
    return float(value)


def similarity_limits(sims: np.ndarray, scale: str = "auto") -> tuple[float, float]:
    """Rango de colores ``(vmin, vmax)`` del mapa de similitud.

    ``"coseno"``: siempre ``(-1, 1)``, comparable entre figuras. ``"auto"``: del
    mínimo al máximo de los valores fuera de la diagonal (la diagonal, 1, queda
    con el color más alto), para que 0.35 y 0.59 no salgan del mismo color; si
    hay valores positivos y negativos, el rango es simétrico y el 0 queda en el
    centro del mapa. Si todos los valores fuera de la diagonal son iguales (o
    no hay), se usa ``(-1, 1)``.
    """
    scale = check_choice(scale, SIMILARITY_SCALES, "scale")
    off = sims[~np.eye(len(sims), dtype=bool)]
    if scale == "coseno" or off.size == 0 or np.ptp(off) < 1e-6:
        return -1.0, 1.0
    low, high = float(off.min()), float(off.max())
    if low < 0 < high:
        bound = max(-low, high)
        return -bound, bound
    return low, high


def plot_similarity(embeddings: object, labels: Sequence[str], ax=None, title: str | None = None,
                    annotate: bool = True, cmap: str = "RdBu_r", scale: str = "auto",
                    vmin: float | None = None, vmax: float | None = None):
    """Mapa de calor de similitud coseno entre frases, con el valor en cada celda.

    ``embeddings`` es ``(n, D)``; o una matriz ``(n, n)`` de similitudes ya
    calculada si es cuadrada y simétrica, con unos en la diagonal y valores entre
    -1 y 1.

    Colores: con ``scale="auto"`` (por defecto) el rango va del mínimo al máximo
    de las similitudes fuera de la diagonal (simétrico alrededor de 0 si las hay
    negativas), para ver el contraste dentro de la matriz; con ``scale="coseno"``
    es siempre de -1 a 1, para comparar figuras entre sí. ``vmin`` y ``vmax``
    fijan el rango a mano. La barra de color se titula "similitud coseno" y los
    números de las celdas son siempre los valores reales.

    Un solo panel: dibuja en ``ax`` (o en una figura nueva si es ``None``) y
    devuelve el ``Axes``.
    """
    ax = check_ax(ax)
    cmap = check_cmap(cmap)
    title = check_title(title)
    annotate = check_bool(annotate, "annotate")
    scale = check_choice(scale, SIMILARITY_SCALES, "scale")
    vmin, vmax = _limit(vmin, "vmin"), _limit(vmax, "vmax")
    X = _matrix(embeddings)
    sims = X if _is_similarity(X) else cosine_similarity_matrix(X)
    names = check_labels(labels, len(sims), "etiquetas", "filas")
    auto_low, auto_high = similarity_limits(sims, scale)
    low = auto_low if vmin is None else vmin
    high = auto_high if vmax is None else vmax
    if low >= high:
        raise ValueError(f"El rango de colores queda vacío: vmin={low:g} debe ser menor que "
                         f"vmax={high:g}.")
    size = max(5.0, 0.55 * len(names) + 3)
    with axes_or_new(ax, (size + 1.5, size)) as ax:
        image = ax.imshow(sims, cmap=cmap, vmin=low, vmax=high)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels(names, fontsize=8)
        if annotate and len(names) <= 20:
            rgba = image.cmap(image.norm(sims))
            luminance = rgba[..., :3] @ np.array([0.299, 0.587, 0.114])
            for i in range(len(names)):
                for j in range(len(names)):
                    ax.text(j, i, f"{sims[i, j]:.2f}", ha="center", va="center", fontsize=7,
                            color="white" if luminance[i, j] < 0.5 else "black")
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
        bar.set_label("similitud coseno", fontsize=8)
        ax.set_title(title or "Similitud coseno")
    return ax
