"""Pruebas de course_utils.models: detección rápida de red, caché y errores claros."""

import socket
import time

import pytest

from course_utils import models
from course_utils.models import MINILM_ID, ModelNotAvailableError


@pytest.fixture
def cache_vacia(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setattr(models, "_offline_state", True)
    return tmp_path / "hub"


def test_deteccion_de_red_nunca_se_cuelga(monkeypatch):
    def conexion_colgada(*args, **kwargs):
        time.sleep(5)
        raise OSError("sin respuesta")

    monkeypatch.setattr(socket, "create_connection", conexion_colgada)
    inicio = time.perf_counter()
    assert models.hub_reachable(timeout=0.5) is False
    assert time.perf_counter() - inicio < 1.0


def test_deteccion_de_red_rechazada_es_inmediata(monkeypatch):
    def rechazada(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(socket, "create_connection", rechazada)
    inicio = time.perf_counter()
    assert models.hub_reachable() is False
    assert time.perf_counter() - inicio < 0.5


def test_variable_de_entorno_fuerza_offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setenv("CURSO_OFFLINE", "1")
    monkeypatch.setattr(models, "hub_reachable", lambda *a, **k: pytest.fail("no debe probar la red"))
    assert models.configure_offline() is True


def test_siembra_la_cache_desde_el_paquete(cache_vacia):
    snapshot = models.seed_cache_from_package()
    assert (snapshot / "config.json").exists()
    assert (snapshot / "model.safetensors").exists()
    repo = cache_vacia / "models--sentence-transformers--all-MiniLM-L6-v2"
    assert (repo / "refs" / "main").read_text() == snapshot.name
    # Idempotente, y repara un enlace roto.
    (snapshot / "vocab.txt").unlink()
    (snapshot / "vocab.txt").symlink_to(cache_vacia / "no-existe")
    assert models.seed_cache_from_package() == snapshot
    assert (snapshot / "vocab.txt").exists()
    assert models.cached_snapshot(MINILM_ID) == snapshot


def test_minilm_disponible_sin_red(cache_vacia):
    assert models.ensure_model(MINILM_ID) == MINILM_ID


def test_modelo_del_hub_sin_red_da_error_claro(cache_vacia):
    with pytest.raises(ModelNotAvailableError) as info:
        models.ensure_model("distilgpt2")
    mensaje = str(info.value)
    assert "'distilgpt2'" in mensaje and "no hay conexión" in mensaje
    assert "python -m course_utils.models prefetch distilgpt2" in mensaje
    assert isinstance(info.value, ValueError)
    assert models.model_available("distilgpt2") is False


def test_prefetch_sin_red_informa_de_lo_que_falta(cache_vacia, monkeypatch, capsys):
    monkeypatch.setattr(models, "hub_reachable", lambda *a, **k: False)
    estados = models.prefetch()
    assert estados[MINILM_ID].startswith("listo")
    assert estados["t5-small"].startswith("FALTA")
    assert models.main(["status"]) == 0
    assert "en caché" in capsys.readouterr().out


def test_carga_real_con_id_del_hub_sin_red(minilm):
    modelo, tokenizador = minilm
    assert modelo.config.num_hidden_layers == 6 and modelo.config.hidden_size == 384
    assert tokenizador.is_fast and tokenizador.cls_token == "[CLS]"
