"""Sin red, nada espera a que venza un plazo: los fallos son inmediatos."""

import os
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent

CODIGO = """
import socket, time
red = 0.0
t = time.perf_counter()
try:
    socket.create_connection(("huggingface.co", 443), timeout=30)
    raise SystemExit("hubo red")
except OSError:
    pass
from course_utils import models
assert models.hub_reachable(timeout=30) is False
assert models.configure_offline() is True  # lo que hace setup() para decidir
red += time.perf_counter() - t
import course_utils
env = course_utils.setup(verbose=False)
assert env.offline
from transformers import AutoTokenizer, TFAutoModel
t = time.perf_counter()
AutoTokenizer.from_pretrained(course_utils.MINILM_ID)
try:
    course_utils.ensure_model("distilgpt2")
    raise SystemExit("distilgpt2 no debería estar")
except course_utils.ModelNotAvailableError:
    pass
try:
    TFAutoModel.from_pretrained("distilgpt2")
    raise SystemExit("distilgpt2 no debería cargarse")
except OSError:
    pass
red += time.perf_counter() - t
print(red)
"""


def test_sin_red_todo_falla_al_instante(tmp_path):
    env = {**os.environ, "CURSO_SIN_RED": "1", "HF_HUB_CACHE": str(tmp_path),
           "PYTHONPATH": str(RAIZ / "tests" / "sin_red")}
    for clave in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "CURSO_OFFLINE"):
        env.pop(clave, None)
    salida = subprocess.run([sys.executable, "-c", CODIGO], env=env, capture_output=True, text=True,
                            timeout=300)
    assert salida.returncode == 0, salida.stderr[-2000:]
    # Lo que toca la red (detección, carga sin red, error del modelo que falta) no espera plazos:
    # con timeout=30 en la conexión, cualquier espera real se notaría de sobra.
    assert float(salida.stdout.strip().splitlines()[-1]) < 10
