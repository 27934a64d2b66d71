"""Mapas de atención: una cabeza, la rejilla capas x cabezas y la atención cruzada.

Aceptan tensores de TF o arrays de NumPy tal como los devuelve transformers con
``output_attentions=True``: una tupla con un elemento por capa, cada uno de forma
``(lote, cabezas, consultas, claves)``.

Las etiquetas de los ejes deben salir de :func:`token_labels`, que decodifica
token a token: con BPE a nivel de byte (GPT-2), ``convert_ids_to_tokens``
muestra bytes sueltos como ``niÃ±a``.

Lo usan los cuadernos 03 (atención desde cero), 05 (BERT), 07 (GPT) y 08 (T5).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._validation import check_labels, check_rank, to_array


def token_labels(tokenizer: object, input_ids: object) -> list[str]:
    """Texto legible de cada token de ``input_ids`` (una sola secuencia), para los ejes.

    Decodifica cada id por separado; marca con ``␣`` los tokens que empiezan
    palabra en BPE a nivel de byte y deja ``##`` en las continuaciones de WordPiece.
    """
    if not hasattr(tokenizer, "decode"):
        raise TypeError("tokenizer debe ser un tokenizador de transformers (con .decode).")
    ids = to_array(input_ids, "input_ids").astype(int)
    if ids.ndim == 2 and ids.shape[0] == 1:
        ids = ids[0]
    check_rank(ids, [1], "input_ids", "Pasa una sola secuencia, por ejemplo enc['input_ids'][0].")
    pieces = tokenizer.convert_ids_to_tokens([int(i) for i in ids])
    labels = []
    for token_id, piece in zip(ids, pieces, strict=True):
        if piece is not None and piece.startswith("##"):
            labels.append(piece)
            continue
        text = tokenizer.decode([int(token_id)], clean_up_tokenization_spaces=False)
        if text.startswith(" ") and text.strip():
            text = "␣" + text.strip()
        labels.append(text.strip() or piece or "␣")
    return labels


def attention_stack(attentions: object, example: int = 0) -> np.ndarray:
    """Convierte las atenciones de transformers en un array ``(capas, cabezas, consultas, claves)``.

    Acepta la tupla de ``output_attentions`` (una entrada por capa, forma
    ``(lote, cabezas, q, k)``), un array 5-D con esa misma forma apilada, o un
    array 4-D ya de una sola frase. ``example`` elige la frase del lote.
    """
    if isinstance(attentions, (tuple, list)):
        if not attentions:
            raise ValueError("La tupla de atenciones está vacía: ¿llamaste al modelo con "
                             "output_attentions=True?")
        layers = [to_array(a, f"attentions[{i}]") for i, a in enumerate(attentions)]
        for i, layer in enumerate(layers):
            check_rank(layer, [4], f"attentions[{i}]",
                       "Cada capa debe tener forma (lote, cabezas, consultas, claves).")
        array = np.stack(layers)
    else:
        array = to_array(attentions, "attentions")
        check_rank(array, [4, 5], "attentions",
                   "Pasa outputs.attentions tal cual (tupla por capa) o un array "
                   "(capas, cabezas, consultas, claves).")
    if array.ndim == 5:
        if not isinstance(example, int) or not 0 <= example < array.shape[1]:
            raise ValueError(f"example={example!r} no existe: el lote tiene {array.shape[1]} frases "
                             f"(0 a {array.shape[1] - 1}).")
        array = array[:, example]
    return array


def _index(value: int, size: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} debe ser un entero, no {type(value).__name__}.")
    if not -size <= value < size:
        raise ValueError(f"{name}={value} no existe: hay {size} (índices 0 a {size - 1}).")
    return int(value) % size


def select_head(attentions: object, layer: int, head: int, example: int = 0) -> np.ndarray:
    """Matriz ``(consultas, claves)`` de una capa y una cabeza."""
    stack = attention_stack(attentions, example)
    layer = _index(layer, stack.shape[0], "layer")
    head = _index(head, stack.shape[1], "head")
    return stack[layer, head]


def _heatmap(ax, weights: np.ndarray, x_labels: Sequence[str], y_labels: Sequence[str],
             title: str | None, cmap: str, fontsize: int = 9, colorbar: bool = True):
    image = ax.imshow(weights, cmap=cmap, vmin=0.0, vmax=max(float(weights.max()), 1e-9),
                      aspect="auto")
    ax.set_xticks(range(len(x_labels)))
    ax.set_xticklabels(x_labels, rotation=90, fontsize=fontsize)
    ax.set_yticks(range(len(y_labels)))
    ax.set_yticklabels(y_labels, fontsize=fontsize)
    if title:
        ax.set_title(title, fontsize=fontsize + 2)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return image


def plot_attention(weights: object, tokens: Sequence[str], query_tokens: Sequence[str] | None = None,
                   title: str | None = None, ax=None, cmap: str = "viridis"):
    """Dibuja una matriz de atención ``(consultas, claves)`` con los tokens en los ejes.

    ``tokens`` etiqueta las claves (columnas); ``query_tokens`` las consultas
    (filas) y por defecto son los mismos (autoatención). Devuelve el ``Axes``.
    """
    import matplotlib.pyplot as plt

    matrix = to_array(weights, "weights")
    check_rank(matrix, [2], "weights", "Para una capa y cabeza usa select_head(...) primero.")
    x_labels = check_labels(tokens, matrix.shape[1], "tokens", "columnas (claves)")
    y_labels = check_labels(tokens if query_tokens is None else query_tokens, matrix.shape[0],
                            "tokens de consulta", "filas (consultas)")
    if ax is None:
        size = max(4.0, 0.4 * len(x_labels) + 2)
        _, ax = plt.subplots(figsize=(size, max(3.5, 0.4 * len(y_labels) + 1.5)))
    _heatmap(ax, matrix, x_labels, y_labels, title, cmap)
    ax.set_xlabel("clave (a qué token se atiende)")
    ax.set_ylabel("consulta (token que atiende)")
    return ax


def plot_attention_grid(attentions: object, tokens: Sequence[str], example: int = 0,
                        layers: Sequence[int] | None = None, heads: Sequence[int] | None = None,
                        cmap: str = "viridis", cell_size: float = 1.6,
                        show_tokens: bool | None = None):
    """Rejilla capas x cabezas: cada celda es el mapa de atención de una cabeza.

    Sirve para ver de un vistazo qué cabezas miran al token anterior, al
    siguiente, a ``[SEP]`` o a toda la frase. Devuelve la ``Figure``.

    Los tokens se ven en los ejes exteriores (claves abajo, consultas a la
    izquierda) si ``show_tokens`` es ``True``; con ``None`` se ponen cuando hay
    40 tokens o menos. La barra de color ("peso de atención", de 0 a 1) va a la
    derecha como eje hijo de la última celda de la primera fila, así que
    ``fig.axes`` sigue teniendo solo las celdas de la rejilla.
    """
    import matplotlib.pyplot as plt

    stack = attention_stack(attentions, example)
    n_layers, n_heads, n_q, n_k = stack.shape
    labels = check_labels(tokens, n_k, "tokens", "columnas (claves)")
    if n_q != n_k:
        raise ValueError("La rejilla es para autoatención (consultas = claves). Para atención "
                         "cruzada usa plot_cross_attention.")
    layer_ids = [_index(i, n_layers, "layer") for i in (layers or range(n_layers))]
    head_ids = [_index(h, n_heads, "head") for h in (heads or range(n_heads))]
    fig, axes = plt.subplots(len(layer_ids), len(head_ids), squeeze=False,
                             figsize=(cell_size * len(head_ids) + 1, cell_size * len(layer_ids) + 1))
    if show_tokens is None:
        show_tokens = len(labels) <= 40
    tick_size = max(3.0, min(7.0, 90.0 * cell_size / max(len(labels), 1) / 2.5))
    image = None
    for r, layer in enumerate(layer_ids):
        for c, head in enumerate(head_ids):
            ax = axes[r][c]
            image = ax.imshow(stack[layer, head], cmap=cmap, vmin=0.0, vmax=1.0)
            ax.set_xticks([])
            ax.set_yticks([])
            if show_tokens and r == len(layer_ids) - 1:  # claves, en la fila de abajo
                ax.set_xticks(range(n_k))
                ax.set_xticklabels(labels, rotation=90, fontsize=tick_size)
            if show_tokens and c == 0:  # consultas, en la columna de la izquierda
                ax.set_yticks(range(n_q))
                ax.set_yticklabels(labels, fontsize=tick_size)
            if r == 0:
                ax.set_title(f"cabeza {head}", fontsize=8)
            if c == 0:
                ax.set_ylabel(f"capa {layer}", fontsize=8)
    fig.suptitle(f"Atención por capa y cabeza · {len(labels)} tokens: "
                 + " ".join(labels[:12]) + (" …" if len(labels) > 12 else ""), fontsize=9)
    width = fig.get_figwidth()
    fig.tight_layout(rect=(0.0, 0.0, 1.0 - 0.8 / width, 1.0))  # 0,8 pulgadas para la barra
    _grid_colorbar(fig, axes, image)
    return fig


def _grid_colorbar(fig, axes, image) -> None:
    """Barra de color común a la derecha de la rejilla, sin añadir un eje a ``fig.axes``.

    Es un eje hijo (``inset_axes``) de la celda de arriba a la derecha, colocado en
    coordenadas de la figura: así el texto de la figura (``with N Axes``) que
    guardan los cuadernos no cambia.
    """
    top = axes[0][-1].get_position()
    bottom = axes[-1][-1].get_position()
    height = top.y1 - bottom.y0
    width = fig.get_figwidth()
    cax = axes[0][-1].inset_axes((1.0 - 0.7 / width, bottom.y0 + 0.1 * height, 0.12 / width,
                                  0.8 * height), transform=fig.transFigure)
    bar = fig.colorbar(image, cax=cax)
    bar.set_label("peso de atención", fontsize=8)
    bar.ax.tick_params(labelsize=7)


def plot_cross_attention(weights: object, source_tokens: Sequence[str],
                         target_tokens: Sequence[str], title: str | None = None, ax=None,
                         cmap: str = "magma"):
    """Atención cruzada del decodificador: filas = tokens generados, columnas = entrada.

    ``weights`` es ``(destino, origen)``, o ``(cabezas, destino, origen)`` y
    entonces se promedian las cabezas. Lo usa el cuaderno 08 (T5).
    """
    import matplotlib.pyplot as plt

    matrix = to_array(weights, "weights")
    check_rank(matrix, [2, 3], "weights",
               "Pasa (destino, origen) o (cabezas, destino, origen) de una capa y una frase.")
    if matrix.ndim == 3:
        matrix = matrix.mean(axis=0)
    x_labels = check_labels(source_tokens, matrix.shape[1], "tokens de origen", "columnas (origen)")
    y_labels = check_labels(target_tokens, matrix.shape[0], "tokens de destino", "filas (destino)")
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 0.4 * len(x_labels) + 2),
                                      max(3.0, 0.4 * len(y_labels) + 1.5)))
    _heatmap(ax, matrix, x_labels, y_labels, title or "Atención cruzada", cmap)
    ax.set_xlabel("entrada (codificador)")
    ax.set_ylabel("salida (decodificador)")
    return ax
