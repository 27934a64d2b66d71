"""Vistas interactivas de la atención que funcionan sin conexión (alternativa a bertviz).

bertviz necesita PyTorch y carga require.js, d3 y jQuery desde una CDN: sin red,
o en JupyterLab, no dibuja nada. Estas vistas usan solo NumPy en Python y
JavaScript sin bibliotecas, con todo dentro de la propia salida de la celda
(``<script>`` en línea y SVG), así que funcionan igual en JupyterLab, Notebook
clásico, Colab, VS Code y en el HTML exportado.

- :func:`head_view`: los tokens a ambos lados (izquierda = consultas, quién
  atiende; derecha = claves, a quién se atiende) unidos por líneas cuya opacidad
  y grosor son el peso de atención. Con los selectores se elige capa y cabeza (o
  todas las cabezas, una por color); al pasar el ratón por un token se ven solo
  sus líneas.
- :func:`model_view`: una miniatura por capa y cabeza; al pulsar una se amplía
  debajo con la vista de líneas de esa capa y cabeza.
- :func:`head_view_static` y :func:`model_view_static`: las mismas figuras con
  matplotlib, para salidas guardadas que no dependan de JavaScript.

Las dos vistas devuelven un :class:`AttentionView`: se muestra sola en el
cuaderno (HTML + un resumen en texto como ``Vista de atención: 4 capas × 4
cabezas, 9 tokens``), tiene el fragmento HTML en ``.html`` y lo guarda como
página completa con ``.save(ruta)``. Los ``id`` de los elementos salen de un
contador y un resumen (hash) de los datos: son distintos en cada vista de una
misma sesión pero iguales al volver a ejecutar el cuaderno desde cero, y la
salida guardada no cambia entre ejecuciones.

Lo usan los cuadernos 03 (atención desde cero, ``MultiHeadAttention`` de Keras),
05 (BERT), 07 (GPT) y 08 (T5, atención cruzada con ``tokens_target``).
"""

from __future__ import annotations

import hashlib
import html as html_lib
import itertools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ._validation import check_labels, check_rank, to_array

__all__ = [
    "AttentionView",
    "attention_array",
    "head_view",
    "head_view_static",
    "model_view",
    "model_view_static",
    "reset_view_ids",
]

# Más valores que esto hacen una salida de varios MB que el navegador y el .ipynb
# sufren; 12 capas x 12 cabezas x 64 x 64 tokens (590 000 valores) cabe de sobra.
MAX_VALUES = 4_000_000

_counter = itertools.count()


def reset_view_ids() -> None:
    """Vuelve a empezar el contador de ``id`` (como al reiniciar el núcleo).

    Tras llamarla, la misma entrada da exactamente el mismo HTML que en una
    sesión nueva. Sirve para pruebas y para regenerar salidas guardadas.
    """
    global _counter
    _counter = itertools.count()


# ---------------------------------------------------------------------------
# Entrada: de lo que da transformers / Keras a un array (capas, cabezas, q, k)
# ---------------------------------------------------------------------------

def _model_output_hint(value: Mapping) -> str:
    keys = [str(k) for k in value.keys()]
    found = [k for k in keys if k.endswith("attentions")]
    if found:
        return ("Pasa solo las atenciones: " + " o ".join(f"salida.{k}" for k in found)
                + " (para T5, la atención cruzada es salida.cross_attentions).")
    return ("Esa salida no trae atenciones: llama al modelo con output_attentions=True "
            "y pasa salida.attentions.")


