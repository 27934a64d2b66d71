"""Pruebas de course_utils.lora con un BERT diminuto, GPT-2 diminuto y el MiniLM real."""

import numpy as np
import pytest
from _modelos_diminutos import bert_config

R, ALPHA = 4, 8


@pytest.fixture(scope="module")
def lora(entorno):
    from course_utils import lora

    return lora


@pytest.fixture
def bert_clf(tf):
    from transformers import TFBertForSequenceClassification

    tf.keras.utils.set_random_seed(0)
    modelo = TFBertForSequenceClassification(bert_config(num_labels=3))
    modelo(ENTRADA(tf))
    return modelo


def ENTRADA(tf):  # noqa: N802
    return {"input_ids": tf.constant([[2, 5, 7, 9, 3, 0], [2, 11, 12, 3, 0, 0]]),
            "attention_mask": tf.constant([[1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 0, 0]])}


def _ids(variables):
    return {id(v) for v in variables}


def _lora_vars(modelo, lora):
    capas = [c for _, c, _, _ in lora._walk(modelo) if isinstance(c, lora.LoRADense)]
    return capas, [v for c in capas for v in (c.A, c.B)]


# --- La capa ------------------------------------------------------------------------------

def test_capa_empieza_identica_y_se_fusiona(tf, lora):
    base = tf.keras.layers.Dense(6)
    base.build((None, 5))
    tf.keras.utils.set_random_seed(0)
    capa = lora.LoRADense(base, r=2, alpha=4)
    x = tf.random.normal((3, 4, 5), seed=1)
    assert float(tf.reduce_max(tf.abs(capa(x) - base(x)))) == 0.0
    assert [tuple(w.shape) for w in capa.trainable_weights] == [(5, 2), (2, 6)]
    assert _ids(capa.non_trainable_weights) == _ids(base.weights)
    capa.B.assign(tf.random.normal(capa.B.shape, seed=2))
    W, b = capa.merge()
    np.testing.assert_allclose(capa(x).numpy(), (x @ W + b).numpy(), atol=1e-5)
    assert capa.scale == 2.0


def test_capa_con_einsumdense(tf, lora):
    base = tf.keras.layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3), bias_axes="de")
    x = tf.random.normal((2, 4, 5), seed=1)
    base(x)
    capa = lora.LoRADense(base, r=2, alpha=2)
    assert float(tf.reduce_max(tf.abs(capa(x) - base(x)))) == 0.0
    capa.B.assign(tf.ones(capa.B.shape))
    W, b = capa.merge()
    np.testing.assert_allclose(capa(x).numpy(), (tf.einsum("abc,cde->abde", x, W) + b).numpy(),
                               atol=1e-4)
    assert capa.d_out == 6


def test_la_base_sigue_congelada_aunque_se_descongele_todo(tf, lora, bert_clf):
    lora.apply_lora(bert_clf, r=R, alpha=ALPHA)
    bert_clf.trainable = True  # el estudiante «descongela» todo para un ajuste completo
    capas, _ = _lora_vars(bert_clf, lora)
    entrenables = _ids(bert_clf.trainable_weights)
    assert not any(id(c.kernel) in entrenables for c in capas)


# --- apply_lora en un BERT diminuto ----------------------------------------------------------

def test_salidas_identicas_y_cuenta_analitica(tf, lora, bert_clf):
    antes = bert_clf(ENTRADA(tf)).logits.numpy()
    informe = lora.apply_lora(bert_clf, target=("query", "value"), r=R, alpha=ALPHA)
    despues = bert_clf(ENTRADA(tf)).logits.numpy()
    assert np.array_equal(antes, despues)
    assert len(informe.wrapped) == 4  # 2 capas x (query, value)
    assert informe.lora_params == 4 * R * (32 + 32)
    assert informe.head_params == 32 * 3 + 3
    assert informe.trainable == informe.lora_params + informe.head_params
    assert informe.total == bert_clf.count_params()
    assert informe.other_trainable == []
    assert "Entrenables: 1.123 de" in str(informe) and "(classifier)" in str(informe)


def test_congela_embeddings_layernorm_y_pooler(tf, lora, bert_clf):
    lora.apply_lora(bert_clf, r=R, alpha=ALPHA)
    _, lora_vars = _lora_vars(bert_clf, lora)
    esperados = _ids(lora_vars) | _ids(bert_clf.classifier.weights)
    assert _ids(bert_clf.trainable_weights) == esperados
    congelados = _ids(bert_clf.non_trainable_weights)
    for capa in (bert_clf.bert.embeddings, bert_clf.bert.pooler,
                 bert_clf.bert.encoder.layer[0].attention.dense_output.LayerNorm,
                 bert_clf.bert.encoder.layer[1].intermediate):
        assert _ids(capa.weights) <= congelados, capa.name


