"""Tabla de entradas incorrectas para cada función pública de course_utils.

Cada fila: función, argumentos malos, error esperado (ValueError o TypeError) y un
fragmento del mensaje en español. Además se comprueba que el error lo lanza
course_utils, no una traza profunda de TensorFlow, NumPy o scikit-learn.
"""

import traceback
from pathlib import Path

import numpy as np
import pytest

import course_utils
from course_utils import attention, data, embeddings, models, projection, training

ATT = tuple(np.full((1, 2, 3, 3), 1 / 3) for _ in range(2))
HID = np.ones((2, 3, 4))
MASK = np.ones((2, 3))
HUB_REACHABLE = models.hub_reachable  # el original (la fixture sin_red lo sustituye)



CASOS = [
    # env
    ("setup semilla texto", lambda: course_utils.setup(seed="1"), TypeError, "semilla"),
    ("setup semilla negativa", lambda: course_utils.setup(seed=-3), TypeError, "entero >= 0"),
    ("setup offline raro", lambda: course_utils.setup(offline="sí"), TypeError, "offline"),
    # models
    ("id no texto", lambda: models.ensure_model(123), TypeError, "identificador"),
    ("id vacío", lambda: models.ensure_model("  "), ValueError, "no parece un identificador"),
    ("id con dos barras", lambda: models.ensure_model("a/b/c"), ValueError, "organizacion/modelo"),
    ("modelo del hub sin red", lambda: models.ensure_model("t5-small"), ValueError, "prefetch t5-small"),
    ("disponible con None", lambda: models.model_available(None), TypeError, "identificador"),
    ("timeout cero", lambda: HUB_REACHABLE(timeout=0), ValueError, "segundos"),
    ("prefetch id malo", lambda: models.prefetch(["un modelo"]), ValueError, "identificador"),
    # data
    ("partición desconocida", lambda: data.load_sentiment("entrenamiento"), ValueError, "train"),
    ("etiqueta desconocida", lambda: data.label_ids(["feliz"]), ValueError, "negativo"),
    # embeddings.pool
    ("pool rango 2", lambda: embeddings.pool(np.ones((2, 4)), MASK), ValueError, "3 dimensiones"),
    ("pool máscara distinta", lambda: embeddings.pool(HID, np.ones((2, 5))), ValueError, "misma tokenización"),
    ("pool método raro", lambda: embeddings.pool(HID, MASK, "max"), ValueError, "'mean'"),
    ("pool NaN", lambda: embeddings.pool(HID * np.nan, MASK), ValueError, "NaN"),
    ("pool máscara a cero", lambda: embeddings.pool(HID, np.zeros((2, 3))), ValueError, "ningún token"),
    ("pool texto", lambda: embeddings.pool("hola", MASK), TypeError, "array de NumPy"),
    ("pool vacío", lambda: embeddings.pool(np.ones((0, 3, 4)), MASK), ValueError, "vacío"),
    # embeddings.SentenceEncoder
    ("encoder modelo texto", lambda: embeddings.SentenceEncoder("minilm", None), TypeError, "modelo TF"),
    ("vecinos dimensiones", lambda: embeddings.nearest_neighbors(np.ones((1, 3)), np.ones((4, 2))),
     ValueError, "mismo modelo"),
    ("vecinos k grande", lambda: embeddings.nearest_neighbors(np.ones(2), np.ones((3, 2)), k=5),
     ValueError, "mayor que el número"),
    ("vecinos k cero", lambda: embeddings.nearest_neighbors(np.ones(2), np.ones((3, 2)), k=0),
     ValueError, "mayor que 0"),
    ("vecinos corpus vacío", lambda: embeddings.nearest_neighbors(np.ones(2), []), ValueError, "vacío"),
    ("vecinos lista irregular",
     lambda: embeddings.nearest_neighbors([[1.0, 2.0], [1.0]], np.ones((3, 2))),
     ValueError, "longitudes distintas"),
    ("vecinos con textos", lambda: embeddings.nearest_neighbors(["hola"], np.ones((3, 2))),
     TypeError, "codifícalos antes"),
    ("pool con la salida entera del modelo",
     lambda: embeddings.pool({"last_hidden_state": HID, "pooler_output": HID[:, 0]}, MASK),
     TypeError, "salida.last_hidden_state"),
    ("proyección con un diccionario", lambda: projection.project_2d({"a": np.ones((4, 3))}),
     TypeError, "salida.a"),
    ("vecinos exclude_self texto",
     lambda: embeddings.nearest_neighbors(np.ones((3, 2)), np.ones((3, 2)), exclude_self="sí"),
     TypeError, "True o False"),
    ("vecinos exclude_self otro conjunto",
     lambda: embeddings.nearest_neighbors(np.ones((1, 2)), np.ones((3, 2)), exclude_self=True),
     ValueError, "mismo array"),
    ("vecinos exclude_self k grande",
     lambda: embeddings.nearest_neighbors(np.ones((3, 2)), np.ones((3, 2)), k=3, exclude_self=True),
     ValueError, "mayor que el número"),
    # attention
    ("tokenizer falso", lambda: attention.token_labels("bert", [1, 2]), TypeError, "tokenizador"),
    ("atenciones vacías", lambda: attention.attention_stack(()), ValueError, "output_attentions=True"),
    ("atención rango 3", lambda: attention.attention_stack(np.ones((2, 3, 3))), ValueError, "dimensiones"),
    ("capa con rango malo", lambda: attention.attention_stack((np.ones((2, 3)),)), ValueError, "(lote, cabezas"),
    ("ejemplo fuera del lote", lambda: attention.attention_stack(np.ones((2, 1, 2, 3, 3)), example=4),
     ValueError, "el lote tiene 1"),
    ("capa inexistente", lambda: attention.select_head(ATT, 7, 0), ValueError, "layer=7"),
    ("cabeza no entera", lambda: attention.select_head(ATT, 0, 1.5), TypeError, "entero"),
    ("mapa 3-D", lambda: attention.plot_attention(np.ones((2, 3, 3)), list("abc")), ValueError, "select_head"),
    ("tokens de menos", lambda: attention.plot_attention(np.eye(3), ["a", "b"]), ValueError, "Hay 2 tokens"),
    ("tokens como texto", lambda: attention.plot_attention(np.eye(3), "abc"), TypeError, "lista de etiquetas"),
    ("pesos NaN", lambda: attention.plot_attention(np.full((2, 2), np.nan), ["a", "b"]), ValueError, "NaN"),
    ("pesos texto", lambda: attention.plot_attention("pesos", ["a"]), TypeError, "array de NumPy"),
    ("rejilla cruzada", lambda: attention.plot_attention_grid((np.ones((1, 1, 2, 3)),), list("abc")),
     ValueError, "plot_cross_attention"),
    ("cruzada 4-D", lambda: attention.plot_cross_attention(np.ones((1, 1, 2, 3)), list("abc"), list("xy")),
     ValueError, "(destino, origen)"),
    ("cruzada destino corto", lambda: attention.plot_cross_attention(np.ones((2, 3)), list("abc"), ["x"]),
     ValueError, "tokens de destino"),
    # projection
    ("método desconocido", lambda: projection.project_2d(np.ones((5, 3)), "lda"), ValueError, "'umap'"),
    ("pocos puntos", lambda: projection.project_2d(np.ones((2, 3))), ValueError, "al menos 3"),
    ("proyección 1-D", lambda: projection.project_2d(np.ones(5)), ValueError, "(n, dimensión)"),
    ("grupos de menos", lambda: projection.plot_projection(np.ones((4, 2)), groups=["a"]), ValueError, "grupos"),
    ("similitud etiquetas", lambda: projection.plot_similarity(np.eye(3), ["a"]), ValueError, "etiquetas"),
    ("similitud vacía", lambda: projection.plot_similarity([], []), ValueError, "vacío"),
    # training
    ("historial None", lambda: training.plot_history(None), TypeError, "model.fit"),
    ("historial vacío", lambda: training.plot_history({}), TypeError, "al menos una serie"),
    ("métrica inexistente", lambda: training.plot_history({"loss": [1.0]}, metrics=["acc"]),
     ValueError, "las que hay son"),
]

