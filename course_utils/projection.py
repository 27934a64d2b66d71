"""Figuras de embeddings: mapa de similitud coseno y proyección a 2-D (PCA, t-SNE, UMAP).

Lo usan los cuadernos 01 (vectores estáticos), 05 (BERT) y 09 (sesgo).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._validation import check_choice, check_labels, check_rank, to_array

PROJECTION_METHODS = ("pca", "tsne", "umap")


def _matrix(embeddings: object) -> np.ndarray:
    X = to_array(embeddings, "embeddings")
    check_rank(X, [2], "embeddings", "Forma (n, dimensión): un vector por fila.")
    return X


def project_2d(embeddings: object, method: str = "pca", random_state: int = 0) -> np.ndarray:
    """Proyecta ``(n, D)`` a ``(n, 2)`` con PCA, t-SNE o UMAP (de scikit-learn y umap-learn).

    PCA conserva las direcciones de mayor varianza (lineal, rápida); t-SNE y
    UMAP conservan sobre todo los vecindarios (no lineales; las distancias
    entre grupos lejanos no significan mucho). ``random_state`` las hace repetibles.
    """
    method = check_choice(method, PROJECTION_METHODS, "method")
    X = _matrix(embeddings)
    n = X.shape[0]
    if n < 3:
        raise ValueError(f"Hacen falta al menos 3 vectores para proyectar; hay {n}.")
    if method == "pca":
        from sklearn.decomposition import PCA

        return PCA(n_components=2, random_state=random_state).fit_transform(X)
    if method == "tsne":
        from sklearn.manifold import TSNE

        perplexity = float(min(30, max(2, (n - 1) // 3)))
        return TSNE(n_components=2, perplexity=perplexity, init="pca",
                    random_state=random_state).fit_transform(X)
    import umap

    reducer = umap.UMAP(n_components=2, n_neighbors=min(15, n - 1), min_dist=0.1,
                        metric="cosine", random_state=random_state, n_jobs=1)
    return reducer.fit_transform(X)


def plot_projection(embeddings: object, groups: Sequence[str] | None = None,
                    labels: Sequence[str] | None = None, method: str = "pca",
                    random_state: int = 0, ax=None, title: str | None = None):
    """Proyección 2-D coloreada por grupo y, si se pasan, con una etiqueta por punto.

    ``embeddings`` puede ser ``(n, D)`` (se proyecta con ``method``) o ya
    ``(n, 2)``. ``groups`` da el color (por ejemplo el tema de cada frase).
    Devuelve el ``Axes``.
    """
    import matplotlib.pyplot as plt

    X = _matrix(embeddings)
    method = check_choice(method, PROJECTION_METHODS, "method")
    coords = X if X.shape[1] == 2 else project_2d(X, method, random_state)
    n = len(coords)
    group_list = check_labels(groups, n, "grupos", "filas") if groups is not None else ["-"] * n
    label_list = check_labels(labels, n, "etiquetas", "filas") if labels is not None else None
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5.5))
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

    return cosine_similarity(_matrix(embeddings))


def plot_similarity(embeddings: object, labels: Sequence[str], ax=None, title: str | None = None,
                    annotate: bool = True, cmap: str = "RdBu_r"):
    """Mapa de calor de similitud coseno entre frases, con el valor en cada celda.

    ``embeddings`` es ``(n, D)``; o una matriz ``(n, n)`` de similitudes ya
    calculada si es cuadrada y simétrica con unos en la diagonal. Devuelve el ``Axes``.
    """
    import matplotlib.pyplot as plt

    X = _matrix(embeddings)
    is_similarity = (X.shape[0] == X.shape[1] and np.allclose(X, X.T)
                     and np.allclose(np.diag(X), 1.0, atol=1e-4))
    sims = X if is_similarity else cosine_similarity_matrix(X)
    names = check_labels(labels, len(sims), "etiquetas", "filas")
    if ax is None:
        size = max(5.0, 0.55 * len(names) + 3)
        _, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(sims, cmap=cmap, vmin=-1, vmax=1)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=8)
    if annotate and len(names) <= 20:
        for i in range(len(names)):
            for j in range(len(names)):
                ax.text(j, i, f"{sims[i, j]:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if abs(sims[i, j]) > 0.6 else "black")
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    ax.set_title(title or "Similitud coseno")
    return ax
