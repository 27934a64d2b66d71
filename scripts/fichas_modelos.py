"""Fichas (model cards) de los modelos del curso, rellenadas con las cifras medidas.

La usa ``scripts/evaluar_modelos.py`` (``escribir_ficha``) al terminar cada entrenamiento.
"""

from __future__ import annotations

import json
from pathlib import Path

DESCRIPCION = {
    "gpt2": (
        "GPT-2 en miniatura para español",
        "Modelo de lenguaje causal (predice el siguiente token) con la arquitectura de GPT-2 "
        "y un vocabulario BPE a nivel de byte aprendido del corpus del curso. Sirve para ver "
        "en clase estrategias de decodificación (voraz, temperatura, top-k, top-p, haz) sobre "
        "texto hecho de palabras españolas (no siempre con sentido a lo largo de una frase), y "
        "como punto de partida para el ajuste por instrucciones.",
        "TFAutoModelForCausalLM",
    ),
    "bert": (
        "BERT en miniatura para español",
        "Codificador con la arquitectura de BERT y un vocabulario WordPiece que distingue "
        "mayúsculas y conserva las tildes, preentrenado con modelo de lenguaje enmascarado "
        "(40 % de los tokens elegidos, como proponen Wettig et al., 2023; de ellos 80 % [MASK], "
        "10 % un token al azar y 10 % sin cambiar). La primera capa del Transformer (la capa 1 "
        "de la tabla de sentidos) parte con cuatro cabezas que miran a los vecinos (i-1, i+1, "
        "i-2, i+2; `cabezas_locales` en el script): sin esa inicialización, con este "
        "presupuesto la pérdida se quedaba en la de una bolsa de palabras. Sirve para ver "
        "funcionar el MLM y para obtener vectores contextuales en español.",
        "TFAutoModelForMaskedLM",
    ),
    "frases": (
        "Codificador de frases en español",
        "bert-mini-es ajustado con aprendizaje contrastivo: cada par positivo (dos frases del "
        "mismo párrafo, una pregunta y su respuesta, o un recorte o unas palabras clave de una "
        "frase y la frase entera) debe quedar más cerca entre sí que de los demás pares del lote "
        "(pérdida InfoNCE simétrica, temperatura 0,05). El embedding de una "
        "frase es la media de los vectores de sus tokens (con máscara): úsalo con "
        "`course_utils.embeddings.SentenceEncoder` (ejemplo abajo), no con `pooler_output`, "
        "cuya capa no se entrenó.",
        "TFAutoModel",
    ),
    "sentimiento": (
        "Clasificador de sentimiento en español",
        "bert-mini-es, ajustado entero con las opiniones de `data/sentimiento` y una cabeza de "
        "clasificación (negativo, neutral, positivo): partición train para ajustar, validation "
        "para elegir la época. Lotes de 16 opiniones, truncadas a 64 tokens.",
        "TFAutoModelForSequenceClassification",
    ),
}

DATOS = {
    "gpt2": "Parte de entrenamiento del corpus mayor del curso "
            "(`course_corpus(\"train\", larger=True)`: `data/corpus/corpus_es.txt`, "
            "`data/corpus/ampliado/` y `data/corpus/ampliado2/`, sin la parte reservada). Los "
            "otros modelos del curso solo leen los dos primeros; con ellos solos, este modelo "
            "se aprendía el texto de memoria e inventaba más palabras al muestrear.",
    "bert": "Parte de entrenamiento del corpus del curso (`course_corpus(\"train\")`).",
    "frases": "Pares de la parte de entrenamiento del corpus (frases del mismo párrafo, "
              "líneas «Pregunta: … Respuesta: …», recortes y palabras clave de cada frase) y "
              "los 2700 pares pregunta-respuesta de `data/corpus/preguntas` (dos veces por época). "
              "Los archivos 04-08 de esos pares cubren a propósito los ámbitos de los seis temas "
              "con que se mide la búsqueda (sin sus frases ni reescrituras de sus consultas): la "
              "búsqueda mide preguntas nuevas sobre temas que el modelo conoce.",
    "sentimiento": "`data/sentimiento/opiniones.csv`, particiones train (ajuste) y validation "
                   "(elegir la época); test solo para medir.",
}


