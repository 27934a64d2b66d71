"""Carga de los datos propios del curso (carpeta ``data/``; ver ``data/README.md``).

- Opiniones en español con sentimiento (positivo/negativo/neutral) y particiones
  fijas: cuadernos 01, 02, 06 y 09.
- Corpus de texto en español por párrafos: cuadernos 01, 04 y 07.
- Corpus ampliado (más de 1 MB, varios registros) con una parte reservada y frases con
  el sentido de palabras polisémicas anotado: para los modelos propios del curso.
- Frases y consultas por tema: cuaderno 05 y la evaluación del codificador de frases.

Cada conjunto se puede pedir como ``pandas.DataFrame`` (``load_sentiment``,
``sense_examples``...) o, a la manera de Hugging Face, como objetos de la biblioteca
``datasets`` (``sentiment_dataset``, ``sense_dataset``), que se
tokenizan con ``.map(batched=True)`` y pasan a Keras con ``model.prepare_tf_dataset``
(``sentiment_dataset`` en 06 y ``sense_dataset`` en 07; 08 crea el suyo). Se leen de ``data/``, sin red.

La carpeta se busca junto al paquete (instalación con ``pip install -e .``, o el
repositorio clonado en Colab); la variable ``CURSO_DATOS`` la cambia.
"""

from __future__ import annotations

import os
from pathlib import Path

SENTIMENT_FILE = Path("sentimiento") / "opiniones.csv"
CORPUS_FILE = Path("corpus") / "corpus_es.txt"
EXTENDED_DIR = Path("corpus") / "ampliado"
SECOND_EXTENSION_DIR = Path("corpus") / "ampliado2"
SENSES_DIR = Path("corpus") / "sentidos"
TOPICS_DIR = Path("temas")
QA_DIR = Path("corpus") / "preguntas"
CORPUS_PARTS = ("train", "heldout")
HELDOUT_EVERY = 20  # 1 de cada 20 párrafos (por su huella) queda reservado
SENTIMENT_LABELS = ("negativo", "neutral", "positivo")
SPLITS = ("train", "validation", "test")
SENTIMENT_COLUMNS = ("id", "texto", "etiqueta", "tema", "fenomeno", "particion")


def data_dir() -> Path:
    """Carpeta ``data/`` del curso. Error claro si no se encuentra."""
    override = os.environ.get("CURSO_DATOS")
    candidates = [Path(override)] if override else []
    candidates.append(Path(__file__).resolve().parent.parent / "data")
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise FileNotFoundError(
        "No encuentro la carpeta data/ del curso (busqué en "
        + ", ".join(str(c) for c in candidates)
        + "). Clona el repositorio completo e instálalo con `pip install -e .`, o indica la "
        "carpeta con la variable de entorno CURSO_DATOS."
    )


def load_sentiment(split: str | None = None):
    """Opiniones etiquetadas como ``pandas.DataFrame``.

    Columnas: ``id``, ``texto``, ``etiqueta`` (negativo/neutral/positivo), ``tema``,
    ``fenomeno`` (ninguno/negacion/ironia/contraste) y ``particion``
    (train/validation/test). ``split`` filtra una partición; ``None`` las da todas.
    """
    import pandas as pd

    if split is not None and split not in SPLITS:
        raise ValueError(f"split={split!r} no existe. Usa uno de {SPLITS} o None para todas.")
    frame = pd.read_csv(data_dir() / SENTIMENT_FILE, dtype={"id": int}, keep_default_na=False)
    if split is not None:
        frame = frame[frame["particion"] == split].reset_index(drop=True)
    return frame


def label_ids(labels) -> list[int]:
    """Etiquetas de texto a enteros según ``SENTIMENT_LABELS`` (negativo=0, neutral=1, positivo=2)."""
    lookup = {name: i for i, name in enumerate(SENTIMENT_LABELS)}
    try:
        return [lookup[label] for label in labels]
    except KeyError as exc:
        raise ValueError(f"Etiqueta desconocida {exc.args[0]!r}; las válidas son "
                         f"{SENTIMENT_LABELS}.") from None


def load_corpus() -> str:
    """Texto completo del corpus en español (UTF-8)."""
    return (data_dir() / CORPUS_FILE).read_text(encoding="utf-8")