def attention_array(attention: object, example: int = 0) -> np.ndarray:
    """Convierte cualquier forma de atención admitida en un array ``(capas, cabezas, q, k)``.

    Admite:

    - la tupla (o lista) ``salida.attentions`` de transformers, un elemento por
      capa con forma ``(lote, cabezas, q, k)`` o ``(cabezas, q, k)``; también
      ``salida.cross_attentions`` de T5 (``q`` != ``k``);
    - un array o tensor 4-D ``(capas, cabezas, q, k)``; las puntuaciones de un
      ``MultiHeadAttention`` de Keras (``return_attention_scores=True``) tienen
      forma ``(lote, cabezas, q, k)`` y, con una sola frase, son una capa;
    - un array 3-D ``(cabezas, q, k)`` (una capa) o 2-D ``(q, k)`` (una cabeza);
    - un array 5-D ``(capas, lote, cabezas, q, k)`` (``np.stack`` de la tupla).

    ``example`` elige la frase cuando hay lote. Los errores explican en español
    qué forma llegó y qué pasar en su lugar.
    """
    if isinstance(attention, Mapping):
        raise TypeError(
            f"attention recibió la salida completa del modelo ({type(attention).__name__}), "
            "no sus atenciones. " + _model_output_hint(attention))
    if isinstance(attention, (tuple, list)):
        if not attention:
            raise ValueError("La tupla de atenciones está vacía: ¿llamaste al modelo con "
                             "output_attentions=True?")
        if any(item is None for item in attention):
            raise ValueError("La tupla de atenciones contiene None: llama al modelo con "
                             "output_attentions=True.")
        layers = []
        for i, item in enumerate(attention):
            if isinstance(item, Mapping):
                raise TypeError(f"attention[{i}] es una salida completa de modelo. "
                                + _model_output_hint(item))
            layer = to_array(item, f"attention[{i}]")
            check_rank(layer, [3, 4], f"attention[{i}]",
                       "Cada capa debe tener forma (lote, cabezas, consultas, claves) o "
                       "(cabezas, consultas, claves).")
            if layer.ndim == 4:
                layer = _pick_example(layer, example, f"attention[{i}]")
            layers.append(layer)
        shapes = {layer.shape for layer in layers}
        if len(shapes) > 1:
            raise ValueError("Las capas de attention tienen formas distintas "
                             f"({', '.join(str(s) for s in sorted(shapes))}): pasa las "
                             "atenciones de una misma frase y de un mismo modelo.")
        array = np.stack(layers)
    else:
        array = to_array(attention, "attention")
        check_rank(array, [2, 3, 4, 5], "attention",
                   "Pasa salida.attentions tal cual (tupla con una entrada por capa) o un "
                   "array (capas, cabezas, consultas, claves).")
        if array.ndim == 5:
            array = np.stack([_pick_example(layer, example, "attention") for layer in array])
        elif array.ndim == 3:
            array = array[None]
        elif array.ndim == 2:
            array = array[None, None]
    if array.min() < -1e-6 or array.max() > 1.0 + 1e-3:
        raise ValueError(
            f"Los pesos de atención deben estar entre 0 y 1 y van de {array.min():.3g} a "
            f"{array.max():.3g}: ¿son puntuaciones antes del softmax? Aplica "
            "tf.nn.softmax(puntuaciones, axis=-1) o pasa las atenciones del modelo.")
    return np.clip(array, 0.0, 1.0)


def _pick_example(layer: np.ndarray, example: int, name: str) -> np.ndarray:
    if isinstance(example, bool) or not isinstance(example, (int, np.integer)):
        raise TypeError(f"example debe ser un entero, no {type(example).__name__}.")
    if not 0 <= example < layer.shape[0]:
        raise ValueError(f"example={example} no existe: {name} tiene un lote de "
                         f"{layer.shape[0]} frases (0 a {layer.shape[0] - 1}).")
    return layer[int(example)]


def _check_tokens(tokens: object, expected: int, name: str, what: str) -> list[str]:
    if tokens is None:
        raise TypeError(f"Falta {name}: pasa la lista de tokens de la frase, por ejemplo "
                        "token_labels(tokenizador, enc['input_ids'][0]).")
    if not isinstance(tokens, str):
        try:
            empty = len(tokens) == 0  # type: ignore[arg-type]
        except TypeError:
            empty = False
        if empty:
            raise ValueError(f"{name} está vacía: pasa un texto por token de la frase "
                             "(los mismos que entraron al modelo).")
    return check_labels(tokens, expected, name, what)


def _index(value: object, size: int, name: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} debe ser un entero, no {type(value).__name__}.")
    if not -size <= value < size:
        raise ValueError(f"{name}={value} no existe: hay {size} {what} "
                         f"(índices 0 a {size - 1}, o negativos desde el final).")
    return int(value) % size


