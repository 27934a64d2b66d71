"""Datos del repositorio, en un solo sitio.

Si el curso se publica en otra dirección, cambia REPO_URL aquí y ejecuta
``python scripts/sincronizar_cuadernos.py``: reescribe la insignia de Colab y la
celda de preparación de todos los cuadernos.
"""

REPO_URL = "https://github.com/curso-nlp-transformers/curso-nlp-tf"
BRANCH = "main"


def colab_url(notebook_name: str) -> str:
    """Dirección que abre el cuaderno ``notebook_name`` en Google Colab."""
    path = REPO_URL.removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{path}/blob/{BRANCH}/notebooks/{notebook_name}"
