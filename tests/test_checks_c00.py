"""Pruebas de las comprobaciones del cuaderno 00 (course_utils/checks/c00.py).

Rápidas: sin TensorFlow ni modelos; el tokenizador es un WordPiece diminuto.
"""

import numpy as np
import pytest

from course_utils.checks import c00

# --- Ejercicio 1: clases de cada tarea ---------------------------------------

BUENAS = {
    "sentimiento": "TFAutoModelForSequenceClassification",
    "entidades": "TFAutoModelForTokenClassification",
    "respuesta_extractiva": "TFAutoModelForQuestionAnswering",
    "rellenar_hueco": "TFAutoModelForMaskedLM",
    "continuar_texto": "TFAutoModelForCausalLM",
    "resumir": "TFAutoModelForSeq2SeqLM",
}


def test_clases_correctas_con_nombres():
    assert c00.check_clases_tarea(BUENAS).ok


def test_clases_correctas_con_clases_concretas():
    clases = {k: type(v, (), {}) for k, v in BUENAS.items()}
    clases["continuar_texto"] = type("TFGPT2LMHeadModel", (), {})
    clases["resumir"] = type("TFT5ForConditionalGeneration", (), {})
    clases["sentimiento"] = type("TFBertForSequenceClassification", (), {})
    assert c00.check_clases_tarea(clases).ok


def test_clases_none():
    r = c00.check_clases_tarea(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


@pytest.mark.parametrize(
    ("tarea", "clase", "fragmento"),
    [
        ("sentimiento", "TFAutoModelForTokenClassification", "no predice"),
        ("resumir", "TFAutoModelForCausalLM", "no predice"),
        ("entidades", "AutoModelForTokenClassification", "PyTorch"),
        ("rellenar_hueco", "TFAutoModel", "sin cabeza"),
        ("respuesta_extractiva", "TFBertModel", "sin cabeza"),
    ],
)
def test_clases_incorrectas(tarea, clase, fragmento):
    r = c00.check_clases_tarea({**BUENAS, tarea: clase})
    assert not r.ok
    assert fragmento in r.message and tarea in r.message
    assert "Pista" in r.message


def test_clases_faltan_o_tipo_malo():
    faltan = dict(BUENAS)
    faltan.pop("resumir")
    r = c00.check_clases_tarea(faltan)
    assert not r.ok and "resumir" in r.message
    assert not c00.check_clases_tarea(["TFAutoModel"]).ok


# --- Ejercicio 2: máscara y tokens reales -----------------------------------

@pytest.fixture(scope="module")
def tokenizador(tmp_path_factory):
    from transformers import BertTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "el", "gato", "duerme", "mucho",
             "perro", "no", "##s", "."]
    ruta = tmp_path_factory.mktemp("vocab") / "vocab.txt"
    ruta.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    return BertTokenizerFast(vocab_file=str(ruta))


FRASES = ["el gato duerme mucho .", "el perro no", "gatos"]


def _verdad(tokenizador):
    enc = tokenizador(FRASES, padding=True)
    mascara = np.array(enc["attention_mask"])
    return mascara, mascara.sum(axis=1)


def test_mascara_correcta(tokenizador):
    mascara, n = _verdad(tokenizador)
    r = c00.check_tokens_mascara(mascara, list(n), tokenizador, FRASES)
    assert r.ok, r.message


def test_mascara_none(tokenizador):
    mascara, _ = _verdad(tokenizador)
    r = c00.check_tokens_mascara(mascara, None, tokenizador, FRASES)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_sin_tokens_especiales(tokenizador):
    mascara, n = _verdad(tokenizador)
    r = c00.check_tokens_mascara(mascara, n - 2, tokenizador, FRASES)
    assert not r.ok and "[CLS]" in r.message


def test_cuenta_el_relleno(tokenizador):
    mascara, _ = _verdad(tokenizador)
    n = np.full(len(FRASES), mascara.shape[1])
    r = c00.check_tokens_mascara(mascara, n, tokenizador, FRASES)
    assert not r.ok and "relleno" in r.message


def test_relleno_de_mas(tokenizador):
    mascara, n = _verdad(tokenizador)
    larga = np.pad(mascara, ((0, 0), (0, 4)))
    r = c00.check_tokens_mascara(larga, n, tokenizador, FRASES)
    assert not r.ok and "padding=True" in r.message


def test_mascara_inventada(tokenizador):
    mascara, n = _verdad(tokenizador)
    r = c00.check_tokens_mascara(np.ones_like(mascara), n, tokenizador, FRASES)
    assert not r.ok and "no coinciden" in r.message


# --- Ejercicio 3: probabilidades ---------------------------------------------

LOGITS = np.array([[2.0, -1.0, 0.5], [-0.3, 0.1, 1.2], [0.0, 0.0, -2.0], [3.0, 2.9, -1.0]])


def _softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def test_probabilidades_correctas():
    r = c00.check_probabilidades(_softmax(LOGITS), LOGITS.argmax(axis=1), LOGITS)
    assert r.ok, r.message


def test_probabilidades_none():
    r = c00.check_probabilidades(None, None, LOGITS)
    assert not r.ok and "Aún no hay respuesta" in r.message


@pytest.mark.parametrize(
    ("probs", "fragmento"),
    [
        (_softmax(LOGITS, axis=0), "columnas"),
        (1 / (1 + np.exp(-LOGITS)), "sigmoide"),
        (LOGITS / LOGITS.sum(axis=1, keepdims=True), "exponencial"),
        (_softmax(LOGITS)[:, :2], "forma"),
        (np.full(LOGITS.shape, 1 / 3), "no coincide"),
    ],
)
def test_probabilidades_incorrectas(probs, fragmento):
    r = c00.check_probabilidades(probs, LOGITS.argmax(axis=1), LOGITS)
    assert not r.ok and fragmento in r.message


def test_prediccion_incorrecta():
    r = c00.check_probabilidades(_softmax(LOGITS), LOGITS.argmin(axis=1), LOGITS)
    assert not r.ok and "máximo" in r.message
    r = c00.check_probabilidades(_softmax(LOGITS), [0, 1], LOGITS)
    assert not r.ok and "forma" in r.message
