"""Pruebas de los datos del curso (data/) y de sus cargadores."""

import json
import re
from itertools import combinations

import pytest

from course_utils import data


@pytest.fixture(scope="module")
def opiniones():
    return data.load_sentiment()


def palabras(texto):
    return set(re.findall(r"\w+", texto.lower()))


def test_esquema_y_valores(opiniones):
    assert tuple(opiniones.columns) == data.SENTIMENT_COLUMNS
    assert len(opiniones) >= 1200
    assert set(opiniones["etiqueta"]) == set(data.SENTIMENT_LABELS)
    assert set(opiniones["particion"]) == set(data.SPLITS)
    assert set(opiniones["fenomeno"]) == {"ninguno", "negacion", "ironia", "contraste"}
    assert opiniones["tema"].nunique() >= 5
    assert opiniones["id"].is_unique
    assert (opiniones["texto"].str.len() > 0).all()


def test_etiquetas_equilibradas(opiniones):
    reparto = opiniones["etiqueta"].value_counts(normalize=True)
    assert reparto.between(0.28, 0.40).all(), reparto
    # Casos difíciles para una bolsa de palabras: al menos un 20 %.
    assert (opiniones["fenomeno"] != "ninguno").mean() >= 0.20


def test_sin_duplicados_ni_casi_duplicados(opiniones):
    normalizados = opiniones["texto"].str.lower().str.split().str.join(" ")
    assert normalizados.is_unique
    conjuntos = [palabras(t) for t in opiniones["texto"]]
    parecidas = [
        (opiniones["texto"][i], opiniones["texto"][j])
        for i, j in combinations(range(len(conjuntos)), 2)
        if len(conjuntos[i] & conjuntos[j]) / len(conjuntos[i] | conjuntos[j]) >= 0.6
    ]
    assert not parecidas, parecidas[:5]


def test_particiones_sin_fugas(opiniones):
    por_particion = {p: set(g["texto"].str.lower()) for p, g in opiniones.groupby("particion")}
    for a, b in combinations(data.SPLITS, 2):
        assert not por_particion[a] & por_particion[b]
    tamanos = opiniones["particion"].value_counts(normalize=True)
    assert tamanos["train"] == pytest.approx(0.70, abs=0.02)
    # Estratificadas: cada partición tiene las tres etiquetas en proporciones parecidas.
    for _, grupo in opiniones.groupby("particion"):
        assert grupo["etiqueta"].value_counts(normalize=True).between(0.28, 0.40).all()


def test_cargar_una_particion():
    test = data.load_sentiment("test")
    assert set(test["particion"]) == {"test"} and test.index[0] == 0
    assert data.label_ids(["negativo", "neutral", "positivo"]) == [0, 1, 2]


def test_corpus():
    texto = data.load_corpus()
    assert len(texto.encode("utf-8")) >= 150_000
    parrafos = data.corpus_paragraphs()
    assert len(parrafos) >= 200
    assert len(set(parrafos)) == len(parrafos)
    assert not any(p.startswith(("#", "- ", "* ")) for p in parrafos)
    assert texto.lower().count("banco") >= 30  # para el cuaderno de polisemia


def test_carpeta_de_datos_configurable(monkeypatch, tmp_path):
    monkeypatch.setenv("CURSO_DATOS", str(tmp_path / "no-existe"))
    assert data.data_dir().name == "data"  # si la variable apunta a nada, usa la del paquete


def test_corpus_del_curso_para_sus_modelos():
    entrenar, reservado = data.course_corpus("train"), data.course_corpus("heldout")
    todos = entrenar + reservado
    assert sum(len(p.encode("utf-8")) for p in todos) >= 1_000_000
    assert len(set(todos)) == len(todos), "párrafos repetidos en el corpus"
    assert not set(entrenar) & set(reservado)
    assert 0.03 < len(reservado) / len(todos) < 0.08
    assert all(data.is_heldout(p) for p in reservado)
    # español con tildes y eñes (un texto sin ellas delataría una codificación rota)
    assert sum(bool(re.search("[áéíóúñ]", p)) for p in todos) / len(todos) > 0.9
    texto = "\n".join(todos).lower()
    for palabra in ("banco", "planta", "cura", "estación", "sierra", "capital"):
        assert len(re.findall(rf"\b{palabra}e?s?\b", texto)) >= 200, palabra
    preguntas = [p for p in todos if p.startswith("Pregunta: ¿")]
    assert len(preguntas) >= 300 and all(" Respuesta: " in p for p in preguntas)
    with pytest.raises(ValueError, match="heldout"):
        data.course_corpus("test")


def test_corpus_mayor_para_el_gpt2():
    """``larger=True`` suma ``corpus/ampliado2/`` sin cambiar lo que ya leían los demás."""
    base = data.course_corpus("train") + data.course_corpus("heldout")
    entrenar = data.course_corpus("train", larger=True)
    reservado = data.course_corpus("heldout", larger=True)
    todos = entrenar + reservado
    assert set(base) < set(todos) and len(set(todos)) == len(todos)
    assert sum(len(p.encode("utf-8")) for p in todos) >= 3_000_000
    assert set(data.course_corpus("heldout")) <= set(reservado)
    assert not set(entrenar) & set(reservado) and all(map(data.is_heldout, reservado))
    assert 0.03 < len(reservado) / len(todos) < 0.08
    texto = "\n".join(todos)
    frases, consultas = data.topic_sentences()
    medir = list(data.sense_examples()["frase"]) + list(frases["frase"]) + list(consultas["consulta"])
    assert not [f for f in medir if f in texto], "frases de medir dentro del corpus mayor"
    with pytest.raises(TypeError, match="larger"):
        data.course_corpus("train", larger="sí")


