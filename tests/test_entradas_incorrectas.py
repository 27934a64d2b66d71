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
    ("cruzada vmax > 1", lambda: attention.plot_cross_attention(np.ones((2, 3)) / 3, list("abc"), list("xy"),
                                                                 vmax=5), ValueError, "(0, 1]"),
    ("cruzada vmax texto", lambda: attention.plot_cross_attention(np.ones((2, 3)) / 3, list("abc"), list("xy"),
                                                                   vmax="1"), TypeError, "vmax=1.0"),
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
    # lora y params: fallan al validar, antes de tocar el modelo compartido
    ("lora r cero", lambda m, t: _lora().apply_lora(m, r=0), ValueError, "mayor que 0"),
    ("lora r texto", lambda m, t: _lora().apply_lora(m, r="8"), TypeError, "entero"),
    ("lora r enorme", lambda m, t: _lora().apply_lora(m, r=500), ValueError, "r <= 384"),
    ("lora alpha negativo", lambda m, t: _lora().apply_lora(m, alpha=-1), ValueError, "alpha"),
    ("lora target desconocido", lambda m, t: _lora().apply_lora(m, target="c_attn"), ValueError,
     "dense, key, query, value"),
    ("lora target vacío", lambda m, t: _lora().apply_lora(m, target=[]), ValueError, "vacío"),
    ("lora cabeza inexistente", lambda m, t: _lora().apply_lora(m, train_head="classifier"),
     ValueError, "modelo base, sin cabeza"),
    ("lora con el tokenizador", lambda m, t: _lora().apply_lora(t), TypeError, "tokenizador"),
    ("desglose con el tokenizador", lambda m, t: _params().parameter_breakdown(t), TypeError,
     "tokenizador"),
    ("desglose con el nombre", lambda m, t: _params().parameter_breakdown("minilm"), TypeError,
     "from_pretrained"),
    ("desglose group_layers texto", lambda m, t: _params().parameter_breakdown(m, group_layers="sí"),
     TypeError, "True o False"),
]


def _lora():
    from course_utils import lora

    return lora


def _params():
    from course_utils import params

    return params


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


# --- Issue #12: entradas incorrectas encontradas con una sonda de ~340 casos ---------------
# Clases: texto en lugar de lista, opciones de matplotlib sin validar, NaN/infinitos y
# desbordamientos en las comprobaciones, listas irregulares, la salida entera del modelo (o
# textos) donde van vectores, textos invisibles, proyecciones degeneradas, textos más largos
# que el modelo y rutas absolutas en los mensajes.

from course_utils.checks import c00, c01, c02, c03, c04, c05, c06, c07, c08, c09  # noqa: E402
from course_utils.checks._base import Result  # noqa: E402

NAN, INF, ENORME = float("nan"), float("inf"), 10 ** 400
_R = np.random.default_rng(0)
_X10 = _R.normal(size=(10, 5))
_P3 = np.arange(6.0).reshape(3, 2)
_LORA_OK = {r: (r * (4096 + 11008), 100 * r * (4096 + 11008) / (4096 * 11008)) for r in (4, 16, 32)}


class _Salida(dict):
    """Como un ModelOutput de transformers: un diccionario con los campos de la salida."""


_SIN_ATT = _Salida(last_hidden_state=HID, pooler_output=HID[:, 0])
_CON_ATT = _Salida(last_hidden_state=HID, attentions=ATT)


_FIGURAS_DE_LA_PRUEBA = set()  # las que crea la propia prueba para pasarlas como ax


def _dos_ejes():
    import matplotlib.pyplot as plt

    fig, ejes = plt.subplots(1, 2)
    _FIGURAS_DE_LA_PRUEBA.add(fig.number)
    return ejes


def _figura():
    import matplotlib.pyplot as plt

    fig = plt.figure()
    _FIGURAS_DE_LA_PRUEBA.add(fig.number)
    return fig


class _TokMini:
    """Tokenizador mínimo con la interfaz que usa token_labels (5 piezas)."""

    vocab = ["[PAD]", "[CLS]", "[SEP]", "hola", "##s"]

    def __len__(self):
        return len(self.vocab)

    def convert_ids_to_tokens(self, ids):
        return [self.vocab[i] for i in ids]

    def decode(self, ids, clean_up_tokenization_spaces=False):
        return "".join(self.vocab[i] for i in ids)


_TOK = _TokMini()



def _SIM(**kw):
    return projection.plot_similarity(np.eye(3), list("abc"), **kw)


def _ATN(**kw):
    return attention.plot_attention(np.eye(3), list("abc"), **kw)


