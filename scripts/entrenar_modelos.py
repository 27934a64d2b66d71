"""Entrena los modelos propios del curso y escribe sus fichas (``modelos/*/README.md``).

Uso (desde la raíz del repositorio, con el entorno del curso)::

    python scripts/entrenar_modelos.py bert --hilos 1               # como los publicados
    python scripts/entrenar_modelos.py gpt2 frases sentimiento --hilos 2  # (ver cada ficha)
    python scripts/entrenar_modelos.py --rapido    # prueba de humo en build/modelos_rapido/

Los pasos son ``gpt2``, ``bert``, ``frases`` y ``sentimiento`` (sin ninguno, todos en ese
orden). ``frases`` y ``sentimiento`` parten del ``bert-mini-es`` de la carpeta de modelos
(``modelos/`` o ``--carpeta-modelos``). ``--rapido`` da unos pocos pasos, no sirve para
clase y, si no se indica otra carpeta, guarda en ``build/modelos_rapido/`` para no pisar
los modelos publicados.

Qué hace cada paso (determinista con ``--semilla``, ``--semilla-bert`` y ``--hilos``: con
otro número de hilos o en otra CPU las últimas cifras pueden cambiar):

- ``gpt2``: tokenizador BPE a nivel de byte (``tokenizers``) y GPT-2 de 4 capas
  preentrenado con la parte de entrenamiento del corpus (``course_corpus("train")``).
- ``bert``: tokenizador WordPiece con mayúsculas y tildes y BERT de 4 capas preentrenado
  con modelo de lenguaje enmascarado (la regla 80/10/10 de ``DataCollatorForLanguageModeling``,
  sobre el 40 % de los tokens), partiendo de una capa 0 cuyas cabezas miran a los vecinos
  (``cabezas_locales``: sin ella, la pérdida se estanca miles de pasos en la de una bolsa
  de palabras).
- ``frases``: codificador de frases desde ``bert-mini-es``: aprendizaje contrastivo con
  pares de frases del mismo párrafo, pares pregunta/respuesta (del corpus y de
  ``data/corpus/preguntas``) y recortes o palabras clave de una frase con la frase entera; los negativos
  son los demás pares del lote.
- ``sentimiento``: ``bert-mini-es`` ajustado con ``data/sentimiento`` (partición train;
  la época se elige con validation).

Al final de cada paso mide el modelo con ``scripts/evaluar_modelos.py`` y escribe las
cifras en la ficha y en ``metricas.json``. Los pesos se guardan en float16 (la mitad de
tamaño); al cargarlos, TensorFlow los convierte a float32.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))

import evaluar_modelos  # noqa: E402  (fija el entorno: tf-keras, sin torch, sin red)
import numpy as np  # noqa: E402

from course_utils.data import course_corpus, qa_pairs  # noqa: E402

MODELOS = RAIZ / "modelos"
PASOS = ("gpt2", "bert", "frases", "sentimiento")
CARPETA = {"gpt2": "gpt2-mini-es", "bert": "bert-mini-es", "frases": "frases-mini-es",
           "sentimiento": "bert-mini-es-sentimiento"}
# Pasos que se entrenan con el corpus mayor (``course_corpus(larger=True)``); también lo
# lee scripts/fichas_modelos.py para dar en la ficha el tamaño del texto usado.
CORPUS_MAYOR = frozenset({"gpt2"})
VOCABULARIO = 6000
DIM, CAPAS, CABEZAS, INTERMEDIA = 256, 4, 4, 1024
BLOQUE_GPT = 256
BLOQUE_BERT = 128


# ---------------------------------------------------------------- utilidades

class Reloj:
    """Progreso global: cuánto va, cuánto queda (estimado por el ritmo medido)."""

    def __init__(self, nombre: str, total: int):
        self.nombre, self.total, self.hecho, self.inicio = nombre, total, 0, time.time()

    def avanza(self, n: int = 1, extra: str = "") -> None:
        self.hecho += n
        pasado = time.time() - self.inicio
        queda = pasado / self.hecho * (self.total - self.hecho)
        print(f"[{self.nombre}] {self.hecho}/{self.total} · {pasado / 60:.1f} min · "
              f"quedan unos {queda / 60:.1f} min {extra}", flush=True)


def semilla(s: int, hilos: int = 0) -> None:
    import tensorflow as tf

    if hilos:
        tf.config.threading.set_intra_op_parallelism_threads(hilos)
        tf.config.threading.set_inter_op_parallelism_threads(hilos)
    tf.keras.utils.set_random_seed(s)
    tf.config.experimental.enable_op_determinism()


def optimizador(lr: float, pasos: int, calentamiento: float = 0.06, decaimiento: float = 0.01):
    from transformers import create_optimizer

    opt, _ = create_optimizer(init_lr=lr, num_train_steps=pasos,
                              num_warmup_steps=max(1, int(calentamiento * pasos)),
                              weight_decay_rate=decaimiento)
    return opt


def guardar_fp16(modelo, tokenizador, carpeta: Path) -> None:
    """``save_pretrained`` y pesos en float16 (mitad de tamaño; se cargan como float32)."""
    from safetensors.numpy import load_file, save_file

    carpeta.mkdir(parents=True, exist_ok=True)
    for viejo in carpeta.glob("*.safetensors"):
        viejo.unlink()
    modelo.save_pretrained(carpeta, safe_serialization=True)
    tokenizador.save_pretrained(carpeta)
    pesos = carpeta / "model.safetensors"
    tensores = load_file(pesos)
    save_file({k: v.astype(np.float16) if v.dtype == np.float32 else v
               for k, v in tensores.items()}, pesos, metadata={"format": "tf"})



# ---------------------------------------------------------------- GPT-2

def tokenizador_gpt(parrafos: list[str]):
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2TokenizerFast

    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(parrafos, vocab_size=VOCABULARIO, min_frequency=2,
                            special_tokens=["<|endoftext|>"], show_progress=False)
    tok = GPT2TokenizerFast(tokenizer_object=bpe._tokenizer, bos_token="<|endoftext|>",
                            eos_token="<|endoftext|>", unk_token="<|endoftext|>",
                            model_max_length=BLOQUE_GPT)
    tok.pad_token = tok.eos_token
    return tok


def flujo_gpt(tok, parrafos: list[str]) -> np.ndarray:
    """Todos los párrafos seguidos, separados por ``<|endoftext|>``."""
    ids = tok(parrafos)["input_ids"]
    return np.fromiter((t for fila in ids for t in (*fila, tok.eos_token_id)), dtype=np.int32)


def bloques(flujo: np.ndarray, largo: int, desplazamiento: int) -> np.ndarray:
    n = (len(flujo) - desplazamiento) // largo
    return flujo[desplazamiento:desplazamiento + n * largo].reshape(n, largo)


def entrenar_gpt2(args) -> Path:
    from transformers import GPT2Config, TFGPT2LMHeadModel

    semilla(args.semilla, args.hilos)
    parrafos = course_corpus("train", larger="gpt2" in CORPUS_MAYOR)
    tok = tokenizador_gpt(parrafos)
    flujo = flujo_gpt(tok, parrafos)
    print(f"[gpt2] {len(parrafos)} párrafos, {len(flujo):,} tokens, vocabulario {len(tok)}")
    config = GPT2Config(vocab_size=len(tok), n_positions=BLOQUE_GPT, n_embd=DIM, n_layer=CAPAS,
                        n_head=CABEZAS, n_inner=INTERMEDIA, bos_token_id=tok.bos_token_id,
                        eos_token_id=tok.eos_token_id, pad_token_id=tok.eos_token_id)
    modelo = TFGPT2LMHeadModel(config)
    epocas = 1 if args.rapido else args.epocas_gpt
    lote = args.lote_gpt
    por_epoca = len(flujo) // BLOQUE_GPT // lote
    limite = 3 if args.rapido else None
    pasos = epocas * (limite or por_epoca)
    modelo.compile(optimizer=optimizador(args.lr_gpt, pasos))
    rng = np.random.default_rng(args.semilla)
    reloj = Reloj("gpt2", epocas)
    for _ in range(epocas):
        x = bloques(flujo, BLOQUE_GPT, int(rng.integers(BLOQUE_GPT)))
        x = x[rng.permutation(len(x))][: (limite or por_epoca) * lote]
        hist = modelo.fit({"input_ids": x, "labels": x}, batch_size=lote, epochs=1,
                          verbose=2 if not sys.stdout.isatty() else 1)
        reloj.avanza(extra=f"· pérdida {hist.history['loss'][-1]:.3f}")
    carpeta = MODELOS / CARPETA["gpt2"]
    guardar_fp16(modelo, tok, carpeta)
    return carpeta


# ---------------------------------------------------------------- BERT

def tokenizador_bert(parrafos: list[str]):
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertTokenizerFast

    wp = BertWordPieceTokenizer(clean_text=True, handle_chinese_chars=True, strip_accents=False,
                                lowercase=False)
    wp.train_from_iterator(parrafos, vocab_size=VOCABULARIO, min_frequency=2, limit_alphabet=300,
                           special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
                           show_progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        wp.save_model(tmp)
        tok = BertTokenizerFast(vocab_file=str(Path(tmp) / "vocab.txt"), do_lower_case=False,
                                strip_accents=False, tokenize_chinese_chars=True,
                                model_max_length=BLOQUE_BERT)
        _ = tok.backend_tokenizer  # se construye ya, mientras existe vocab.txt
    return tok


def cabezas_locales(modelo, desfases=(-1, 1, -2, 2), escala: float = 4.0,
                    amplitud: float = 0.06, frecuencias: int = 32) -> None:
    """Inicializa la capa 0 para que cada cabeza mire a un vecino fijo (i-1, i+1, i-2, i+2).

    Por qué: en el MLM, la posición tapada solo ve ``[MASK]``; para predecir tiene que
    traer por la atención lo que hay a su alrededor, y con embeddings de posición
    aleatorios la atención tarda miles de pasos en aprender a mirar a los vecinos (la
    pérdida se queda en la de una bolsa de palabras). Con esta inicialización, desde el
    primer paso la capa 0 lleva a cada posición sus dos vecinos de cada lado (como las
    ventanas de word2vec) y el resto de la red aprende sobre eso. Todo sigue siendo
    entrenable: es solo el punto de partida.

    Cómo: las primeras ``2*frecuencias`` dimensiones de los embeddings de posición son
    pares seno/coseno con frecuencias repartidas en (0, π); en cada cabeza, la consulta
    gira esos pares un ángulo ``ω·d`` y la clave los copia, de modo que el producto
    consulta·clave es máximo cuando la clave está ``d`` posiciones más allá.
    """
    w = np.pi * np.arange(1, frecuencias + 1) / (frecuencias + 1)
    pos = np.arange(modelo.config.max_position_embeddings)[:, None]
    pe = np.zeros((len(pos), modelo.config.hidden_size), np.float32)
    pe[:, 0:2 * frecuencias:2] = amplitud * np.sin(pos * w)
    pe[:, 1:2 * frecuencias:2] = amplitud * np.cos(pos * w)
    modelo.bert.embeddings.position_embeddings.assign(pe)
    atencion = modelo.bert.encoder.layer[0].attention.self_attention
    q, k = atencion.query.kernel.numpy(), atencion.key.kernel.numpy()
    ancho = modelo.config.hidden_size // modelo.config.num_attention_heads
    for h, d in enumerate(desfases):
        col = slice(ancho * h, ancho * (h + 1))
        q[:, col] = 0.0
        k[:, col] = 0.0
        for j in range(frecuencias):
            c, s = np.cos(w[j] * d), np.sin(w[j] * d)
            a, b = ancho * h + 2 * j, ancho * h + 2 * j + 1
            q[2 * j, a], q[2 * j + 1, a] = escala * c, escala * s
            q[2 * j, b], q[2 * j + 1, b] = -escala * s, escala * c
            k[2 * j, a], k[2 * j + 1, b] = escala, escala
    atencion.query.kernel.assign(q)
    atencion.key.kernel.assign(k)


def lotes_mlm(tok, flujo: np.ndarray, colador, lote: int, rng):
    """Lotes sin fin: cada vuelta al corpus empieza en otro sitio y se vuelve a enmascarar."""
    while True:
        x = secuencias_desde(tok, flujo, int(rng.integers(BLOQUE_BERT - 2)))
        x = x[rng.permutation(len(x))]
        enmascarado = colador([{"input_ids": fila} for fila in x])  # 80/10/10 (np.random)
        for i in range(0, len(x) - lote + 1, lote):
            yield (enmascarado["input_ids"][i:i + lote].astype(np.int32),
                   enmascarado["labels"][i:i + lote].astype(np.int32))


def secuencias_desde(tok, flujo: np.ndarray, desplazamiento: int) -> np.ndarray:
    cuerpo = bloques(flujo, BLOQUE_BERT - 2, desplazamiento)
    n = len(cuerpo)
    return np.concatenate([np.full((n, 1), tok.cls_token_id, np.int32), cuerpo,
                           np.full((n, 1), tok.sep_token_id, np.int32)], axis=1)


def paso_mlm(modelo, opt):
    """Un paso de MLM (``tf.function``) con la cabeza solo en las posiciones con etiqueta.

    Lo usan ``entrenar_bert`` y ``benchmarks/bert_mlm_escala.py``.
    """
    import tensorflow as tf

    @tf.function
    def paso(x, y):
        with tf.GradientTape() as cinta:
            oculto = modelo.bert(input_ids=x, training=True)[0]
            donde = tf.where(y != -100)
            logits = modelo.mlm(tf.gather_nd(oculto, donde)[None], training=True)[0]
            perdida = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(
                tf.gather_nd(y, donde), logits, from_logits=True))
        gradientes = cinta.gradient(perdida, modelo.trainable_variables)
        opt.apply_gradients(zip(gradientes, modelo.trainable_variables, strict=True))
        return perdida

    return paso


def entrenar_bert(args) -> Path:
    """MLM con la regla 80/10/10, un bucle propio y la cabeza solo en las posiciones tapadas.

    El bucle (``tf.GradientTape``) calcula los logits del vocabulario solo donde hay
    etiqueta (las posiciones tapadas, el ``--mascara`` de los tokens) en lugar de en
    las 128 posiciones: a este tamaño, la proyección al vocabulario es casi la mitad del
    cálculo. La pérdida es la misma que la interna de ``TFBertForMaskedLM``.
    """
    semilla(args.semilla_bert, args.hilos)
    from transformers import BertConfig, DataCollatorForLanguageModeling, TFBertForMaskedLM

    parrafos = course_corpus("train")
    tok = tokenizador_bert(parrafos)
    ids = tok(parrafos, add_special_tokens=False)["input_ids"]
    flujo = np.fromiter((t for fila in ids for t in (*fila, tok.sep_token_id)), dtype=np.int32)
    config = BertConfig(vocab_size=len(tok), hidden_size=DIM, num_hidden_layers=CAPAS,
                        num_attention_heads=CABEZAS, intermediate_size=INTERMEDIA,
                        max_position_embeddings=BLOQUE_BERT, pad_token_id=tok.pad_token_id)
    modelo = TFBertForMaskedLM(config)
    modelo(modelo.dummy_inputs)
    cabezas_locales(modelo)
    colador = DataCollatorForLanguageModeling(tok, mlm_probability=args.mascara,
                                              return_tensors="np")
    np.random.seed(args.semilla_bert)  # el colador sortea con np.random
    pasos = 3 if args.rapido else args.pasos_bert
    opt = optimizador(args.lr_bert, pasos, calentamiento=0.05)
    rng = np.random.default_rng(args.semilla_bert)
    print(f"[bert] {len(parrafos)} párrafos, {len(flujo):,} tokens, vocabulario {len(tok)}, "
          f"{pasos} pasos de {args.lote_bert} secuencias")

    paso = paso_mlm(modelo, opt)
    cada = max(1, pasos // 50)
    reloj = Reloj("bert", pasos)
    perdidas = []
    for i, (x, y) in enumerate(lotes_mlm(tok, flujo, colador, args.lote_bert, rng)):
        if i >= pasos:
            break
        perdidas.append(float(paso(x, y)))
        if (i + 1) % cada == 0:
            reloj.avanza(cada, extra=f"· pérdida {np.mean(perdidas[-cada:]):.3f}")
    carpeta = MODELOS / CARPETA["bert"]
    guardar_fp16(modelo, tok, carpeta)
    return carpeta


# ---------------------------------------------------------------- codificador de frases

def frases_de(parrafo: str) -> list[str]:
    partes = re.split(r"(?<=[.!?…])\s+(?=[¿¡«—A-ZÁÉÍÓÚÑ])", parrafo.strip())
    return [p for p in partes if 4 <= len(p.split()) <= 60]


def recorte(frase: str, rng) -> str | None:
    """Un trozo seguido de 3 a 8 palabras de la frase, como la consulta corta de un buscador."""
    palabras = frase.split()
    if len(palabras) < 6:
        return None
    n = int(rng.integers(3, min(8, len(palabras) - 1) + 1))
    i = int(rng.integers(0, len(palabras) - n + 1))
    return " ".join(palabras[i:i + n]).strip(".,;:¿?¡!«»—")


def palabras_clave(frase: str, rng) -> str | None:
    """De 2 a 5 palabras de contenido de la frase, en su orden: una consulta por palabras clave."""
    contenido = [w for w in re.findall(r"\w+", frase)
                 if len(w) >= 4 and w.lower() not in evaluar_modelos.FUNCIONALES]
    if len(contenido) < 3:
        return None
    k = int(rng.integers(2, min(5, len(contenido)) + 1))
    return " ".join(contenido[j] for j in sorted(rng.choice(len(contenido), k, replace=False)))


def pares_contrastivos(parrafos: list[str], rng, preguntas=(), repetir_preguntas: int = 2):
    """Los pares positivos de una época del codificador de frases.

    - (frase, otra frase del mismo párrafo): enseña «mismo tema»;
    - (pregunta, respuesta) de las líneas «Pregunta: ... Respuesta: ...» del corpus y de
      ``preguntas`` (los pares de ``data/corpus/preguntas``, ``repetir_preguntas`` veces):
      enseña a emparejar una pregunta con el texto que la responde aunque use otras palabras;
    - (recorte de 3 a 8 palabras, su frase) y (palabras clave, su frase): enseñan que una
      consulta corta debe caer cerca de la frase que la contiene (lo que TF-IDF hace bien y
      un codificador tiene que aprender).
    """
    pares = []
    for p in parrafos:
        for linea in p.splitlines():
            m = re.match(r"Pregunta: (.+?) Respuesta: (.+)", linea.strip())
            if m:
                pares.append((m.group(1), m.group(2)))
        frases = frases_de(p)
        if len(frases) >= 2:
            orden = rng.permutation(len(frases))
            for i in range(0, len(orden) - 1, 2):
                pares.append((frases[orden[i]], frases[orden[i + 1]]))
        for frase in frases:
            for consulta in (recorte(frase, rng), palabras_clave(frase, rng)):
                if consulta:
                    pares.append((consulta, frase))
    return pares + list(preguntas) * repetir_preguntas


def entrenar_frases(args) -> Path:
    import tensorflow as tf
    from transformers import AutoTokenizer, TFBertModel

    semilla(args.semilla, args.hilos)
    origen = bert_de_partida()
    tok = AutoTokenizer.from_pretrained(origen)
    modelo = TFBertModel.from_pretrained(origen, add_pooling_layer=True)
    rng = np.random.default_rng(args.semilla)
    parrafos = course_corpus("train")
    qa = qa_pairs()
    preguntas = list(zip(qa["pregunta"], qa["respuesta"], strict=True))
    epocas = 1 if args.rapido else args.epocas_frases
    lote, largo, temperatura = 64, 64, 0.05
    opt = tf.keras.optimizers.Adam(args.lr_frases)

    def codifica(enc, entrenando):
        oculto = modelo(**enc, training=entrenando).last_hidden_state
        mascara = tf.cast(enc["attention_mask"], oculto.dtype)[:, :, None]
        media = tf.reduce_sum(oculto * mascara, 1) / tf.reduce_sum(mascara, 1)
        return tf.math.l2_normalize(media, axis=1)

    @tf.function(reduce_retracing=True)
    def paso(a, b):
        with tf.GradientTape() as cinta:
            ea, eb = codifica(a, True), codifica(b, True)
            logits = tf.matmul(ea, eb, transpose_b=True) / temperatura
            etiquetas = tf.range(tf.shape(logits)[0])
            perdida = 0.5 * (
                tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(
                    etiquetas, logits, from_logits=True))
                + tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(
                    etiquetas, tf.transpose(logits), from_logits=True)))
        variables = modelo.trainable_variables
        opt.apply_gradients(zip(cinta.gradient(perdida, variables), variables, strict=True))
        return perdida

    reloj = Reloj("frases", epocas)
    for _ in range(epocas):
        pares = pares_contrastivos(parrafos, rng, preguntas)
        pares = [pares[i] for i in rng.permutation(len(pares))]
        n = len(pares) // lote
        if args.rapido:
            n = 3
        perdidas = []
        for i in range(n):
            trozo = pares[i * lote:(i + 1) * lote]
            a = tok([x for x, _ in trozo], padding="max_length", truncation=True,
                    max_length=largo, return_tensors="tf")
            b = tok([y for _, y in trozo], padding="max_length", truncation=True,
                    max_length=largo, return_tensors="tf")
            perdidas.append(float(paso(dict(a), dict(b))))
            if i % 50 == 0:
                print(f"  [frases] lote {i}/{n} · pérdida {np.mean(perdidas[-50:]):.3f}",
                      flush=True)
        reloj.avanza(extra=f"· {len(pares)} pares · pérdida {np.mean(perdidas):.3f}")
    carpeta = MODELOS / CARPETA["frases"]
    guardar_fp16(modelo, tok, carpeta)
    return carpeta


# ---------------------------------------------------------------- sentimiento

def entrenar_sentimiento(args) -> Path:
    import tensorflow as tf
    from transformers import AutoTokenizer, TFBertForSequenceClassification

    from course_utils.data import SENTIMENT_LABELS, label_ids, load_sentiment

    semilla(args.semilla, args.hilos)
    origen = bert_de_partida()
    tok = AutoTokenizer.from_pretrained(origen)
    etiquetas = {i: e for i, e in enumerate(SENTIMENT_LABELS)}
    modelo = TFBertForSequenceClassification.from_pretrained(
        origen, num_labels=3, id2label=etiquetas, label2id={e: i for i, e in etiquetas.items()})

    def datos(particion):
        df = load_sentiment(particion)
        enc = tok(list(df["texto"]), padding="max_length", truncation=True, max_length=64,
                  return_tensors="np")
        return dict(enc), np.array(label_ids(df["etiqueta"]), dtype=np.int32)

    x_tr, y_tr = datos("train")
    x_va, y_va = datos("validation")
    epocas = 1 if args.rapido else args.epocas_sentimiento
    lote = 16
    modelo.compile(optimizer=optimizador(args.lr_sentimiento, epocas * (len(y_tr) // lote + 1)),
                   loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                   metrics=["accuracy"])
    mejor, mejores_pesos = -1.0, None
    reloj = Reloj("sentimiento", epocas)
    for _ in range(epocas):
        modelo.fit(x_tr, y_tr, batch_size=lote, epochs=1, verbose=2, shuffle=True)
        exactitud = float(np.mean(np.argmax(modelo.predict(x_va, verbose=0).logits, -1) == y_va))
        if exactitud > mejor:
            mejor, mejores_pesos = exactitud, modelo.get_weights()
        reloj.avanza(extra=f"· exactitud en validation {exactitud:.3f}")
    modelo.set_weights(mejores_pesos)
    carpeta = MODELOS / CARPETA["sentimiento"]
    guardar_fp16(modelo, tok, carpeta)
    return carpeta


ENTRENAR = {"gpt2": entrenar_gpt2, "bert": entrenar_bert, "frases": entrenar_frases,
            "sentimiento": entrenar_sentimiento}


def bert_de_partida() -> Path:
    """La carpeta de ``bert-mini-es`` de la que parten ``frases`` y ``sentimiento``."""
    origen = MODELOS / CARPETA["bert"]
    if not (origen / "config.json").exists():
        raise SystemExit(f"No encuentro {origen}: los pasos frases y sentimiento parten de "
                         "bert-mini-es. Entrena antes el paso bert en esa misma carpeta "
                         "(--carpeta-modelos) o quita --carpeta-modelos para usar modelos/.")
    return origen


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("pasos", nargs="*", choices=[*PASOS, []], default=[])
    p.add_argument("--semilla", type=int, default=42)
    p.add_argument("--rapido", action="store_true", help="pocos pasos (prueba de humo)")
    p.add_argument("--sin-evaluar", action="store_true")
    p.add_argument("--carpeta-modelos", default="",
                   help="dónde guardar y de dónde leer bert-mini-es para frases y "
                        "sentimiento (por defecto modelos/, o build/modelos_rapido/ con "
                        "--rapido)")
    p.add_argument("--hilos", type=int, default=0,
                   help="hilos de TensorFlow (0: todos los núcleos)")
    p.add_argument("--epocas-gpt", type=int, default=12)
    p.add_argument("--lote-gpt", type=int, default=4)
    p.add_argument("--lr-gpt", type=float, default=1.5e-3)
    p.add_argument("--pasos-bert", type=int, default=10000)
    p.add_argument("--lote-bert", type=int, default=8)
    p.add_argument("--mascara", type=float, default=0.4,
                   help="proporción de tokens elegidos para el MLM (de ellos, 80/10/10)")
    p.add_argument("--lr-bert", type=float, default=1e-3)
    p.add_argument("--semilla-bert", type=int, default=0,
                   help="semilla del BERT (la del modelo publicado; la general es --semilla)")
    p.add_argument("--epocas-frases", type=int, default=3)
    p.add_argument("--lr-frases", type=float, default=3e-4)
    p.add_argument("--epocas-sentimiento", type=int, default=6)
    p.add_argument("--lr-sentimiento", type=float, default=1e-4)
    args = p.parse_args(argv)
    if args.rapido and not args.carpeta_modelos:
        args.carpeta_modelos = "build/modelos_rapido"  # la prueba de humo no pisa modelos/
    if args.carpeta_modelos:
        global MODELOS
        MODELOS = Path(args.carpeta_modelos).resolve()
    pasos = args.pasos or list(PASOS)
    for paso in pasos:
        inicio = time.time()
        carpeta = ENTRENAR[paso](args)
        minutos = (time.time() - inicio) / 60
        print(f"[{paso}] guardado en {carpeta} en {minutos:.1f} min", flush=True)
        if not args.sin_evaluar:
            metricas = evaluar_modelos.EVALUAR[paso](carpeta)
            evaluar_modelos.escribir_ficha(paso, carpeta, metricas, minutos, vars(args))
            print(json.dumps(metricas, ensure_ascii=False, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
