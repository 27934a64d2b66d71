"""Pruebas de course_utils.projection y course_utils.training."""

import numpy as np
import pytest

from course_utils.projection import (
    cosine_similarity_matrix,
    plot_projection,
    plot_similarity,
    project_2d,
)
from course_utils.training import plot_history


def nube(n=30, d=8, seed=0):
    rng = np.random.default_rng(seed)
    centros = np.repeat(np.eye(3, d) * 5, n // 3, axis=0)
    return centros + rng.normal(size=(n, d)), [f"g{i // (n // 3)}" for i in range(n)]


@pytest.mark.parametrize("metodo", ["pca", "tsne", "umap"])
def test_proyeccion_2d_separa_grupos(metodo):
    X, grupos = nube()
    coords = project_2d(X, metodo)
    assert coords.shape == (30, 2)
    centro = [coords[[g == f"g{k}" for g in grupos]].mean(0) for k in range(3)]
    dispersion = np.mean([coords[[g == f"g{k}" for g in grupos]].std(0).mean() for k in range(3)])
    assert np.linalg.norm(centro[0] - centro[1]) > dispersion
    np.testing.assert_allclose(project_2d(X, metodo), coords, atol=1e-4)  # repetible


def test_figura_de_proyeccion_con_etiquetas():
    X, grupos = nube()
    ax = plot_projection(X, groups=grupos, labels=[str(i) for i in range(30)])
    assert len(ax.texts) == 30
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"g0", "g1", "g2"}


def test_similitud():
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    S = cosine_similarity_matrix(X)
    np.testing.assert_allclose(np.diag(S), 1.0)
    assert S[0, 1] == pytest.approx(0.0)
    ax = plot_similarity(X, ["a", "b", "c"])
    assert len(ax.texts) == 9
    plot_similarity(S, ["a", "b", "c"])  # también acepta la matriz ya calculada


def test_historial():
    fig = plot_history({"loss": [1.0, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.7]},
                       best_epoch=2)
    assert len(fig.axes) == 2
    assert [ln.get_label() for ln in fig.axes[0].lines][:2] == ["entrenamiento", "validación"]
