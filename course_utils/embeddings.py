"""Embeddings de frases con un codificador de transformers (TF) y búsqueda de vecinos.

:class:`SentenceEncoder` tokeniza por lotes, ordena las frases por longitud para
rellenar lo mínimo, y ejecuta el modelo con un ``tf.function`` de firma estable
(se traza una sola vez, no una vez por lote). El *pooling* tiene en cuenta la
máscara de atención: los tokens de relleno no cuentan en la media.

Lo usan los cuadernos 01, 05, 06 y 09.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    check_bool,
    check_choice,
    check_int,
    check_positive_int,
    check_rank,
    check_texts,
    to_array,
)

POOLING_METHODS = ("mean", "cls")
DEFAULT_MAX_LENGTH = 128
_VECTORS_HINT = ("Pasa vectores (n, dimensión): codifica los textos antes con "
                 "SentenceEncoder(...).encode(textos).")


def _check_model(model: object) -> None:
    if not callable(model) or not hasattr(model, "config"):
        raise TypeError("model debe ser un modelo TF de transformers, por ejemplo "
                        "TFAutoModel.from_pretrained(...).")
    name = type(model).__name__
    if "For" in name or name.endswith("LMHeadModel"):
        raise TypeError(f"model es {name}, un modelo con cabeza de tarea que no devuelve "
                        "last_hidden_state: carga el modelo base con TFAutoModel.from_pretrained(...).")


def _check_tokenizer(tokenizer: object) -> None:
    if not callable(tokenizer) or not hasattr(tokenizer, "model_input_names"):
        raise TypeError("tokenizer debe ser un tokenizador de transformers "
                        "(AutoTokenizer.from_pretrained(...)).")


def model_max_length(model: object, tokenizer: object) -> int | None:
    """Máximo de tokens por frase que admite el modelo (posiciones aprendidas), o ``None``."""
    limits = []
    positions = getattr(getattr(model, "config", None), "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    declared = getattr(tokenizer, "model_max_length", None)
    if isinstance(declared, int) and 0 < declared < 100_000:
        limits.append(declared)
    return min(limits) if limits else None


def pool(last_hidden_state: object, attention_mask: object, method: str = "mean") -> np.ndarray:
    """Reduce ``(n, L, D)`` a ``(n, D)``: vector de ``[CLS]`` o media de los tokens reales.

    ``attention_mask`` es ``(n, L)`` con 1 en los tokens reales y 0 en el relleno.
    Es la misma cuenta que hace :class:`SentenceEncoder` dentro del grafo; aquí en
    NumPy para verla paso a paso (cuaderno 05).
    """
    method = check_choice(method, POOLING_METHODS, "pooling")
    hidden = to_array(last_hidden_state, "last_hidden_state",
                      "Es outputs.last_hidden_state, con forma (frases, tokens, dimensión).")
    check_rank(hidden, [3], "last_hidden_state",
               "Es outputs.last_hidden_state, con forma (frases, tokens, dimensión).")
    mask = to_array(attention_mask, "attention_mask",
                    "Es enc['attention_mask'], con forma (frases, tokens).")
    check_rank(mask, [2], "attention_mask", "Es enc['attention_mask'], con forma (frases, tokens).")
    if not np.isin(mask, (0, 1)).all():
        raise ValueError("attention_mask solo puede tener 0 y 1 (1 = token real, 0 = relleno); "
                         "usa enc['attention_mask'] tal cual.")
    if mask.shape != hidden.shape[:2]:
        raise ValueError(f"attention_mask tiene forma {mask.shape} pero last_hidden_state tiene "
                         f"{hidden.shape[:2]} frases x tokens: deben venir de la misma tokenización.")
    if method == "cls":
        return hidden[:, 0, :]
    counts = mask.sum(axis=1, keepdims=True)
    if np.any(counts == 0):
        raise ValueError("Alguna frase no tiene ningún token real (máscara toda a 0).")
    return (hidden * mask[:, :, None]).sum(axis=1) / counts


class SentenceEncoder:
    """Codificador de frases por lotes sobre un modelo TF de transformers.

    Ejemplo (cuaderno 05)::

        codificador = SentenceEncoder(modelo, tokenizador)
        X = codificador.encode(frases, pooling="mean")   # (n, 384)
    """

    def __init__(self, model: object, tokenizer: object, max_length: int | None = None,
                 batch_size: int = 64):
        """``max_length``: tokens por frase (las más largas se truncan). Por defecto 128, o
        el máximo del modelo si es menor; un valor mayor que ese máximo es un error."""
        _check_model(model)
        _check_tokenizer(tokenizer)
        self.model = model
        self.tokenizer = tokenizer
        limit = model_max_length(model, tokenizer)
        if max_length is None:
            max_length = min(DEFAULT_MAX_LENGTH, limit or DEFAULT_MAX_LENGTH)
        self.max_length = check_positive_int(max_length, "max_length")
        if limit is not None and self.max_length > limit:
            raise ValueError(f"max_length={self.max_length} supera el máximo del modelo "
                             f"({limit} tokens por frase): usa max_length={limit} o menos; los "
                             "textos más largos se truncan.")
        if self.max_length < 3:
            raise ValueError(f"max_length={self.max_length} no deja sitio para el texto: hacen "
                             "falta al menos 3 tokens ([CLS], uno del texto y [SEP]).")
        self.batch_size = check_positive_int(batch_size, "batch_size")
        self.input_names = [n for n in ("input_ids", "attention_mask", "token_type_ids")
                            if n in tokenizer.model_input_names]
        self._forward = None

    def _build_forward(self):
        import tensorflow as tf

        spec = [tf.TensorSpec([None, None], tf.int32, name=n) for n in self.input_names]
        names = self.input_names
        model = self.model

        def forward(*tensors):
            inputs = dict(zip(names, tensors, strict=True))
            hidden = model(**inputs, training=False).last_hidden_state
            mask = tf.cast(inputs["attention_mask"], hidden.dtype)[:, :, None]
            mean = tf.reduce_sum(hidden * mask, axis=1) / tf.reduce_sum(mask, axis=1)
            return hidden[:, 0, :], mean

        return tf.function(forward, input_signature=spec)

    def encode(self, texts: object, pooling: str = "mean", normalize: bool = False) -> np.ndarray:
        """Devuelve un array ``(n, D)`` de float32, en el mismo orden que ``texts``.

        ``pooling``: ``"mean"`` (media de los tokens reales) o ``"cls"`` (vector
        de ``[CLS]``). ``normalize=True`` deja cada vector con norma 1.
        """
        texts = check_texts(texts, "texts")
        pooling = check_choice(pooling, POOLING_METHODS, "pooling")
        normalize = check_bool(normalize, "normalize")
        lengths = self.tokenizer(texts, truncation=True, max_length=self.max_length,
                                 return_length=True)["length"]
        empty = self.tokenizer([""], return_length=True)["length"][0]  # solo los especiales
        blank = [i for i, n in enumerate(lengths) if n <= empty]
        if blank:
            raise ValueError(f"texts: el texto de la posición {blank[0]} no produce ningún token "
                             f"({texts[blank[0]]!r}): quítalo de la lista.")
        if self._forward is None:
            self._forward = self._build_forward()
        order = np.argsort(lengths, kind="stable")[::-1]
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            idx = order[start:start + self.batch_size]
            batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                   max_length=self.max_length, return_tensors="np")
            tensors = [batch[n].astype(np.int32) for n in self.input_names]
            cls, mean = self._forward(*tensors)
            out[idx] = (mean if pooling == "mean" else cls).numpy()
        if normalize:
            out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


def nearest_neighbors(queries: object, corpus: object, k: int = 5,
                      exclude_self: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Los ``k`` vectores de ``corpus`` más parecidos (coseno) a cada consulta.

    Devuelve ``(indices, similitudes)``, ambos de forma ``(consultas, k)`` y
    ordenados de más a menos parecido. Usa ``sklearn.neighbors.NearestNeighbors``.
    Con ``exclude_self=True`` (para buscar los vecinos de cada elemento dentro del
    mismo conjunto, ``nearest_neighbors(X, X, exclude_self=True)``), la consulta ``i``
    no se devuelve a sí misma como vecina. Lo usan los cuadernos 05 y 09.
    """
    from sklearn.neighbors import NearestNeighbors

    if not isinstance(exclude_self, bool):
        raise TypeError(f"exclude_self debe ser True o False, no {exclude_self!r}.")
    q = to_array(queries, "queries", _VECTORS_HINT)
    c = to_array(corpus, "corpus", _VECTORS_HINT)
    if q.ndim == 1:
        q = q[None, :]
    check_rank(q, [2], "queries", "Forma (consultas, dimensión).")
    check_rank(c, [2], "corpus", "Forma (documentos, dimensión).")
    if q.shape[1] != c.shape[1]:
        raise ValueError(f"Las consultas tienen dimensión {q.shape[1]} y el corpus {c.shape[1]}: "
                         "codifícalos con el mismo modelo.")
    k = check_positive_int(k, "k")
    if exclude_self and q.shape != c.shape:
        raise ValueError(
            f"exclude_self=True compara cada elemento con los demás del mismo conjunto, pero "
            f"queries tiene forma {q.shape} y corpus {c.shape}: pasa el mismo array dos veces "
            "(nearest_neighbors(X, X, exclude_self=True)).")
    available = len(c) - 1 if exclude_self else len(c)
    if k > available:
        raise ValueError(f"k={k} es mayor que el número de documentos que se pueden devolver "
                         f"({available}).")
    n = k + 1 if exclude_self else k
    index = NearestNeighbors(n_neighbors=n, metric="cosine", algorithm="brute").fit(c)
    distances, indices = index.kneighbors(q)
    if exclude_self:
        # Se quita la propia consulta (esté donde esté entre los empates); si no aparece, la última.
        keep = indices != np.arange(len(q))[:, None]
        keep[keep.all(axis=1), -1] = False
        indices = indices[keep].reshape(len(q), k)
        distances = distances[keep].reshape(len(q), k)
    return indices, 1.0 - distances