def _CRZ(**kw):
    return attention.plot_cross_attention(np.ones((2, 3)) / 3, list("abc"), list("xy"), **kw)


def _PRY(**kw):
    return projection.plot_projection(_P3, **kw)


_HIST = {"loss": [1.0, 0.5], "val_loss": [1.1, 0.7]}

CASOS_NUEVOS = [
    # texto donde se espera una lista (se recorría letra a letra)
    ("historial metrics texto", lambda: training.plot_history(_HIST, metrics="loss"), TypeError,
     "metrics=['loss']"),
    ("historial serie texto", lambda: training.plot_history({"loss": "0.5"}), TypeError, "es un texto"),
    ("historial serie número", lambda: training.plot_history({"loss": 0.5}), TypeError, "un solo valor"),
    ("historial serie de textos", lambda: training.plot_history({"loss": ["a", "b"]}), TypeError,
     "uno por época"),
    ("historial serie anidada", lambda: training.plot_history({"loss": [[1, 2], [3]]}), TypeError,
     "uno por época"),
    ("historial metrics número", lambda: training.plot_history(_HIST, metrics=3), TypeError,
     "lista de nombres"),
    ("historial metrics con números", lambda: training.plot_history(_HIST, metrics=[1]), TypeError,
     "nombres (str)"),
    ("etiquetas como diccionario", lambda: projection.plot_similarity(np.eye(2), {"a": 1, "b": 2}),
     TypeError, "no un diccionario"),
    ("etiquetas como conjunto", lambda: projection.plot_similarity(np.eye(2), {"a", "b"}), TypeError,
     "no tiene orden"),
    ("grupos como conjunto", lambda: projection.plot_projection(_P3, groups={"a", "b", "c"}),
     TypeError, "no tiene orden"),
    ("corpus texto", lambda: embeddings.nearest_neighbors(np.ones(2), "corpus"), TypeError,
     "SentenceEncoder(...).encode(textos)"),
    ("proyección de un texto", lambda: projection.project_2d("frases"), TypeError, "encode(textos)"),
    ("textos numéricos como vectores", lambda: projection.project_2d([["1", "2"]] * 4), TypeError,
     "solo números"),
    ("atenciones tupla de textos", lambda: attention.attention_stack(("a", "b")), TypeError, "no un texto"),
    # opciones de matplotlib
    *[(f"{n} cmap desconocido", lambda f=f: f(cmap="rojos"), ValueError, "'viridis'")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ))],
    *[(f"{n} cmap en mayúsculas", lambda f=f: f(cmap="VIRIDIS"), ValueError, "¿Quisiste decir 'viridis'")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ))],
    *[(f"{n} cmap número", lambda f=f: f(cmap=3), TypeError, "mapa de color")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ))],
    *[(f"{n} cmap lista", lambda f=f: f(cmap=["red", "blue"]), TypeError, "Colormap")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ))],
    *[(f"{n} ax texto", lambda f=f: f(ax="eje"), TypeError, "ejes de matplotlib")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ), ("proyección", _PRY))],
    *[(f"{n} ax con varios ejes", lambda f=f: f(ax=_dos_ejes()), TypeError, "ax=ejes[0]")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ), ("proyección", _PRY))],
    *[(f"{n} ax lista de ejes", lambda f=f: f(ax=list(_dos_ejes())), TypeError, "recibió 2 ejes")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ), ("proyección", _PRY))],
    *[(f"{n} ax figura", lambda f=f: f(ax=_figura()), TypeError, "fig.axes[0]")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ), ("proyección", _PRY))],
    *[(f"{n} ax número", lambda f=f: f(ax=0), TypeError, "no int")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ), ("proyección", _PRY))],
    *[(f"{n} título lista", lambda f=f: f(title=["t"]), TypeError, "title debe ser un texto")
      for n, f in (("similitud", _SIM), ("atención", _ATN), ("cruzada", _CRZ), ("proyección", _PRY))],
    ("historial título lista", lambda: training.plot_history(_HIST, title=["t"]), TypeError,
     "title debe ser un texto"),
    ("similitud annotate texto", lambda: _SIM(annotate="no"), TypeError, "True o False"),
    ("similitud escala desconocida", lambda: _SIM(scale="log"), ValueError, "'coseno'"),
    ("similitud vmin mayor que vmax", lambda: _SIM(vmin=1, vmax=0), ValueError, "menor que"),
    ("similitud vmin texto", lambda: _SIM(vmin="0"), TypeError, "número finito"),
    ("similitud vmax NaN", lambda: _SIM(vmax=NAN), TypeError, "número finito"),
    ("semilla texto", lambda: projection.project_2d(_X10, random_state="0"), TypeError, "random_state"),
    ("semilla decimal", lambda: projection.project_2d(_X10, "tsne", random_state=0.5), TypeError,
     "random_state"),
    ("semilla negativa", lambda: projection.project_2d(_X10, random_state=-1), TypeError, ">= 0"),
    ("mejor época 0", lambda: training.plot_history(_HIST, best_epoch=0), ValueError, "súmale 1"),
    ("mejor época fuera", lambda: training.plot_history(_HIST, best_epoch=9), ValueError, "de 1 a 2"),
    ("mejor época decimal", lambda: training.plot_history(_HIST, best_epoch=1.5), TypeError, "entero"),
    ("mejor época booleana", lambda: training.plot_history(_HIST, best_epoch=True), TypeError, "entero"),
    ("mejor época texto", lambda: training.plot_history(_HIST, best_epoch="2"), TypeError, "entero"),
    ("métrica con val_", lambda: training.plot_history(_HIST, metrics=["val_loss"]), ValueError,
     "en lugar de 'val_loss'"),
    ("métricas vacías", lambda: training.plot_history(_HIST, metrics=[]), ValueError, "vacía"),
    ("validación más corta", lambda: training.plot_history({"loss": [1, 2, 3], "val_loss": [1, 2]}),
     ValueError, "validation_freq"),
    ("serie vacía", lambda: training.plot_history({"loss": []}), ValueError, "está vacía"),
    ("solo validación", lambda: training.plot_history({"val_loss": [1, 2]}), ValueError,
     "Solo hay series de validación"),
    # desbordamientos en las funciones del paquete
    ("pool número enorme", lambda: embeddings.pool([[[ENORME]]], [[1]]), ValueError, "demasiado grande"),
    ("vecinos número enorme", lambda: embeddings.nearest_neighbors([ENORME, 1], np.ones((3, 2))),
     ValueError, "demasiado grande"),
    ("proyección número enorme", lambda: projection.project_2d([[ENORME, 1, 2]] * 4), ValueError,
     "demasiado grande"),
    ("similitud número enorme", lambda: projection.plot_similarity([[ENORME, 1]] * 2, ["a", "b"]),
     ValueError, "demasiado grande"),
    ("atención número enorme", lambda: attention.plot_attention([[ENORME, 1], [1, 1]], ["a", "b"]),
     ValueError, "demasiado grande"),
    ("historial número enorme", lambda: training.plot_history({"loss": [ENORME, 1]}), ValueError,
     "demasiado grande"),
    # listas irregulares
    ("pool irregular", lambda: embeddings.pool([[[1.0, 2.0]], [[1.0]]], [[1], [1]]), ValueError,
     "longitudes distintas"),
    ("atención irregular", lambda: attention.plot_attention([[1.0, 0.0], [1.0]], ["a", "b"]),
     ValueError, "longitudes distintas"),
    ("capas con formas distintas",
     lambda: attention.attention_stack((np.ones((1, 2, 3, 3)), np.ones((1, 3, 3, 3)))),
     ValueError, "misma llamada al modelo"),
    ("similitud irregular", lambda: projection.plot_similarity([[1.0, 0.0], [1.0]], ["a", "b"]),
     ValueError, "longitudes distintas"),
    ("cruzada irregular",
     lambda: attention.plot_cross_attention([[1.0, 0.0], [1.0]], ["a", "b"], ["x", "y"]),
     ValueError, "longitudes distintas"),
    ("ids irregulares", lambda: attention.token_labels(_TOK, [[1, 2], [3]]), ValueError,
     "longitudes distintas"),
    # la salida entera del modelo, o textos, donde van vectores
    ("atenciones de una salida sin ellas", lambda: attention.attention_stack(_SIN_ATT), TypeError,
     "output_attentions=True"),
    ("atenciones de la salida entera", lambda: attention.attention_stack(_CON_ATT), TypeError,
     "salida.attentions"),
    ("cabeza de la salida entera", lambda: attention.select_head(_CON_ATT, 0, 0), TypeError,
     "salida.attentions"),
    ("mapa con la salida entera", lambda: attention.plot_attention(_CON_ATT, ["a"]), TypeError,
     "select_head(salida.attentions"),
    ("mapa con todas las capas", lambda: attention.plot_attention(ATT, list("abc")), ValueError,
     "select_head"),
    ("cruzada con la salida entera",
     lambda: attention.plot_cross_attention(_Salida(cross_attentions=ATT), ["a"], ["b"]),
     TypeError, "cross_attentions[capa][0]"),
    ("atenciones de generate", lambda: attention.attention_stack((ATT, ATT)), ValueError,
     "generate()"),
    ("máscara con la salida del tokenizador",
     lambda: embeddings.pool(HID, _Salida(input_ids=MASK, attention_mask=MASK)), TypeError,
     "salida.attention_mask"),
    ("máscara con valores raros", lambda: embeddings.pool(HID, np.full((2, 3), 2.0)), ValueError,
     "solo puede tener 0 y 1"),
    ("máscara negativa", lambda: embeddings.pool(HID, -np.ones((2, 3))), ValueError, "0 y 1"),
    ("vecinos con la salida entera", lambda: embeddings.nearest_neighbors(_SIN_ATT, np.ones((3, 4))),
     TypeError, "encode(textos)"),
    ("proyección con la salida entera", lambda: projection.project_2d(_SIN_ATT), TypeError,
     "encode(textos)"),
    ("similitud con la salida entera", lambda: projection.plot_similarity(_SIN_ATT, ["a", "b"]),
     TypeError, "encode(textos)"),
    ("similitud con textos", lambda: projection.plot_similarity(["hola", "adiós"], ["a", "b"]),
     TypeError, "codifícalos antes"),
    ("matriz coseno con textos", lambda: projection.cosine_similarity_matrix(["a", "b"]), TypeError,
     "codifícalos antes"),
    ("ids de la salida del tokenizador",
     lambda: attention.token_labels(_TOK, _Salida(input_ids=[[1, 2]], attention_mask=[[1, 1]])),
     TypeError, "salida.input_ids"),
    ("ids como texto", lambda: attention.token_labels(_TOK, "hola"), TypeError, "tokeniza primero"),
    ("ids negativos", lambda: attention.token_labels(_TOK, [-100, 2]), ValueError, "-100"),
    ("ids con decimales", lambda: attention.token_labels(_TOK, [1.5, 2]), ValueError, "enteros"),
    ("ids fuera del vocabulario", lambda: attention.token_labels(_TOK, [10 ** 6]), ValueError,
     "fuera del vocabulario"),
    ("frase del lote texto", lambda: attention.attention_stack(np.ones((2, 1, 2, 3, 3)), example="0"),
     TypeError, "example debe ser un entero"),
    ("historial con la salida de un modelo", lambda: training.plot_history(_Salida()), TypeError,
     "model.fit"),
    # proyecciones degeneradas (antes fallaban dentro de scikit-learn o umap, o tumbaban el kernel)
    *[(f"{m} vectores iguales", lambda m=m: projection.project_2d(np.ones((10, 4)), m), ValueError,
       "todos iguales") for m in ("pca", "tsne", "umap")],
    *[(f"{m} dimensión 1", lambda m=m: projection.project_2d(np.arange(10.0).reshape(10, 1), m),
       ValueError, "dimensión 1") for m in ("pca", "tsne", "umap")],
    ("umap con 3 puntos", lambda: projection.project_2d(_R.normal(size=(3, 4)), "umap"), ValueError,
     "al menos 4"),
    ("umap con un vector cero",
     lambda: projection.project_2d(np.vstack([np.zeros(4), _R.normal(size=(9, 4))]), "umap"),
     ValueError, "norma cero"),
    ("figura de vectores iguales", lambda: projection.plot_projection(np.ones((10, 4))), ValueError,
     "todos iguales"),
    ("figura de dimensión 1", lambda: projection.plot_projection(np.ones((5, 1))), ValueError,
     "dimensión 1"),
    ("similitud con un vector cero",
     lambda: projection.plot_similarity(np.array([[0.0, 0.0], [1.0, 0.0]]), ["a", "b"]),
     ValueError, "norma cero"),
    ("matriz coseno con un vector cero",
     lambda: projection.cosine_similarity_matrix(np.array([[0.0, 0.0], [1.0, 0.0]])),
     ValueError, "norma cero"),
]

