"""Modelos propios del curso: checkpoints pequeños en español que viven en ``modelos/``.

Se cargan por su id, como cualquier modelo del hub, también sin conexión::

    from course_utils.checkpoints import link_checkpoints
    link_checkpoints()                     # setup() ya lo hace
    tok = AutoTokenizer.from_pretrained("curso-nlp/gpt2-mini-es")
    gpt = TFAutoModelForCausalLM.from_pretrained("curso-nlp/gpt2-mini-es")

Cómo funciona: ``transformers`` carga una carpeta local si existe una con el nombre
del id. :func:`link_checkpoints` crea en la carpeta de trabajo un enlace
``curso-nlp`` que apunta a ``modelos/`` del repositorio, así que el id
``curso-nlp/gpt2-mini-es`` es la carpeta ``modelos/gpt2-mini-es``. No hace falta red
ni la caché de Hugging Face (esos ids no existen en el hub).

Los entrena ``scripts/entrenar_modelos.py`` y los mide ``scripts/evaluar_modelos.py``;
cada carpeta trae su ficha (``README.md``) con las cifras. Lo usa el cuaderno 07.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ORG = "curso-nlp"

CHECKPOINTS: dict[str, str] = {
    f"{ORG}/gpt2-mini-es": "GPT-2 pequeño (4 capas) preentrenado con el corpus del curso",
    f"{ORG}/bert-mini-es": "BERT pequeño (4 capas, WordPiece con tildes) preentrenado con MLM",
    f"{ORG}/frases-mini-es": "codificador de frases: bert-mini-es con aprendizaje contrastivo",
    f"{ORG}/bert-mini-es-sentimiento": "bert-mini-es ajustado con data/sentimiento",
}


class CheckpointError(ValueError):
    """Un modelo del curso pedido con un id que no existe o una carpeta incompleta."""


def models_dir() -> Path:
    """Carpeta ``modelos/`` del repositorio (la variable ``CURSO_MODELOS`` la cambia)."""
    override = os.environ.get("CURSO_MODELOS")
    folder = Path(override) if override else Path(__file__).resolve().parent.parent / "modelos"
    if not folder.is_dir():
        raise FileNotFoundError(
            f"No encuentro la carpeta de modelos del curso ({folder}). Clona el repositorio "
            "completo e instálalo con `pip install -e .`, o indica la carpeta con la variable "
            "de entorno CURSO_MODELOS."
        )
    return folder


def is_course_id(model_id: object) -> bool:
    """``True`` si ``model_id`` es de la forma ``curso-nlp/...``."""
    return isinstance(model_id, str) and model_id.strip().startswith(ORG + "/")


def checkpoint_dir(model_id: str) -> Path:
    """Carpeta del checkpoint ``model_id`` (p. ej. ``curso-nlp/bert-mini-es``).

    Lanza :class:`CheckpointError` con la lista de ids válidos si no existe.
    """
    if not isinstance(model_id, str):
        raise TypeError(f"El id del modelo debe ser un texto como {next(iter(CHECKPOINTS))!r}, "
                        f"no {type(model_id).__name__}.")
    model_id = model_id.strip()
    if model_id not in CHECKPOINTS:
        raise CheckpointError(
            f"{model_id!r} no es un modelo del curso. Los modelos del curso son: "
            + ", ".join(CHECKPOINTS) + "."
        )
    folder = models_dir() / model_id.split("/", 1)[1]
    if not (folder / "config.json").exists():
        raise CheckpointError(
            f"Falta el checkpoint {model_id!r} en modelos/. Vuelve a clonar el repositorio o "
            "reconstrúyelo con `python scripts/entrenar_modelos.py`."
        )
    return folder


def link_checkpoints(folder: str | Path | None = None) -> Path:
    """Deja en ``folder`` (por defecto, la carpeta actual) el enlace ``curso-nlp`` a ``modelos/``.

    Con él, ``from_pretrained("curso-nlp/...")`` encuentra los modelos del curso. Si ya
    existe un enlace o una carpeta ``curso-nlp`` no la toca. En sistemas sin enlaces
    simbólicos (algunos Windows) copia la carpeta. Devuelve la ruta del enlace.
    """
    base = Path.cwd() if folder is None else Path(folder)
    link = base / ORG
    target = models_dir()
    if link.is_symlink() and not link.exists():
        link.unlink()  # enlace roto (repositorio movido): se rehace
    if os.path.lexists(link):
        return link
    try:
        link.symlink_to(target, target_is_directory=True)
    except OSError:
        shutil.copytree(target, link)
    return link
