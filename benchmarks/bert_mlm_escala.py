"""Cuánto acierta el MLM de ``bert-mini-es`` según los pasos, el texto y el enmascarado.

La ficha de ``curso-nlp/bert-mini-es`` pide que la palabra tapada esté entre las cinco
primeras en el 50 % de 100 frases reservadas, y el modelo publicado llega al 26 %. Este
script repite el entrenamiento de ``scripts/entrenar_modelos.py bert`` (el mismo
tokenizador, la misma arquitectura, la inicialización de ``cabezas_locales`` y el mismo
bucle) con variantes, y mide el acierto por el camino con las frases de
``scripts/evaluar_modelos.py``: las 100 de la ficha, 300 reservadas (menos ruido) y 100 de
entrenamiento (cuánto es memoria). No guarda ni cambia ningún modelo publicado.

Uso (varias decenas de minutos por ejecución; no va en las pruebas)::

    .venv/bin/python benchmarks/bert_mlm_escala.py --pasos 8000 --palabra-entera \\
        --dropout 0 --corpus-mayor --hilos 1

Medido el 2026-12-01 en 2 núcleos (AMD EPYC), dos ejecuciones a la vez con un hilo cada
una (unos 0,5 s por paso), con ``--palabra-entera --dropout 0 --corpus-mayor --hilos 1``;
acierto top-5 en las 100 frases de la ficha / en 300 reservadas / en 100 de entrenamiento:

=======  ==========================  ===========  ==========  =============  ========
pasos    punto del programa de lr    100 frases   300 frases  entrenamiento  pérdida
=======  ==========================  ===========  ==========  =============  ========
2000     a 1/4 de 8000                12 %         14 %        10 %           4,99
4000     a mitad de 8000              17 %         18 %        16 %           4,60
4000     final (``--pasos 4000``)     13 %         18 %        13 %           4,54
6000     a 3/4 de 8000                23 %         26 %        27 %           4,37
8000     final (``--pasos 8000``)     22 %         25 %        31 %           4,23
=======  ==========================  ===========  ==========  =============  ========

El publicado (10 000 pasos, enmascarado por tokens, dropout 0,1, corpus normal; 61 min con
un hilo) da 26 % en las 100 frases, 26,3 % en las 300 y 47 % en las de entrenamiento. Las
pérdidas no son comparables con la suya: tapando palabras enteras, la pérdida es la de
palabras completas, más difíciles que trozos de palabra.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("USE_TORCH", "0")
RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))
sys.path.insert(0, str(RAIZ))

import entrenar_modelos as entrenar  # noqa: E402
import evaluar_modelos as evaluar  # noqa: E402
import numpy as np  # noqa: E402

from course_utils.data import course_corpus  # noqa: E402


def argumentos(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--pasos", type=int, default=8000, help="pasos de 8 secuencias de 128 tokens")
    p.add_argument("--palabra-entera", action="store_true",
                   help="tapa palabras enteras (DataCollatorForWholeWordMask) en lugar de tokens")
    p.add_argument("--dropout", type=float, default=0.1, help="dropout de BERT (0,1 el publicado)")
    p.add_argument("--corpus-mayor", action="store_true",
                   help="entrena con course_corpus('train', larger=True), como el GPT-2")
    p.add_argument("--hilos", type=int, default=2)
    p.add_argument("--cada", type=int, default=2000, help="mide el acierto cada tantos pasos")
    return p.parse_args(argv)


def modelo_y_datos(args: argparse.Namespace):
    """El BERT de ``entrenar_modelos.py`` con el dropout pedido, su tokenizador y el flujo de ids."""
    from transformers import BertConfig, TFBertForMaskedLM

    # El tokenizador sale siempre del corpus normal, como el publicado: así las frases de
    # prueba (palabras que el vocabulario tiene enteras) son las mismas en todas las variantes.
    tok = entrenar.tokenizador_bert(course_corpus("train"))
    parrafos = course_corpus("train", larger=args.corpus_mayor)
    ids = tok(parrafos, add_special_tokens=False)["input_ids"]
    flujo = np.fromiter((t for fila in ids for t in (*fila, tok.sep_token_id)), dtype=np.int32)
    config = BertConfig(vocab_size=len(tok), hidden_size=entrenar.DIM,
                        num_hidden_layers=entrenar.CAPAS, num_attention_heads=entrenar.CABEZAS,
                        intermediate_size=entrenar.INTERMEDIA,
                        max_position_embeddings=entrenar.BLOQUE_BERT,
                        pad_token_id=tok.pad_token_id, hidden_dropout_prob=args.dropout,
                        attention_probs_dropout_prob=args.dropout)
    modelo = TFBertForMaskedLM(config)
    modelo(modelo.dummy_inputs)
    entrenar.cabezas_locales(modelo)
    return modelo, tok, flujo


def main(argv: list[str] | None = None) -> int:
    args = argumentos(argv)
    entrenar.semilla(0, args.hilos)
    from transformers import DataCollatorForLanguageModeling, DataCollatorForWholeWordMask

    modelo, tok, flujo = modelo_y_datos(args)
    colador = (DataCollatorForWholeWordMask if args.palabra_entera
               else DataCollatorForLanguageModeling)(tok, mlm_probability=0.4, return_tensors="np")
    np.random.seed(0)  # los coladores sortean con np.random
    opt = entrenar.optimizador(1e-3, args.pasos, calentamiento=0.05)
    rng = np.random.default_rng(0)
    pruebas = {"top5_100": evaluar.frases_mlm(tok), "top5_300": evaluar.frases_mlm(tok, n=300),
               "top5_entrenamiento": evaluar.frases_mlm(tok, parte="train")}
    print(f"{len(flujo):,} tokens de entrenamiento, {args.pasos} pasos", flush=True)

    paso = entrenar.paso_mlm(modelo, opt)
    inicio, perdidas = time.time(), []
    lotes = entrenar.lotes_mlm(tok, flujo, colador, 8, rng)
    for i, (x, y) in zip(range(args.pasos), lotes, strict=False):
        perdidas.append(float(paso(x, y)))
        if (i + 1) % args.cada == 0 or i + 1 == args.pasos:
            fila = {"paso": i + 1, "minutos": round((time.time() - inicio) / 60, 1),
                    "perdida": round(float(np.mean(perdidas[-500:])), 3)}
            fila |= {k: round(evaluar.acierto_mlm(modelo, tok, v)[1], 3) for k, v in pruebas.items()}
            print(json.dumps(fila), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
