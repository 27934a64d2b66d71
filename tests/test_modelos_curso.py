"""Modelos propios del curso (``modelos/``): se cargan por id sin red, sus tokenizadores
conservan el español y las cifras de sus fichas se reproducen (sin reentrenar).

El tokenizador WordPiece se prueba también tal como lo construye el script de entrenamiento."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from course_utils import checkpoints
from course_utils.models import ensure_model, model_available

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))

IDS = list(checkpoints.CHECKPOINTS)
PASO = {"curso-nlp/gpt2-mini-es": "gpt2", "curso-nlp/bert-mini-es": "bert",
        "curso-nlp/frases-mini-es": "frases", "curso-nlp/bert-mini-es-sentimiento": "sentimiento"}
assert set(IDS) <= set(PASO)
FRASE = "¿Mañana irá la niña al pingüino del zoológico? ¡Qué ilusión! Añadió: «sí, a las 9.30»."


@pytest.fixture(scope="module", autouse=True)
def _entorno():
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ["USE_TORCH"] = "0"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture()
def en_carpeta_nueva(tmp_path, monkeypatch):
    """Una carpeta de trabajo vacía, como la de un cuaderno recién abierto."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _metricas(model_id: str) -> dict:
    return json.loads((checkpoints.checkpoint_dir(model_id) / "metricas.json").read_text())


def test_los_modelos_caben_en_40_mb():
    total = sum(f.stat().st_size for f in checkpoints.models_dir().rglob("*") if f.is_file())
    assert total <= 40e6, f"modelos/ ocupa {total / 1e6:.1f} MB"


@pytest.mark.parametrize("model_id", IDS)
def test_cada_modelo_tiene_ficha_con_sus_cifras(model_id):
    carpeta = checkpoints.checkpoint_dir(model_id)
    ficha = (carpeta / "README.md").read_text(encoding="utf-8")
    assert ficha.startswith(f"# {model_id}")
    for seccion in ("## Cómo se carga", "## Arquitectura", "## Datos de entrenamiento",
                    "## Entrenamiento", "## Métricas", "## Límites", "## Licencia"):
        assert seccion in ficha, seccion
    assert f"scripts/entrenar_modelos.py {PASO[model_id]}" in ficha
    assert (carpeta / "model.safetensors").exists() and (carpeta / "tokenizer.json").exists()


@pytest.mark.parametrize("model_id", IDS)
def test_se_carga_por_id_sin_red_desde_una_carpeta_nueva(model_id, en_carpeta_nueva):
    import numpy as np
    from transformers import AutoConfig, AutoTokenizer, TFAutoModel

    assert ensure_model(model_id) == model_id  # crea el enlace curso-nlp/ aquí
    assert (en_carpeta_nueva / "curso-nlp").exists()
    config = AutoConfig.from_pretrained(model_id)
    tok = AutoTokenizer.from_pretrained(model_id)
    modelo = TFAutoModel.from_pretrained(model_id)
    enc = tok(["Hola, ¿qué tal?"], return_tensors="np")
    salida = modelo(**{k: v for k, v in enc.items() if k in tok.model_input_names})
    assert salida.last_hidden_state.shape[-1] == config.hidden_size
    assert np.isfinite(salida.last_hidden_state.numpy()).all()


def test_id_equivocado_da_error_claro_con_los_ids_del_curso(en_carpeta_nueva):
    with pytest.raises(ValueError) as error:
        ensure_model("curso-nlp/gpt3-es")
    mensaje = str(error.value)
    assert "no es un modelo del curso" in mensaje
    for model_id in IDS:
        assert model_id in mensaje
    with pytest.raises(ValueError, match="no es un modelo del curso"):
        model_available("curso-nlp/bert-grande")


def test_link_checkpoints_no_pisa_una_carpeta_existente(tmp_path):
    propia = tmp_path / "curso-nlp"
    propia.mkdir()
    assert checkpoints.link_checkpoints(tmp_path) == propia
    assert not propia.is_symlink()


def test_tokenizador_gpt_devuelve_el_texto_exacto():
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(checkpoints.checkpoint_dir("curso-nlp/gpt2-mini-es"))
    ids = tok(FRASE)["input_ids"]
    assert tok.decode(ids) == FRASE
    assert "token_type_ids" not in tok(FRASE)
    # Palabras frecuentes con tilde, tras un espacio (como van en una frase): un solo token.
    for palabra in (" también", " está", " año"):
        assert len(tok.tokenize(palabra)) == 1, tok.tokenize(palabra)


@pytest.fixture(scope="module")
def tokenizador_bert():
    """El tokenizador WordPiece que construye scripts/entrenar_modelos.py (unos segundos)."""
    import entrenar_modelos

    from course_utils.data import course_corpus

    return entrenar_modelos.tokenizador_bert(course_corpus("train"))


def test_tokenizador_bert_conserva_tildes_y_mayusculas(tokenizador_bert):
    tok = tokenizador_bert
    assert len(tok) == 6000
    tokens = tok.tokenize(FRASE)
    assert tok.unk_token not in tokens
    assert "".join(tok.decode(tok(FRASE)["input_ids"], skip_special_tokens=True).split()) == \
        "".join(FRASE.split())
    assert tok.convert_tokens_to_ids("Madrid") != tok.convert_tokens_to_ids("madrid")
    assert any("ñ" in t for t in tokens) and any("á" in t for t in tokens)
    for palabra in ("también", "está", "año", "España"):  # frecuentes: enteras, con su tilde
        assert tok.tokenize(palabra) == [palabra]


# ---- las cifras de las fichas se reproducen (evaluación completa, sin entrenar)

def _cerca(nuevo: float, ficha: float, abs_: float = 0.03, rel: float = 0.05) -> bool:
    return abs(nuevo - ficha) <= abs_ + rel * abs(ficha)


