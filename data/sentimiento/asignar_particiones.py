"""Une las partes escritas a mano y asigna las particiones fijas de opiniones.csv.

Se ejecutó una vez al crear el conjunto; se puede repetir sobre opiniones.csv
y da el mismo resultado (estratificado por etiqueta y tema, semilla fija).
Uso: ``python data/sentimiento/asignar_particiones.py [partes.csv ...]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
OUT = HERE / "opiniones.csv"
SEED = 2026


def main(parts: list[str]) -> None:
    sources = [Path(p) for p in parts] or [OUT]
    frame = pd.concat([pd.read_csv(p, keep_default_na=False) for p in sources], ignore_index=True)
    frame = frame[["texto", "etiqueta", "tema", "fenomeno"]].copy()
    frame["texto"] = frame["texto"].str.strip()
    key = frame["texto"].str.lower().str.split().str.join(" ")
    if key.duplicated().any():
        raise SystemExit(f"Textos repetidos: {frame.loc[key.duplicated(), 'texto'].tolist()[:5]}")
    frame = frame.sort_values(["tema", "etiqueta", "texto"]).reset_index(drop=True)
    strata = frame["etiqueta"] + "/" + frame["tema"]
    train, rest = train_test_split(frame.index, test_size=0.30, stratify=strata, random_state=SEED)
    val, test = train_test_split(rest, test_size=0.50, stratify=strata[rest], random_state=SEED)
    frame.loc[train, "particion"] = "train"
    frame.loc[val, "particion"] = "validation"
    frame.loc[test, "particion"] = "test"
    frame.insert(0, "id", range(1, len(frame) + 1))
    frame.to_csv(OUT, index=False)
    print(frame.groupby(["particion", "etiqueta"]).size().unstack())


if __name__ == "__main__":
    main(sys.argv[1:])