CON_TILDE = {"estacion": "estación"}  # las claves de data/corpus/sentidos van sin tilde


def _n(x: float, decimales: int = 0) -> str:
    """Número a la española: coma decimal y espacio de miles (14 336; 113,5)."""
    return f"{x:,.{decimales}f}".replace(",", " ").replace(".", ",")


def _pct(x: float, decimales: int = 0) -> str:
    return f"{_n(100 * x, decimales)} %"


def _parametros(carpeta: Path) -> int:
    from safetensors.numpy import load_file

    return int(sum(v.size for v in load_file(carpeta / "model.safetensors").values()))


def _megas(carpeta: Path) -> float:
    return sum(f.stat().st_size for f in carpeta.iterdir() if f.is_file()) / 1e6


def _tabla_metricas(paso: str, m: dict) -> str:
    filas = []
    if paso == "gpt2":
        filas += [
            ("Perplejidad en la parte reservada del corpus",
             f"{_n(m['perplejidad_reservada'], 1)} ({_n(m['tokens_reservados'])} tokens)"),
            ("Palabras de 4+ letras que `wordfreq` conoce en español, en texto muestreado "
             f"(top-p 0,9, 20 comienzos fijos × {m['semillas']} semillas, 40 tokens)",
             f"{_pct(m['palabras_reales'], 1)} de {_n(m['palabras_contadas'])} (con cada "
             f"semilla, de {_pct(m['palabras_reales_min'], 1)} a "
             f"{_pct(m['palabras_reales_max'], 1)}; objetivo: 95 %; el texto reservado del "
             f"corpus: {_pct(_palabras_reales_corpus(), 1)})"),
        ]
    elif paso == "bert":
        filas += [("Palabra tapada entre las 5 primeras (100 frases reservadas)",
                   f"{_pct(m['mlm_top5'])} (objetivo: 50 %)"),
                  ("Palabra tapada en primer lugar", _pct(m["mlm_top1"])),
                  ("Línea base sin red neuronal: bigramas del mismo corpus (palabra de la "
                   "izquierda y de la derecha del hueco), entre las 5 primeras",
                   _pct(m["mlm_top5_bigramas"])),
                  ("Palabra tapada entre las 5 primeras, en 100 frases de entrenamiento "
                   "(cuánto es memoria)", _pct(m["mlm_top5_entrenamiento"]))]
    elif paso == "frases":
        filas += [
            ("ARI de K-Means (6 grupos) en las 60 frases de `data/temas` (10 por tema)",
             f"{_n(m['ari_kmeans'], 2)} (TF-IDF de caracteres: "
             f"{_n(m['ari_kmeans_tfidf_caracteres'], 2)}; objetivo: 0,3)"),
            (f"Búsqueda semántica: primer resultado del tema correcto ({m['consultas']} "
             "consultas)",
             f"{_pct(m['busqueda_top1'])} (TF-IDF de caracteres: "
             f"{_pct(m['busqueda_top1_tfidf_caracteres'])}{_empate(m)})"),
        ]
    else:
        filas += [
            (f"Exactitud en test ({m['frases_test']} opiniones)",
             f"{_n(m['exactitud_test'], 3)} (TF-IDF + regresión logística: "
             f"{_n(m['exactitud_test_tfidf_lr'], 3)}; al azar: 0,333)"),
            ("F1 macro en test", f"{_n(m['f1_macro_test'], 3)} (TF-IDF + regresión logística: "
                                 f"{_n(m['f1_macro_test_tfidf_lr'], 3)})"),
        ]
    tabla = "\n".join(["| medida | valor |", "| --- | --- |"]
                      + [f"| {a} | {b} |" for a, b in filas])
    return tabla + (_tabla_sentidos(m) if paso == "bert" else "")


