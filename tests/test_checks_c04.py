"""Pruebas de las comprobaciones del cuaderno 04 (course_utils/checks/c04.py).

Rápidas: sin TensorFlow ni modelos. El tokenizador es un WordPiece diminuto construido
en memoria con la biblioteca ``tokenizers`` (letras sueltas y unas pocas palabras).
"""

from collections import Counter

import numpy as np
import pytest

from course_utils.checks import c04

# --- Un tokenizador rápido de juguete ---------------------------------------------------


@pytest.fixture(scope="module")
def tokenizador():
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    especiales = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    letras = sorted(set("abcdefghijklmnñopqrstuvwxyzáéíóúü¿?¡!.,"))
    palabras = ["los", "el", "la", "del", "una", "al", "de", "junto", "río", "se", "lo", "antes",
                "quién", "nadie", "pueblo", "vecinos"]
    vocab = especiales + palabras + letras + ["##" + c for c in letras] + ["##mente", "##ción"]
    vocab = list(dict.fromkeys(vocab))
    modelo = models.WordPiece({p: i for i, p in enumerate(vocab)}, unk_token="[UNK]")
    tok = Tokenizer(modelo)
    tok.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]")


# --- Ejercicio 1: fertilidad con word_ids() ---------------------------------------------


def fertilidad_bien(tokenizer, texto):
    ids = [w for w in tokenizer(texto).word_ids() if w is not None]
    cuenta = Counter(ids)
    return len(ids) / len(cuenta), sum(n > 1 for n in cuenta.values()) / len(cuenta)


def test_fertilidad_correcta(tokenizador):
    r = c04.check_fertilidad(fertilidad_bien, tokenizador)
    assert r.ok, r.message


def test_fertilidad_textos_partidos(tokenizador):
    # el tokenizador de juguete parte de verdad las palabras de los textos de prueba
    for texto in c04.TEXTOS_FERTILIDAD:
        fert, partidas = fertilidad_bien(tokenizador, texto)
        assert fert > 1.5 and 0 < partidas < 1


def test_fertilidad_none(tokenizador):
    r = c04.check_fertilidad(None, tokenizador)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_fertilidad_hueco_del_alumno(tokenizador):
    # la versión del estudiante deja la firma y `return None`
    r = c04.check_fertilidad(lambda tokenizer, texto: None, tokenizador)
    assert not r.ok and "Aún no hay respuesta" in r.message and "None" in r.message


def con_especiales(tokenizer, texto):
    cod = tokenizer(texto)
    n_palabras = len({w for w in cod.word_ids() if w is not None})
    return len(cod["input_ids"]) / n_palabras, fertilidad_bien(tokenizer, texto)[1]


def en_porcentaje(tokenizer, texto):
    fert, partidas = fertilidad_bien(tokenizer, texto)
    return fert, 100 * partidas


def invertida(tokenizer, texto):
    fert, partidas = fertilidad_bien(tokenizer, texto)
    return 1 / fert, partidas


def con_split(tokenizer, texto):
    n_tokens = len(tokenizer(texto, add_special_tokens=False)["input_ids"])
    return n_tokens / len(texto.split()), 0.5


@pytest.mark.parametrize(
    ("funcion", "fragmento"),
    [
        (con_especiales, "especiales"),
        (en_porcentaje, "porcentaje"),
        (invertida, "tokens / palabras"),
        (con_split, "no es la esperada"),
        (lambda tokenizer, texto: fertilidad_bien(tokenizer, texto)[0], "dos números"),
        (lambda tokenizer, texto: ("uno", "dos"), "no son dos números"),
    ],
)
def test_fertilidad_incorrecta(tokenizador, funcion, fragmento):
    r = c04.check_fertilidad(funcion, tokenizador)
    assert not r.ok and fragmento in r.message and "Pista" in r.message


def test_fertilidad_no_funcion_y_error(tokenizador):
    assert "función" in c04.check_fertilidad(1.3, tokenizador).message

    def rota(tokenizer, texto):
        raise KeyError("ups")

    r = c04.check_fertilidad(rota, tokenizador)
    assert not r.ok and "KeyError" in r.message


# --- Ejercicio 2: relleno y máscara a mano ----------------------------------------------


def rellenar_bien(secuencias, pad_id):
    largo = max(len(s) for s in secuencias)
    ids = [list(s) + [pad_id] * (largo - len(s)) for s in secuencias]
    mascara = [[1] * len(s) + [0] * (largo - len(s)) for s in secuencias]
    return np.array(ids), np.array(mascara)


def test_relleno_correcto():
    assert c04.check_rellenar_lote(rellenar_bien).ok


def test_relleno_con_listas():
    def con_listas(secuencias, pad_id):
        ids, mascara = rellenar_bien(secuencias, pad_id)
        return ids.tolist(), mascara.astype(bool).tolist()

    assert c04.check_rellenar_lote(con_listas).ok


def test_relleno_none():
    r = c04.check_rellenar_lote(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_relleno_hueco_del_alumno():
    r = c04.check_rellenar_lote(lambda secuencias, pad_id: None)
    assert not r.ok and "Aún no hay respuesta" in r.message and "None" in r.message


def mascara_por_ids(secuencias, pad_id):
    ids, _ = rellenar_bien(secuencias, pad_id)
    return ids, (ids != pad_id).astype(int)


def por_la_izquierda(secuencias, pad_id):
    largo = max(len(s) for s in secuencias)
    ids = [[pad_id] * (largo - len(s)) + list(s) for s in secuencias]
    mascara = [[0] * (largo - len(s)) + [1] * len(s) for s in secuencias]
    return np.array(ids), np.array(mascara)


def mascara_invertida(secuencias, pad_id):
    ids, mascara = rellenar_bien(secuencias, pad_id)
    return ids, 1 - mascara


def largo_fijo(secuencias, pad_id):
    ids = [list(s) + [pad_id] * (8 - len(s)) for s in secuencias]
    mascara = [[1] * len(s) + [0] * (8 - len(s)) for s in secuencias]
    return np.array(ids), np.array(mascara)


def relleno_con_cero(secuencias, pad_id):
    return rellenar_bien(secuencias, 0)


@pytest.mark.parametrize(
    ("funcion", "fragmento"),
    [
        (mascara_por_ids, "mismo id que el relleno"),
        (por_la_izquierda, "izquierda"),
        (mascara_invertida, "invertida"),
        (largo_fijo, "forma"),
        (relleno_con_cero, "input_ids no es el esperado"),
        (lambda secuencias, pad_id: rellenar_bien(secuencias, pad_id)[0], "dos matrices"),
    ],
)
def test_relleno_incorrecto(funcion, fragmento):
    r = c04.check_rellenar_lote(funcion)
    assert not r.ok and fragmento in r.message and "Pista" in r.message


def test_relleno_no_funcion_y_error():
    assert "función" in c04.check_rellenar_lote([[1, 2]]).message

    def rota(secuencias, pad_id):
        raise IndexError("ups")

    r = c04.check_rellenar_lote(rota)
    assert not r.ok and "IndexError" in r.message