CASOS_NUEVOS_CON_MODELO = [
    ("encode max_length mayor que el modelo",
     lambda m, t: embeddings.SentenceEncoder(m, t, max_length=4096), ValueError, "máximo del modelo (512"),
    ("encode max_length 2", lambda m, t: embeddings.SentenceEncoder(m, t, max_length=2), ValueError,
     "al menos 3"),
    ("encode max_length texto", lambda m, t: embeddings.SentenceEncoder(m, t, max_length="128"),
     ValueError, "max_length"),
    ("encoder con los argumentos cambiados", lambda m, t: embeddings.SentenceEncoder(t, m), TypeError,
     "model debe ser un modelo TF"),
    ("encode texto invisible", lambda m, t: embeddings.SentenceEncoder(m, t).encode(["\u200b\u200b"]),
     ValueError, "caracteres invisibles"),
    ("encode caracteres de control",
     lambda m, t: embeddings.SentenceEncoder(m, t).encode(["Hola.", "\x00\x01"]), ValueError,
     "posición 1"),
    ("encode conjunto", lambda m, t: embeddings.SentenceEncoder(m, t).encode({"a", "b"}), TypeError,
     "no tiene orden"),
    ("encode diccionario", lambda m, t: embeddings.SentenceEncoder(m, t).encode({"a": 1}), TypeError,
     "no un diccionario"),
    ("encode tabla", lambda m, t: embeddings.SentenceEncoder(m, t).encode(
        __import__("pandas").DataFrame({"texto": ["a", "b"]})), TypeError, "df['texto']"),
    ("encode bytes", lambda m, t: embeddings.SentenceEncoder(m, t).encode([b"hola"]), TypeError,
     ".decode('utf-8')"),
    ("encode normalize texto",
     lambda m, t: embeddings.SentenceEncoder(m, t).encode(["hola"], normalize="sí"), TypeError,
     "True o False"),
    ("palabra tras el máximo de tokens",
     lambda m, t: embeddings.word_in_context(m, t, ["palabra " * 800 + "El banco."], "banco"),
     ValueError, "512 tokens"),
    ("palabra como lista", lambda m, t: embeddings.word_in_context(m, t, ["El banco."], ["banco"]),
     TypeError, "word debe ser una palabra (str)"),
    ("palabra None", lambda m, t: embeddings.word_in_context(m, t, ["El banco."], None), TypeError,
     "word debe ser una palabra"),
    ("capa como texto", lambda m, t: embeddings.word_in_context(m, t, ["El banco."], "banco", layer="2"),
     ValueError, "layer='2' no existe"),
    ("modelo como texto", lambda m, t: embeddings.word_in_context("minilm", t, ["El banco."], "banco"),
     TypeError, "TFAutoModel"),
    ("tokenizador como texto", lambda m, t: embeddings.word_in_context(m, "tok", ["El banco."], "banco"),
     TypeError, "tokenizador"),
    ("frase invisible", lambda m, t: embeddings.word_in_context(m, t, ["El banco.", "\u200b"], "banco"),
     ValueError, "posición 1"),
    ("frases en una tabla", lambda m, t: embeddings.word_in_context(
        m, t, __import__("pandas").DataFrame({"f": ["El banco."]}), "banco"), TypeError, "columna"),
    ("ids fuera del vocabulario real", lambda m, t: attention.token_labels(t, [10 ** 6]), ValueError,
     "30522 piezas"),
    ("comprobación 00 con un solo texto", lambda m, t: c00.check_tokens_mascara([[1, 1]], [2], t, "hola"),
     TypeError, "no un solo texto"),
    ("comprobación 00 sin tokenizador", lambda m, t: c00.check_tokens_mascara([[1, 1]], [2], None, ["a"]),
     TypeError, "tokenizador"),
    ("comprobación 04 sin tokenizador", lambda m, t: c04.check_fertilidad(lambda tk, x: (1.0, 0.0), None),
     TypeError, "tokenizador rápido"),
    ("comprobación 00 logits como salida entera", lambda m, t: c00.check_probabilidades(
        np.full((2, 3), 1 / 3), [0, 0], _Salida(logits=np.ones((2, 3)))), TypeError, "salida.logits"),
    ("comprobación 01 textos como texto", lambda m, t: c01.check_peso_tfidf(0.5, textos="floja pena"),
     TypeError, "no un solo texto"),
]


