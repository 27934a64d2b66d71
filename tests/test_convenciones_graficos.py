"""Convenciones comunes de las figuras de course_utils (issue #12).

- Las funciones de un solo panel aceptan ``ax=`` y devuelven el ``Axes``; las que
  crean una figura de varios paneles devuelven la ``Figure``.
- Si una función falla, la figura que ella creó se cierra (la del usuario, no).
- Las barras de color llevan etiqueta.
- ``plot_similarity`` ajusta el rango de colores a los datos, o a [-1, 1] si se pide.
- El texto de la figura que guardan los cuadernos (``<Figure size ... with N Axes>``)
  no cambia.
"""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from course_utils import attention, projection, training

ATT = tuple(np.full((1, 2, 3, 3), 1 / 3) for _ in range(2))
HIST = {"loss": [1.0, 0.5, 0.4], "val_loss": [1.1, 0.7, 0.6], "accuracy": [0.5, 0.7, 0.8]}


def _puntos(n=6, d=5, seed=0):
    return np.random.default_rng(seed).normal(size=(n, d))


UN_PANEL = {
    "plot_similarity": lambda **kw: projection.plot_similarity(_puntos(), list("abcdef"), **kw),
    "plot_projection": lambda **kw: projection.plot_projection(_puntos(), groups=list("aabbcc"), **kw),
    "plot_attention": lambda **kw: attention.plot_attention(np.eye(3), list("abc"), **kw),
    "plot_cross_attention": lambda **kw: attention.plot_cross_attention(
        np.full((2, 3), 1 / 3), list("abc"), list("xy"), **kw),
}
VARIOS_PANELES = {
    "plot_history": lambda: training.plot_history(HIST),
    "plot_attention_grid": lambda: attention.plot_attention_grid(ATT, list("abc")),
}


@pytest.mark.parametrize("nombre", list(UN_PANEL))
def test_un_panel_devuelve_el_axes(nombre):
    nuevo = UN_PANEL[nombre]()
    assert isinstance(nuevo, Axes)
    fig, ejes = plt.subplots(1, 2)
    assert UN_PANEL[nombre](ax=ejes[1]) is ejes[1]


@pytest.mark.parametrize("nombre", list(VARIOS_PANELES))
def test_varios_paneles_devuelve_la_figure(nombre):
    assert isinstance(VARIOS_PANELES[nombre](), Figure)


@pytest.mark.parametrize("funcion", [
    projection.plot_similarity, projection.plot_projection, attention.plot_attention,
    attention.plot_cross_attention, training.plot_history, attention.plot_attention_grid])
def test_la_convencion_esta_en_el_docstring(funcion):
    doc = " ".join(funcion.__doc__.split())
    esperado = "``Figure``" if funcion.__name__ in VARIOS_PANELES else "devuelve el ``Axes``"
    assert esperado in doc


@pytest.mark.parametrize("modulo", [projection, attention, training])
def test_la_convencion_esta_en_el_modulo(modulo):
    doc = " ".join(modulo.__doc__.split())
    assert "devuelven el ``Axes``" in doc and "``Figure``" in doc


# --- Cerrar la figura propia si algo falla ------------------------------------------------

FALLOS = [
    ("plot_similarity", "imshow", UN_PANEL["plot_similarity"]),
    ("plot_projection", "scatter", UN_PANEL["plot_projection"]),
    ("plot_attention", "imshow", UN_PANEL["plot_attention"]),
    ("plot_cross_attention", "imshow", UN_PANEL["plot_cross_attention"]),
    ("plot_history", "plot", lambda **kw: training.plot_history(HIST, **kw)),
]


def _rompe(*args, **kwargs):
    raise RuntimeError("fallo simulado al dibujar")


@pytest.mark.parametrize(("nombre", "metodo", "llamada"), FALLOS, ids=[f[0] for f in FALLOS])
def test_cierra_su_figura_si_falla(nombre, metodo, llamada, monkeypatch):
    plt.close("all")
    monkeypatch.setattr(Axes, metodo, _rompe)
    with pytest.raises(RuntimeError):
        llamada()
    assert plt.get_fignums() == []


@pytest.mark.parametrize(("nombre", "metodo", "llamada"), FALLOS[:4], ids=[f[0] for f in FALLOS[:4]])
def test_no_cierra_la_figura_del_usuario(nombre, metodo, llamada, monkeypatch):
    plt.close("all")
    fig, ax = plt.subplots()
    monkeypatch.setattr(Axes, metodo, _rompe)
    with pytest.raises(RuntimeError):
        llamada(ax=ax)
    assert plt.get_fignums() == [fig.number]


