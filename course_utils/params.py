"""Cuántos parámetros tiene cada bloque de un modelo, y cuáles se entrenan.

:func:`parameter_breakdown` devuelve una tabla de pandas con una fila por bloque de
un modelo TF de transformers (embeddings, cada capa del codificador o del
decodificador, pooler, cabezas) y, para cada uno, sus parámetros, cuántos son
entrenables y cuántos están congelados, y qué parte del total suponen.

Sirve para ver de un vistazo dos cosas que los números totales esconden:

- por qué ``TFAutoModelForTokenClassification`` y ``TFAutoModelForQuestionAnswering``
  tienen **menos** parámetros que el modelo base: no usan el *pooler* (la densa
  sobre ``[CLS]``), que pesa más que sus cabezas diminutas (cuaderno 00);
- qué congela LoRA y qué deja entrenable (cuaderno 09, con :mod:`course_utils.lora`).

Funciona también con cualquier modelo de Keras (una fila por capa de primer nivel).
"""

from __future__ import annotations

import math


def _check_model(model: object, what: str = "model"):
    """Exige un modelo o capa de Keras construido; construye los de transformers si hace falta."""
    import tensorflow as tf

    if not isinstance(model, tf.keras.layers.Layer):
        name = type(model).__name__
        if hasattr(model, "keys") and ("logits" in model or "last_hidden_state" in model):
            hint = " Parece la salida de un modelo: pasa el modelo, no lo que devuelve."
        elif hasattr(model, "model_input_names"):
            hint = " Es un tokenizador: pasa el modelo (TFAutoModel...from_pretrained)."
        elif isinstance(model, str):
            hint = " Carga antes el modelo: TFAutoModel.from_pretrained(nombre)."
        else:
            hint = ""
        raise TypeError(f"{what} debe ser un modelo de Keras/TensorFlow (por ejemplo "
                        f"TFAutoModel.from_pretrained(...)), no {name}.{hint}")
    if not model.built:
        sublayers = list(model._flatten_layers(include_self=False))
        if hasattr(model, "build_in_name_scope") and hasattr(model, "dummy_inputs"):
            model.build_in_name_scope()  # los modelos TF de transformers se construyen solos
        elif sublayers and all(layer.built for layer in sublayers) and (
                "build" not in type(model).__dict__):
            pass  # un modelo propio aún sin llamar, pero con todas sus capas construidas
        else:
            raise ValueError(
                f"El modelo {model.name!r} no está construido (aún no tiene pesos). Llámalo una "
                "vez con una entrada de ejemplo, modelo(entrada), o usa modelo.build(forma).")
    return model


def _children(layer) -> list:
    return list(layer._flatten_layers(include_self=False, recursive=False))


def _named_children(layer):
    """(nombre, hijo, contenedor, clave) de las subcapas directas, en orden.

    ``contenedor`` y ``clave`` dicen dónde sustituir al hijo: un atributo del padre
    (``contenedor`` es el padre y ``clave`` el nombre) o una lista (``clave`` es el índice).
    """
    import tensorflow as tf

    seen = set()
    out = []
    for key, value in vars(layer).items():
        if key.startswith("_"):
            continue
        if isinstance(value, tf.keras.layers.Layer):
            if id(value) not in seen:
                seen.add(id(value))
                out.append((key, value, layer, key))
        elif isinstance(value, (list, tuple)) and value and all(
                isinstance(v, tf.keras.layers.Layer) for v in value):
            replaceable = isinstance(value, list)  # en una tupla no se puede sustituir
            for i, v in enumerate(value):
                if id(v) not in seen:
                    seen.add(id(v))
                    out.append((f"{key}.{i}", v, value if replaceable else None, i))
    for child in _children(layer):  # subcapas guardadas de otra forma (dict, atributos privados)
        if id(child) not in seen:
            seen.add(id(child))
            out.append((child.name, child, None, None))
    return out


def _main_layer(model):
    """La capa principal de un modelo de transformers (``model.bert``, ``model.transformer``)."""
    prefix = getattr(model, "base_model_prefix", None)
    main = getattr(model, prefix, None) if isinstance(prefix, str) else None
    return main if main is not None and main is not model else None


def _head_layers(model) -> dict:
    """Subcapas directas del modelo que no son la capa principal y tienen pesos: las cabezas."""
    main = _main_layer(model)
    if main is None:
        return {}
    return {name: child for name, child, _, _ in _named_children(model)
            if child is not main and child.weights}


def _count(variables) -> int:
    return int(sum(math.prod(int(d) for d in v.shape) for v in variables))


def _unique(variables):
    seen, out = set(), []
    for v in variables:
        if id(v) not in seen:
            seen.add(id(v))
            out.append(v)
    return out


# ---------------------------------------------------------------------------
# La tabla
# ---------------------------------------------------------------------------