CASOS_CON_MODELO = [
    ("encoder tokenizador texto", lambda m, t: embeddings.SentenceEncoder(m, "tok"), TypeError, "tokenizador"),
    ("encoder max_length 0", lambda m, t: embeddings.SentenceEncoder(m, t, max_length=0), ValueError,
     "max_length"),
    ("encode lista vacía", lambda m, t: embeddings.SentenceEncoder(m, t).encode([]), ValueError, "vacía"),
    ("encode texto en blanco", lambda m, t: embeddings.SentenceEncoder(m, t).encode(["Hola.", "  "]),
     ValueError, "posición 1 está vacío"),
    ("encode un solo texto", lambda m, t: embeddings.SentenceEncoder(m, t).encode("hola"), TypeError,
     "no un solo texto"),
    ("encode números", lambda m, t: embeddings.SentenceEncoder(m, t).encode(["a", 3]), TypeError,
     "posición 1"),
    ("encode pooling raro", lambda m, t: embeddings.SentenceEncoder(m, t).encode(["a"], pooling="max"),
     ValueError, "pooling"),
    ("palabra ausente", lambda m, t: embeddings.word_in_context(m, t, ["Hoy llueve."], "banco"),
     ValueError, "no contiene la palabra"),
    ("palabra vacía", lambda m, t: embeddings.word_in_context(m, t, ["Hoy llueve."], " "),
     ValueError, "palabra no vacía"),
    ("capa inexistente", lambda m, t: embeddings.word_in_context(m, t, ["El banco."], "banco", layer=9),
     ValueError, "hay 7 salidas"),
    ("lote de varias frases", lambda m, t: attention.token_labels(t, [[1, 2], [3, 4]]),
     ValueError, "una sola secuencia"),
]


def _comprobar(excinfo, fragmento):
    mensaje = str(excinfo.value)
    assert fragmento in mensaje, mensaje
    ultimo = traceback.extract_tb(excinfo.tb)[-1].filename
    assert Path(ultimo).parent.name in ("course_utils", "checks"), f"el error salió de {ultimo}"


@pytest.fixture
def sin_red(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr(models, "_offline_state", True)
    monkeypatch.setattr(models, "hub_reachable", lambda *a, **k: False)


@pytest.mark.parametrize(("nombre", "llamada", "error", "fragmento"), CASOS, ids=[c[0] for c in CASOS])
def test_entrada_incorrecta(nombre, llamada, error, fragmento, sin_red):
    with pytest.raises(error) as excinfo:
        llamada()
    _comprobar(excinfo, fragmento)


@pytest.mark.parametrize(("nombre", "llamada", "error", "fragmento"), CASOS_CON_MODELO,
                         ids=[c[0] for c in CASOS_CON_MODELO])
def test_entrada_incorrecta_con_modelo(nombre, llamada, error, fragmento, minilm):
    with pytest.raises(error) as excinfo:
        llamada(*minilm)
    _comprobar(excinfo, fragmento)