def word_in_context(model: object, tokenizer: object, sentences: object, word: str,
                    layer: int = -1) -> np.ndarray:
    """Vector contextual de ``word`` en cada frase: media de sus subtokens en ``layer``.

    Busca la primera aparición de ``word`` (sin distinguir mayúsculas) en cada
    frase y usa los *offsets* del tokenizador rápido para saber qué subtokens la
    forman. Devuelve ``(frases, D)``. Lo usan los cuadernos 01 y 05 (polisemia de
    "banco").
    """
    import re

    _check_model(model)
    _check_tokenizer(tokenizer)
    sentences = check_texts(sentences, "sentences")
    if not isinstance(word, str):
        raise TypeError(f"word debe ser una palabra (str), no {type(word).__name__}; por ejemplo "
                        "'banco'.")
    if not word.strip():
        raise ValueError("word debe ser una palabra no vacía, por ejemplo 'banco'.")
    if not getattr(tokenizer, "is_fast", False):
        raise TypeError("word_in_context necesita un tokenizador rápido (use_fast=True) "
                        "para tener offsets.")
    pattern = re.compile(rf"\b{re.escape(word.strip())}\b", re.IGNORECASE)
    spans = []
    for i, sentence in enumerate(sentences):
        match = pattern.search(sentence)
        if match is None:
            raise ValueError(f"La frase {i} no contiene la palabra {word!r}: {sentence!r}.")
        spans.append(match.span())
    n_layers = getattr(model.config, "num_hidden_layers", None)
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or (
            isinstance(n_layers, int) and not -(n_layers + 1) <= layer <= n_layers):
        total = f"{n_layers + 1}" if isinstance(n_layers, int) else "varias"
        raise ValueError(f"layer={layer!r} no existe: hay {total} salidas (embeddings + "
                         f"{n_layers} capas), índices {-(n_layers or 0) - 1} a {n_layers}.")
    layer = check_int(layer, "layer")
    limit = model_max_length(model, tokenizer)
    enc = tokenizer(sentences, padding=True, truncation=limit is not None, max_length=limit,
                    return_offsets_mapping=True, return_tensors="np")
    offsets = enc.pop("offset_mapping")
    spans_tokens = []
    for i, (start, end) in enumerate(spans):
        inside = [t for t, (a, b) in enumerate(offsets[i]) if b > a and a >= start and b <= end]
        if not inside:
            last = int(offsets[i][:, 1].max())
            if limit is not None and last <= start:
                raise ValueError(f"En la frase {i}, {word!r} aparece después de los {limit} tokens "
                                 f"que admite el modelo (se trunca a partir del carácter {last}): "
                                 "acorta la frase o quédate con la parte que rodea a la palabra.")
            raise ValueError(f"En la frase {i} ningún token corresponde exactamente a {word!r}: "
                             f"{sentences[i]!r}.")
        spans_tokens.append(inside)
    outputs = model(**{k: v for k, v in enc.items()}, output_hidden_states=True, training=False)
    hidden = outputs.hidden_states[layer].numpy()
    return np.stack([hidden[i, inside].mean(axis=0) for i, inside in enumerate(spans_tokens)])