def _tabla_sentidos(m: dict) -> str:
    """Separación de sentidos capa a capa (la medida de los cuadernos 01 y 05)."""
    por_capa = m["sentidos_por_capa"]
    n = len(next(iter(por_capa.values())))
    minilm = m.get("sentidos_minilm", {})
    cabecera = ["palabra", *(f"capa {c}" for c in range(n - 1)), f"capa {n - 1} (última)",
                "MiniLM (última capa)"]
    filas = []
    for palabra, capas in por_capa.items():
        celdas = [f"{_n(c['margen'], 3)} · {_pct(c['acierto_vecino'])}" for c in capas]
        otro = minilm.get(palabra)
        celdas.append(f"{_n(otro['margen'], 3)} · {_pct(otro['acierto_vecino'])}"
                      if otro else "")
        filas.append([f"«{CON_TILDE.get(palabra, palabra)}»", *celdas])
    return "\n".join([
        "",
        "",
        "**Sentidos de seis palabras polisémicas**, 180 frases por palabra (`data/corpus/sentidos`,"
        " que no está en el entrenamiento). En cada celda: coseno medio entre apariciones del "
        "mismo sentido menos entre sentidos distintos (la medida de los cuadernos 01 y 05) · "
        "proporción de apariciones cuyo vecino más cercano tiene el mismo sentido. La capa 0 "
        "es la de embeddings (aún sin contexto); la última, la que usa el cuaderno por defecto.",
        "",
        "| " + " | ".join(cabecera) + " |",
        "| " + " | ".join("---" for _ in cabecera) + " |",
        *("| " + " | ".join(f) + " |" for f in filas),
    ])


def _aviso(paso: str, m: dict) -> str:
    """Lo que no llega al objetivo se dice en la ficha, con la cifra y el porqué."""
    aviso = None
    if paso == "bert" and m["mlm_top5"] < 0.5:
        aviso = ("Por debajo del objetivo",
                 f"Acierta la palabra tapada entre las cinco primeras el {_pct(m['mlm_top5'])} de "
                 "las veces, frente al 50 % que se pedía; contando bigramas en el mismo corpus "
                 f"se acierta el {_pct(m['mlm_top5_bigramas'])}, así que aprovecha más que las "
                 "dos palabras vecinas del hueco. Con frases que sí leyó al entrenar llega "
                 f"al {_pct(m['mlm_top5_entrenamiento'])}: ni siquiera lo leído lo ha aprendido del "
                 "todo, y en frases nuevas pierde casi la mitad de eso. Es un BERT de 4 capas que ha "
                 "visto unos 10 millones de tokens (unas 35 pasadas por sus 296 000): el MLM aprende mucho más despacio "
                 "que un GPT, porque solo cuenta en las posiciones tapadas y la posición tapada no "
                 "ve su propio token. Lo que se probó para subir la cifra (script y tabla en "
                 "`benchmarks/bert_mlm_escala.py`) no la movió: con 2,7 veces más texto, tapando "
                 "palabras enteras y sin dropout, tras 8000 pasos acierta el 25 % de 300 frases "
                 "reservadas (este modelo, el 26 %); deja de memorizar, pero no generaliza más. "
                 "La cifra sube con los pasos hasta unos 6000 (18 % con 4000) y luego se estanca. "
                 "Para pasar de ahí haría falta un modelo mayor con mucho más texto y cómputo, "
                 "que no caben en una hora de 2 núcleos ni en los 40 MB de `modelos/`."
                 + _aviso_sentidos(m))
    if paso == "frases" and m["busqueda_top1"] < m["busqueda_top1_tfidf_caracteres"]:
        aviso = ("Por debajo de la línea base en búsqueda",
                 f"Agrupa por tema mejor que TF-IDF de caracteres (ARI {_n(m['ari_kmeans'], 2)} "
                 f"frente a {_n(m['ari_kmeans_tfidf_caracteres'], 2)}), pero en la búsqueda el "
                 f"primer resultado es del tema de la consulta el {_pct(m['busqueda_top1'])} de las "
                 f"veces, frente al {_pct(m['busqueda_top1_tfidf_caracteres'])} de TF-IDF: las "
                 "consultas son preguntas cortas que comparten palabras con la frase buscada, y "
                 "TF-IDF de caracteres compara justo eso, trozo a trozo. Los pares de recortes, "
                 "palabras clave y preguntas-respuesta lo acercan, pero un modelo de 4 capas que "
                 f"leyó {_n(_megas_corpus(), 1)} MB no empareja palabras tan bien como una coincidencia literal. En la "
                 "práctica se combinan los dos (búsqueda híbrida, cuaderno 09).")
    if paso == "sentimiento" and m["exactitud_test"] < m["exactitud_test_tfidf_lr"]:
        aviso = ("Por debajo de la línea base",
                 f"{_n(m['exactitud_test'], 3)} de exactitud frente a "
                 f"{_n(m['exactitud_test_tfidf_lr'], 3)} de TF-IDF + regresión logística: el "
                 "codificador de partida (bert-mini-es) es pequeño y vio poco texto, y 981 "
                 "opiniones cortas con ironía y negaciones no bastan para compensarlo.")
    return f"\n**{aviso[0]}.** {aviso[1]}\n" if aviso else ""