_FRIENDLY = {
    "embeddings": "embeddings",
    "wte": "embeddings de tokens (wte)",
    "wpe": "embeddings de posición (wpe)",
    "shared": "embeddings compartidos (shared)",
    "pooler": "pooler",
    "ln_f": "LayerNorm final (ln_f)",
}
_STACKS = {"encoder": "encoder", "decoder": "decoder", "h": "decoder", "layer": "encoder",
           "block": "capas", "layers": "capas"}
COLUMNS = ("parte", "parámetros", "entrenables", "congelados", "% del total")


def _blocks(model, group_layers: bool):
    """Lista de (bloque, parte, capas) en orden: cuerpo primero, cabezas después."""
    main = _main_layer(model)
    body = main if main is not None else model
    blocks = []

    def add_stack(label, items):
        if group_layers:
            blocks.append((f"{label} ({len(items)} capas)", "cuerpo", items))
        else:
            blocks.extend((f"{label} · capa {i}", "cuerpo", [layer]) for i, layer in enumerate(items))

    pending_list, list_name = [], None

    def flush():
        nonlocal pending_list, list_name
        if pending_list:
            add_stack(_STACKS.get(list_name, list_name), pending_list)
        pending_list, list_name = [], None

    for name, child, _, key in _named_children(body):
        if isinstance(key, int):  # una lista de capas directamente en el cuerpo (GPT-2: h)
            base = name.rsplit(".", 1)[0]
            if base != list_name:
                flush()
                list_name = base
            pending_list.append(child)
            continue
        flush()
        grand = _named_children(child)
        stacked = [g for g in grand if isinstance(g[3], int)]
        if stacked:
            label = _STACKS.get(name, name)
            add_stack(label, [g[1] for g in stacked])
            rest = [g[1] for g in grand if not isinstance(g[3], int)]
            if rest:
                blocks.append((f"{label} · resto", "cuerpo", rest))
        else:
            blocks.append((_FRIENDLY.get(name, name), "cuerpo", [child]))
    flush()
    if main is not None:
        for name, child, _, _ in _named_children(model):
            if child is not main:
                blocks.append((f"cabeza · {name}", "cabeza", [child]))
    return blocks


def parameter_breakdown(model, group_layers: bool = False):
    """Tabla de parámetros por bloque: totales, entrenables, congelados y % del total.

    Una fila por bloque del modelo: embeddings, cada capa del codificador (BERT, MiniLM)
    o del decodificador (GPT-2), pooler y cada cabeza (``classifier``, ``qa_outputs``,
    ``mlm``...); con ``group_layers=True``, todas las capas en una sola fila. La última
    fila, ``total``, suma todo. Un peso compartido (la cabeza de MaskedLM o de GPT-2 usa
    la tabla de embeddings) se cuenta una sola vez, en el primer bloque que lo usa.

    «Entrenable» es lo que Keras entrenaría ahora (``model.trainable_weights``): tras
    ``apply_lora`` se ve qué quedó congelado. Los modelos de transformers sin construir
    (``from_config``) se construyen antes de contar. Lo usan los cuadernos 00 y 09.
    """
    import pandas as pd

    if not isinstance(group_layers, bool):
        raise TypeError(f"group_layers debe ser True o False, no {type(group_layers).__name__}.")
    model = _check_model(model)
    trainable_ids = {id(v) for v in model.trainable_weights}
    counted: set[int] = set()
    rows = []
    for label, part, layers in _blocks(model, group_layers):
        variables = [v for layer in layers for v in layer.weights if id(v) not in counted]
        variables = _unique(variables)
        counted.update(id(v) for v in variables)
        if not variables:
            continue
        trainable = _count(v for v in variables if id(v) in trainable_ids)
        total = _count(variables)
        rows.append({"bloque": label, "parte": part, "parámetros": total,
                     "entrenables": trainable, "congelados": total - trainable})
    rest = [v for v in _unique(model.weights) if id(v) not in counted]
    if rest:  # pesos propios del modelo, fuera de toda subcapa
        total = _count(rest)
        trainable = _count(v for v in rest if id(v) in trainable_ids)
        rows.append({"bloque": "otros", "parte": "cuerpo", "parámetros": total,
                     "entrenables": trainable, "congelados": total - trainable})
    if not rows:
        raise ValueError(f"El modelo {model.name!r} no tiene ningún peso que contar.")
    table = pd.DataFrame(rows).set_index("bloque")
    grand_total = int(table["parámetros"].sum())
    table.loc["total"] = ["", grand_total, int(table["entrenables"].sum()),
                          int(table["congelados"].sum())]
    table["% del total"] = (100 * table["parámetros"] / grand_total).round(3)
    for column in ("parámetros", "entrenables", "congelados"):
        table[column] = table[column].astype("int64")
    return table[list(COLUMNS)]
