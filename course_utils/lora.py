"""LoRA (*Low-Rank Adaptation*) para los modelos TF de transformers.

LoRA congela una proyección ``W`` (una capa ``Dense``, el ``TFConv1D`` de GPT-2 o
una ``EinsumDense`` que contrae el último eje) y aprende solo una corrección de
rango bajo::

    h = x W + b + (alpha / r) · x A B      A: (d_in, r), B: (r, d_out)

``A`` empieza aleatoria y ``B`` a cero, así que, recién aplicada, la capa da
**exactamente** lo mismo que la original. Entrena ``r (d_in + d_out)`` parámetros
por proyección en lugar de ``d_in · d_out``.

Lo usa el cuaderno 09, que explica la idea y construye la capa paso a paso:

- :class:`LoRADense`: la capa que envuelve una proyección congelada;
- :func:`apply_lora`: la aplica a las proyecciones elegidas de un modelo
  (``query`` y ``value`` de BERT/MiniLM, ``c_attn`` de GPT-2...), congela todo lo
  demás (embeddings, LayerNorm, el resto de capas) y deja entrenable la cabeza si
  se pide; devuelve un :class:`LoRAReport` con los parámetros entrenables;
- :func:`lora_report`: el mismo informe, recalculado en cualquier momento (sirve para
  comprobar que nada se descongeló por el camino);
- :func:`merge_lora`: al terminar, fusiona ``W + (alpha / r) A B`` en la proyección
  original y quita las capas LoRA (sin coste en inferencia).

Uso típico::

    modelo = TFAutoModelForSequenceClassification.from_pretrained(MINILM_ID, num_labels=3)
    informe = apply_lora(modelo, target=("query", "value"), r=8, alpha=16)
    print(informe)          # cuántos parámetros se entrenan y cuáles
    modelo.compile(...)     # compila DESPUÉS de aplicar LoRA
    modelo.fit(...)

Importa TensorFlow al usarse: llama antes a ``setup()`` (primera celda de los cuadernos).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field

from .params import (
    _check_model,
    _children,
    _count,
    _head_layers,
    _main_layer,
    _named_children,
    _unique,
)

DEFAULT_TARGET = ("query", "value")

_CLASSES: dict[str, type] = {}


# ---------------------------------------------------------------------------
# La capa
# ---------------------------------------------------------------------------

def _check_r_alpha(r: object, alpha: object) -> tuple[int, float]:
    if isinstance(r, bool) or not isinstance(r, numbers.Integral):
        raise TypeError(f"r (el rango de LoRA) debe ser un número entero como 4, 8 o 16, "
                        f"no {type(r).__name__} ({r!r}).")
    if r < 1:
        raise ValueError(f"r (el rango de LoRA) debe ser un entero mayor que 0, no {r}. "
                         "Valores típicos: 4, 8, 16.")
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real):
        raise TypeError(f"alpha debe ser un número (la escala de LoRA es alpha / r), "
                        f"no {type(alpha).__name__} ({alpha!r}).")
    if not math.isfinite(float(alpha)) or alpha <= 0:
        raise ValueError(f"alpha debe ser un número mayor que 0 (la corrección se multiplica "
                         f"por alpha / r), no {alpha}. Lo habitual es alpha = 2 · r.")
    return int(r), float(alpha)


def _projection_kernel(layer: object):
    """La matriz de pesos de una proyección (Dense, TFConv1D, EinsumDense) o ``None``.

    Una proyección es una capa sin subcapas con exactamente un peso de 2 o más ejes.
    """
    import tensorflow as tf

    if not isinstance(layer, tf.keras.layers.Layer) or isinstance(layer, _lora_class()):
        return None
    if list(layer._flatten_layers(include_self=False, recursive=False)):
        return None
    if isinstance(layer, tf.keras.layers.Embedding) or "Embedding" in type(layer).__name__:
        return None
    weights = layer.weights
    for attr in ("kernel", "weight"):  # Dense y EinsumDense: kernel; TFConv1D de GPT-2: weight
        value = getattr(layer, attr, None)
        if isinstance(value, tf.Variable) and len(value.shape) >= 2 and any(
                value is w for w in weights):
            return value
    matrices = [w for w in weights if len(w.shape) >= 2]
    return matrices[0] if len(matrices) == 1 else None


def _einsum_single_contraction(layer: object) -> bool:
    """``True`` si la EinsumDense solo contrae el último eje de la entrada con el primero del kernel."""
    equation = getattr(layer, "equation", None)
    if equation is None:
        return True
    try:
        inputs, output = equation.replace(" ", "").split("->")
        x_spec, k_spec = inputs.split(",")
    except ValueError:
        return False
    shared = set(x_spec) & set(k_spec)
    return (shared == {x_spec[-1]} and k_spec[0] == x_spec[-1] and x_spec[-1] not in output
            and output.endswith(k_spec[1:]))


def _lora_class() -> type:
    """Crea (una vez) la clase de la capa; así importar el módulo no importa TensorFlow."""
    if "LoRADense" in _CLASSES:
        return _CLASSES["LoRADense"]
    import tensorflow as tf

    class LoRADense(tf.keras.layers.Layer):
        """Envuelve una proyección congelada y le suma ``(alpha / r) · x · A · B``.

        ``base`` es una capa ya construida con una sola matriz de pesos: ``Dense``
        (``kernel`` de forma ``(d_in, d_out)``), el ``TFConv1D`` de GPT-2 (``weight``,
        ``(d_in, d_out)``) o una ``EinsumDense`` que contrae solo el último eje de la
        entrada (``kernel`` ``(d_in, ...)``). ``A`` tiene forma ``(d_in, r)`` y empieza
        aleatoria (He uniforme); ``B``, ``(r, d_out)`` y empieza a **cero**: recién
        creada, la capa da exactamente lo mismo que ``base``.

        Los pesos de ``base`` quedan **siempre** congelados, aunque después se escriba
        ``modelo.trainable = True``: la capa solo declara entrenables ``A`` y ``B``
        (y ninguno si se pone ``capa.trainable = False``).

        Es la capa de la sección 5 del cuaderno 09, que explica sus líneas esenciales
        (antes el cuaderno la definía a mano, con ``fusionar()`` en lugar de ``merge()``).
        """

        def __init__(self, base, r: int = 8, alpha: float = 16, **kwargs):
            if isinstance(base, LoRADense):
                raise ValueError("Esa capa ya tiene LoRA: no se puede envolver dos veces. "
                                 "Usa capa.base si quieres la proyección original.")
            if not isinstance(base, tf.keras.layers.Layer):
                raise TypeError(f"base debe ser una capa de Keras (una Dense, por ejemplo), "
                                f"no {type(base).__name__}.")
            r, alpha = _check_r_alpha(r, alpha)
            if not base.built or not base.weights:
                raise ValueError(f"La capa {base.name!r} no está construida (aún no tiene pesos): "
                                 "llámala una vez con una entrada o usa capa.build(forma) antes "
                                 "de envolverla con LoRA.")
            kernel = _projection_kernel(base)
            if kernel is None or not _einsum_single_contraction(base):
                raise TypeError(
                    f"La capa {base.name!r} ({type(base).__name__}) no es una proyección que LoRA "
                    "sepa envolver: hace falta una capa con una sola matriz de pesos (Dense, el "
                    "TFConv1D de GPT-2 o una EinsumDense que contrae el último eje).")
            d_in = int(kernel.shape[0])
            d_out = int(math.prod(int(d) for d in kernel.shape[1:]))
            if r > min(d_in, d_out):
                raise ValueError(f"r={r} es mayor que la proyección {base.name!r} "
                                 f"({d_in} -> {d_out}): el rango no puede pasar de "
                                 f"min(d_in, d_out). Usa r <= {min(d_in, d_out)} (típico: 4-16).")
            kwargs.setdefault("name", f"lora_{base.name}")
            super().__init__(**kwargs)
            self.base = base
            self.base.trainable = False
            self.r, self.alpha, self.scale = r, alpha, alpha / r
            self.d_in, self.d_out = d_in, d_out
            object.__setattr__(self, "_kernel", kernel)  # ya lo sigue base: no se registra dos veces
            scope = kernel.name.rsplit("/", 1)[0] if "/" in kernel.name else self.name
            with tf.name_scope(scope.replace(":", "_")):
                self.A = self.add_weight(name="lora_A", shape=(d_in, r), dtype=kernel.dtype,
                                         initializer=tf.keras.initializers.HeUniform(),
                                         trainable=True)
                self.B = self.add_weight(name="lora_B", shape=(r, d_out), dtype=kernel.dtype,
                                         initializer="zeros", trainable=True)
            self.built = True

        @property
        def kernel(self):
            """La matriz congelada de la proyección original."""
            return self._kernel

        @property
        def trainable_weights(self):
            return [self.A, self.B] if self.trainable else []

        @property
        def non_trainable_weights(self):
            propios = [] if self.trainable else [self.A, self.B]
            return propios + list(self.base.weights)

        def call(self, inputs, *args, **kwargs):
            salida = self.base(inputs, *args, **kwargs)  # x W + b, con W y b congeladas
            delta = (inputs @ self.A) @ self.B  # (..., d_in) -> (..., r) -> (..., d_out)
            if delta.shape.rank != salida.shape.rank:  # EinsumDense con varios ejes de salida
                delta = tf.reshape(delta, tf.shape(salida))
            return salida + self.scale * delta

        def merge(self):
            """Pesos de la proyección fusionada: ``(W + (alpha / r) A B, sesgo)`` como tensores.

            El sesgo es ``None`` si la capa original no tiene.
            """
            delta = tf.reshape(self.scale * (self.A @ self.B), self._kernel.shape)
            bias = [w for w in self.base.weights if w is not self._kernel]
            return self._kernel + delta, (bias[0] if bias else None)

        def get_config(self):
            config = super().get_config()
            config.update(r=self.r, alpha=self.alpha)
            return config

        def __repr__(self):
            return (f"<LoRADense {self.base.name!r}: {self.d_in} -> {self.d_out}, r={self.r}, "
                    f"alpha={self.alpha:g}>")

    LoRADense.__module__ = __name__
    LoRADense.__qualname__ = "LoRADense"
    _CLASSES["LoRADense"] = LoRADense
    return LoRADense


def __getattr__(name: str):
    if name == "LoRADense":
        return _lora_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------------------
# Recorrer un modelo
# ---------------------------------------------------------------------------

def _walk(layer, prefix="", seen=None):
    """Recorre el árbol: (ruta, capa, contenedor, clave) de cada subcapa, en profundidad.

    Cada capa sale una sola vez (la cabeza de MaskedLM vuelve a apuntar a los embeddings).
    """
    seen = set() if seen is None else seen
    for name, child, container, key in _named_children(layer):
        if id(child) in seen:
            continue
        seen.add(id(child))
        path = f"{prefix}.{name}" if prefix else name
        yield path, child, container, key
        if not isinstance(child, _lora_class()):
            yield from _walk(child, path, seen)


# ---------------------------------------------------------------------------
# El informe
# ---------------------------------------------------------------------------

def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass
class LoRAReport:
    """Parámetros de un modelo con LoRA: entrenables frente a totales.

    ``total`` cuenta los pesos originales del modelo más ``A`` y ``B``; ``percent``
    es ``100 · trainable / total``. ``wrapped`` son las rutas de las proyecciones
    envueltas y ``head`` las cabezas que se entrenan enteras. ``print(informe)`` lo
    resume en español.
    """

    r: int
    alpha: float
    wrapped: list[str]
    lora_params: int
    head_params: int
    trainable: int
    total: int
    head: list[str] = field(default_factory=list)
    other_trainable: list[str] = field(default_factory=list)

    @property
    def frozen(self) -> int:
        return self.total - self.trainable

    @property
    def percent(self) -> float:
        return 100 * self.trainable / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        """El informe como diccionario (para una tabla de pandas)."""
        return {"r": self.r, "alpha": self.alpha, "proyecciones con LoRA": len(self.wrapped),
                "parámetros LoRA": self.lora_params, "parámetros de la cabeza": self.head_params,
                "entrenables": self.trainable, "congelados": self.frozen, "total": self.total,
                "% entrenable": round(self.percent, 3)}

    def __str__(self) -> str:
        names = sorted({p.rsplit(".", 1)[-1] for p in self.wrapped})
        percent = f"{self.percent:.2f}".replace(".", ",")
        head = (f" + cabeza {_fmt(self.head_params)} ({', '.join(self.head)})" if self.head
                else " (ninguna cabeza se entrena)")
        if not self.wrapped:
            return (f"Sin LoRA. Entrenables: {_fmt(self.trainable)} de {_fmt(self.total)} "
                    "parámetros.")
        lines = [
            f"LoRA r={self.r}, alpha={self.alpha:g} (escala {self.alpha / self.r:g}) en "
            f"{len(self.wrapped)} proyecciones ({', '.join(names) or 'ninguna'}).",
            f"Entrenables: {_fmt(self.trainable)} de {_fmt(self.total)} parámetros ({percent} %): "
            f"LoRA {_fmt(self.lora_params)}{head}.",
            f"Congelados: {_fmt(self.frozen)}.",
        ]
        if self.other_trainable:
            lines.append("¡Ojo! También se entrenan pesos que no son de LoRA ni de la cabeza: "
                         + ", ".join(self.other_trainable[:5]) + ".")
        if self.trainable == 0:
            lines.append("¡Ojo! No se entrena nada: ¿escribiste modelo.trainable = False después "
                         "de apply_lora? Vuelve a aplicar LoRA a un modelo recién cargado.")
        return "\n".join(lines)


def lora_report(model) -> LoRAReport:
    """Informe de parámetros entrenables de un modelo con LoRA (o sin él).

    Lo calcula con lo que el modelo declara **ahora** (``model.trainable_weights``), así
    que sirve para comprobar los dos errores típicos: embeddings que siguen
    entrenándose (``other_trainable`` no vacío) o nada entrenable (``trainable == 0``).
    """
    model = _check_model(model)
    lora_cls = _lora_class()
    layers = [(p, layer) for p, layer, _, _ in _walk(model) if isinstance(layer, lora_cls)]
    trainable = _unique(model.trainable_weights)
    trainable_ids = {id(v) for v in trainable}
    lora_vars = [v for _, lo in layers for v in (lo.A, lo.B) if id(v) in trainable_ids]
    if _main_layer(model) is not None:
        heads = _head_layers(model)
    else:  # un modelo de Keras propio: sus subcapas directas sin LoRA
        heads = {name: child for name, child, _, _ in _named_children(model) if child.weights
                 and not any(isinstance(sub, lora_cls) for sub in child._flatten_layers())}
    head_vars = [v for h in heads.values() for v in h.trainable_weights if id(v) in trainable_ids]
    head_vars = _unique(head_vars)
    known = {id(v) for v in lora_vars + head_vars}
    others = [v.name for v in trainable if id(v) not in known]
    total = _count(_unique(model.weights))
    r = layers[0][1].r if layers else 0
    alpha = layers[0][1].alpha if layers else 0.0
    return LoRAReport(
        r=r, alpha=alpha, wrapped=[p for p, _ in layers], lora_params=_count(lora_vars),
        head_params=_count(head_vars), trainable=_count(trainable), total=total,
        head=[n for n, h in heads.items() if any(id(v) in trainable_ids for v in h.weights)],
        other_trainable=others)


# ---------------------------------------------------------------------------
# Aplicar y fusionar
# ---------------------------------------------------------------------------

def _check_target(target: object) -> tuple[str, ...]:
    if isinstance(target, str):
        target = (target,)
    if not isinstance(target, Iterable):
        raise TypeError(f"target debe ser una lista de nombres de proyecciones, como "
                        f"('query', 'value'), no {type(target).__name__}.")
    names = tuple(target)
    if not names:
        raise ValueError("target está vacío: indica al menos una proyección, como ('query', 'value').")
    bad = [t for t in names if not isinstance(t, str)]
    if bad:
        raise TypeError(f"target solo puede contener nombres (textos); hay {type(bad[0]).__name__} "
                        f"({bad[0]!r}).")
    return names


def _head_selection(model, train_head: object) -> dict:
    if isinstance(train_head, bool):
        return _head_layers(model) if train_head else {}
    # Con nombres vale cualquier subcapa directa con pesos (también en un modelo de Keras propio).
    if _main_layer(model) is not None:
        heads = _head_layers(model)
    else:
        heads = {name: child for name, child, _, _ in _named_children(model) if child.weights}
    chosen = (train_head,) if isinstance(train_head, str) else train_head
    if not isinstance(chosen, Iterable) or not all(isinstance(c, str) for c in chosen):
        raise TypeError("train_head debe ser True, False o una lista de nombres de cabezas "
                        f"(por ejemplo ('classifier',)), no {type(train_head).__name__}.")
    chosen = tuple(chosen)
    unknown = [c for c in chosen if c not in heads]
    if unknown:
        available = ", ".join(repr(h) for h in heads) or "ninguna (es un modelo base, sin cabeza)"
        raise ValueError(f"El modelo no tiene la cabeza {unknown[0]!r}. Cabezas con pesos: "
                         f"{available}.")
    return {c: heads[c] for c in chosen}


def apply_lora(model, target=DEFAULT_TARGET, r: int = 8, alpha: float = 16,
               train_head: bool | str | Iterable[str] = True) -> LoRAReport:
    """Aplica LoRA a las proyecciones ``target`` de ``model`` y congela todo lo demás.

    - ``target``: nombres de las proyecciones, tal como se llaman en el modelo:
      ``("query", "value")`` en BERT y MiniLM (el artículo original), ``"c_attn"`` en
      GPT-2, ``"dense"`` para todas las densas de BERT... Si un nombre no existe, el
      error dice cuáles hay.
    - ``r`` y ``alpha``: el rango y la escala (la corrección se multiplica por ``alpha / r``).
    - ``train_head``: ``True`` entrena entera la cabeza de la tarea (``classifier``,
      ``qa_outputs``...; todas las subcapas del modelo que no son el cuerpo), ``False``
      ninguna, o una lista de nombres de cabeza. En un modelo de Keras propio (sin
      cuerpo de transformers) ``True`` no sabe cuál es la cabeza: nómbrala, por ejemplo
      ``train_head=("cabeza",)``, con el nombre del atributo.

    Cambia el modelo en su sitio (las proyecciones pasan a ser :class:`LoRADense`) y
    devuelve un :class:`LoRAReport`. Embeddings, LayerNorm, pooler y el resto de capas
    quedan congelados. Las salidas no cambian hasta entrenar (``B`` empieza a cero).
    Compila el modelo **después** de aplicar LoRA. Lo usa el cuaderno 09.
    """
    model = _check_model(model)
    names = _check_target(target)
    r, alpha = _check_r_alpha(r, alpha)
    lora_cls = _lora_class()
    tree = list(_walk(model))
    existing = [p for p, layer, _, _ in tree if isinstance(layer, lora_cls)]
    if existing:
        raise ValueError(f"Este modelo ya tiene LoRA aplicado ({len(existing)} proyecciones, por "
                         f"ejemplo {existing[0]}). Aplicarlo dos veces apilaría adaptadores: "
                         "vuelve a cargar el modelo (from_pretrained) o usa merge_lora(modelo) "
                         "antes.")
    heads = _head_selection(model, train_head)
    head_ids = {id(h) for h in heads.values()}
    projections = [(p, layer, c, k) for p, layer, c, k in tree
                   if c is not None and _projection_kernel(layer) is not None]
    available = sorted({p.rsplit(".", 1)[-1] for p, *_ in projections
                        if not p.rsplit(".", 1)[-1].isdigit()})
    unknown = [t for t in names if t not in available]
    if unknown:
        raise ValueError(f"El modelo no tiene ninguna proyección llamada {unknown[0]!r}. "
                         f"Proyecciones disponibles: {', '.join(available) or 'ninguna'}.")
    chosen = [(p, layer, c, k) for p, layer, c, k in projections
              if p.rsplit(".", 1)[-1] in names and _einsum_single_contraction(layer)]
    in_head = [p for p, *_ in chosen if p.split(".", 1)[0] in heads]
    if in_head:
        raise ValueError(f"{in_head[0]} es parte de la cabeza, que ya se entrena entera "
                         "(train_head). Quítalo de target o usa train_head=False.")
    if not chosen:
        raise ValueError(f"Ninguna capa de {model.name!r} coincide con target={names}: no hay "
                         "nada a lo que aplicar LoRA.")
    for r_check in chosen:  # valida r en todas antes de tocar nada
        kernel = _projection_kernel(r_check[1])
        size = min(int(kernel.shape[0]), math.prod(int(d) for d in kernel.shape[1:]))
        if r > size:
            raise ValueError(f"r={r} es mayor que la proyección {r_check[0]} "
                             f"({tuple(int(d) for d in kernel.shape)}). Usa r <= {size}.")

    wrappers = set()
    for _, layer, container, key in chosen:
        wrapper = lora_cls(layer, r=r, alpha=alpha, name=f"lora_{layer.name}")
        if isinstance(key, str):
            setattr(container, key, wrapper)
        else:
            container[key] = wrapper
        wrappers.add(id(wrapper))

    # Congelar: todo entrenable, y después se congela cada rama que no lleva LoRA ni cabeza
    # (sin entrar en ellas: si la cabeza comparte pesos con los embeddings, estos se congelan).
    keep = wrappers | head_ids

    def contains_keep(layer) -> bool:
        return id(layer) in keep or any(contains_keep(c) for c in _children(layer))

    def freeze(layer) -> None:
        for child in _children(layer):
            if id(child) in keep:
                continue
            if contains_keep(child):
                freeze(child)
            else:
                child.trainable = False

    model.trainable = True
    freeze(model)
    report = lora_report(model)
    if report.other_trainable:  # una capa con pesos propios y LoRA dentro: no debería pasar
        raise RuntimeError("No se pudieron congelar estos pesos: "
                           + ", ".join(report.other_trainable[:5]))
    return report


def merge_lora(model) -> int:
    """Fusiona cada :class:`LoRADense` en su proyección original y la quita del modelo.

    Escribe ``W + (alpha / r) A B`` en la matriz original, devuelve la capa original a
    su sitio y da el número de proyecciones fusionadas. Las salidas no cambian (salvo
    redondeo); el modelo queda sin LoRA y con las proyecciones congeladas.
    """
    model = _check_model(model)
    lora_cls = _lora_class()
    found = [(layer, c, k) for _, layer, c, k in _walk(model) if isinstance(layer, lora_cls)]
    if not found:
        raise ValueError("Este modelo no tiene capas LoRA que fusionar (¿aplicaste apply_lora?).")
    for layer, container, key in found:
        merged, _ = layer.merge()
        layer.kernel.assign(merged)
        layer.base.trainable = False
        if isinstance(key, str):
            setattr(container, key, layer.base)
        else:
            container[key] = layer.base
    return len(found)
