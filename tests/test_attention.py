"""Pruebas de course_utils.attention (figuras y etiquetas de tokens)."""

import numpy as np
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from course_utils.attention import (
    attention_stack,
    plot_attention,
    plot_attention_grid,
    plot_cross_attention,
    select_head,
    token_labels,
)


def atenciones(capas=2, lote=1, cabezas=3, n=4, seed=0):
    rng = np.random.default_rng(seed)
    w = rng.random((lote, cabezas, n, n))
    return tuple((w / w.sum(-1, keepdims=True)) for _ in range(capas))


def test_pila_y_seleccion():
    att = atenciones()
    assert attention_stack(att).shape == (2, 3, 4, 4)
    np.testing.assert_allclose(select_head(att, 1, 2), att[1][0, 2])
    np.testing.assert_allclose(select_head(att, -1, 0), att[1][0, 0])


def test_acepta_tensores_de_tf(entorno):
    import tensorflow as tf

    att = tuple(tf.constant(a) for a in atenciones())
    ax = plot_attention(select_head(att, 0, 0), ["a", "b", "c", "d"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c", "d"]


def test_rejilla_y_cruzada():
    fig = plot_attention_grid(atenciones(capas=2, cabezas=3), list("abcd"))
    assert len(fig.axes) == 6
    ax = plot_cross_attention(np.full((2, 3, 5), 0.2), list("abcde"), ["x", "y", "z"])
    assert ax.get_ylabel().startswith("salida")
    assert ax.images[0].get_clim() == (0.0, 0.2)  # por defecto, hasta el máximo de la matriz


def test_cruzada_con_escala_comun():
    """Dos paneles con vmax=1.0: el mismo color significa el mismo peso en los dos."""
    import matplotlib.pyplot as plt

    fig, ejes = plt.subplots(1, 2)
    for ax, peso in zip(ejes, (0.2, 0.5), strict=True):
        plot_cross_attention(np.full((3, 5), peso), list("abcde"), ["x", "y", "z"], ax=ax, vmax=1.0)
    assert [ax.images[0].get_clim() for ax in ejes] == [(0.0, 1.0), (0.0, 1.0)]
    plt.close(fig)


def test_etiquetas_wordpiece(minilm):
    _, tokenizador = minilm
    ids = tokenizador("Los tokenizadores")["input_ids"]
    etiquetas = token_labels(tokenizador, ids)
    assert etiquetas[0] == "[CLS]" and etiquetas[-1] == "[SEP]"
    assert any(e.startswith("##") for e in etiquetas)


def test_etiquetas_bpe_de_bytes_sin_mojibake():
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(["la niña come"] * 20, trainers.BpeTrainer(
        vocab_size=300, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    hf = PreTrainedTokenizerFast(tokenizer_object=tok)
    ids = hf("la niña")["input_ids"]
    crudos = hf.convert_ids_to_tokens(ids)
    assert any("Ã" in c for c in crudos)  # lo que se vería sin decodificar
    assert "".join(token_labels(hf, ids)).replace("␣", " ") == "la niña"
