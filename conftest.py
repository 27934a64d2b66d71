"""Configuración de pytest común a tests/ y notebooks/.

Los kernels que arranca nbval heredan este entorno. scripts/ejecutar_cuadernos.py
fija lo mismo, para que las salidas guardadas y las de la prueba coincidan.
"""

import os

os.environ["PYTHONHASHSEED"] = "0"  # mismo orden de conjuntos/diccionarios en ambos
os.environ.setdefault("MPLBACKEND", "Agg")