def corpus_paragraphs() -> list[str]:
    """Los párrafos del corpus, en orden (separados por una línea en blanco)."""
    return _paragraphs(load_corpus())


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def is_heldout(paragraph: str) -> bool:
    """¿Está el párrafo en la parte reservada? Depende solo de su texto (huella SHA-256)."""
    import hashlib

    digest = hashlib.sha256(paragraph.strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % HELDOUT_EVERY == 0


def corpus_files(larger: bool = False) -> list[Path]:
    """Archivos que lee ``course_corpus``, en orden: ``corpus_es.txt``, ``corpus/ampliado/`` y,
    con ``larger=True``, ``corpus/ampliado2/``. También los usa ``scripts/fichas_modelos.py``
    para dar el tamaño del corpus de cada modelo."""
    if not isinstance(larger, bool):
        raise TypeError(f"larger debe ser True o False, no {larger!r}.")
    folder = data_dir()
    folders = [EXTENDED_DIR, SECOND_EXTENSION_DIR] if larger else [EXTENDED_DIR]
    return [folder / CORPUS_FILE, *(f for sub in folders for f in sorted((folder / sub).glob("*.txt")))]


def course_corpus(part: str = "train", larger: bool = False) -> list[str]:
    """Párrafos del corpus completo del curso: ``corpus_es.txt`` más ``corpus/ampliado/``.

    ``part="train"`` da los párrafos para entrenar; ``part="heldout"``, la parte
    reservada (uno de cada 20, elegido por la huella del texto, así que no cambia al
    añadir otros archivos) con la que se miden los modelos del curso sin que la hayan
    visto. Con ``larger=True`` añade ``corpus/ampliado2/`` (unos 2 MB más, separados en
    entrenamiento y reserva de la misma manera); hoy solo entrena con él ``gpt2-mini-es``.
    Lo usan ``scripts/entrenar_modelos.py`` y ``scripts/evaluar_modelos.py`` y el cuaderno 07.
    """
    if part not in CORPUS_PARTS:
        raise ValueError(f"part={part!r} no existe. Usa uno de {CORPUS_PARTS}.")
    texts = [f.read_text(encoding="utf-8") for f in corpus_files(larger)]
    paragraphs = [p for text in texts for p in _paragraphs(text)]
    return [p for p in paragraphs if is_heldout(p) == (part == "heldout")]


def sense_examples():
    """Frases con el sentido anotado de palabras polisémicas (``corpus/sentidos/*.tsv``).

    ``pandas.DataFrame`` con ``palabra`` (banco, planta, cura, estacion, sierra, capital),
    ``sentido`` (dos por palabra), ``frase`` y ``fuente`` (el archivo). Ninguna de estas
    frases está en el corpus de entrenamiento: sirven para medir si los vectores
    contextuales separan los sentidos.
    """
    import pandas as pd

    files = sorted((data_dir() / SENSES_DIR).glob("*.tsv"))
    frames = [pd.read_csv(f, sep="\t", keep_default_na=False).assign(fuente=f.stem)
              for f in files]
    return pd.concat(frames, ignore_index=True)


def topic_sentences():
    """Frases y consultas por tema (``data/temas/``): ``(frases, consultas)``.

    Dos ``pandas.DataFrame``: ``frases`` con ``tema`` y ``frase`` (60 frases, 10 por
    tema: fútbol, cocina, tiempo, informática, mascotas, salud) y ``consultas`` con
    ``tema`` y ``consulta`` (30, 5 por tema). Sirven para agrupar y buscar con
    embeddings de frases (cuaderno 05, ``scripts/evaluar_modelos.py``); no están en el
    corpus de entrenamiento.
    """
    import pandas as pd

    folder = data_dir() / TOPICS_DIR
    return (pd.read_csv(folder / "frases.csv", keep_default_na=False),
            pd.read_csv(folder / "consultas.csv", keep_default_na=False))


def qa_pairs():
    """Pares pregunta-respuesta escritos para el curso (``corpus/preguntas/*.tsv``).

    ``pandas.DataFrame`` con ``pregunta``, ``respuesta`` (un fragmento de una página de
    ayuda o de una guía que la responde) y ``fuente`` (el archivo). Los usa
    ``scripts/entrenar_modelos.py`` para entrenar ``frases-mini-es`` (la pregunta y su
    respuesta son un par positivo); ningún cuaderno los carga. No están en el corpus ni
    se parecen a las consultas con que se mide la búsqueda (``data/temas``, la FAQ del 09).
    """
    import pandas as pd

    files = sorted((data_dir() / QA_DIR).glob("*.tsv"))
    frames = [pd.read_csv(f, sep="\t", keep_default_na=False, quoting=3).assign(fuente=f.stem)
              for f in files]
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------- con la biblioteca datasets

def _datasets():
    """Importa ``datasets`` sin barras de progreso (nbval compara también stderr)."""
    os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")
    try:
        import datasets
    except ImportError:
        raise ImportError(
            "Falta la biblioteca datasets. Instálala con las versiones del curso: "
            "pip install -r requirements.txt (o ejecuta la primera celda del cuaderno)."
        ) from None
    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    return datasets


def sentiment_dataset():
    """Las opiniones de ``data/sentimiento`` como ``datasets.DatasetDict``.

    Lee el CSV con ``load_dataset("csv", data_files=...)`` y lo parte por la columna
    ``particion`` en ``train``, ``validation`` y ``test`` (las mismas filas que
    :func:`load_sentiment`). Añade ``label``: la etiqueta como entero
    (negativo=0, neutral=1, positivo=2), el nombre de columna que esperan los modelos
    de ``transformers``. La usa el cuaderno 06.
    """
    datasets = _datasets()
    todo = datasets.load_dataset("csv", data_files=str(data_dir() / SENTIMENT_FILE),
                                 split="train", keep_default_na=False)
    todo = todo.map(lambda lote: {"label": label_ids(lote["etiqueta"])}, batched=True)
    todo = todo.cast_column("label", datasets.ClassLabel(names=list(SENTIMENT_LABELS)))
    return datasets.DatasetDict({
        split: todo.filter(lambda lote, s=split: [p == s for p in lote["particion"]],
                           batched=True)
        for split in SPLITS})


def sense_dataset():
    """Las frases con sentido anotado (``corpus/sentidos/*.tsv``) como ``datasets.Dataset``.

    Columnas ``palabra``, ``sentido`` y ``frase`` (1080 filas: 90 por sentido). Lo usa el
    cuaderno 07 para el ajuste con instrucciones.
    """
    datasets = _datasets()
    archivos = [str(f) for f in sorted((data_dir() / SENSES_DIR).glob("*.tsv"))]
    return datasets.load_dataset("csv", data_files=archivos, delimiter="\t", split="train",
                                 keep_default_na=False)