def _aviso_sentidos(m: dict) -> str:
    """Dónde separa mejor los sentidos de «banco» (capa a capa) frente a MiniLM."""
    por_capa = m["sentidos_por_capa"]
    capas = por_capa["banco"]
    mejor = max(range(len(capas)), key=lambda c: capas[c]["acierto_vecino"])
    intermedias = [f"«{CON_TILDE.get(p, p)}»" for p, cs in por_capa.items()
                   if max(c["acierto_vecino"] for c in cs[:-1]) > cs[-1]["acierto_vecino"] + 0.02]
    resto = [f"«{CON_TILDE.get(p, p)}»" for p in por_capa
             if f"«{CON_TILDE.get(p, p)}»" not in intermedias]
    texto = (f" Los sentidos de «banco» los separa mejor en la capa {mejor} "
             f"({_pct(capas[mejor]['acierto_vecino'])} de vecinos del mismo sentido) que en la "
             f"última ({_pct(capas[-1]['acierto_vecino'])}). Una capa intermedia gana a la "
             f"última en más de 2 puntos con {_lista(intermedias)}; con {_lista(resto)}, la "
             "última separa igual o mejor. En los BERT grandes también suelen ser mejores las "
             "capas intermedias, porque la última se especializa en adivinar el token tapado.")
    minilm = m.get("sentidos_minilm", {}).get("banco")
    if minilm:
        texto += (f" Los márgenes son pequeños ({_n(capas[mejor]['margen'], 3)} en esa capa), "
                  f"aunque mayores que los de MiniLM con «banco» ({_n(minilm['margen'], 3)}).")
    return texto


def _lista(palabras: list[str]) -> str:
    """«a», «b» y «c»."""
    return " y ".join([", ".join(palabras[:-1]), palabras[-1]] if len(palabras) > 1 else palabras)


def _empate(m: dict) -> str:
    """Si la búsqueda y TF-IDF difieren en una consulta o menos, lo dice (es un empate)."""
    diferencia = round(abs(m["busqueda_top1"] - m["busqueda_top1_tfidf_caracteres"])
                       * m["consultas"])
    if diferencia > 1:
        return ""
    return "; un empate: " + ("la misma cifra" if diferencia == 0 else "una consulta de diferencia")


def _megas_corpus(paso: str = "bert") -> float:
    """MB del texto corrido con que se entrenó el paso (los de ``CORPUS_MAYOR``, el corpus mayor)."""
    from entrenar_modelos import CORPUS_MAYOR

    from course_utils.data import corpus_files

    return sum(f.stat().st_size for f in corpus_files(larger=paso in CORPUS_MAYOR)) / 1e6


def _palabras_reales_corpus() -> float:
    """La medida del GPT-2 (``palabras_reales``) aplicada al texto reservado del corpus."""
    from evaluar_modelos import palabras_reales

    from course_utils.data import course_corpus

    return palabras_reales(course_corpus("heldout"))[0]


LIMITES = {
    "sentimiento": (
        "- Tres clases y 981 opiniones de entrenamiento: al azar se acierta un tercio; la "
        "ironía y los contrastes («bonito, pero…») son lo que más falla.\n"
        "- Vio opiniones breves (de 4 a 24 palabras): con textos largos o que mezclan temas "
        "acierta menos, y pasados 64 tokens el texto se corta.\n"
        "- Sesgos: los de las opiniones escritas para el curso (productos, cine, restaurantes, "
        "servicios, viajes y tecnología; un registro sencillo)."),
}
LIMITES_LM = (
    "- Vocabulario y temas del corpus del curso: fuera de ellos (tecnicismos, nombres propios\n"
    "  poco frecuentes, otros registros) se equivoca mucho más.\n"
    "- No sabe hechos del mundo: lo que «sabe» es cómo se escribe el corpus.\n"
    "- Sesgos: los del corpus escrito para el curso (pueblos, ciudades y oficios de España y\n"
    "  Latinoamérica; un registro sencillo).")