def test_un_paso_de_entrenamiento_solo_cambia_lora_y_cabeza(tf, lora, bert_clf):
    lora.apply_lora(bert_clf, r=R, alpha=ALPHA)
    _, lora_vars = _lora_vars(bert_clf, lora)
    permitidos = _ids(lora_vars) | _ids(bert_clf.classifier.weights)
    antes = {id(v): v.numpy().copy() for v in bert_clf.weights}
    bert_clf.compile(optimizer=tf.keras.optimizers.Adam(1e-2),
                     loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    bert_clf.fit(ENTRADA(tf), np.array([0, 2]), epochs=1, verbose=0)
    cambiados = {id(v) for v in bert_clf.weights if not np.array_equal(antes[id(v)], v.numpy())}
    assert cambiados and cambiados <= permitidos
    capas, _ = _lora_vars(bert_clf, lora)
    assert all(id(c.B) in cambiados for c in capas)  # B sale de cero en el primer paso


def test_sin_cabeza_o_cabeza_por_nombre(tf, lora, bert_clf):
    informe = lora.apply_lora(bert_clf, r=R, alpha=ALPHA, train_head=False)
    assert informe.head_params == 0 and informe.trainable == informe.lora_params
    assert "ninguna cabeza" in str(informe)
    from transformers import TFBertForSequenceClassification

    otro = TFBertForSequenceClassification(bert_config(num_labels=3))
    informe = lora.apply_lora(otro, r=R, alpha=ALPHA, train_head=("classifier",))
    assert informe.head == ["classifier"]


def test_dos_errores_tipicos_se_ven_en_el_informe(tf, lora, bert_clf):
    lora.apply_lora(bert_clf, r=R, alpha=ALPHA)
    bert_clf.bert.embeddings.trainable = True  # embeddings entrenables por descuido
    informe = lora.lora_report(bert_clf)
    assert any("word_embeddings" in n for n in informe.other_trainable)
    assert "¡Ojo! También se entrenan" in str(informe)
    bert_clf.trainable = False  # nada entrenable
    informe = lora.lora_report(bert_clf)
    assert informe.trainable == 0 and "No se entrena nada" in str(informe)


def test_modelo_sin_construir_se_construye(tf, lora):
    from transformers import TFBertModel

    modelo = TFBertModel(bert_config())
    assert not modelo.built
    informe = lora.apply_lora(modelo, r=R)
    assert informe.lora_params == 4 * R * 64 and informe.head == []


def test_merge_lora_da_las_mismas_salidas(tf, lora, bert_clf):
    lora.apply_lora(bert_clf, r=R, alpha=ALPHA)
    capas, _ = _lora_vars(bert_clf, lora)
    for capa in capas:
        capa.B.assign(tf.random.normal(capa.B.shape, stddev=0.1, seed=3))
    antes = bert_clf(ENTRADA(tf)).logits.numpy()
    assert lora.merge_lora(bert_clf) == 4
    np.testing.assert_allclose(bert_clf(ENTRADA(tf)).logits.numpy(), antes, atol=1e-5)
    assert not _lora_vars(bert_clf, lora)[0]
    assert _ids(bert_clf.trainable_weights) == _ids(bert_clf.classifier.weights)


# --- GPT-2 -----------------------------------------------------------------------------------

def test_gpt2_c_attn(tf, lora):
    from transformers import GPT2Config, TFGPT2LMHeadModel

    tf.keras.utils.set_random_seed(0)
    modelo = TFGPT2LMHeadModel(GPT2Config(n_embd=32, n_layer=2, n_head=2, n_positions=16,
                                          vocab_size=100))
    ids = tf.constant([[1, 5, 7, 9]])
    antes = modelo(ids).logits.numpy()
    informe = lora.apply_lora(modelo, target="c_attn", r=R)
    assert np.array_equal(antes, modelo(ids).logits.numpy())
    assert informe.lora_params == 2 * R * (32 + 3 * 32)
    assert informe.trainable == informe.lora_params  # la cabeza de GPT-2 son los embeddings
    _, lora_vars = _lora_vars(modelo, lora)
    assert _ids(modelo.trainable_weights) == _ids(lora_vars)


# --- El MiniLM real ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def minilm_lora(entorno):
    """Una copia propia de MiniLM (la fixture minilm la comparten otras pruebas: no se toca)."""
    from transformers import AutoTokenizer, TFAutoModel

    from course_utils import MINILM_ID

    return TFAutoModel.from_pretrained(MINILM_ID), AutoTokenizer.from_pretrained(MINILM_ID)


def test_minilm_real(tf, lora, minilm_lora):
    modelo, tokenizador = minilm_lora
    enc = tokenizador(["LoRA starts from the base model.", "Short."], padding=True,
                      return_tensors="tf")
    antes = modelo(enc).last_hidden_state.numpy()
    informe = lora.apply_lora(modelo, r=8, alpha=16)
    assert np.array_equal(antes, modelo(enc).last_hidden_state.numpy())
    assert len(informe.wrapped) == 12
    assert informe.lora_params == informe.trainable == 12 * 8 * (384 + 384)
    assert informe.total == 22_713_216 + informe.lora_params
    embeddings = _ids(modelo.bert.embeddings.weights)
    assert not embeddings & _ids(modelo.trainable_weights)
    assert "0,32 %" in str(informe)


# --- Entradas incorrectas --------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, fragmento", [
    ({"r": 0}, ValueError, "mayor que 0"),
    ({"r": 2.5}, TypeError, "entero"),
    ({"r": "8"}, TypeError, "entero"),
    ({"r": 64}, ValueError, "r <= 32"),
    ({"alpha": 0}, ValueError, "alpha"),
    ({"alpha": "16"}, TypeError, "alpha"),
    ({"target": ("query", "valor")}, ValueError, "dense, key, query, value"),
    ({"target": "c_attn"}, ValueError, "Proyecciones disponibles"),
    ({"target": ()}, ValueError, "vacío"),
    ({"target": (1, 2)}, TypeError, "nombres"),
    ({"target": "classifier"}, ValueError, "cabeza"),
    ({"train_head": ("pooler",)}, ValueError, "'classifier'"),
    ({"train_head": 1}, TypeError, "train_head"),
])
def test_errores_en_espanol(lora, bert_clf, kwargs, error, fragmento):
    with pytest.raises(error, match=None) as info:
        lora.apply_lora(bert_clf, **kwargs)
    assert fragmento in str(info.value)
    assert not _lora_vars(bert_clf, lora)[0]  # el modelo no se tocó