@pytest.fixture(scope="module")
def evaluar():
    import evaluar_modelos

    return evaluar_modelos


def test_gpt2_cifras_de_la_ficha(evaluar):
    m = evaluar.evaluar_gpt2()
    ficha = _metricas("curso-nlp/gpt2-mini-es")["metricas"]
    assert _cerca(m["perplejidad_reservada"], ficha["perplejidad_reservada"], 0, 0.03)
    # Con 10 semillas (unas 2800 palabras) la cifra conjunta se mueve menos de medio punto
    # aunque otra CPU muestree otros tokens: la tolerancia es de 1,5 puntos.
    assert m["palabras_contadas"] > 2000
    assert _cerca(m["palabras_reales"], ficha["palabras_reales"], 0.015, 0)
    assert m["palabras_reales_min"] <= m["palabras_reales"] <= m["palabras_reales_max"]
    assert ficha["palabras_reales"] >= 0.95


def _publicado(model_id: str) -> None:
    if model_id not in IDS:
        pytest.skip(f"{model_id} aún no está en modelos/")


def test_bert_cifras_de_la_ficha(evaluar):
    _publicado("curso-nlp/bert-mini-es")
    m = evaluar.evaluar_bert()
    ficha = _metricas("curso-nlp/bert-mini-es")["metricas"]
    assert m["mlm_frases"] == ficha["mlm_frases"] == 100
    assert _cerca(m["mlm_top5"], ficha["mlm_top5"])
    assert _cerca(m["mlm_top1"], ficha["mlm_top1"])
    assert _cerca(m["mlm_top5_entrenamiento"], ficha["mlm_top5_entrenamiento"])
    assert m["mlm_top5_bigramas"] == ficha["mlm_top5_bigramas"]  # solo cuenta: exacto
    assert m["mlm_top5"] > m["mlm_top5_bigramas"]
    for palabra, capas in ficha["sentidos_por_capa"].items():
        nuevas = m["sentidos_por_capa"][palabra]
        assert len(nuevas) == len(capas) == 5, palabra  # embeddings + 4 capas
        for capa, (nuevo, s) in enumerate(zip(nuevas, capas, strict=True)):
            assert _cerca(nuevo["margen"], s["margen"], 0.02, 0.05), (palabra, capa)
            assert _cerca(nuevo["acierto_vecino"], s["acierto_vecino"], 0.03, 0), (palabra, capa)


def test_bert_rellena_huecos_faciles():
    """Huecos con una respuesta clara: la cabeza de MLM funciona de verdad (no es azar)."""
    _publicado("curso-nlp/bert-mini-es")
    import numpy as np
    from transformers import AutoTokenizer, TFAutoModelForMaskedLM

    carpeta = checkpoints.checkpoint_dir("curso-nlp/bert-mini-es")
    tok = AutoTokenizer.from_pretrained(carpeta)
    modelo = TFAutoModelForMaskedLM.from_pretrained(carpeta)
    huecos = {"Nos sentamos en un [MASK] de la plaza a esperar el autobús.": "banco",
              "El tren sale de la [MASK] a las nueve y media.": "estación",
              "En agosto hace mucho [MASK] y la gente va a la playa.": "calor",
              "El panadero saca el [MASK] del horno antes de que amanezca.": "pan",
              "Pedí un préstamo al [MASK] para arreglar el tejado.": "banco"}
    enc = tok(list(huecos), padding=True, return_tensors="np")
    logits = modelo(**enc).logits.numpy()
    aciertos = 0
    for i, palabra in enumerate(huecos.values()):
        pos = int(np.flatnonzero(enc["input_ids"][i] == tok.mask_token_id)[0])
        aciertos += palabra in tok.convert_ids_to_tokens(np.argsort(-logits[i, pos])[:5].tolist())
    assert aciertos >= 3, aciertos  # al azar, con 6000 tokens: prácticamente 0


def test_frases_cifras_de_la_ficha(evaluar):
    _publicado("curso-nlp/frases-mini-es")
    m = evaluar.evaluar_frases()
    ficha = _metricas("curso-nlp/frases-mini-es")["metricas"]
    assert _cerca(m["ari_kmeans"], ficha["ari_kmeans"], 0.05, 0.05)
    assert _cerca(m["busqueda_top1"], ficha["busqueda_top1"], 0.034, 0)  # una consulta de 30
    assert m["busqueda_top1_tfidf_caracteres"] == ficha["busqueda_top1_tfidf_caracteres"]


def test_sentimiento_cifras_de_la_ficha(evaluar):
    _publicado("curso-nlp/bert-mini-es-sentimiento")
    m = evaluar.evaluar_sentimiento()
    ficha = _metricas("curso-nlp/bert-mini-es-sentimiento")["metricas"]
    assert _cerca(m["exactitud_test"], ficha["exactitud_test"], 0.02, 0)
    assert m["exactitud_test_tfidf_lr"] == ficha["exactitud_test_tfidf_lr"]


def test_setup_deja_el_enlace_en_la_carpeta_del_cuaderno(en_carpeta_nueva):
    from course_utils import env

    env._link_course_checkpoints()
    enlace = en_carpeta_nueva / "curso-nlp"
    assert enlace.is_symlink() and (enlace / "gpt2-mini-es" / "config.json").exists()
    env._link_course_checkpoints()  # idempotente
    assert enlace.resolve() == checkpoints.models_dir().resolve()


def test_status_lista_los_modelos_del_curso(capsys):
    from course_utils.models import main

    assert main(["status"]) == 0
    salida = capsys.readouterr().out
    for model_id in IDS:
        assert f"{model_id}" in salida and "en el repositorio" in salida
