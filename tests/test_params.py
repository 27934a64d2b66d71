"""Pruebas de course_utils.params.parameter_breakdown."""

import pytest
from _modelos_diminutos import bert_config

COLUMNAS = ["parte", "parámetros", "entrenables", "congelados", "% del total"]


@pytest.fixture(scope="module")
def params(entorno):
    from course_utils import params

    return params


def _cuadra(tabla, modelo):
    total = tabla.loc["total"]
    assert total["parámetros"] == modelo.count_params()
    assert tabla.drop(index="total")["parámetros"].sum() == total["parámetros"]
    assert (tabla["parámetros"] == tabla["entrenables"] + tabla["congelados"]).all()
    assert total["% del total"] == 100.0


def test_minilm_base_y_cabezas_sin_pooler(params, minilm):
    """El caso del cuaderno 00: TokenClassification y QA no tienen pooler."""
    from transformers import TFAutoModelForQuestionAnswering, TFAutoModelForTokenClassification

    from course_utils import MINILM_ID

    base = params.parameter_breakdown(minilm[0])
    assert list(base.columns) == COLUMNAS
    assert list(base.index) == (["embeddings"] + [f"encoder · capa {i}" for i in range(6)]
                                + ["pooler", "total"])
    assert base.loc["pooler", "parámetros"] == 384 * 384 + 384
    assert base.loc["embeddings", "parámetros"] == (30522 + 512 + 2) * 384 + 2 * 384
    _cuadra(base, minilm[0])
    for clase, cabeza in ((TFAutoModelForTokenClassification, "cabeza · classifier"),
                          (TFAutoModelForQuestionAnswering, "cabeza · qa_outputs")):
        modelo = clase.from_pretrained(MINILM_ID)
        tabla = params.parameter_breakdown(modelo, group_layers=True)
        assert "pooler" not in tabla.index
        assert list(tabla.index) == ["embeddings", "encoder (6 capas)", cabeza, "total"]
        assert tabla.loc[cabeza, "parámetros"] == 384 * 2 + 2
        _cuadra(tabla, modelo)
        diferencia = base.loc["total", "parámetros"] - tabla.loc["total", "parámetros"]
        assert diferencia == base.loc["pooler", "parámetros"] - tabla.loc[cabeza, "parámetros"]


def test_clasificacion_de_frases_con_lora(tf, params):
    from transformers import TFBertForSequenceClassification

    from course_utils.lora import apply_lora

    modelo = TFBertForSequenceClassification(bert_config(num_labels=3))
    informe = apply_lora(modelo, r=4, alpha=8)
    tabla = params.parameter_breakdown(modelo)
    _cuadra(tabla, modelo)
    assert tabla.loc["embeddings", "entrenables"] == 0
    assert tabla.loc["pooler", "entrenables"] == 0
    assert tabla.loc["encoder · capa 0", "entrenables"] == 2 * 4 * (32 + 32)
    assert tabla.loc["cabeza · classifier", "congelados"] == 0
    assert tabla.loc["cabeza · classifier", "parte"] == "cabeza"
    assert tabla.loc["total", "entrenables"] == informe.trainable


def test_gpt2_y_pesos_compartidos(tf, params):
    from transformers import GPT2Config, TFBertForMaskedLM, TFGPT2LMHeadModel

    gpt2 = TFGPT2LMHeadModel(GPT2Config(n_embd=32, n_layer=2, n_head=2, n_positions=16,
                                        vocab_size=100))
    tabla = params.parameter_breakdown(gpt2)  # se construye solo
    assert list(tabla.index) == ["embeddings de tokens (wte)", "embeddings de posición (wpe)",
                                 "decoder · capa 0", "decoder · capa 1", "LayerNorm final (ln_f)",
                                 "total"]
    _cuadra(tabla, gpt2)
    mlm = TFBertForMaskedLM(bert_config())
    tabla = params.parameter_breakdown(mlm)
    # La cabeza de MaskedLM reutiliza la tabla de embeddings: se cuenta una vez, en embeddings.
    assert tabla.loc["cabeza · mlm", "parámetros"] == 32 * 32 + 32 + 2 * 32 + 100
    _cuadra(tabla, mlm)


def test_modelo_keras_cualquiera(tf, params):
    modelo = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3, name="oculta"),
                                  tf.keras.layers.Dropout(0.1), tf.keras.layers.Dense(2, name="salida")])
    modelo.get_layer("oculta").trainable = False
    tabla = params.parameter_breakdown(modelo)
    assert list(tabla.index) == ["oculta", "salida", "total"]
    assert tabla.loc["oculta", "congelados"] == 15 and tabla.loc["salida", "entrenables"] == 8


def test_entradas_incorrectas(tf, params, minilm):
    _, tokenizador = minilm
    with pytest.raises(TypeError, match="tokenizador"):
        params.parameter_breakdown(tokenizador)
    with pytest.raises(TypeError, match="salida de un modelo"):
        params.parameter_breakdown(minilm[0](tokenizador(["hola"], return_tensors="tf")))
    with pytest.raises(TypeError, match="True o False"):
        params.parameter_breakdown(minilm[0], group_layers="sí")

    class SinConstruir(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.capa = tf.keras.layers.Dense(2)

        def call(self, x):
            return self.capa(x)

    with pytest.raises(ValueError, match="no está construido"):
        params.parameter_breakdown(SinConstruir())
    with pytest.raises(ValueError, match="ningún peso"):
        params.parameter_breakdown(tf.keras.Sequential([tf.keras.Input((3,)),
                                                        tf.keras.layers.Dropout(0.5)]))