def _falla_con_ruta(*args):
    raise FileNotFoundError(2, "No such file or directory", "/home/alumna/.venv/lib/x/datos.npy")


def _falla_como_tf(*args):
    raise ValueError('Exception encountered when calling layer "dense" (type Dense).\n\n  File '
                     '"/home/alumna/.venv/lib/python3.12/site-packages/keras/src/layers/core/dense.py", '
                     'line 241, in call\n    outputs = tf.matmul(a=inputs, b=self.kernel)\n\n'
                     'Matrix size-incompatible: In[0]: [3,5], In[1]: [4,12]')


_CHECKS_DE_FUNCIONES = [
    c01.check_vecinos, c02.check_paso_gru, c03.check_mascara_causal, c03.check_parametros_mha,
    c04.check_rellenar_lote, c05.check_media_enmascarada, c05.check_top_k_coseno,
    c06.check_especificidad, c06.check_f1_macro, c06.check_mejor_span, c07.check_top_k,
    c07.check_perplejidad, c07.check_etiquetas, c08.check_exact_match, c08.check_rouge1_recall,
    c08.check_formato_qa, c09.check_cuantizar_por_canal, c09.check_enmascarar_tarjetas,
]

# Respuestas malas a las comprobaciones de ejercicios: deben dar «Todavía no» con un mensaje que
# diga qué falla (antes: una excepción, un mensaje engañoso o incluso «Correcto»).
CASOS_COMPROBACIONES = [
    # textos que parecen números
    ("c01 peso como texto", lambda: c01.check_peso_tfidf("0.5", textos=["floja", "pena"]), "quita las comillas"),
    ("c01 coseno como texto", lambda: c01.check_coseno_bigramas("0.75"), "es un texto"),
    ("c05 cuentas como texto", lambda: c05.check_cuentas_mlm("48", "6", "6"), "es un texto"),
    ("c06 tramo como texto", lambda: c06.check_mejor_span(lambda i, f, m: "12"), "pareja de enteros"),
    ("c07 perplejidad como texto", lambda: c07.check_perplejidad(lambda lp: str(np.exp(-np.mean(lp)))),
     "es un texto"),
    ("c08 exactitud como texto", lambda: c08.check_exact_match(lambda p, r: "0.5"), "es un texto"),
    ("c08 rouge como texto", lambda: c08.check_rouge1_recall(lambda p, r: "1.0"), "es un texto"),
    ("c09 lora como textos", lambda: c09.check_lora_params(
        {r: (str(a), str(b)) for r, (a, b) in _LORA_OK.items()}), "es un texto"),
    ("c03 parámetros como texto", lambda: c03.check_parametros_mha(
        lambda d, h, k: str(4 * d * h * k + 3 * h * k + d)), "es un texto"),
    ("c02 parámetros como texto", lambda: c02.check_parametros("41216", "31104"), "es un texto"),
    # NaN e infinitos
    ("c01 peso NaN", lambda: c01.check_peso_tfidf(NAN, textos=["floja", "pena"]), "NaN"),
    ("c01 coseno infinito", lambda: c01.check_coseno_bigramas(-INF), "infinito"),
    ("c02 parámetros NaN", lambda: c02.check_parametros(NAN, NAN), "NaN"),
    ("c02 parámetros infinitos", lambda: c02.check_parametros(INF, 1), "infinito"),
    ("c02 paso GRU NaN", lambda: c02.check_paso_gru(lambda x, h, W, U, b: np.full(h.shape, NAN)), "NaN"),
    ("c03 mha NaN", lambda: c03.check_parametros_mha(lambda d, h, k: NAN), "NaN"),
    ("c03 mha infinito", lambda: c03.check_parametros_mha(lambda d, h, k: INF), "infinito"),
    ("c03 pesos NaN", lambda: c03.check_pesos_atencion(np.full((2, 4), NAN)), "NaN"),
    ("c03 pesos infinitos", lambda: c03.check_pesos_atencion(np.full((2, 4), INF)), "infinitos"),
    ("c03 máscara NaN", lambda: c03.check_mascara_causal(lambda n: np.full((n, n), NAN)), "NaN"),
    ("c05 media NaN", lambda: c05.check_media_enmascarada(lambda h, m: np.full((4, 5), NAN)), "NaN"),
    ("c05 media infinita", lambda: c05.check_media_enmascarada(lambda h, m: np.full((4, 5), INF)),
     "infinitos"),
    ("c05 top-k NaN", lambda: c05.check_top_k_coseno(lambda q, C, k: np.full(k, NAN)), "NaN"),
    ("c05 top-k con decimales", lambda: c05.check_top_k_coseno(
        lambda q, C, k: np.argsort(-(C @ q) / np.linalg.norm(C, axis=1))[:k] + 0.5), "enteros"),
    ("c05 cuentas NaN", lambda: c05.check_cuentas_mlm(NAN, 6, 6), "NaN"),
    ("c05 cuentas infinitas", lambda: c05.check_cuentas_mlm(48, INF, 6), "infinito"),
    ("c06 especificidad NaN", lambda: c06.check_especificidad(lambda cm: np.full(len(cm), NAN)), "NaN"),
    ("c06 F1 infinito", lambda: c06.check_f1_macro(lambda y, p: INF), "infinito"),
    ("c06 tramo NaN", lambda: c06.check_mejor_span(lambda i, f, m: (NAN, 1)), "NaN"),
    ("c06 tramo infinito", lambda: c06.check_mejor_span(lambda i, f, m: (INF, 1)), "infinitos"),
    ("c06 tramo con decimales", lambda: c06.check_mejor_span(lambda i, f, m: (1.5, 2.5)), "enteros"),
    ("c07 top-k con NaN", lambda: c07.check_top_k(lambda lg, k: np.full_like(lg, NAN)), "-np.inf"),
    ("c07 perplejidad NaN", lambda: c07.check_perplejidad(lambda lp: NAN), "NaN"),
    ("c07 perplejidad infinita", lambda: c07.check_perplejidad(lambda lp: INF), "infinito"),
    ("c07 etiquetas NaN", lambda: c07.check_etiquetas(lambda p, r: (p + r, [NAN] * len(p) + r)), "NaN"),
    ("c08 exactitud NaN", lambda: c08.check_exact_match(lambda p, r: NAN), "NaN"),
    ("c08 exactitud infinita", lambda: c08.check_exact_match(lambda p, r: INF), "infinito"),
    ("c08 rouge NaN", lambda: c08.check_rouge1_recall(lambda p, r: NAN), "NaN"),
    ("c09 lora NaN (antes «Correcto»)", lambda: c09.check_lora_params(
        {r: (NAN, NAN) for r in (4, 16, 32)}), "NaN"),
    ("c09 lora porcentaje NaN (antes «Correcto»)", lambda: c09.check_lora_params(
        {r: (a, NAN) for r, (a, _) in _LORA_OK.items()}), "NaN"),
    ("c09 lora infinito", lambda: c09.check_lora_params({r: (INF, INF) for r in (4, 16, 32)}),
     "infinito"),
    ("c09 escalas NaN", lambda: c09.check_cuantizar_por_canal(
        lambda W: (np.zeros(W.shape, np.int8), np.full(W.shape[1], NAN))), "NaN"),
    ("c00 probabilidades NaN", lambda: c00.check_probabilidades(
        np.full((2, 3), NAN), np.zeros(2), np.ones((2, 3))), "NaN"),
    ("c00 predicción NaN", lambda: c00.check_probabilidades(
        np.full((2, 3), 1 / 3), [NAN, NAN], np.ones((2, 3))), "NaN"),
    ("c04 relleno NaN", lambda: c04.check_rellenar_lote(
        lambda s, p: (np.full((len(s), 4), NAN), np.ones((len(s), 4)))), "NaN"),
    # números que no caben en un float (antes OverflowError)
    ("c02 parámetros enormes", lambda: c02.check_parametros(ENORME, 1), "cifras"),
    ("c03 mha enorme", lambda: c03.check_parametros_mha(lambda d, h, k: ENORME), "demasiado grande"),
    ("c03 pesos enormes", lambda: c03.check_pesos_atencion([[ENORME] * 4] * 2), "demasiado grande"),
    ("c03 máscara enorme", lambda: c03.check_mascara_causal(lambda n: [[ENORME] * n] * n),
     "demasiado grande"),
    ("c05 media enorme", lambda: c05.check_media_enmascarada(lambda h, m: [[ENORME] * 5] * 4),
     "demasiado grande"),
    ("c05 top-k enorme", lambda: c05.check_top_k_coseno(lambda q, C, k: [ENORME] * k), "demasiado grande"),
    ("c05 cuentas enormes", lambda: c05.check_cuentas_mlm(ENORME, 6, 6), "demasiado grande"),
    ("c06 especificidad enorme", lambda: c06.check_especificidad(lambda cm: [ENORME] * len(cm)),
     "demasiado grande"),
    ("c06 F1 enorme", lambda: c06.check_f1_macro(lambda y, p: ENORME), "demasiado grande"),
    ("c06 tramo enorme", lambda: c06.check_mejor_span(lambda i, f, m: (ENORME, 1)), "demasiado grande"),
    ("c07 top-k enorme", lambda: c07.check_top_k(
        lambda lg, k: [[ENORME] * lg.shape[1]] * lg.shape[0]), "demasiado grande"),
    ("c07 perplejidad enorme", lambda: c07.check_perplejidad(lambda lp: ENORME), "demasiado grande"),
    ("c07 etiquetas enormes", lambda: c07.check_etiquetas(
        lambda p, r: (p + r, [ENORME] * (len(p) + len(r)))), "demasiado grande"),
    ("c08 exactitud enorme", lambda: c08.check_exact_match(lambda p, r: ENORME), "demasiado grande"),
    ("c09 lora enorme", lambda: c09.check_lora_params({r: (ENORME, 1) for r in (4, 16, 32)}),
     "demasiado grande"),
    ("c09 escalas enormes", lambda: c09.check_cuantizar_por_canal(
        lambda W: (np.zeros(W.shape, np.int8), [ENORME] * W.shape[1])), "demasiado grande"),
    ("c00 probabilidades enormes", lambda: c00.check_probabilidades(
        [[ENORME] * 3] * 2, [0, 0], np.ones((2, 3))), "demasiado grande"),
    ("c02 paso GRU enorme", lambda: c02.check_paso_gru(
        lambda x, h, W, U, b: [[ENORME] * h.shape[1]] * h.shape[0]), "demasiado grande"),
    # listas irregulares (antes «no es una tabla de números»)
    ("c03 máscara triangular sin ceros", lambda: c03.check_mascara_causal(
        lambda n: [[1] * (i + 1) for i in range(n)]), "longitudes distintas"),
    ("c04 lote sin rellenar", lambda: c04.check_rellenar_lote(
        lambda s, p: (s, [[1] * len(x) for x in s])), "longitudes distintas"),
    ("c05 media irregular", lambda: c05.check_media_enmascarada(
        lambda h, m: [list(r[:int(s)]) for r, s in zip(h[:, 0], m.sum(1), strict=True)]),
     "longitudes distintas"),
    ("c06 especificidad irregular", lambda: c06.check_especificidad(lambda cm: [[1], [1, 2]]),
     "longitudes distintas"),
    ("c07 top-k irregular", lambda: c07.check_top_k(
        lambda lg, k: [list(np.sort(r)[-k:]) + [1] * i for i, r in enumerate(lg)]), "longitudes distintas"),
    ("c07 etiquetas irregulares", lambda: c07.check_etiquetas(lambda p, r: ([p, r], [p, r])),
     "longitudes distintas"),
    ("c09 escalas irregulares", lambda: c09.check_cuantizar_por_canal(
        lambda W: (np.zeros(W.shape, np.int8), [[1], [1, 2]])), "longitudes distintas"),
    ("c02 paso GRU irregular", lambda: c02.check_paso_gru(lambda x, h, W, U, b: [[1.0], [1.0, 2.0]]),
     "longitudes distintas"),
    ("c00 probabilidades irregulares", lambda: c00.check_probabilidades(
        [[0.5, 0.5], [1.0]], [0, 0], np.ones((2, 2))), "longitudes distintas"),
    ("c03 pesos irregulares", lambda: c03.check_pesos_atencion([[0.5, 0.5], [1.0]]),
     "longitudes distintas"),
    # rutas absolutas y trazas de TensorFlow dentro del mensaje
    *[(f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__} error con ruta",
       lambda c=c: c(_falla_con_ruta), "datos.npy") for c in _CHECKS_DE_FUNCIONES],
    *[(f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__} error de TF",
       lambda c=c: c(_falla_como_tf), "Matrix size-incompatible") for c in _CHECKS_DE_FUNCIONES],
]


