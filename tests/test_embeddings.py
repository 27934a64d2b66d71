"""Pruebas de course_utils.embeddings con el modelo real all-MiniLM-L6-v2."""

import numpy as np
import pytest

from course_utils.embeddings import SentenceEncoder, nearest_neighbors, pool, word_in_context

FRASES = [
    "Me senté a leer en un banco del parque.",
    "El banco me concedió el préstamo para el piso.",
    "Hoy hace sol.",
    "La película fue larguísima, pero mereció la pena cada minuto.",
]


def test_pool_media_ignora_el_relleno():
    oculto = np.arange(2 * 3 * 2, dtype=float).reshape(2, 3, 2)
    mascara = np.array([[1, 1, 0], [1, 1, 1]])
    media = pool(oculto, mascara, "mean")
    np.testing.assert_allclose(media[0], oculto[0, :2].mean(axis=0))
    np.testing.assert_allclose(media[1], oculto[1].mean(axis=0))
    np.testing.assert_allclose(pool(oculto, mascara, "cls"), oculto[:, 0])


@pytest.fixture(scope="module")
def codificador(minilm):
    return SentenceEncoder(*minilm, batch_size=3)


def test_encode_forma_y_orden(codificador):
    X = codificador.encode(FRASES)
    assert X.shape == (4, 384) and X.dtype == np.float32
    # El orden de salida es el de entrada aunque internamente se ordena por longitud.
    for i, frase in enumerate(FRASES):
        np.testing.assert_allclose(codificador.encode([frase])[0], X[i], atol=1e-5)


def test_encode_igual_que_el_pooling_paso_a_paso(codificador, minilm):
    modelo, tokenizador = minilm
    enc = tokenizador(FRASES, padding=True, return_tensors="tf")
    oculto = modelo(**enc).last_hidden_state
    for metodo in ("mean", "cls"):
        esperado = pool(oculto, enc["attention_mask"], metodo)
        np.testing.assert_allclose(codificador.encode(FRASES, pooling=metodo), esperado, atol=1e-4)


def test_encode_normalizado(codificador):
    X = codificador.encode(FRASES, normalize=True)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-5)


def test_encode_no_retraza_por_lote(codificador):
    codificador.encode(FRASES)
    trazas = codificador._forward.experimental_get_tracing_count()
    codificador.encode(FRASES + ["Otra frase bastante más larga que todas las anteriores juntas."])
    assert codificador._forward.experimental_get_tracing_count() == trazas


def test_vecinos_mas_cercanos():
    corpus = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    indices, sims = nearest_neighbors(np.array([1.0, 0.1]), corpus, k=2)
    assert indices.tolist() == [[0, 2]]
    assert sims[0, 0] == pytest.approx(1 / np.sqrt(1.01), abs=1e-6)


def test_vecinos_sin_contarse_a_si_mismo():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 8))
    X[7] = X[3]  # un duplicado: su vecino más parecido es el otro, no él mismo
    indices, sims = nearest_neighbors(X, X, k=4, exclude_self=True)
    assert indices.shape == sims.shape == (30, 4)
    assert not (indices == np.arange(30)[:, None]).any()
    assert indices[3, 0] == 7 and indices[7, 0] == 3
    assert sims[3, 0] == pytest.approx(1.0)
    # igual que buscar k+1 y quitar la propia consulta
    todos, _ = nearest_neighbors(X, X, k=5)
    for i in range(30):
        esperados = [j for j in todos[i] if j != i][:4]
        if i not in (3, 7):  # en los duplicados el orden del empate puede cambiar
            assert indices[i].tolist() == esperados
    # sin la opción, cada elemento es su propio vecino más parecido
    propios, _ = nearest_neighbors(X, X, k=1)
    assert (propios[:, 0] == np.arange(30)).sum() >= 28  # 3 y 7 empatan


def test_palabra_en_contexto(minilm):
    V = word_in_context(*minilm, FRASES[:2], "banco")
    assert V.shape == (2, 384)
    assert not np.allclose(V[0], V[1])
    capa_media = word_in_context(*minilm, FRASES[:2], "Banco", layer=3)
    assert capa_media.shape == (2, 384)