USO = {
    "frases": """
from course_utils.embeddings import SentenceEncoder
codificador = SentenceEncoder(modelo, tokenizador)
vectores = codificador.encode(["Abre el banco a las nueve", "¿A qué hora abre la sucursal?"],
                              pooling="mean")          # (2, 256); no uses pooler_output""",
}


def ficha(paso: str, carpeta: Path, registro: dict) -> str:
    titulo, descripcion, clase = DESCRIPCION[paso]
    config = json.loads((carpeta / "config.json").read_text())
    model_id = f"curso-nlp/{carpeta.name}"
    m = registro["metricas"]
    if paso == "gpt2":
        arquitectura = (f"{config['n_layer']} capas, {config['n_head']} cabezas, dimensión "
                        f"{config['n_embd']}, contexto de {config['n_positions']} tokens")
    else:
        arquitectura = (f"{config['num_hidden_layers']} capas, {config['num_attention_heads']} "
                        f"cabezas, dimensión {config['hidden_size']}, capa intermedia "
                        f"{config['intermediate_size']}, hasta "
                        f"{config['max_position_embeddings']} tokens")
    ejemplos = ""
    if m.get("ejemplos"):
        ejemplos = ("\n## Ejemplos (muestreo top-p 0,9; cambian con la semilla y la CPU)\n\n"
                    + "\n".join(f"- {e}" for e in m["ejemplos"]) + "\n")
    if m.get("ejemplos_mlm"):
        ejemplos = ("\n## Ejemplos de la prueba de MLM\n\n"
                    + "\n".join(f"- {e}" for e in m["ejemplos_mlm"]) + "\n")
    sufijo = paso.replace("gpt2", "gpt")
    argumentos = ", ".join(f"`{k}={v}`" for k, v in registro["argumentos"].items()
                           if k.endswith(sufijo) or k in ("semilla", "hilos")
                           or (paso == "bert" and k == "mascara"))
    n_hilos = registro["argumentos"].get("hilos", 0)
    hilos = f" --hilos {n_hilos}" if n_hilos else ""
    return f"""# {model_id} · {titulo}

{descripcion}

Modelo **pequeño y didáctico**: entrenado en una hora o menos en 2 núcleos con un corpus
de {_n(_megas_corpus(paso), 1)} MB, no se compara con modelos como BETO (110 M de parámetros) o
GPT-2 small (124 M), entrenados con gigabytes de texto. Está para que en clase se vean funcionar las ideas en español y sin red.

## Cómo se carga

```python
from course_utils import setup
setup()                      # crea el enlace curso-nlp/ → modelos/ en la carpeta actual
from transformers import AutoTokenizer, {clase}
tokenizador = AutoTokenizer.from_pretrained("{model_id}")
modelo = {clase}.from_pretrained("{model_id}"){USO.get(paso, "")}
```

## Arquitectura

- {config['architectures'][0]}: {arquitectura}.
- Vocabulario: {config['vocab_size']} tokens.
- Parámetros: {_n(_parametros(carpeta))}. Pesos guardados en float16 ({_n(_megas(carpeta), 1)} MB
  la carpeta entera); TensorFlow los carga en float32.

## Datos de entrenamiento

{DATOS[paso]} Licencia de los datos: CC BY-SA 4.0 (ver `data/README.md`).

## Entrenamiento

- {_n(registro['minutos_entrenamiento'], 1)} minutos en una CPU de 2 núcleos (AMD EPYC; máquina
  compartida, con otros trabajos a ratos en paralelo; fecha {registro['fecha']}).
- Argumentos: {argumentos}.
- Reconstruirlo: `python scripts/entrenar_modelos.py {paso}{hilos}` (determinista con la
  semilla y el número de hilos; en otra CPU las últimas cifras pueden variar).

## Métricas

Medidas con `python scripts/evaluar_modelos.py {paso}` sobre datos que el modelo no vio
(la prueba `tests/test_modelos_curso.py` comprueba, con tolerancia, que se reproducen las cifras del modelo).

{_tabla_metricas(paso, m)}
{_aviso(paso, m)}{ejemplos}
## Límites

{LIMITES.get(paso, LIMITES_LM)}

## Licencia

Pesos y ficha: CC BY-SA 4.0, como el corpus del que salen. Código: MIT.

<!-- Ficha generada por scripts/fichas_modelos.py con las cifras de metricas.json: no la
edites a mano; cambia el script y ejecuta `python scripts/evaluar_modelos.py --fichas`. -->
"""


