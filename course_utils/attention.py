"""Mapas de atención: una cabeza, la rejilla capas x cabezas y la atención cruzada.

Aceptan tensores de TF o arrays de NumPy tal como los devuelve transformers con
``output_attentions=True``: una tupla con un elemento por capa, cada uno de forma
``(lote, cabezas, consultas, claves)``.

Las etiquetas de los ejes deben salir de :func:`token_labels`, que decodifica
token a token: con BPE a nivel de byte (GPT-2), ``convert_ids_to_tokens``
muestra bytes sueltos como ``niÃ±a``.

Convención de las figuras (la misma en ``projection`` y ``training``): las de un
solo panel (:func:`plot_attention`, :func:`plot_cross_attention`) aceptan
``ax=`` y devuelven el ``Axes``; la rejilla (:func:`plot_attention_grid`) crea
su propia figura de varios paneles y devuelve la ``Figure``. Las barras de color
se titulan "peso de atención". Si :func:`plot_attention` o
:func:`plot_cross_attention` fallan, la figura que hubieran creado se cierra;
la rejilla valida sus entradas antes de crear la figura (salvo ``cmap``).

Lo usan los cuadernos 03 (atención desde cero), 05 (BERT), 07 (GPT) y 08 (T5).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ._validation import (
    axes_or_new,
    check_ax,
    check_cmap,
    check_int,
    check_labels,
    check_rank,
    check_title,
    closing_on_error,
    to_array,
)

_ATT_HINT = ("Llama al modelo con output_attentions=True y pasa salida.attentions (una tupla con "
             "una entrada por capa).")
_HEAD_HINT = "Para dibujar una cabeza usa select_head(salida.attentions, capa, cabeza)."
_CROSS_HINT = ("Pasa la atención cruzada de una capa y una frase, por ejemplo "
               "salida.cross_attentions[capa][0] (forma (cabezas, destino, origen)).")


def token_labels(tokenizer: object, input_ids: object) -> list[str]:
    """Texto legible de cada token de ``input_ids`` (una sola secuencia), para los ejes.

    Decodifica cada id por separado; marca con ``␣`` los tokens que empiezan
    palabra en BPE a nivel de byte y deja ``##`` en las continuaciones de WordPiece.
    """
    if not hasattr(tokenizer, "decode") or not hasattr(tokenizer, "convert_ids_to_tokens"):
        raise TypeError("tokenizer debe ser un tokenizador de transformers (con .decode).")
    if isinstance(input_ids, str):
        raise TypeError("input_ids recibió un texto: tokeniza primero, por ejemplo "
                        "tokenizer(texto)['input_ids'].")
    values = to_array(input_ids, "input_ids", "Pasa enc['input_ids'] de una sola frase.")
    if values.ndim == 2 and values.shape[0] == 1:
        values = values[0]
    check_rank(values, [1], "input_ids", "Pasa una sola secuencia, por ejemplo enc['input_ids'][0].")
    if not np.all(values == np.round(values)):
        raise ValueError("input_ids deben ser enteros (los ids del tokenizador), y hay valores con "
                         "decimales.")
    if values.min() < 0:
        raise ValueError(f"input_ids no puede tener ids negativos (hay {int(values.min())}): "
                         "¿son etiquetas con -100 en lugar de ids?")
    vocab = len(tokenizer) if hasattr(tokenizer, "__len__") else None
    # Muchos modelos rellenan su matriz de embeddings hasta un múltiplo de 128 (T5: 32100 ->
    # 32128), y generate() puede devolver esos ids de más: se aceptan (se ven como «␣»).
    if vocab is not None and values.max() >= -(-vocab // 128) * 128:
        raise ValueError(f"El id {int(values.max())} está fuera del vocabulario del tokenizador "
                         f"({vocab} piezas): ¿ids de otro tokenizador?")
    ids = values.astype(int)
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
    if isinstance(attentions, Mapping) and "attentions" not in attentions:
        raise TypeError(f"attentions recibió la salida completa de un modelo "
                        f"({type(attentions).__name__}) sin atenciones. {_ATT_HINT}")
    if isinstance(attentions, (tuple, list)):
        if not attentions:
            raise ValueError("La tupla de atenciones está vacía: ¿llamaste al modelo con "
                             "output_attentions=True?")
        if isinstance(attentions[0], (tuple, list)):
            raise ValueError("attentions es una tupla de tuplas: parece la salida de generate(), "
                             "con una tupla de capas por cada paso de generación. Elige un paso: "
                             "salida.attentions[paso] (o salida.cross_attentions[paso]).")
        layers = [to_array(a, f"attentions[{i}]", _ATT_HINT) for i, a in enumerate(attentions)]
        for i, layer in enumerate(layers):
            check_rank(layer, [4], f"attentions[{i}]",
                       "Cada capa debe tener forma (lote, cabezas, consultas, claves).")
            if layer.shape != layers[0].shape:
                raise ValueError(f"La capa {i} de attentions tiene forma {layer.shape} y la capa 0 "
                                 f"{layers[0].shape}: todas deben venir de la misma llamada al "
                                 "modelo.")
        array = np.stack(layers)
    else:
        array = to_array(attentions, "attentions", _ATT_HINT)
        check_rank(array, [4, 5], "attentions",
                   "Pasa outputs.attentions tal cual (tupla por capa) o un array "
                   "(capas, cabezas, consultas, claves).")
    if array.ndim == 5:
        example = check_int(example, "example")
        if not 0 <= example < array.shape[1]:
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
             title: str | None, cmap: str, fontsize: int = 9, colorbar: bool = True,
             colorbar_label: str = "peso de atención", vmax: float | None = None):
    top = max(float(weights.max()), 1e-9) if vmax is None else vmax
    image = ax.imshow(weights, cmap=cmap, vmin=0.0, vmax=top, aspect="auto")
    ax.set_xticks(range(len(x_labels)))
    ax.set_xticklabels(x_labels, rotation=90, fontsize=fontsize)
    ax.set_yticks(range(len(y_labels)))
    ax.set_yticklabels(y_labels, fontsize=fontsize)
    if title:
        ax.set_title(title, fontsize=fontsize + 2)
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
        bar.set_label(colorbar_label, fontsize=8)
    return image


def plot_attention(weights: object, tokens: Sequence[str], query_tokens: Sequence[str] | None = None,
                   title: str | None = None, ax=None, cmap: str = "viridis"):
    """Dibuja una matriz de atención ``(consultas, claves)`` con los tokens en los ejes.

    ``tokens`` etiqueta las claves (columnas); ``query_tokens`` las consultas
    (filas) y por defecto son los mismos (autoatención). La barra de color se
    titula "peso de atención".

    Un solo panel: dibuja en ``ax`` (o en una figura nueva si es ``None``) y
    devuelve el ``Axes``.
    """
    ax = check_ax(ax)
    cmap = check_cmap(cmap)
    title = check_title(title)
    matrix = to_array(weights, "weights", _HEAD_HINT)
    check_rank(matrix, [2], "weights", "Para una capa y cabeza usa select_head(...) primero.")
    x_labels = check_labels(tokens, matrix.shape[1], "tokens", "columnas (claves)")
    y_labels = check_labels(tokens if query_tokens is None else query_tokens, matrix.shape[0],
                            "tokens de consulta", "filas (consultas)")
    size = max(4.0, 0.4 * len(x_labels) + 2)
    with axes_or_new(ax, (size, max(3.5, 0.4 * len(y_labels) + 1.5))) as ax:
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
    cmap = check_cmap(cmap)
    fig, axes = plt.subplots(len(layer_ids), len(head_ids), squeeze=False,
                             figsize=(cell_size * len(head_ids) + 1, cell_size * len(layer_ids) + 1))
    with closing_on_error(fig):
        _draw_grid(fig, axes, stack, labels, layer_ids, head_ids, cmap, cell_size, show_tokens)
    return fig


def _draw_grid(fig, axes, stack, labels, layer_ids, head_ids, cmap, cell_size, show_tokens):
    n_q, n_k = stack.shape[-2:]
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


def _check_vmax(vmax: object) -> float | None:
    """``None`` (el máximo de la matriz) o un número en (0, 1]: el tope de la escala de color."""
    if vmax is None:
        return None
    if isinstance(vmax, bool) or not isinstance(vmax, (int, float, np.integer, np.floating)):
        raise TypeError(f"vmax debe ser un número entre 0 y 1 (o None), no {type(vmax).__name__}. "
                        "Ejemplo: vmax=1.0 para que varios paneles compartan la escala.")
    if not 0 < float(vmax) <= 1:
        raise ValueError(f"vmax={vmax!r} no vale: los pesos de atención están entre 0 y 1. "
                         "Usa un número en (0, 1], por ejemplo vmax=1.0, o None.")
    return float(vmax)


def plot_cross_attention(weights: object, source_tokens: Sequence[str],
                         target_tokens: Sequence[str], title: str | None = None, ax=None,
                         cmap: str = "magma", vmax: float | None = None):
    """Atención cruzada del decodificador: filas = tokens generados, columnas = entrada.

    ``weights`` es ``(destino, origen)``, o ``(cabezas, destino, origen)`` y
    entonces se promedian las cabezas. Lo usa el cuaderno 08 (T5). La barra de
    color se titula "peso de atención". La escala va de 0 al máximo de la matriz;
    con ``vmax`` (por ejemplo 1.0, o el máximo de todas) varios paneles comparten la
    misma escala y sus colores se pueden comparar.

    Un solo panel: dibuja en ``ax`` (o en una figura nueva si es ``None``) y
    devuelve el ``Axes``.
    """
    ax = check_ax(ax)
    cmap = check_cmap(cmap)
    title = check_title(title)
    vmax = _check_vmax(vmax)
    matrix = to_array(weights, "weights", _CROSS_HINT)
    check_rank(matrix, [2, 3], "weights",
               "Pasa (destino, origen) o (cabezas, destino, origen) de una capa y una frase.")
    if matrix.ndim == 3:
        matrix = matrix.mean(axis=0)
    x_labels = check_labels(source_tokens, matrix.shape[1], "tokens de origen", "columnas (origen)")
    y_labels = check_labels(target_tokens, matrix.shape[0], "tokens de destino", "filas (destino)")
    figsize = (max(4.0, 0.4 * len(x_labels) + 2), max(3.0, 0.4 * len(y_labels) + 1.5))
    with axes_or_new(ax, figsize) as ax:
        _heatmap(ax, matrix, x_labels, y_labels, title or "Atención cruzada", cmap, vmax=vmax)
        ax.set_xlabel("entrada (codificador)")
        ax.set_ylabel("salida (decodificador)")
    return ax