def _head_index(value: object, size: int) -> int:
    """Índice de cabeza; ``None`` o ``"todas"`` quiere decir todas (-1)."""
    if value is None or (isinstance(value, str) and value.lower() in ("todas", "all")):
        return -1
    if isinstance(value, str):
        raise ValueError(f"head={value!r} no es válido: usa un entero o 'todas'.")
    return _index(value, size, "head", "cabezas")


def _prepare(attention, tokens, tokens_target, layer, head, example):
    stack = attention_array(attention, example)
    n_layers, n_heads, n_q, n_k = stack.shape
    if stack.size > MAX_VALUES:
        total = f"{stack.size:,}".replace(",", ".")
        raise ValueError(
            f"La atención tiene {total} valores ({n_layers} capas × {n_heads} cabezas × "
            f"{n_q} × {n_k} tokens), demasiados para una vista interactiva. Usa una frase "
            "más corta o menos capas, por ejemplo salida.attentions[-4:].")
    keys = _check_tokens(tokens, n_k, "tokens", "claves (último eje de la atención)")
    if tokens_target is None:
        if n_q != n_k:
            raise ValueError(
                f"La atención tiene {n_q} consultas y {n_k} claves (atención cruzada): pasa "
                "también tokens_target con los tokens de las consultas (los del decodificador; "
                "tokens son los de la entrada).")
        queries = keys
    else:
        queries = _check_tokens(tokens_target, n_q, "tokens_target",
                                "consultas (penúltimo eje de la atención)")
    layer = _index(layer, n_layers, "layer", "capas")
    head = _head_index(head, n_heads)
    return stack, queries, keys, layer, head


# ---------------------------------------------------------------------------
# El objeto que se muestra
# ---------------------------------------------------------------------------

def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class AttentionView:
    """Vista de atención lista para mostrarse en un cuaderno o guardarse.

    - ``.html``: fragmento HTML autocontenido (sin URLs externas ni require.js).
    - ``.text``: resumen en texto (lo que compara nbval en la salida guardada).
    - ``.save(ruta)``: escribe una página HTML completa y devuelve la ruta.
    - ``.shape``: ``(capas, cabezas, consultas, claves)``.
    - ``.element_id``: ``id`` del elemento raíz.
    """

    def __init__(self, html: str, text: str, element_id: str, shape: tuple[int, int, int, int],
                 title: str):
        self.html = html
        self.text = text
        self.element_id = element_id
        self.shape = shape
        self.title = title

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text, "text/html": self.html}

    def page(self) -> str:
        """Página HTML completa (la que escribe :meth:`save`)."""
        return ("<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{html_lib.escape(self.title)}</title>\n</head>\n"
                "<body style=\"margin:16px;background:#fff\">\n"
                f"{self.html}\n</body>\n</html>\n")

    def save(self, path: str | Path) -> Path:
        """Guarda la vista como página HTML independiente (se abre sin red) y devuelve la ruta."""
        path = Path(path)
        if path.suffix.lower() not in (".html", ".htm"):
            raise ValueError(f"La ruta {str(path)!r} debe acabar en .html para abrirla en el "
                             "navegador.")
        path.write_text(self.page(), encoding="utf-8")
        return path


def _summary(kind: str, shape, cross: bool) -> str:
    n_layers, n_heads, n_q, n_k = shape
    base = (f"{kind}: {_plural(n_layers, 'capa', 'capas')} × "
            f"{_plural(n_heads, 'cabeza', 'cabezas')}, ")
    if cross:
        return base + f"{n_q} tokens de consulta → {n_k} tokens de clave"
    return base + _plural(n_k, "token", "tokens")