def indice(modelos: Path) -> str:
    """``modelos/README.md``: qué hay, cuánto ocupa y sus cifras principales."""
    filas, pendientes = [], []
    for paso, carpeta in (("gpt2", "gpt2-mini-es"), ("bert", "bert-mini-es"),
                          ("frases", "frases-mini-es"), ("sentimiento", "bert-mini-es-sentimiento")):
        ruta = modelos / carpeta
        if not (ruta / "metricas.json").exists():
            pendientes.append(carpeta)
            continue
        m = json.loads((ruta / "metricas.json").read_text())["metricas"]
        cifra = {
            "gpt2": lambda m: f"perplejidad {_n(m['perplejidad_reservada'])}; "
                              f"{_pct(m['palabras_reales'])} palabras reales",
            "bert": lambda m: f"palabra tapada en el top-5: {_pct(m['mlm_top5'])}",
            "frases": lambda m: f"ARI {_n(m['ari_kmeans'], 2)}; búsqueda "
                                f"{_pct(m['busqueda_top1'])} (TF-IDF: "
                                f"{_pct(m['busqueda_top1_tfidf_caracteres'])})",
            "sentimiento": lambda m: f"exactitud {_n(m['exactitud_test'], 2)} "
                                     f"(TF-IDF: {_n(m['exactitud_test_tfidf_lr'], 2)})",
        }[paso](m)
        filas.append(f"| [`curso-nlp/{carpeta}`]({carpeta}/README.md) | {DESCRIPCION[paso][0]} | "
                     f"{_n(_megas(ruta), 1)} MB | {cifra} |")
    return "\n".join([
        "# Modelos propios del curso",
        "",
        "Checkpoints pequeños en español que el curso entrena una vez con sus propios datos y",
        "guarda aquí. Se cargan por su id, sin red, como cualquier modelo del hub, después de",
        "`course_utils.setup()` (que crea en la carpeta de trabajo el enlace `curso-nlp` a",
        "esta carpeta). Cada uno tiene su ficha con la arquitectura, los datos, el tiempo de",
        "entrenamiento y las métricas.",
        "",
        "| id | qué es | tamaño | cifras (datos no vistos) |",
        "| --- | --- | --- | --- |",
        *filas,
        "",
        *(["**En preparación:** " + ", ".join(f"`curso-nlp/{c}`" for c in pendientes)
            + ". `scripts/entrenar_modelos.py` ya los construye, pero no se publican hasta "
            "que cumplan sus objetivos. El BERT se queda, con el presupuesto probado (unos "
            "3500 pasos de 8 secuencias de 128 tokens, 35-45 min en un hilo), en la meseta "
            "inicial del MLM: pérdida de 6,2 nats, la de predecir la frecuencia de cada token "
            "sin mirar el contexto, y 0 % de palabras tapadas en el top-5. Necesita un "
            "entrenamiento bastante más largo.", ""] if pendientes else []),
        "Reconstruirlos: `python scripts/entrenar_modelos.py PASO --hilos N`, con el paso "
        "(`gpt2`, `bert`, `frases` o `sentimiento`) y los hilos que dice su ficha (los "
        "resultados dependen de la semilla y del número de hilos). Medirlos: `python "
        "scripts/evaluar_modelos.py [--comprobar]`; rehacer las fichas sin medir: `python "
        "scripts/evaluar_modelos.py --fichas`. Licencia: CC BY-SA 4.0.",
        "",
    ])