@pytest.mark.parametrize(("nombre", "llamada", "error", "fragmento"), CASOS_NUEVOS,
                         ids=[c[0] for c in CASOS_NUEVOS])
def test_entrada_incorrecta_nueva(nombre, llamada, error, fragmento):
    import matplotlib.pyplot as plt

    antes = set(plt.get_fignums())
    with pytest.raises(error) as excinfo:
        llamada()
    _comprobar(excinfo, fragmento)
    # la función no deja abierta ninguna figura suya (las que crea la prueba no cuentan)
    assert not set(plt.get_fignums()) - antes - _FIGURAS_DE_LA_PRUEBA


@pytest.mark.parametrize(("nombre", "llamada", "error", "fragmento"), CASOS_NUEVOS_CON_MODELO,
                         ids=[c[0] for c in CASOS_NUEVOS_CON_MODELO])
def test_entrada_incorrecta_nueva_con_modelo(nombre, llamada, error, fragmento, minilm):
    with pytest.raises(error) as excinfo:
        llamada(*minilm)
    _comprobar(excinfo, fragmento)


@pytest.mark.parametrize(("nombre", "llamada", "fragmento"), CASOS_COMPROBACIONES,
                         ids=[c[0] for c in CASOS_COMPROBACIONES])
def test_respuesta_incorrecta_a_una_comprobacion(nombre, llamada, fragmento):
    resultado = llamada()
    assert isinstance(resultado, Result) and not resultado.ok, resultado
    assert fragmento in resultado.message, resultado.message
    assert "/home/" not in resultado.message and ".venv" not in resultado.message, resultado.message
    assert len(resultado.message) < 600, resultado.message