@pytest.mark.parametrize("nombre", list(UN_PANEL))
def test_error_de_validacion_no_deja_figuras(nombre):
    plt.close("all")
    with pytest.raises(ValueError):
        UN_PANEL[nombre](cmap="no-existe") if nombre != "plot_projection" else \
            projection.plot_projection(np.ones((5, 3)))
    assert plt.get_fignums() == []


# --- Barras de color con etiqueta ---------------------------------------------------------

def _barra(ax):
    return ax.images[0].colorbar


def test_barras_de_color_etiquetadas():
    assert _barra(UN_PANEL["plot_similarity"]()).ax.get_ylabel() == "similitud coseno"
    assert _barra(UN_PANEL["plot_attention"]()).ax.get_ylabel() == "peso de atención"
    assert _barra(UN_PANEL["plot_cross_attention"]()).ax.get_ylabel() == "peso de atención"
    fig = VARIOS_PANELES["plot_attention_grid"]()
    barras = [im.colorbar for ax in fig.axes for im in ax.images if im.colorbar is not None]
    assert [b.ax.get_ylabel() for b in barras] == ["peso de atención"]


# --- Rango de colores de plot_similarity --------------------------------------------------

def _matriz(fuera):
    """Matriz de similitud 3x3 con los valores ``fuera`` fuera de la diagonal."""
    S = np.eye(3)
    S[0, 1] = S[1, 0] = fuera[0]
    S[0, 2] = S[2, 0] = fuera[1]
    S[1, 2] = S[2, 1] = fuera[2]
    return S


def test_rango_automatico_del_minimo_al_maximo():
    ax = projection.plot_similarity(_matriz([0.35, 0.47, 0.59]), list("abc"))
    assert ax.images[0].get_clim() == pytest.approx((0.35, 0.59))
    # los valores de las celdas siguen siendo los reales
    assert sorted(t.get_text() for t in ax.texts)[:2] == ["0.35", "0.35"]


def test_rango_automatico_simetrico_con_negativos():
    ax = projection.plot_similarity(_matriz([-0.2, 0.1, 0.5]), list("abc"))
    assert ax.images[0].get_clim() == pytest.approx((-0.5, 0.5))


def test_rango_coseno_y_a_mano():
    S = _matriz([0.35, 0.47, 0.59])
    assert projection.plot_similarity(S, list("abc"), scale="coseno").images[0].get_clim() == (-1, 1)
    ax = projection.plot_similarity(S, list("abc"), vmin=0.0, vmax=0.8)
    assert ax.images[0].get_clim() == pytest.approx((0.0, 0.8))
    ax = projection.plot_similarity(S, list("abc"), vmin=0.0)  # solo uno: el otro, automático
    assert ax.images[0].get_clim() == pytest.approx((0.0, 0.59))


def test_rango_con_valores_iguales_vuelve_a_menos_uno_uno():
    # el mapa de 'banco' con skip-gram del cuaderno 01: el mismo vector en todas las frases
    X = np.repeat(_puntos(1), 4, axis=0)
    ax = projection.plot_similarity(X, list("abcd"))
    assert ax.images[0].get_clim() == (-1, 1)
    assert {t.get_text() for t in ax.texts} == {"1.00"}


def test_texto_legible_en_celdas_oscuras():
    ax = projection.plot_similarity(_matriz([0.35, 0.47, 0.59]), list("abc"))
    colores = {t.get_text(): t.get_color() for t in ax.texts}
    assert colores["0.35"] == "white" and colores["1.00"] == "white"  # extremos de RdBu_r
    assert colores["0.47"] == "black"  # centro, casi blanco


def test_acepta_un_colormap_o_none():
    UN_PANEL["plot_similarity"](cmap=matplotlib.colormaps["viridis"])
    UN_PANEL["plot_attention"](cmap=None)


# --- El texto que guardan los cuadernos no cambia -----------------------------------------

def test_texto_de_la_figura_como_en_los_cuadernos():
    # cuadernos 01 y 05: dos mapas de similitud lado a lado (2 paneles + 2 barras de color)
    fig, ejes = plt.subplots(1, 2, figsize=(15, 6.5))
    projection.plot_similarity(_puntos(10), [str(i) for i in range(10)], ax=ejes[0])
    projection.plot_similarity(_puntos(10) - 1, [str(i) for i in range(10)], ax=ejes[1])
    assert repr(fig) == "<Figure size 1500x650 with 4 Axes>"
    # cuaderno 00: una cabeza con su barra de color
    ax = attention.plot_attention(np.eye(3), list("abc"))
    assert repr(ax.figure).endswith("with 2 Axes>")
    # cuaderno 03/06: historial de dos métricas
    assert repr(training.plot_history(HIST, metrics=["loss", "accuracy"])) == \
        "<Figure size 900x340 with 2 Axes>"