def test_lora_dos_veces(lora, bert_clf):
    lora.apply_lora(bert_clf, r=R)
    with pytest.raises(ValueError, match="ya tiene LoRA"):
        lora.apply_lora(bert_clf, r=R)
    capa = _lora_vars(bert_clf, lora)[0][0]
    with pytest.raises(ValueError, match="dos veces"):
        lora.LoRADense(capa)


def test_modelo_sin_proyecciones(tf, lora):
    modelo = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.LayerNormalization()])
    with pytest.raises(ValueError, match="Proyecciones disponibles: ninguna"):
        lora.apply_lora(modelo)


def test_no_es_un_modelo(lora, minilm_lora):
    _, tokenizador = minilm_lora
    with pytest.raises(TypeError, match="tokenizador"):
        lora.apply_lora(tokenizador)
    with pytest.raises(TypeError, match="modelo de Keras"):
        lora.apply_lora("sentence-transformers/all-MiniLM-L6-v2")
    with pytest.raises(TypeError, match="no es una proyección"):
        lora.LoRADense(tf_layer_norm())


def tf_layer_norm():
    import tensorflow as tf

    capa = tf.keras.layers.LayerNormalization()
    capa.build((None, 4))
    return capa


def test_modelo_keras_sin_construir(tf, lora):
    class Propio(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.query = tf.keras.layers.Dense(4)

        def call(self, x):
            return self.query(x)

    with pytest.raises(ValueError, match="no está construido"):
        lora.apply_lora(Propio(), target="query")
    modelo = Propio()
    modelo(tf.ones((1, 4)))
    assert lora.apply_lora(modelo, target="query", r=2).lora_params == 2 * (4 + 4)


def test_importar_no_importa_tensorflow():
    import subprocess
    import sys

    codigo = ("import sys, course_utils.lora, course_utils.params; "
              "print('tensorflow' in sys.modules)")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                            check=True)
    assert salida.stdout.strip() == "False"
