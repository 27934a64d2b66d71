"""Diapositivas (scripts/diapositivas.py): el modo sin red no descarga nada al abrirse.

Las pruebas rápidas usan un cuaderno mínimo y paquetes de npm de mentira. La del navegador
construye las diapositivas del cuaderno 05 con reveal.js y MathJax 3 de verdad
(``npm install --prefix . --no-save reveal.js@5 mathjax@3`` en la raíz), las abre en Chromium sin red
(``file://``, proxy inexistente y DNS que no resuelve nada), y comprueba que reveal.js arranca y
que una diapositiva posterior muestra una figura y una fórmula ya compuesta por MathJax.
Chromium se maneja por el protocolo DevTools sobre una tubería (``--remote-debugging-pipe``):
no hace falta chromedriver ni ningún paquete de Python más.

Sin Chromium o sin los paquetes de npm, la prueba del navegador se salta (y falla, en vez de
saltarse, con ``CURSO_DIAPOSITIVAS_OBLIGATORIAS=1``, como en CI). ``CURSO_NODE_MODULES`` indica
otra carpeta node_modules y ``CHROMIUM`` otro navegador.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import diapositivas
import nbformat
import pytest

RAIZ = Path(__file__).resolve().parent.parent
NPM = diapositivas.NPM


def _saltar(motivo: str) -> None:
    if os.environ.get("CURSO_DIAPOSITIVAS_OBLIGATORIAS") == "1":
        pytest.fail(motivo)
    pytest.skip(motivo)


# --- Pruebas rápidas: sin navegador ni npm -----------------------------------------------

@pytest.fixture
def cuaderno(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            '<!-- insignia-colab --><a href="https://colab.research.google.com/x"><img '
            'src="https://colab.research.google.com/assets/colab-badge.svg"/></a>'
            "<!-- /insignia-colab -->\n\n# Título", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_markdown_cell("La energía: $E = mc^2$ y [un enlace](https://example.org).",
                                      metadata={"slideshow": {"slide_type": "slide"}}),
    ]
    ruta = tmp_path / "99_prueba.ipynb"
    nbformat.write(nb, ruta)
    return ruta


@pytest.fixture
def node_modules_falso(tmp_path):
    """Los archivos que el script copia, vacíos; el tema «simple» importa Google Fonts, como el real."""
    nm = tmp_path / "node_modules"
    for relativo in (*diapositivas.ARCHIVOS_REVEAL, "dist/theme/fonts/x/x.css"):
        (nm / "reveal.js" / relativo).parent.mkdir(parents=True, exist_ok=True)
        (nm / "reveal.js" / relativo).write_text("/* */")
    (nm / "reveal.js/dist/theme/simple.css").write_text(
        "@import url(https://fonts.googleapis.com/css?family=Lato:400,700);\n"
        "@import url(./fonts/x/x.css);\nbody { color: black; }\n")
    for relativo in diapositivas.ARCHIVOS_MATHJAX:
        destino = nm / "mathjax" / relativo
        if "." in Path(relativo).name:
            destino.parent.mkdir(parents=True, exist_ok=True)
            destino.write_text("/* */")
        else:
            destino.mkdir(parents=True, exist_ok=True)
            (destino / "x.js").write_text("/* */")
    return nm


def test_sin_red_no_carga_nada_de_internet(cuaderno, node_modules_falso, tmp_path):
    salida = tmp_path / "salida"
    html = diapositivas.build(cuaderno, salida, str(node_modules_falso / "reveal.js")).read_text()
    assert diapositivas.referencias_remotas(html) == []
    for local in ('src="recursos/reveal.js/dist/reveal.js"', 'href="recursos/reveal.js/dist/reveal.css"',
                  'src="recursos/mathjax/es5/tex-chtml.js"', "Reveal.initialize("):
        assert local in html
    assert "colab-badge" not in html and "https://example.org" in html  # los enlaces se quedan
    assert "require(" not in html and "jquery.min.js" not in html and "cdnjs" not in html
    recursos = salida / "recursos"
    for archivo in ("reveal.js/dist/reveal.js", "reveal.js/plugin/notes/notes.js",
                    "reveal.js/dist/theme/fonts/x/x.css", "mathjax/es5/tex-chtml.js",
                    "mathjax/es5/output/chtml/x.js"):
        assert (recursos / archivo).is_file(), archivo
    tema = (recursos / "reveal.js/dist/theme/simple.css").read_text()
    assert "googleapis" not in tema and "@import url(./fonts/x/x.css);" in tema


def test_sin_red_acepta_rutas_relativas_a_la_raiz(cuaderno, node_modules_falso, tmp_path, monkeypatch):
    (tmp_path / "otra").mkdir()
    monkeypatch.chdir(tmp_path / "otra")  # node_modules/reveal.js no está aquí, sino en la raíz
    monkeypatch.setattr(diapositivas, "ROOT", node_modules_falso.parent)
    html = diapositivas.build(cuaderno, tmp_path / "o", "node_modules/reveal.js").read_text()
    assert 'src="recursos/reveal.js/dist/reveal.js"' in html


@pytest.mark.parametrize("falta", ["reveal.js", "mathjax"])
def test_sin_red_dice_que_instalar(cuaderno, node_modules_falso, tmp_path, falta):
    shutil.rmtree(node_modules_falso / falta)
    with pytest.raises(SystemExit) as error:
        diapositivas.build(cuaderno, tmp_path / "salida", str(node_modules_falso / "reveal.js"))
    mensaje = str(error.value)
    assert NPM in mensaje and str(node_modules_falso / falta) in mensaje
    assert not (tmp_path / "salida" / "99_prueba.slides.html").exists()


def test_con_red_sigue_usando_el_cdn(cuaderno, tmp_path):
    html = diapositivas.build(cuaderno, tmp_path).read_text()
    assert "https://unpkg.com/reveal.js" in html and "colab-badge" in html
    url = "https://cdn.jsdelivr.net/npm/reveal.js@5"
    html = diapositivas.build(cuaderno, tmp_path, url).read_text()
    assert f'"{url}/dist/reveal.js"' in html and f'href="{url}/dist/reveal.css"' in html
    assert not (tmp_path / "recursos").exists()


# --- Prueba en el navegador, sin red -----------------------------------------------------

class DevTools:
    """Chromium sin cabeza manejado por el protocolo DevTools sobre --remote-debugging-pipe."""

    def __init__(self, navegador: str, perfil: Path, registro: Path):
        leer_chromium, escribir_nosotros = os.pipe()
        leer_nosotros, escribir_chromium = os.pipe()
        banderas = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--mute-audio",
            f"--user-data-dir={perfil}", "--window-size=1280,1400", "--remote-debugging-pipe",
            # Sin red: todo lo que no sea local va a un proxy que no existe y ningún nombre resuelve.
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ]
        # La tubería de DevTools son los descriptores 3 (lee Chromium) y 4 (escribe Chromium).
        guion = f'exec "$0" "$@" 3<&{leer_chromium} 4>&{escribir_chromium}'
        self._registro = registro.open("wb")
        self.proceso = subprocess.Popen(
            ["bash", "-c", guion, navegador, *banderas], pass_fds=(leer_chromium, escribir_chromium),
            stdin=subprocess.DEVNULL, stdout=self._registro, stderr=subprocess.STDOUT)
        os.close(leer_chromium)
        os.close(escribir_chromium)
        self._escribir = os.fdopen(escribir_nosotros, "wb", buffering=0)
        self._mensajes: queue.Queue = queue.Queue()
        self.eventos: list[dict] = []
        self._id = 0
        threading.Thread(target=self._leer, args=(leer_nosotros,), daemon=True).start()

    def _leer(self, fd: int) -> None:
        pendiente = b""
        with os.fdopen(fd, "rb", buffering=0) as tuberia:
            while trozo := tuberia.read(1 << 16):
                pendiente += trozo
                *mensajes, pendiente = pendiente.split(b"\0")
                for mensaje in mensajes:
                    self._mensajes.put(json.loads(mensaje))

    def enviar(self, metodo: str, sesion: str | None = None, timeout: float = 30, **params):
        self._id += 1
        mensaje = {"id": self._id, "method": metodo, "params": params}
        if sesion:
            mensaje["sessionId"] = sesion
        self._escribir.write(json.dumps(mensaje).encode() + b"\0")
        limite = time.monotonic() + timeout
        while True:
            try:
                respuesta = self._mensajes.get(timeout=0.5)
            except queue.Empty:
                if self.proceso.poll() is not None:
                    raise RuntimeError(f"Chromium terminó (código {self.proceso.returncode}); "
                                       f"ver {self._registro.name}") from None
                if time.monotonic() > limite:
                    raise TimeoutError(f"Chromium no responde a {metodo}") from None
                continue
            if respuesta.get("id") == self._id:
                if "error" in respuesta:
                    raise RuntimeError(f"{metodo}: {respuesta['error']}")
                return respuesta.get("result", {})
            self.eventos.append(respuesta)

    def cerrar(self) -> None:
        try:
            self.enviar("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proceso.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proceso.kill()
            self.proceso.wait()
        self._escribir.close()
        self._registro.close()


class Pagina:
    def __init__(self, devtools: DevTools):
        self.dt = devtools
        objetivo = devtools.enviar("Target.createTarget", url="about:blank")["targetId"]
        self.sesion = devtools.enviar("Target.attachToTarget", targetId=objetivo,
                                      flatten=True)["sessionId"]
        for dominio in ("Page", "Runtime", "Log", "Network"):
            self.enviar(f"{dominio}.enable")

    def enviar(self, metodo: str, **params):
        return self.dt.enviar(metodo, self.sesion, **params)

    def evaluar(self, expresion: str, timeout: float = 30):
        resultado = self.dt.enviar("Runtime.evaluate", self.sesion, timeout=timeout,
                                   expression=expresion, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in resultado:
            raise AssertionError(f"error de JavaScript en la prueba: {resultado['exceptionDetails']}")
        return resultado["result"].get("value")

    def esperar(self, expresion: str, timeout: float = 20):
        limite = time.monotonic() + timeout
        while not self.evaluar(expresion):
            if time.monotonic() > limite:
                raise AssertionError(f"no se cumplió a tiempo: {expresion}")
            time.sleep(0.1)

    def eventos(self, metodo: str) -> list[dict]:
        return [e["params"] for e in self.dt.eventos
                if e.get("method") == metodo and e.get("sessionId") == self.sesion]


CANDIDATAS = """(() => {
  // Diapositivas, pasada la portada, con una figura de una salida y una fórmula: [h, v].
  const candidatas = [];
  Reveal.getHorizontalSlides().forEach((horizontal, h) => {
    const verticales = horizontal.querySelectorAll(':scope > section');
    (verticales.length ? Array.from(verticales) : [horizontal]).forEach((s, v) => {
      if (h > 0 && s.querySelector('.jp-OutputArea-output img') && s.querySelector('mjx-container'))
        candidatas.push([h, v]);
    });
  });
  return candidatas;
})()"""

MIRAR_DIAPOSITIVA = """(() => {
  const actual = Reveal.getCurrentSlide();
  // Visible: no oculto (ni fragmento pendiente) y al menos 40 px en pantalla (las diapositivas
  // largas se salen por abajo: reveal.js no las encoge).
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    return e.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && Math.min(r.right, innerWidth) - Math.max(r.left, 0) > 5
      && Math.min(r.bottom, innerHeight) - Math.max(r.top, 0) > Math.min(40, r.height - 1);
  };
  const figuras = Array.from(actual.querySelectorAll('.jp-OutputArea-output img'));
  const formulas = Array.from(actual.querySelectorAll('mjx-container'));
  return {
    indices: Reveal.getIndices(),
    figuras: figuras.filter((i) => visible(i) && i.complete && i.naturalWidth > 50).length,
    formulas: formulas.filter((f) => visible(f) && f.querySelector('mjx-math mjx-c')).length,
    errores_tex: document.querySelectorAll('mjx-merror').length,
    tex_sin_componer: Array.from(actual.querySelectorAll('.jp-MarkdownOutput'))
                          .some((m) => m.innerText.includes('$')),
    fuentes_mathjax: Array.from(document.fonts).filter((f) => f.family.startsWith('MJX'))
                          .map((f) => f.status),
  };
})()"""


def _chromium() -> str | None:
    for candidato in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidato and (ruta := shutil.which(candidato)):
            return ruta
    return None


def test_diapositivas_sin_red_en_chromium(tmp_path):
    navegador = _chromium()
    if navegador is None:
        _saltar("Falta Chromium para la prueba de las diapositivas: apt-get install -y chromium "
                "(o indica el navegador con CHROMIUM=/ruta/al/navegador).")
    node_modules = Path(os.environ.get("CURSO_NODE_MODULES", RAIZ / "node_modules"))
    if not ((node_modules / "reveal.js/dist/reveal.js").is_file()
            and (node_modules / "mathjax/es5/tex-chtml.js").is_file()):
        _saltar(f"Faltan reveal.js y MathJax 3 en {node_modules}: instálalos desde la raíz del "
                f"repositorio con «{NPM}».")

    # Exactamente lo que dice el README para un aula sin red.
    salida = tmp_path / "diapositivas"
    orden = [sys.executable, str(RAIZ / "scripts" / "diapositivas.py"), "05", "--salida", str(salida),
             "--reveal", str(node_modules / "reveal.js")]
    hecho = subprocess.run(orden, capture_output=True, text=True, timeout=120)
    assert hecho.returncode == 0, hecho.stderr[-2000:]
    html = Path(hecho.stdout.strip().splitlines()[-1])
    assert diapositivas.referencias_remotas(html.read_text(encoding="utf-8")) == []

    dt = DevTools(navegador, tmp_path / "perfil", tmp_path / "chromium.log")
    try:
        pagina = Pagina(dt)
        pagina.enviar("Page.navigate", url=html.as_uri())
        pagina.esperar("typeof Reveal !== 'undefined' && Reveal.isReady()")
        assert pagina.evaluar("document.querySelectorAll('.reveal .slides section').length") > 10
        pagina.evaluar("MathJax.startup.promise.then(() => true)")

        # Sin transiciones, para no esperar 0,8 s en cada cambio de diapositiva.
        pagina.evaluar("Reveal.configure({transition: 'none'}); true")
        candidatas = pagina.evaluar(CANDIDATAS)
        assert candidatas, "ninguna diapositiva tiene a la vez una figura y una fórmula"
        for h, v in candidatas:
            # Se llega a la diapositiva y se muestran todos sus fragmentos, como con la flecha.
            pagina.evaluar(f"Reveal.slide({h}, {v}); while (Reveal.nextFragment()) {{}}"
                           " new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
                           ".then(() => document.fonts.ready).then(() => true)")
            estado = pagina.evaluar(MIRAR_DIAPOSITIVA)
            if estado["figuras"] and estado["formulas"]:
                break  # las dos se ven (en otras, la figura queda por debajo de la pantalla)
        captura = tmp_path / f"diapositiva_{h}_{v}.png"
        captura.write_bytes(base64.b64decode(pagina.enviar("Page.captureScreenshot")["data"]))
        print(f"captura: {captura}")

        assert estado["figuras"] >= 1 and estado["formulas"] >= 1, estado
        assert estado["errores_tex"] == 0 and not estado["tex_sin_componer"], estado
        assert "loaded" in estado["fuentes_mathjax"] and "error" not in estado["fuentes_mathjax"], estado

        pedidas = [e["request"]["url"] for e in pagina.eventos("Network.requestWillBeSent")]
        assert pedidas, "Chromium no informó de ninguna carga"
        remotas = [u for u in pedidas if not u.startswith(("file:", "data:", "blob:", "about:"))]
        assert remotas == [], remotas
        fallidas = pagina.eventos("Network.loadingFailed")
        assert fallidas == [], fallidas
        excepciones = [e["exceptionDetails"] for e in pagina.eventos("Runtime.exceptionThrown")]
        assert excepciones == [], excepciones
        errores = [e["entry"] for e in pagina.eventos("Log.entryAdded") if e["entry"]["level"] == "error"]
        errores += [e for e in pagina.eventos("Runtime.consoleAPICalled") if e["type"] == "error"]
        assert errores == [], errores
    finally:
        dt.cerrar()
