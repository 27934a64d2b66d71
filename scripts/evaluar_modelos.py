"""Mide los modelos propios del curso (``modelos/``) con datos que no vieron al entrenar.

Uso::

    python scripts/evaluar_modelos.py                 # los que hay en modelos/; imprime las cifras
    python scripts/evaluar_modelos.py bert --comprobar  # compara con su metricas.json
    python scripts/evaluar_modelos.py bert --actualizar # guarda las cifras nuevas sin reentrenar
    python scripts/evaluar_modelos.py --fichas          # rehace las fichas sin medir nada

Las mismas funciones las usa ``scripts/entrenar_modelos.py`` para escribir las fichas,
y ``tests/test_modelos_curso.py`` para comprobar que las cifras de las fichas se
reproducen (con tolerancia: en otra CPU las últimas cifras cambian).

Qué se mide:

- ``gpt2``: perplejidad en la parte reservada del corpus; proporción de palabras de 4 o
  más letras que ``wordfreq`` conoce en español, en texto muestreado (top-p 0,9) a
  partir de 20 comienzos fijos.
- ``bert``: en 100 frases reservadas con una palabra de contenido tapada, ¿está la
  palabra entre las 5 primeras? (Y lo mismo en 100 frases de entrenamiento, para ver
  cuánto es memoria, y con una línea base de bigramas contados en el corpus.) Y cuánto separan sus vectores contextuales los dos sentidos de
  seis palabras polisémicas (frases de ``data/corpus/sentidos``), capa a capa, con la
  medida de los cuadernos 01 y 05, al lado de MiniLM.
- ``frases``: ARI de K-Means (6 grupos) sobre las 60 frases (10 por tema) de
  ``data/temas/frases.csv`` y acierto del primer resultado de búsqueda semántica con
  las 30 consultas de ``data/temas/consultas.csv``, frente a TF-IDF de caracteres.
- ``sentimiento``: exactitud y F1 macro en test frente a TF-IDF + regresión logística.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date
from functools import partial
from pathlib import Path

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("USE_TORCH", "0")
os.environ.setdefault("USE_TF", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import numpy as np  # noqa: E402

MODELOS = RAIZ / "modelos"
SEMILLA = 0
N_SEMILLAS_GPT = 10  # muestreos del GPT-2 (ver evaluar_gpt2)

PROMPTS = [
    "El domingo por la mañana", "En la plaza del pueblo", "Mi abuela siempre decía que",
    "Para preparar la receta,", "El alcalde anunció ayer que", "Cuando llegamos a la estación",
    "La panadera abrió la tienda", "En invierno, la sierra", "El médico me explicó que",
    "Los vecinos del barrio", "Aquella tarde de verano", "El equipo entrenó durante",
    "Según la previsión del tiempo,", "Mi perro", "En el mercado de los sábados",
    "La maestra les pidió a los niños que", "Después de cenar,", "El ordenador de la oficina",
    "Al salir del trabajo,", "La nueva biblioteca municipal",
]

# Palabras funcionales: no cuentan como «palabra de contenido» en la prueba de MLM.
FUNCIONALES = set("""
para como pero este esta estos estas esto porque cuando donde todo toda todos todas muy más
menos hasta desde sobre entre tras durante según sino aunque mientras también tampoco ya
sus nuestro nuestra nuestros nuestras vuestro ellos ellas nosotros nosotras usted ustedes
aquel aquella aquello aquellos aquellas cada otro otra otros otras mismo misma mismos
mismas tanto tanta tantos tantas poco poca pocos pocas mucho mucha muchos muchas algo nada
nadie alguien alguno alguna algunos algunas ninguno ninguna cual cuales quien quienes cuyo
cuanto cuanta cuantos cuantas está están estaba estaban estar esté eres eran era fue fueron
sido siendo será serán sería han hemos había habían haber habrá hay ese esa esos esas eso
allí aquí ahí luego antes después entonces así bien solo sólo siempre nunca casi pues
""".split())


def _palabras(texto: str) -> list[str]:
    return re.findall(r"[a-záéíóúüñ]+", texto.lower())


def palabras_reales(textos: list[str]) -> tuple[float, int]:
    """Proporción de palabras de 4+ letras que ``wordfreq`` conoce en español, y cuántas se
    contaron. La usan la medida del GPT-2 (texto muestreado) y su ficha (texto del corpus)."""
    from wordfreq import zipf_frequency

    largas = [w for t in textos for w in _palabras(t) if len(w) >= 4]
    conocidas = {w: zipf_frequency(w, "es") > 0 for w in set(largas)}
    return float(np.mean([conocidas[w] for w in largas])), len(largas)


# ---------------------------------------------------------------- GPT-2

def evaluar_gpt2(carpeta: Path = MODELOS / "gpt2-mini-es", n_prompts: int = 20,
                 n_semillas: int = N_SEMILLAS_GPT) -> dict:
    """Perplejidad en la parte reservada y palabras reales en texto muestreado.

    El muestreo (top-p 0,9, 40 tokens por comienzo) se repite con ``n_semillas`` semillas:
    con una sola, unas 300 palabras, la proporción baila ±2 puntos de una semilla (o de una
    CPU) a otra; con diez, la cifra conjunta varía menos de medio punto.
    """
    import tensorflow as tf
    from transformers import AutoTokenizer, TFAutoModelForCausalLM

    from course_utils.data import course_corpus

    tok = AutoTokenizer.from_pretrained(carpeta)
    modelo = TFAutoModelForCausalLM.from_pretrained(carpeta)
    bloque = modelo.config.n_positions
    reservado = course_corpus("heldout")
    ids = [t for fila in tok(reservado)["input_ids"] for t in (*fila, tok.eos_token_id)]
    n = len(ids) // bloque
    x = np.array(ids[: n * bloque], dtype=np.int32).reshape(n, bloque)
    perdidas = []
    for i in range(0, n, 16):
        lote = x[i:i + 16]
        logits = modelo(lote, training=False).logits[:, :-1]
        perdida = tf.keras.losses.sparse_categorical_crossentropy(lote[:, 1:], logits,
                                                                  from_logits=True)
        perdidas.append(perdida.numpy().ravel())
    ppl = float(np.exp(np.concatenate(perdidas).mean()))

    tok.padding_side = "left"
    prompts = PROMPTS[:n_prompts]
    enc = tok(prompts, return_tensors="tf", padding=True)
    textos, por_semilla = [], []
    for s in range(n_semillas):
        salida = modelo.generate(**enc, do_sample=True, top_p=0.9, top_k=0, max_new_tokens=40,
                                 pad_token_id=tok.eos_token_id, seed=[SEMILLA + s, SEMILLA])
        nuevos = tok.batch_decode(salida[:, enc["input_ids"].shape[1]:], skip_special_tokens=True)
        por_semilla.append(palabras_reales(nuevos)[0])
        textos += nuevos
    reales, contadas = palabras_reales(textos)
    return {
        "perplejidad_reservada": round(ppl, 2),
        "tokens_reservados": int(n * bloque),
        "palabras_reales": round(reales, 3),
        "palabras_contadas": contadas,
        "semillas": n_semillas,
        "palabras_reales_min": round(min(por_semilla), 3),
        "palabras_reales_max": round(max(por_semilla), 3),
        "ejemplos": [p + t for p, t in zip(prompts[:4], textos[:4], strict=True)],
    }


# ---------------------------------------------------------------- BERT

def frases_mlm(tok, n: int = 100, parte: str = "heldout") -> list[tuple[str, str]]:
    """``n`` frases con una palabra de contenido tapada: (frase con [MASK], palabra).

    Por defecto, de la parte reservada del corpus; con ``parte="train"``, de la de
    entrenamiento (para ver cuánto del acierto es memoria). La palabra se elige al azar
    (semilla fija) entre las de 4 o más letras, en minúscula, que no son funcionales y
    que el vocabulario tiene enteras (un solo token), para que «acertar» sea predecir un
    único token.
    """
    from course_utils.data import course_corpus

    sys.path.insert(0, str(RAIZ / "scripts"))
    from entrenar_modelos import frases_de

    rng = np.random.default_rng(SEMILLA)
    vocab = tok.get_vocab()
    frases = [f for p in course_corpus(parte) for f in frases_de(p) if "\n" not in f]
    elegidas = []
    for i in rng.permutation(len(frases)):
        frase = frases[i]
        candidatas = sorted({w for w in re.findall(r"\b[a-záéíóúüñ]{4,}\b", frase)
                             if w not in FUNCIONALES and w in vocab})
        if not candidatas:
            continue
        palabra = candidatas[rng.integers(len(candidatas))]
        tapada = re.sub(rf"\b{palabra}\b", tok.mask_token, frase, count=1)
        if tok(tapada)["input_ids"].count(tok.mask_token_id) != 1:
            continue
        elegidas.append((tapada, palabra))
        if len(elegidas) == n:
            break
    return elegidas


def acierto_mlm(modelo, tok, ejemplos: list[tuple[str, str]], k: int = 5) -> tuple[float, float]:
    enc = tok([f for f, _ in ejemplos], padding=True, return_tensors="np")
    logits = modelo(**enc, training=False).logits.numpy()
    top1 = topk = 0
    for i, (_, palabra) in enumerate(ejemplos):
        pos = int(np.flatnonzero(enc["input_ids"][i] == tok.mask_token_id)[0])
        mejores = np.argsort(-logits[i, pos])[:k]
        objetivo = tok.convert_tokens_to_ids(palabra)
        top1 += int(mejores[0] == objetivo)
        topk += int(objetivo in mejores)
    return top1 / len(ejemplos), topk / len(ejemplos)


def acierto_bigramas(ejemplos: list[tuple[str, str]], k: int = 5) -> float:
    """Línea base del MLM sin red neuronal: bigramas contados en el corpus de entrenamiento.

    Para cada hueco puntúa cada palabra de contenido ``w`` del corpus con
    ``c(izq, w) · c(w, der) / c(w)`` (las dos palabras vecinas del hueco, con un
    suavizado pequeño) y devuelve la proporción de huecos con la palabra en las ``k``
    primeras.
    """
    from collections import Counter

    from course_utils.data import course_corpus

    def palabras(texto: str) -> list[str]:
        return ["<s>", *re.findall(r"\w+|[^\w\s]", texto.lower()), "</s>"]

    unigramas, bigramas = Counter(), Counter()
    for parrafo in course_corpus("train"):
        w = palabras(parrafo)
        unigramas.update(w)
        bigramas.update(zip(w, w[1:], strict=False))
    candidatas = [w for w in unigramas
                  if len(w) >= 4 and w.isalpha() and w not in FUNCIONALES]
    aciertos = 0
    for frase, palabra in ejemplos:
        w = palabras(frase.replace("[MASK]", " hueco0 "))
        i = w.index("hueco0")
        izq, der = w[i - 1], w[i + 1]
        puntos = np.array([(bigramas[izq, c] + 0.01) * (bigramas[c, der] + 0.01)
                           / (unigramas[c] + 1) for c in candidatas])
        mejores = np.argsort(-puntos, kind="stable")[:k]
        aciertos += palabra in {candidatas[j] for j in mejores}
    return aciertos / len(ejemplos)


FORMA = {"estacion": ("estación", "estaciones")}


def vectores_sentido(modelo, tok, frases: list[str], palabra: str, plural: str,
                     capa: int) -> np.ndarray:
    """Vector de la palabra (o de su plural) en cada frase, con ``word_in_context``."""
    from course_utils.embeddings import word_in_context

    formas = []
    for f in frases:
        m = re.search(rf"\b(?:{palabra}|{plural})\b", f, re.IGNORECASE)
        if m is None:
            raise ValueError(f"La frase no contiene {palabra!r} ni {plural!r}: {f!r}")
        formas.append(m.group(0).lower())
    salida = np.zeros((len(frases), modelo.config.hidden_size), np.float32)
    for forma in (palabra, plural):
        idx = [i for i, f in enumerate(formas) if f == forma]
        if idx:
            salida[idx] = word_in_context(modelo, tok, [frases[i] for i in idx], forma,
                                          layer=capa)
    return salida


def separacion(V: np.ndarray, sentidos: np.ndarray) -> dict:
    """Coseno medio dentro de cada sentido menos entre sentidos (medida de 01/05) y 1-NN."""
    U = V / np.linalg.norm(V, axis=1, keepdims=True)
    S = U @ U.T
    mismo = sentidos[:, None] == sentidos[None, :]
    fuera = ~np.eye(len(V), dtype=bool)
    dentro, entre = S[mismo & fuera].mean(), S[~mismo].mean()
    np.fill_diagonal(S, -np.inf)
    vecino = sentidos[np.argmax(S, axis=1)]
    return {"dentro": round(float(dentro), 3), "entre": round(float(entre), 3),
            "margen": round(float(dentro - entre), 3),
            "acierto_vecino": round(float(np.mean(vecino == sentidos)), 3)}


def evaluar_sentidos(modelo, tok, capa: int = -1) -> dict:
    """Separación de los dos sentidos de cada palabra polisémica en la salida de ``capa``."""
    from course_utils.data import sense_examples

    df = sense_examples()
    resultado = {}
    for palabra, grupo in df.groupby("palabra"):
        forma, plural = FORMA.get(palabra, (palabra, palabra + ("es" if palabra.endswith("l")
                                                                  else "s")))
        V = vectores_sentido(modelo, tok, list(grupo["frase"]), forma, plural, capa)
        resultado[palabra] = separacion(V, grupo["sentido"].to_numpy())
    return resultado


def evaluar_bert(carpeta: Path = MODELOS / "bert-mini-es", con_minilm: bool = False) -> dict:
    from transformers import AutoTokenizer, TFAutoModelForMaskedLM

    tok = AutoTokenizer.from_pretrained(carpeta)
    modelo = TFAutoModelForMaskedLM.from_pretrained(carpeta)
    ejemplos = frases_mlm(tok)
    top1, top5 = acierto_mlm(modelo, tok, ejemplos)
    _, top5_entrenamiento = acierto_mlm(modelo, tok, frases_mlm(tok, parte="train"))
    capas = range(modelo.config.num_hidden_layers + 1)
    por_capa = [evaluar_sentidos(modelo.bert, tok, capa) for capa in capas]
    metricas = {
        "mlm_frases": len(ejemplos),
        "mlm_top1": round(top1, 3),
        "mlm_top5": round(top5, 3),
        "mlm_top5_entrenamiento": round(top5_entrenamiento, 3),
        "mlm_top5_bigramas": round(acierto_bigramas(ejemplos), 3),
        # palabra -> una medida por salida: 0 = embeddings, la última = última capa
        "sentidos_por_capa": {palabra: [c[palabra] for c in por_capa]
                              for palabra in por_capa[0]},
        "ejemplos_mlm": [f"{f} → {p}" for f, p in ejemplos[:3]],
    }
    if con_minilm:
        metricas["sentidos_minilm"] = sentidos_minilm()
    return metricas


def sentidos_minilm() -> dict:
    """La misma medida con MiniLM (inglés, sin mayúsculas): el contraste del curso."""
    from transformers import AutoTokenizer, TFAutoModel

    from course_utils.models import MINILM_ID, ensure_model

    ensure_model(MINILM_ID)
    tok = AutoTokenizer.from_pretrained(MINILM_ID)
    modelo = TFAutoModel.from_pretrained(MINILM_ID)
    return evaluar_sentidos(modelo, tok)


# ---------------------------------------------------------------- codificador de frases

def medir_busqueda(X: np.ndarray, Q: np.ndarray, temas, temas_consulta) -> float:
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    Qn = Q / np.linalg.norm(Q, axis=1, keepdims=True)
    primero = np.argmax(Qn @ Xn.T, axis=1)
    return float(np.mean(np.asarray(temas)[primero] == np.asarray(temas_consulta)))


def medir_ari(X: np.ndarray, temas) -> float:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    grupos = KMeans(n_clusters=len(set(temas)), n_init=10, random_state=0).fit_predict(Xn)
    return float(adjusted_rand_score(temas, grupos))


def evaluar_frases(carpeta: Path = MODELOS / "frases-mini-es") -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from transformers import AutoTokenizer, TFAutoModel

    from course_utils.data import topic_sentences
    from course_utils.embeddings import SentenceEncoder

    frases, consultas = topic_sentences()
    cod = SentenceEncoder(TFAutoModel.from_pretrained(carpeta),
                          AutoTokenizer.from_pretrained(carpeta))
    X = cod.encode(list(frases["frase"]))
    Q = cod.encode(list(consultas["consulta"]))
    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
    Xt = tfidf.fit_transform(frases["frase"]).toarray()
    Qt = tfidf.transform(consultas["consulta"]).toarray()
    return {
        "ari_kmeans": round(medir_ari(X, frases["tema"]), 3),
        "ari_kmeans_tfidf_caracteres": round(medir_ari(Xt, frases["tema"]), 3),
        "busqueda_top1": round(medir_busqueda(X, Q, frases["tema"], consultas["tema"]), 3),
        "busqueda_top1_tfidf_caracteres": round(
            medir_busqueda(Xt + 1e-9, Qt + 1e-9, frases["tema"], consultas["tema"]), 3),
        "consultas": len(consultas),
    }


# ---------------------------------------------------------------- sentimiento

def evaluar_sentimiento(carpeta: Path = MODELOS / "bert-mini-es-sentimiento") -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from transformers import AutoTokenizer, TFAutoModelForSequenceClassification

    from course_utils.data import label_ids, load_sentiment

    tok = AutoTokenizer.from_pretrained(carpeta)
    modelo = TFAutoModelForSequenceClassification.from_pretrained(carpeta)
    train, test = load_sentiment("train"), load_sentiment("test")
    enc = tok(list(test["texto"]), padding=True, truncation=True, max_length=64,
              return_tensors="np")
    pred = np.argmax(modelo.predict(dict(enc), verbose=0).logits, axis=-1)
    y = np.array(label_ids(test["etiqueta"]))
    # La línea base del cuaderno 06: TF-IDF de palabras y parejas, C elegido en validation.
    valid = load_sentiment("validation")
    tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    T_train = tfidf.fit_transform(train["texto"])
    y_train = label_ids(train["etiqueta"])
    en_valid = {C: accuracy_score(label_ids(valid["etiqueta"]), LogisticRegression(
        C=C, max_iter=2000).fit(T_train, y_train).predict(tfidf.transform(valid["texto"])))
        for C in (0.1, 1, 10, 100)}
    lr = LogisticRegression(C=max(en_valid, key=en_valid.get), max_iter=2000).fit(T_train, y_train)
    base = lr.predict(tfidf.transform(test["texto"]))
    return {
        "exactitud_test": round(float(accuracy_score(y, pred)), 3),
        "f1_macro_test": round(float(f1_score(y, pred, average="macro")), 3),
        "exactitud_test_tfidf_lr": round(float(accuracy_score(y, base)), 3),
        "f1_macro_test_tfidf_lr": round(float(f1_score(y, base, average="macro")), 3),
        "frases_test": int(len(y)),
    }


# Lo que mide cada paso para su ficha (la del BERT compara los sentidos con MiniLM).
EVALUAR = {"gpt2": evaluar_gpt2, "bert": partial(evaluar_bert, con_minilm=True),
           "frases": evaluar_frases, "sentimiento": evaluar_sentimiento}
CARPETA = {"gpt2": "gpt2-mini-es", "bert": "bert-mini-es", "frases": "frases-mini-es",
           "sentimiento": "bert-mini-es-sentimiento"}


# ---------------------------------------------------------------- fichas

def escribir_ficha(paso: str, carpeta: Path, metricas: dict, minutos: float,
                   args: dict, fecha: str | None = None) -> None:
    """Guarda ``metricas.json`` y rellena la ficha ``README.md`` desde su plantilla.

    ``fecha`` es la del entrenamiento (por defecto, hoy).
    """
    import fichas_modelos

    registro = {"metricas": metricas, "minutos_entrenamiento": round(minutos, 1),
                "argumentos": {k: v for k, v in args.items() if k != "pasos"},
                "fecha": fecha or date.today().isoformat()}
    (carpeta / "metricas.json").write_text(json.dumps(registro, ensure_ascii=False, indent=1)
                                           + "\n", encoding="utf-8")
    (carpeta / "README.md").write_text(fichas_modelos.ficha(paso, carpeta, registro),
                                       encoding="utf-8")
    (carpeta.parent / "README.md").write_text(fichas_modelos.indice(carpeta.parent),
                                              encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("pasos", nargs="*", default=[])
    p.add_argument("--fichas", action="store_true",
                   help="solo reescribe las fichas desde metricas.json (sin evaluar)")
    p.add_argument("--comprobar", action="store_true",
                   help="compara con metricas.json de cada modelo (con tolerancia)")
    p.add_argument("--actualizar", action="store_true",
                   help="vuelve a medir y guarda las cifras en metricas.json y la ficha, "
                        "conservando los datos del entrenamiento (para medidas nuevas sin "
                        "reentrenar)")
    args = p.parse_args(argv)
    fallos = 0
    hechos = [paso for paso in EVALUAR if (MODELOS / CARPETA[paso] / "config.json").exists()]
    if args.fichas:
        import fichas_modelos

        for paso in args.pasos or hechos:
            carpeta = MODELOS / CARPETA[paso]
            registro = json.loads((carpeta / "metricas.json").read_text())
            (carpeta / "README.md").write_text(fichas_modelos.ficha(paso, carpeta, registro),
                                               encoding="utf-8")
        (MODELOS / "README.md").write_text(fichas_modelos.indice(MODELOS), encoding="utf-8")
        return 0
    for paso in args.pasos or hechos:
        carpeta = MODELOS / CARPETA[paso]
        metricas = EVALUAR[paso](carpeta)
        print(f"== {paso} ({CARPETA[paso]})")
        print(json.dumps(metricas, ensure_ascii=False, indent=1))
        if args.actualizar:
            registro = json.loads((carpeta / "metricas.json").read_text())
            escribir_ficha(paso, carpeta, metricas, registro["minutos_entrenamiento"],
                           registro["argumentos"], fecha=registro["fecha"])
        if args.comprobar:
            guardadas = json.loads((carpeta / "metricas.json").read_text())["metricas"]
            for clave, valor in metricas.items():
                if isinstance(valor, float):
                    ok = abs(valor - guardadas[clave]) <= 0.03 + 0.05 * abs(guardadas[clave])
                    fallos += not ok
                    print(f"   {clave}: {valor} (ficha {guardadas[clave]}) "
                          f"{'ok' if ok else 'FUERA DE TOLERANCIA'}")
    return 1 if fallos else 0


if __name__ == "__main__":
    raise SystemExit(main())