def _json_for_script(value: object) -> str:
    """JSON que se puede meter sin riesgo dentro de ``<script>`` (sin ``</script>`` ni ``<!--``)."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _build(kind: str, attention, tokens, tokens_target, layer, head, example, decimals,
           extra: dict) -> AttentionView:
    stack, queries, keys, layer, head = _prepare(attention, tokens, tokens_target, layer, head,
                                                 example)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 1 <= decimals <= 6:
        raise ValueError(f"decimals debe ser un entero entre 1 y 6, no {decimals!r}.")
    scale = 10 ** decimals
    # Enteros (peso x 10^decimals): el mismo redondeo que con decimales, sin "0." delante.
    quantized = np.rint(stack * scale).astype(np.int32)
    cross = tokens_target is not None
    payload = {
        "kind": kind, "L": int(stack.shape[0]), "H": int(stack.shape[1]),
        "Lq": int(stack.shape[2]), "Lk": int(stack.shape[3]), "q": queries, "k": keys,
        "s": scale, "layer": layer, "head": head, "cross": cross,
        "a": quantized.ravel().tolist(),
    }
    payload.update(extra)
    data_json = _json_for_script(payload)
    digest = hashlib.sha1(data_json.encode("ascii")).hexdigest()[:8]
    element_id = f"cu-att-{next(_counter)}-{digest}"
    label = "Vista de atención" if kind == "head" else "Vista de atención por capas y cabezas"
    text = _summary(label, stack.shape, cross)
    html = _HTML_TEMPLATE.format(
        id=element_id, summary=html_lib.escape(text),
        script=_JS.replace("__ID__", element_id).replace("__DATA__", data_json))
    return AttentionView(html, text, element_id, tuple(int(n) for n in stack.shape), text)


def head_view(attention: object, tokens: Sequence[str], tokens_target: Sequence[str] | None = None,
              layer: int = 0, head: int | str | None = 0, example: int = 0,
              decimals: int = 3) -> AttentionView:
    """Vista interactiva de líneas: qué token atiende a cuál, en una capa y una cabeza.

    A la izquierda van las consultas (el token que atiende) y a la derecha las
    claves (el token atendido); cada línea tiene la opacidad y el grosor de su
    peso. Los selectores cambian de capa y de cabeza ("todas": una línea por
    cabeza, cada una de un color). Al pasar el ratón por un token quedan solo sus
    líneas y las claves se sombrean según su peso.

    Parámetros:
        attention: ``salida.attentions`` (tupla por capa), un array
            ``(capas, cabezas, q, k)``, las puntuaciones de un
            ``MultiHeadAttention`` de Keras ``(1, cabezas, q, k)`` o
            ``salida.cross_attentions`` de T5. Ver :func:`attention_array`.
        tokens: etiquetas de las claves (las columnas, último eje); en
            autoatención también de las consultas. Usa
            :func:`course_utils.attention.token_labels`.
        tokens_target: etiquetas de las consultas cuando son otra secuencia
            (atención cruzada de T5: los tokens del decodificador).
        layer, head: capa y cabeza que se ven al principio (admiten negativos;
            ``head="todas"`` o ``None`` muestra todas las cabezas).
        example: frase del lote, si lo hay.
        decimals: decimales con que se guardan los pesos en el HTML (3 por defecto).

    Devuelve un :class:`AttentionView`. Lo usan los cuadernos 03, 05, 07 y 08.
    """
    return _build("head", attention, tokens, tokens_target, layer, head, example, decimals, {})


def model_view(attention: object, tokens: Sequence[str], tokens_target: Sequence[str] | None = None,
               layer: int = 0, head: int = 0, example: int = 0, decimals: int = 3,
               thumb_size: int = 64) -> AttentionView:
    """Rejilla interactiva capas × cabezas; al pulsar una miniatura se amplía debajo.

    Cada miniatura es el mapa de atención (consultas en filas, claves en
    columnas) de una capa y una cabeza, con su propia escala de color. Debajo se
    ve la vista de líneas (:func:`head_view`) de la miniatura elegida, que
    empieza siendo ``layer``/``head``. ``thumb_size`` es el lado de cada
    miniatura en píxeles. El resto de parámetros son los de :func:`head_view`.

    Devuelve un :class:`AttentionView`. Lo usan los cuadernos 05, 07 y 08.
    """
    if isinstance(thumb_size, bool) or not isinstance(thumb_size, int) or not 16 <= thumb_size <= 400:
        raise ValueError(f"thumb_size debe ser un entero entre 16 y 400 (píxeles), no {thumb_size!r}.")
    if head is None or isinstance(head, str):
        raise ValueError("En model_view, head es la cabeza que se amplía al principio: pasa un "
                         "entero (todas las cabezas ya se ven en la rejilla).")
    return _build("model", attention, tokens, tokens_target, layer, head, example, decimals,
                  {"thumb": thumb_size})


# ---------------------------------------------------------------------------
# Versiones estáticas (matplotlib) para salidas guardadas deterministas
# ---------------------------------------------------------------------------

_HEAD_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
                "#7b4173", "#3182bd"]


def head_view_static(attention: object, tokens: Sequence[str],
                     tokens_target: Sequence[str] | None = None, layer: int = 0,
                     head: int | str | None = 0, example: int = 0, ax=None,
                     min_weight: float = 0.01):
    """La vista de líneas de :func:`head_view` como figura de matplotlib (sin JavaScript).

    Útil para salidas guardadas que deben ser idénticas en cada ejecución o para
    exportar a PDF. No dibuja las líneas con peso menor que ``min_weight``.
    Devuelve el ``Axes``. Lo usan los cuadernos 03, 05, 07 y 08.
    """
    import matplotlib.pyplot as plt

    stack, queries, keys, layer, head = _prepare(attention, tokens, tokens_target, layer, head,
                                                 example)
    n_rows = max(len(queries), len(keys))
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, max(2.5, 0.3 * n_rows + 0.8)))
    heads = range(stack.shape[1]) if head < 0 else [head]
    for h in heads:
        color = _HEAD_COLORS[h % len(_HEAD_COLORS)]
        weights = stack[layer, h]
        for i, j in zip(*np.nonzero(weights >= min_weight), strict=True):
            w = float(weights[i, j])
            ax.plot([0.0, 1.0], [i, j], color=color, alpha=min(1.0, w) * (0.9 if head >= 0 else 0.6),
                    linewidth=0.5 + 2.5 * w, solid_capstyle="round")
    for i, tok in enumerate(queries):
        ax.text(-0.03, i, tok, ha="right", va="center", fontsize=9)
    for j, tok in enumerate(keys):
        ax.text(1.03, j, tok, ha="left", va="center", fontsize=9)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.axis("off")
    which = "todas las cabezas" if head < 0 else f"cabeza {head}"
    ax.set_title(f"Atención · capa {layer}, {which}", fontsize=10)
    ax.text(-0.03, -0.9, "consulta", ha="right", va="bottom", fontsize=8, color="#555")
    ax.text(1.03, -0.9, "clave", ha="left", va="bottom", fontsize=8, color="#555")
    return ax


def model_view_static(attention: object, tokens: Sequence[str], example: int = 0, **kwargs):
    """La rejilla capas × cabezas como figura de matplotlib; devuelve la ``Figure``.

    Acepta las mismas formas de atención que :func:`model_view` y reutiliza
    :func:`course_utils.attention.plot_attention_grid` (``**kwargs`` van a ella).
    Solo autoatención (para T5 usa ``plot_cross_attention``). Cuadernos 05 y 07.
    """
    from .attention import plot_attention_grid

    stack = attention_array(attention, example)
    return plot_attention_grid(stack, tokens, **kwargs)


# ---------------------------------------------------------------------------
# HTML y JavaScript (sin bibliotecas ni URLs; todo dentro de una IIFE)
# ---------------------------------------------------------------------------

_HTML_TEMPLATE = """<div id="{id}" class="cu-att" data-cu-att="1" \
style="font-family:sans-serif;font-size:13px;color:#222;background:#fff;padding:6px;\
display:inline-block;max-width:100%;overflow-x:auto">
<div class="cu-att-summary" style="font-weight:bold;margin-bottom:4px">{summary}</div>
<div class="cu-att-msg" style="color:#a33">Esta vista necesita JavaScript: ejecuta la celda \
(en JupyterLab, si el cuaderno no es de confianza, usa «Confiar en el cuaderno») o usa \
head_view_static / model_view_static.</div>
<div class="cu-att-body"></div>
<script>
{script}
</script>
</div>"""

_JS = r"""(function () {
  "use strict";
  var ID = "__ID__";
  var D = __DATA__;
  var ME = document.currentScript;
  var tmp = document.createElement("div");
  tmp.innerHTML = "<svg></svg>";
  var SVGNS = tmp.firstChild.namespaceURI;  // el del SVG, sin escribir ninguna URL
  var COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
    "#3182bd"];
  function w(l, h, i, j) { return D.a[((l * D.H + h) * D.Lq + i) * D.Lk + j] / D.s; }
  function el(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]); }
    if (parent) parent.appendChild(e);
    return e;
  }
  function h(tag, text, parent) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function fmt(x) { return (Math.round(x * 1000) / 1000).toString(); }

  // Vista de líneas. Devuelve {set(layer, head)}; onchange(layer, head) avisa de cada cambio.
  function headView(box, layer, head, onchange) {
    var ctl = h("div", null, box);
    ctl.className = "cu-att-controls";
    ctl.style.margin = "4px 0";
    h("label", "Capa: ", ctl);
    var selL = h("select", null, ctl);
    selL.className = "cu-att-layer";
    for (var l = 0; l < D.L; l++) { var o = h("option", String(l), selL); o.value = String(l); }
    h("label", "  Cabeza: ", ctl);
    var selH = h("select", null, ctl);
    selH.className = "cu-att-head";
    var oa = h("option", "todas", selH); oa.value = "-1";
    for (var hh = 0; hh < D.H; hh++) { var o2 = h("option", String(hh), selH); o2.value = String(hh); }
    var legend = h("span", "", ctl);
    legend.className = "cu-att-legend";
    legend.style.marginLeft = "8px";

    var maxLen = 1, all = D.q.concat(D.k);
    for (var t = 0; t < all.length; t++) maxLen = Math.max(maxLen, all[t].length);
    var tw = Math.max(D.cross ? 120 : 80, Math.min(200, 12 + 7.5 * maxLen)), gap = 160, rh = 20, top = 24;
    var rows = Math.max(D.Lq, D.Lk);
    var width = 2 * tw + gap, height = top + rows * rh + 6;
    var svg = el("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height,
      "class": "cu-att-svg", role: "img"}, box);
    el("text", {x: tw - 4, y: 14, "text-anchor": "end", fill: "#666", "font-size": 11}, svg)
      .textContent = D.cross ? "consulta (destino)" : "consulta";
    el("text", {x: tw + gap + 4, y: 14, fill: "#666", "font-size": 11}, svg)
      .textContent = D.cross ? "clave (origen)" : "clave";
    var x1 = tw, x2 = tw + gap;
    function y(i) { return top + i * rh + rh / 2; }
    var gLines = el("g", {"class": "cu-att-lines"}, svg);
    var gAll = el("g", {"class": "cu-att-lines-all", display: "none"}, svg);

    function tokens(list, side) {
      var out = [];
      for (var i = 0; i < list.length; i++) {
        var g = el("g", {"class": "cu-tok cu-tok-" + side, "data-i": i}, svg);
        var bx = side === "q" ? 0 : tw + gap;
        var r = el("rect", {x: bx + 2, y: top + i * rh + 1, width: tw - 4, height: rh - 2,
          fill: "#ff9800", "fill-opacity": 0, rx: 3}, g);
        var tx = el("text", {x: side === "q" ? tw - 6 : tw + gap + 6, y: y(i) + 4,
          "text-anchor": side === "q" ? "end" : "start", "font-size": 13}, g);
        tx.textContent = list[i];
        g.style.cursor = "pointer";
        out.push({g: g, r: r});
      }
      return out;
    }
    var tq = tokens(D.q, "q"), tk = tokens(D.k, "k");

    // Líneas de una cabeza: se crean una vez y solo cambian sus atributos.
    var lines = [];
    for (var i = 0; i < D.Lq; i++) {
      lines.push([]);
      for (var j = 0; j < D.Lk; j++) {
        lines[i].push(el("line", {x1: x1, y1: y(i), x2: x2, y2: y(j), "class": "cu-line",
          "data-i": i, "data-j": j, "stroke-linecap": "round"}, gLines));
      }
    }
    var allLines = null;  // todas las cabezas: se crean la primera vez que se piden
    var state = {layer: layer, head: head, focus: null};

    function drawAll() {
      if (!allLines) {
        allLines = [];
        for (var hd = 0; hd < D.H; hd++) for (var i2 = 0; i2 < D.Lq; i2++) for (var j2 = 0; j2 < D.Lk; j2++) {
          allLines.push(el("line", {x1: x1, y1: y(i2), x2: x2, y2: y(j2), "class": "cu-line-all",
            "data-h": hd, "data-i": i2, "data-j": j2, stroke: COLORS[hd % COLORS.length]}, gAll));
        }
      }
      for (var n = 0; n < allLines.length; n++) {
        var ln = allLines[n];
        var v = w(state.layer, +ln.getAttribute("data-h"), +ln.getAttribute("data-i"),
          +ln.getAttribute("data-j"));
        ln.setAttribute("stroke-opacity", fmt(v * 0.8));
        ln.setAttribute("stroke-width", fmt(0.5 + 2 * v));
      }
    }
    function draw() {
      selL.value = String(state.layer);
      selH.value = String(state.head);
      var single = state.head >= 0;
      gLines.setAttribute("display", single ? "inline" : "none");
      gAll.setAttribute("display", single ? "none" : "inline");
      legend.textContent = single ? "" : "un color por cabeza";
      if (single) {
        var color = COLORS[state.head % COLORS.length];
        for (var i3 = 0; i3 < D.Lq; i3++) for (var j3 = 0; j3 < D.Lk; j3++) {
          var v = w(state.layer, state.head, i3, j3), ln = lines[i3][j3];
          ln.setAttribute("stroke", color);
          ln.setAttribute("stroke-opacity", fmt(v));
          ln.setAttribute("stroke-width", fmt(0.5 + 3 * v));
        }
      } else {
        drawAll();
      }
      focus(state.focus);
      if (onchange) onchange(state.layer, state.head);
    }
    function weightTo(side, i, j) {  // peso medio (todas) o de la cabeza, de la línea i->j
      if (state.head >= 0) return w(state.layer, state.head, i, j);
      var s = 0;
      for (var hd = 0; hd < D.H; hd++) s += w(state.layer, hd, i, j);
      return s / D.H;
    }
    function focus(f) {
      state.focus = f;
      var n, k;
      for (n = 0; n < tq.length; n++) { tq[n].r.setAttribute("fill-opacity", 0); tq[n].g.setAttribute("class", "cu-tok cu-tok-q"); }
      for (n = 0; n < tk.length; n++) { tk[n].r.setAttribute("fill-opacity", 0); tk[n].g.setAttribute("class", "cu-tok cu-tok-k"); }
      var groups = [gLines, gAll];
      for (var g = 0; g < groups.length; g++) {
        var ls = groups[g].childNodes;
        for (k = 0; k < ls.length; k++) {
          var keep = !f || (f.side === "q" ? +ls[k].getAttribute("data-i") === f.i
                                             : +ls[k].getAttribute("data-j") === f.i);
          ls[k].setAttribute("visibility", keep ? "visible" : "hidden");
        }
      }
      if (!f) return;
      var mine = f.side === "q" ? tq[f.i] : tk[f.i];
      mine.g.setAttribute("class", "cu-tok cu-tok-" + f.side + " cu-hl");
      mine.r.setAttribute("fill-opacity", 0.35);
      var other = f.side === "q" ? tk : tq;
      for (n = 0; n < other.length; n++) {
        var v = f.side === "q" ? weightTo("q", f.i, n) : weightTo("k", n, f.i);
        other[n].r.setAttribute("fill-opacity", fmt(Math.min(1, v) * 0.8));
        other[n].g.setAttribute("data-w", fmt(v));
      }
    }
    function hook(list, side) {
      for (var n = 0; n < list.length; n++) {
        (function (idx) {
          list[idx].g.addEventListener("mouseover", function () { focus({side: side, i: idx}); });
          list[idx].g.addEventListener("mouseout", function () { focus(null); });
        })(n);
      }
    }
    hook(tq, "q"); hook(tk, "k");
    selL.addEventListener("change", function () { state.layer = +selL.value; draw(); });
    selH.addEventListener("change", function () { state.head = +selH.value; draw(); });
    draw();
    return {set: function (l2, h2) { state.layer = l2; state.head = h2; draw(); }};
  }

  // Colores tipo viridis para las miniaturas.
  var STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function cmap(v) {
    var x = Math.max(0, Math.min(1, v)) * (STOPS.length - 1), k = Math.min(STOPS.length - 2, Math.floor(x));
    var f = x - k, a = STOPS[k], b = STOPS[k + 1];
    return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
  }

  function modelView(box) {
    var grid = h("table", null, box);
    grid.className = "cu-att-grid";
    grid.style.borderCollapse = "collapse";
    var head = h("tr", null, grid);
    h("th", "", head);
    for (var hd = 0; hd < D.H; hd++) h("th", "cabeza " + hd, head).style.fontSize = "11px";
    var thumbs = [];
    var detailTitle = h("div", "", null);
    detailTitle.className = "cu-att-detail-title";
    detailTitle.style.margin = "8px 0 0 0";
    detailTitle.style.fontWeight = "bold";
    var detail = h("div", null, null);
    detail.className = "cu-att-detail";
    var hv = null;
    function mark(l, hh) {  // hh = -1: todas las cabezas de la capa
      for (var n = 0; n < thumbs.length; n++) {
        var on = thumbs[n].l === l && (hh < 0 || thumbs[n].h === hh);
        thumbs[n].c.style.outline = on ? "3px solid #ff9800" : "1px solid #ccc";
        thumbs[n].c.setAttribute("data-selected", on ? "1" : "0");
      }
      detailTitle.textContent = "Ampliada: capa " + l + ", " +
        (hh < 0 ? "todas las cabezas" : "cabeza " + hh) + " (pulsa otra miniatura para cambiar)";
    }
    function select(l, hh) { hv.set(l, hh); }
    for (var l = 0; l < D.L; l++) {
      var tr = h("tr", null, grid);
      h("th", "capa " + l, tr).style.fontSize = "11px";
      for (hd = 0; hd < D.H; hd++) {
        var td = h("td", null, tr);
        td.style.padding = "3px";
        var c = h("canvas", null, td);
        c.width = D.Lk; c.height = D.Lq;
        c.className = "cu-thumb";
        c.setAttribute("data-l", l); c.setAttribute("data-h", hd);
        c.title = "capa " + l + ", cabeza " + hd;
        var side = D.thumb, ratio = D.Lq / D.Lk;
        c.style.width = (ratio <= 1 ? side : side / ratio) + "px";
        c.style.height = (ratio <= 1 ? side * ratio : side) + "px";
        c.style.imageRendering = "pixelated";
        c.style.cursor = "pointer";
        var ctx = c.getContext && c.getContext("2d");
        if (ctx) {
          var img = ctx.createImageData(D.Lk, D.Lq), mx = 1e-9, i, j;
          for (i = 0; i < D.Lq; i++) for (j = 0; j < D.Lk; j++) mx = Math.max(mx, w(l, hd, i, j));
          for (i = 0; i < D.Lq; i++) for (j = 0; j < D.Lk; j++) {
            var rgb = cmap(w(l, hd, i, j) / mx), p = 4 * (i * D.Lk + j);
            img.data[p] = rgb[0]; img.data[p + 1] = rgb[1]; img.data[p + 2] = rgb[2]; img.data[p + 3] = 255;
          }
          ctx.putImageData(img, 0, 0);
        }
        (function (l2, h2) { c.addEventListener("click", function () { select(l2, h2); }); })(l, hd);
        thumbs.push({c: c, l: l, h: hd});
      }
    }
    box.appendChild(detailTitle);
    box.appendChild(detail);
    hv = headView(detail, D.layer, D.head, mark);
  }

  function start(tries) {
    var root = (ME && ME.parentNode && ME.parentNode.id === ID) ? ME.parentNode
                                                               : document.getElementById(ID);
    if (!root) {  // algunos entornos insertan el HTML después de ejecutar el script
      if (tries < 50) setTimeout(function () { start(tries + 1); }, 100);
      return;
    }
    if (root.getAttribute("data-ready") === "1") return;
    var body = root.querySelector(".cu-att-body");
    if (D.kind === "model") modelView(body); else headView(body, D.layer, D.head);
    var msg = root.querySelector(".cu-att-msg");
    if (msg) msg.parentNode.removeChild(msg);
    root.setAttribute("data-ready", "1");
  }
  start(0);
})();"""
