"""Pruebas de course_utils.attention_view: la vista de atención sin conexión.

Las pruebas unitarias comprueban las formas admitidas, los errores en español,
los ``id`` deterministas y que el HTML no tenga nada externo. La prueba de
navegador abre la página en Chromium sin ventana (``--headless``), la hace
trabajar con un script de prueba dentro de la propia página (cambia capa y
cabeza, pasa el ratón por un token) y lee el resultado con ``--dump-dom``; luego
guarda una captura PNG. Sin Chromium se salta con el comando para instalarlo.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import numpy as np
import pytest

from course_utils.attention_view import (
    AttentionView,
    attention_array,
    head_view,
    head_view_static,
    model_view,
    model_view_static,
    reset_view_ids,
)

TOKENS = ["[CLS]", "el", "gato", "come", "[SEP]"]


def atenciones(capas=2, cabezas=3, n=5, m=None, lote=1, seed=0):
    """Tupla por capa como ``salida.attentions``: cada una (lote, cabezas, n, m)."""
    rng = np.random.default_rng(seed)
    capas_ = []
    for _ in range(capas):
        w = rng.random((lote, cabezas, n, m or n)) ** 3
        capas_.append(w / w.sum(-1, keepdims=True))
    return tuple(capas_)


# ---------------------------------------------------------------------------
# Formas admitidas
# ---------------------------------------------------------------------------

def test_formas_admitidas():
    att = atenciones()
    pila = np.stack([a[0] for a in att])
    assert attention_array(att).shape == (2, 3, 5, 5)
    assert attention_array([a[0] for a in att]).shape == (2, 3, 5, 5)  # (cabezas, q, k)
    assert attention_array(pila).shape == (2, 3, 5, 5)
    assert attention_array(np.stack(att)).shape == (2, 3, 5, 5)  # 5-D (capas, lote, ...)
    assert attention_array(att[0]).shape == (1, 3, 5, 5)  # como MultiHeadAttention (1, h, q, k)
    assert attention_array(pila[0]).shape == (1, 3, 5, 5)
    assert attention_array(pila[0, 0]).shape == (1, 1, 5, 5)
    np.testing.assert_allclose(attention_array(atenciones(lote=2), example=1)[1],
                               atenciones(lote=2)[1][1])


def test_vista_y_resumen_en_texto():
    vista = head_view(atenciones(), TOKENS, layer=1, head=-1)
    assert isinstance(vista, AttentionView)
    assert vista.shape == (2, 3, 5, 5)
    assert vista.text == "Vista de atención: 2 capas × 3 cabezas, 5 tokens"
    assert repr(vista) == vista.text
    bundle = vista._repr_mimebundle_()
    assert bundle["text/plain"] == vista.text and bundle["text/html"] == vista.html
    assert vista._repr_html_() == vista.html
    assert '"layer":1' in vista.html and '"head":2' in vista.html  # -1 -> la última
    uno = model_view(atenciones(capas=1, cabezas=1), TOKENS)
    assert uno.text == "Vista de atención por capas y cabezas: 1 capa × 1 cabeza, 5 tokens"


def test_pesos_redondeados_y_tamano_razonable():
    vista = head_view(atenciones(capas=1, cabezas=1, n=2), ["a", "b"])
    datos = json.loads(re.search(r"var D = (\{.*?\});", vista.html).group(1))
    esperado = np.rint(attention_array(atenciones(capas=1, cabezas=1, n=2)) * 1000).ravel()
    assert datos["s"] == 1000 and datos["a"] == esperado.astype(int).tolist()
    grande = np.random.default_rng(1).random((12, 12, 64, 64))
    grande /= grande.sum(-1, keepdims=True)
    vista = head_view(grande, [f"t{i}" for i in range(64)])
    assert len(vista.html) < 2_000_000  # 590 000 pesos en menos de 2 MB


def test_atencion_cruzada_con_tokens_target():
    cruzada = atenciones(capas=2, cabezas=2, n=3, m=5)
    vista = head_view(cruzada, TOKENS, tokens_target=["<pad>", "el", "gato"])
    assert vista.shape == (2, 2, 3, 5)
    assert "3 tokens de consulta → 5 tokens de clave" in vista.text
    assert '"cross":true' in vista.html


def test_atencion_de_keras_multiheadattention(entorno):
    import tensorflow as tf

    capa = tf.keras.layers.MultiHeadAttention(num_heads=2, key_dim=4)
    x = tf.random.stateless_normal((1, 5, 8), seed=(1, 2))
    _, puntuaciones = capa(x, x, return_attention_scores=True)
    assert tuple(puntuaciones.shape) == (1, 2, 5, 5)
    vista = head_view(puntuaciones, TOKENS, head="todas")
    assert vista.text == "Vista de atención: 1 capa × 2 cabezas, 5 tokens"


def test_atenciones_reales_de_t5_cruzada(entorno):
    import tensorflow as tf
    from transformers import T5Config, TFT5Model

    config = T5Config(vocab_size=50, d_model=16, d_kv=4, d_ff=32, num_layers=2,
                      num_decoder_layers=2, num_heads=2, decoder_start_token_id=0)
    modelo = TFT5Model(config)
    salida = modelo(input_ids=tf.constant([[5, 6, 7, 8, 1]]),
                    decoder_input_ids=tf.constant([[0, 9, 10]]), output_attentions=True)
    vista = head_view(salida.cross_attentions, TOKENS, tokens_target=["<pad>", "x", "y"])
    assert vista.shape == (2, 2, 3, 5)
    with pytest.raises(TypeError, match="salida.cross_attentions"):
        head_view(salida, TOKENS)


# ---------------------------------------------------------------------------
# Errores en español
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("llamada, error, texto", [
    (lambda: head_view(np.ones((2, 2, 2, 2, 2, 2)) / 2, list("ab")), ValueError, "dimensiones"),
    (lambda: head_view(atenciones(), ["a", "b"]), ValueError, "Hay 2 tokens pero"),
    (lambda: head_view(atenciones(), []), ValueError, "tokens está vacía"),
    (lambda: head_view(atenciones(), "el gato"), TypeError, "lista de etiquetas"),
    (lambda: head_view(atenciones(), None), TypeError, "Falta tokens"),
    (lambda: head_view(atenciones(), TOKENS, layer=2), ValueError, "layer=2 no existe: hay 2 capas"),
    (lambda: head_view(atenciones(), TOKENS, head=3), ValueError, "head=3 no existe: hay 3 cabezas"),
    (lambda: head_view(atenciones(), TOKENS, head=1.0), TypeError, "head debe ser un entero"),
    (lambda: head_view(atenciones(), TOKENS, head="una"), ValueError, "'todas'"),
    (lambda: head_view({"last_hidden_state": np.ones(3), "attentions": atenciones()}, TOKENS),
     TypeError, "salida.attentions"),
    (lambda: head_view({"last_hidden_state": np.ones(3)}, TOKENS), TypeError,
     "output_attentions=True"),
    (lambda: head_view(np.full((1, 1, 2, 2), np.nan), ["a", "b"]), ValueError, "NaN"),
    (lambda: head_view(np.full((1, 1, 2, 2), np.inf), ["a", "b"]), ValueError, "infinitos"),
    (lambda: head_view((), TOKENS), ValueError, "output_attentions=True"),
    (lambda: head_view((None, None), TOKENS), ValueError, "output_attentions=True"),
    (lambda: head_view(np.full((1, 1, 2, 2), 3.0), ["a", "b"]), ValueError, "softmax"),
    (lambda: head_view(atenciones(n=3, m=5), TOKENS), ValueError, "tokens_target"),
    (lambda: head_view(atenciones(n=3, m=5), TOKENS, tokens_target=["x"]), ValueError,
     "Hay 1 tokens_target pero"),
    (lambda: head_view(atenciones(lote=2), TOKENS, example=2), ValueError, "example=2 no existe"),
    (lambda: head_view((np.ones((1, 2, 2)) / 2, np.ones((1, 3, 3)) / 3), ["a", "b"]), ValueError,
     "formas distintas"),
    (lambda: head_view("pesos", TOKENS), TypeError, "array de NumPy"),
    (lambda: head_view(atenciones(), TOKENS, decimals=0), ValueError, "decimals"),
    (lambda: model_view(atenciones(), TOKENS, head="todas"), ValueError, "entero"),
    (lambda: model_view(atenciones(), TOKENS, thumb_size=2), ValueError, "thumb_size"),
    (lambda: head_view(np.ones((40, 30, 64, 64)) / 64, [str(i) for i in range(64)]), ValueError,
     "demasiados"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_errores_en_espanol(llamada, error, texto):
    with pytest.raises(error, match=re.escape(texto)):
        llamada()


def test_guardar_exige_html(tmp_path):
    with pytest.raises(ValueError, match=r"\.html"):
        head_view(atenciones(), TOKENS).save(tmp_path / "vista.png")


# ---------------------------------------------------------------------------
# HTML autocontenido e ids deterministas
# ---------------------------------------------------------------------------

def test_ids_deterministas():
    reset_view_ids()
    primera = head_view(atenciones(), TOKENS)
    segunda = head_view(atenciones(), TOKENS)
    assert primera.element_id != segunda.element_id  # dos vistas en la misma página
    assert primera.element_id.startswith("cu-att-0-") and segunda.element_id.startswith("cu-att-1-")
    reset_view_ids()
    assert head_view(atenciones(), TOKENS).html == primera.html  # misma entrada, mismo HTML
    assert primera.html.count(primera.element_id) == 2  # el div y el script, nada más
    otra = head_view(atenciones(seed=1), TOKENS)
    assert otra.element_id.split("-")[-1] != primera.element_id.split("-")[-1]


@pytest.mark.parametrize("vista", [
    lambda: head_view(atenciones(), TOKENS),
    lambda: model_view(atenciones(), TOKENS),
    lambda: head_view(atenciones(n=3, m=5), TOKENS, tokens_target=["a", "b", "c"]),
], ids=["head_view", "model_view", "cruzada"])
def test_html_sin_nada_externo(vista, tmp_path):
    v = vista()
    pagina = v.save(tmp_path / "vista.html").read_text(encoding="utf-8")
    for texto in (v.html, pagina):
        minusculas = texto.lower()
        for prohibido in ("http", "require(", "requirejs", "cdn", "src=", "href=", "import ",
                          "//unpkg", "@import"):
            assert prohibido not in minusculas, prohibido
    assert pagina.startswith("<!DOCTYPE html>") and v.html in pagina
    assert v.html.count("<script>") == 1 and "(function () {" in v.html  # IIFE en línea


def test_tokens_con_html_no_rompen_la_pagina():
    vista = head_view(np.full((1, 1, 2, 2), 0.5), ["</script><b>", "a & b"])
    assert vista.html.count("</script>") == 1
    assert "\\u003c/script\\u003e\\u003cb\\u003e" in vista.html


def test_versiones_estaticas():
    ax = head_view_static(atenciones(), TOKENS, layer=1, head=0)
    assert ax.get_title() == "Atención · capa 1, cabeza 0"
    assert [t.get_text() for t in ax.texts[:5]] == TOKENS
    assert len(ax.lines) > 0
    ax = head_view_static(atenciones(n=3, m=5), TOKENS, tokens_target=["a", "b", "c"], head=None)
    assert "todas las cabezas" in ax.get_title()
    fig = model_view_static(atenciones(), TOKENS)
    assert len(fig.axes) == 6
    barra = fig.axes[2].child_axes[0]
    assert barra.get_ylabel() == "peso de atención"


# ---------------------------------------------------------------------------
# Navegador de verdad (Chromium sin ventana)
# ---------------------------------------------------------------------------

_CHROMIUM = ("chromium", "chromium-browser", "google-chrome")

# Antes de la vista: guarda cualquier error de JavaScript en un atributo del DOM.
_ERRORES_JS = """<script>
window.__errores = [];
window.addEventListener("error", function (e) {
  window.__errores.push(String(e.message || e));
  document.documentElement.setAttribute("data-errores-js", JSON.stringify(window.__errores));
});
</script>
"""

# Después de la vista: la usa como un estudiante y escribe lo que ve en <pre id="resultado">.
_PRUEBA_JS = """<pre id="resultado" style="display:none"></pre>
<script>
(function () {
  var r = {};
  try {
    var raiz = document.querySelector("[data-cu-att]");
    r.lista = raiz.getAttribute("data-ready");
    r.aviso = !!raiz.querySelector(".cu-att-msg");
    r.consultas = raiz.querySelectorAll(".cu-tok-q").length;
    r.claves = raiz.querySelectorAll(".cu-tok-k").length;
    r.lineas = raiz.querySelectorAll(".cu-line").length;
    r.miniaturas = raiz.querySelectorAll("canvas.cu-thumb").length;
    function opacidades() {
      return Array.prototype.map.call(raiz.querySelectorAll(".cu-line"),
        function (l) { return l.getAttribute("stroke-opacity"); });
    }
    function visibles() {
      return Array.prototype.filter.call(raiz.querySelectorAll(".cu-line"),
        function (l) { return l.getAttribute("visibility") !== "hidden"; }).length;
    }
    function elegir(clase, valor) {
      var s = raiz.querySelector(clase);
      s.value = valor;
      s.dispatchEvent(new Event("change", {bubbles: true}));
    }
    r.inicio = opacidades();
    if (r.miniaturas) {
      var m = raiz.querySelector('canvas.cu-thumb[data-l="1"][data-h="1"]');
      m.dispatchEvent(new MouseEvent("click", {bubbles: true}));
      r.tras_clic = opacidades();
      r.miniatura_elegida = m.getAttribute("data-selected");
      r.capa_tras_clic = raiz.querySelector(".cu-att-layer").value;
      r.cabeza_tras_clic = raiz.querySelector(".cu-att-head").value;
    }
    elegir(".cu-att-layer", "1");
    r.capa1 = opacidades();
    elegir(".cu-att-head", "1");
    r.capa1_cabeza1 = opacidades();
    elegir(".cu-att-head", "-1");
    r.todas = raiz.querySelectorAll(".cu-line-all").length;
    r.todas_visible = raiz.querySelector(".cu-att-lines-all").getAttribute("display");
    r.miniaturas_marcadas = raiz.querySelectorAll('canvas[data-selected="1"]').length;
    elegir(".cu-att-head", "0");
    r.titulo = (raiz.querySelector(".cu-att-detail-title") || {}).textContent;
    var tok = raiz.querySelector('.cu-tok-q[data-i="1"]');
    tok.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
    r.resaltado = tok.getAttribute("class");
    r.visibles_al_pasar = visibles();
    r.fondo_claves = Array.prototype.map.call(raiz.querySelectorAll(".cu-tok-k rect"),
      function (x) { return x.getAttribute("fill-opacity"); });
    tok.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
    r.visibles_al_salir = visibles();
    tok.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));  // así sale en la captura
  } catch (e) {
    r.excepcion = String(e && e.stack || e);
  }
  document.getElementById("resultado").textContent = JSON.stringify(r);
})();
</script>
"""


def _errores_js(dom: str) -> str | None:
    """Los errores de JavaScript que guardó la página en ``<html data-errores-js=...>``."""
    encontrado = re.search(r'<html[^>]*\sdata-errores-js="([^"]*)"', dom)
    return html.unescape(encontrado.group(1)) if encontrado else None


def _chromium():
    for nombre in _CHROMIUM:
        ruta = shutil.which(nombre)
        if ruta:
            return ruta
    pytest.skip("No hay Chromium para la prueba de navegador. Instálalo con "
                "«apt-get install -y chromium chromium-driver» (Debian/Ubuntu) y vuelve a "
                "ejecutar la prueba.")


def _abrir(chromium, pagina, tmp_path, *opciones):
    perfil = tmp_path / f"perfil-{len(list(tmp_path.glob('perfil-*')))}"
    perfil.mkdir()
    orden = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={perfil}",
             *opciones, pagina.as_uri()]
    return subprocess.run(orden, capture_output=True, text=True, timeout=60, cwd=tmp_path)


def _probar_en_navegador(vista, tmp_path, nombre):
    chromium = _chromium()
    pagina = vista.page().replace("<head>\n", "<head>\n" + _ERRORES_JS, 1)
    pagina = pagina.replace("</body>", _PRUEBA_JS + "</body>", 1)
    ruta = tmp_path / f"{nombre}.html"
    ruta.write_text(pagina, encoding="utf-8")

    dom = _abrir(chromium, ruta, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert not _errores_js(dom.stdout), _errores_js(dom.stdout)
    encontrado = re.search(r'<pre id="resultado"[^>]*>(.*?)</pre>', dom.stdout, re.S)
    assert encontrado and encontrado.group(1), "El script de prueba no llegó a escribir nada."
    r = json.loads(html.unescape(encontrado.group(1)))
    assert "excepcion" not in r, r.get("excepcion")

    captura = tmp_path / f"{nombre}.png"
    foto = _abrir(chromium, ruta, tmp_path, f"--screenshot={captura}", "--window-size=1000,900")
    assert foto.returncode == 0 and captura.exists(), foto.stderr[-2000:]
    import matplotlib.image as mpimg

    imagen = mpimg.imread(captura)
    assert imagen.shape[0] == 900 and imagen.shape[1] == 1000
    dibujado = (imagen[..., :3] < 0.9).any(axis=-1).mean()  # fracción de píxeles no blancos
    assert dibujado > 0.005, "La captura está en blanco: la vista no se dibujó."
    return r


@pytest.fixture(scope="module")
def atencion_real(minilm):
    """Atenciones reales de all-MiniLM-L6-v2 (6 capas, 12 cabezas) para una frase corta."""
    from course_utils.attention import token_labels

    modelo, tokenizador = minilm
    enc = tokenizador("El gato come pescado en la cocina.", return_tensors="tf")
    salida = modelo(enc, output_attentions=True)
    return salida.attentions, token_labels(tokenizador, enc["input_ids"][0])


def test_navegador_head_view(atencion_real, tmp_path):
    atencion, tokens = atencion_real
    capas, cabezas = len(atencion), atencion[0].shape[1]
    r = _probar_en_navegador(head_view(atencion, tokens, layer=2, head=0), tmp_path, "head_view")
    n = len(tokens)
    assert r["lista"] == "1" and r["aviso"] is False  # el script corrió y quitó el aviso
    assert r["consultas"] == n and r["claves"] == n
    assert r["lineas"] == n * n
    assert r["miniaturas"] == 0
    esperadas = np.asarray(atencion[2])[0, 0].ravel()  # capa 2, cabeza 0
    np.testing.assert_allclose([float(v) for v in r["inicio"]], esperadas, atol=6e-4)  # opacidad = peso
    assert r["capa1"] != r["inicio"]  # cambiar de capa cambia las líneas
    assert r["capa1_cabeza1"] != r["capa1"]  # y cambiar de cabeza también
    np.testing.assert_allclose([float(v) for v in r["capa1_cabeza1"]],
                               np.asarray(atencion[1])[0, 1].ravel(), atol=6e-4)
    assert r["todas"] == cabezas * n * n and r["todas_visible"] == "inline"
    assert "cu-hl" in r["resaltado"]  # el token bajo el ratón se resalta
    assert r["visibles_al_pasar"] == n  # solo sus líneas
    assert r["visibles_al_salir"] == n * n
    assert any(float(f) > 0 for f in r["fondo_claves"])  # claves sombreadas según su peso
    assert capas == 6 and (tmp_path / "head_view.png").stat().st_size > 5_000


def test_navegador_model_view_y_cruzada(atencion_real, tmp_path):
    atencion, tokens = atencion_real
    r = _probar_en_navegador(model_view(atencion, tokens, layer=3, head=5), tmp_path, "model_view")
    assert r["miniaturas"] == 6 * 12
    assert r["tras_clic"] != r["inicio"] and r["miniatura_elegida"] == "1"
    assert (r["capa_tras_clic"], r["cabeza_tras_clic"]) == ("1", "1")
    assert r["miniaturas_marcadas"] == 12  # "todas": toda la fila de la capa
    assert r["titulo"].startswith("Ampliada: capa 1, cabeza 0")  # sigue a los selectores
    assert r["lineas"] == len(tokens) ** 2

    cruzada = atenciones(capas=2, cabezas=2, n=3, m=len(tokens))
    r = _probar_en_navegador(head_view(cruzada, tokens, tokens_target=["<pad>", "un", "gato"]),
                             tmp_path, "cruzada")
    assert (r["consultas"], r["claves"], r["lineas"]) == (3, len(tokens), 3 * len(tokens))
    assert r["visibles_al_pasar"] == len(tokens)


def test_dos_vistas_en_la_misma_pagina(tmp_path):
    """Dos vistas juntas (como dos celdas) no chocan: cada una dibuja lo suyo."""
    chromium = _chromium()
    a, b = head_view(atenciones(), TOKENS), model_view(atenciones(seed=3), TOKENS)
    pagina = a.page().replace("</body>", b.html + "\n</body>").replace(
        "<head>\n", "<head>\n" + _ERRORES_JS, 1)
    ruta = tmp_path / "dos.html"
    ruta.write_text(pagina, encoding="utf-8")
    dom = _abrir(chromium, ruta, tmp_path, "--dump-dom").stdout
    assert not _errores_js(dom)
    assert dom.count('data-ready="1"') == 2
    assert dom.count('class="cu-line"') == 2 * 25