def test_frases_con_el_sentido_anotado():
    import unicodedata

    def sin_tildes(texto):
        return "".join(c for c in unicodedata.normalize("NFD", texto.lower())
                       if unicodedata.category(c) != "Mn")

    frases = data.sense_examples()
    cuentas = frases.groupby(["palabra", "sentido"]).size()
    assert len(cuentas) == 12 and cuentas.min() >= 90, cuentas
    assert frases.groupby("palabra")["sentido"].nunique().eq(2).all()
    corpus = "\n".join(data.course_corpus("train") + data.course_corpus("heldout"))
    for fila in frases.itertuples():
        assert sin_tildes(fila.palabra) in sin_tildes(fila.frase), fila
        assert fila.frase not in corpus, "las frases anotadas no pueden estar en el corpus"
    assert not frases["frase"].duplicated().any()


def test_frases_y_consultas_por_tema():
    frases, consultas = data.topic_sentences()
    assert list(frases.columns) == ["tema", "frase"] and list(consultas.columns) == ["tema", "consulta"]
    assert frases.groupby("tema").size().eq(10).all() and frases["tema"].nunique() == 6
    assert consultas.groupby("tema").size().eq(5).all()
    assert set(consultas["tema"]) == set(frases["tema"])
    assert not frases["frase"].duplicated().any() and not consultas["consulta"].duplicated().any()
    corpus = "\n".join(data.course_corpus("train") + data.course_corpus("heldout"))
    for texto in list(frases["frase"]) + list(consultas["consulta"]):
        assert texto not in corpus, f"{texto!r} está en el corpus: no serviría para medir"


def test_pares_pregunta_respuesta():
    pares = data.qa_pairs()
    assert list(pares.columns) == ["pregunta", "respuesta", "fuente"]
    assert len(pares) >= 500 and pares["fuente"].nunique() >= 2
    assert (pares["pregunta"].str.len() > 10).all() and (pares["respuesta"].str.len() > 20).all()
    assert not pares["respuesta"].duplicated().any()
    assert not pares["pregunta"].duplicated().any(), "una pregunta con dos respuestas confunde"
    frases, consultas = data.topic_sentences()
    medir = set(consultas["consulta"]) | set(frases["frase"])
    assert not medir & (set(pares["pregunta"]) | set(pares["respuesta"])), \
        "las frases con que se mide la búsqueda no pueden estar en los pares de entrenamiento"
    # Tampoco reescrituras cercanas de las consultas («¿Cómo se hace una tortilla de patatas
    # jugosa?» frente a «¿Cómo se hace la tortilla de patatas?» da 0,73 con esta medida).
    from sklearn.feature_extraction.text import TfidfVectorizer

    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    tfidf.fit(list(pares["pregunta"]) + list(consultas["consulta"]))
    parecido = (tfidf.transform(consultas["consulta"]) @ tfidf.transform(pares["pregunta"]).T)
    assert parecido.max() < 0.65, "hay una pregunta de entrenamiento casi igual a una consulta"
    assert not pares["respuesta"].str.contains("bicicleta", case=False).any(), \
        "la FAQ de bicicletas del cuaderno 09 mide la recuperación: no se entrena con ese tema"
    celdas = json.loads((data.data_dir().parent / "notebooks" / "09_llms_en_la_practica.ipynb")
                        .read_text("utf-8"))["cells"]
    codigo = "".join("".join(c["source"]) for c in celdas if c["cell_type"] == "code")
    preguntas_09 = set(re.findall(r'^ +"(.+?)": \d+,$', codigo, flags=re.M))
    assert len(preguntas_09) >= 20, "no encuentro las preguntas de la RAG del cuaderno 09"
    assert not preguntas_09 & set(pares["pregunta"]), \
        "las preguntas con que el cuaderno 09 mide la recuperación no pueden estar en el entrenamiento"


# ---------------------------------------------------------------- con la biblioteca datasets

def test_opiniones_como_datasetdict_son_las_mismas_filas(opiniones):
    ds = data.sentiment_dataset()
    assert list(ds) == list(data.SPLITS)
    assert ds["train"].features["label"].names == list(data.SENTIMENT_LABELS)
    for split in data.SPLITS:
        tabla = opiniones[opiniones["particion"] == split]
        assert ds[split]["id"] == tabla["id"].tolist()
        assert ds[split]["label"] == data.label_ids(tabla["etiqueta"])


def test_map_por_lotes_y_collator_con_el_tokenizador_de_minilm(minilm):
    """La receta de los cuadernos 06 y 07: .map(batched=True) sin relleno y relleno por lote."""
    from transformers import DataCollatorWithPadding

    _, tokenizador = minilm
    ds = data.sentiment_dataset()["validation"].select(range(5))
    codificadas = ds.map(lambda lote: tokenizador(lote["texto"]), batched=True)
    largos = [len(x) for x in codificadas["input_ids"]]
    lote = DataCollatorWithPadding(tokenizador, return_tensors="np")(
        [{k: codificadas[i][k] for k in ("input_ids", "attention_mask", "label")} for i in range(5)])
    assert lote["input_ids"].shape == (5, max(largos))
    assert lote["attention_mask"].sum(axis=1).tolist() == largos
    assert lote["labels"].tolist() == ds["label"]


def test_sentidos_como_dataset():
    sentidos = data.sense_dataset()
    tabla = data.sense_examples()
    assert sentidos.column_names == ["palabra", "sentido", "frase"]
    assert sentidos["frase"] == tabla["frase"].tolist()
