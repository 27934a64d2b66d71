"""Comprobaciones de los ejercicios del cuaderno 06 (ajuste fino y clasificación).

- Ejercicio 1: :func:`check_especificidad` (especificidad por clase desde una matriz de confusión).
- Ejercicio 2: :func:`check_f1_macro` (F1 macro a mano, comparado con scikit-learn).
- Ejercicio 3: :func:`check_mejor_span` (respuesta de QA extractiva desde los logits de inicio y fin).

Cada comprobación llama a la función del estudiante con entradas nuevas, que no
aparecen en el cuaderno, y compara con una referencia propia.
"""

from __future__ import annotations

import numpy as np

from ._base import (
    Result,
    call_student,
    correct,
    integers,
    missing,
    number,
    numeric,
    unfinished,
    wrong,
)

# ---------------------------------------------------------------------------
# Referencias (no se muestran al estudiante)
# ---------------------------------------------------------------------------


def _especificidad_ref(cm: np.ndarray) -> np.ndarray:
    cm = np.asarray(cm, dtype=float)
    total = cm.sum()
    tp = np.diag(cm)
    fp = cm.sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp
    tn = total - tp - fp - fn
    return tn / (tn + fp)


def _f1_macro_ref(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    clases = np.union1d(y_true, y_pred)
    f1s = []
    for c in clases:
        tp = np.sum((y_pred == c) & (y_true == c))
        fp = np.sum((y_pred == c) & (y_true != c))
        fn = np.sum((y_pred != c) & (y_true == c))
        denom = 2 * tp + fp + fn
        f1s.append(0.0 if denom == 0 else 2 * tp / denom)
    return float(np.mean(f1s))


def _mejor_span_ref(inicio: np.ndarray, fin: np.ndarray, max_len: int) -> tuple[int, int, float]:
    mejor = (0, 0, -np.inf)
    for i in range(len(inicio)):
        for j in range(i, min(i + max_len, len(fin))):
            s = inicio[i] + fin[j]
            if s > mejor[2]:
                mejor = (i, j, s)
    return mejor


# ---------------------------------------------------------------------------
# Ejercicio 1
# ---------------------------------------------------------------------------

def _matrices_nuevas() -> list[np.ndarray]:
    rng = np.random.default_rng(606)
    return [
        np.array([[50, 10], [5, 35]]),
        rng.integers(0, 30, size=(3, 3)) + np.diag([40, 25, 60]),
        rng.integers(0, 20, size=(4, 4)) + np.diag([30, 12, 45, 8]),
    ]


def check_especificidad(fn: object) -> Result:
    """Ejercicio 1 del cuaderno 06: ``fn(cm)`` devuelve la especificidad de cada clase.

    ``cm`` sigue el convenio de scikit-learn: filas = clase real, columnas = clase
    predicha. Se prueba con matrices de 2, 3 y 4 clases que no salen en el cuaderno.
    """
    if fn is None:
        return missing("Escribe una función especificidad_por_clase(cm) que reciba una matriz "
                       "de confusión (K x K) y devuelva un array con K especificidades.")
    if not callable(fn):
        return wrong(f"especificidad_por_clase debe ser una función, no {type(fn).__name__}.",
                     "Defínela con def especificidad_por_clase(cm): ...")
    for cm in _matrices_nuevas():
        k = cm.shape[0]
        salida, error = call_student(fn, cm.copy())
        if error:
            return wrong(f"Con una matriz de {k} clases tu función lanzó {error}.",
                         "Usa operaciones de NumPy sobre filas, columnas y la diagonal, "
                         "sin suponer un número fijo de clases.")
        if (pendiente := unfinished(salida, "especificidad_por_clase")) is not None:
            return pendiente
        arr, problema = numeric(salida, "Lo que devuelve tu función")
        if problema:
            return wrong(f"Con {k} clases: {problema}",
                         "Devuelve un array con un valor por clase.")
        if arr.shape != (k,):
            forma = arr.shape
            return wrong(f"Con {k} clases esperaba un array de forma ({k},) y obtuve {forma}.",
                         "Devuelve un valor por clase, en el orden de las filas de la matriz.")
        ref = _especificidad_ref(cm)
        if not np.allclose(arr, ref, atol=1e-6):
            sens = np.diag(cm) / cm.sum(axis=1)
            if np.allclose(arr, sens, atol=1e-6):
                return wrong("Tu función devuelve la sensibilidad (recall), no la especificidad.",
                             "La especificidad mira los ejemplos que NO son de la clase: "
                             "de ellos, ¿cuántos no se predijeron como esa clase?")
            ref_t = _especificidad_ref(cm.T)
            if np.allclose(arr, ref_t, atol=1e-6):
                return wrong("Parece que has intercambiado filas y columnas.",
                             "En scikit-learn las filas son la clase real y las columnas la "
                             "predicha; los falsos positivos de una clase están en su columna.")
            return wrong(f"Con una matriz de {k} clases los valores no coinciden con la "
                         "especificidad.",
                         "Para la clase c: VN = total - VP - FP - FN y especificidad = "
                         "VN / (VN + FP).")
    return correct("Tu función da la especificidad de cada clase con 2, 3 y 4 clases.")


# ---------------------------------------------------------------------------
# Ejercicio 2
# ---------------------------------------------------------------------------

def _etiquetas_nuevas() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(2024)
    casos = []
    for k, n in ((3, 60), (4, 90)):
        y = rng.integers(0, k, size=n)
        p = np.where(rng.random(n) < 0.6, y, rng.integers(0, k, size=n))
        casos.append((y, p))
    y = np.array([0, 0, 1, 1, 2, 2, 2, 1, 0, 2])
    p = np.array([0, 1, 1, 1, 1, 1, 0, 1, 0, 1])  # la clase 2 nunca se predice
    casos.append((y, p))
    return casos


def check_f1_macro(fn: object) -> Result:
    """Ejercicio 2 del cuaderno 06: ``fn(y_true, y_pred)`` devuelve el F1 macro.

    Se compara con la definición (media sin pesos del F1 de cada clase, 0 si una
    clase no tiene ni aciertos ni errores), que coincide con
    ``f1_score(..., average="macro", zero_division=0)`` de scikit-learn.
    """
    if fn is None:
        return missing("Escribe una función f1_macro(y_true, y_pred) que calcule el F1 macro "
                       "solo con NumPy.")
    if not callable(fn):
        return wrong(f"f1_macro debe ser una función, no {type(fn).__name__}.",
                     "Defínela con def f1_macro(y_true, y_pred): ...")
    for y, p in _etiquetas_nuevas():
        salida, error = call_student(fn, y.copy(), p.copy())
        if error:
            return wrong(f"Tu función lanzó {error}.",
                         "Recorre las clases que aparecen en y_true o y_pred y evita dividir "
                         "entre 0 cuando una clase nunca se predice.")
        if (pendiente := unfinished(salida, "f1_macro")) is not None:
            return pendiente
        valor, problema = number(salida, "Lo que devuelve tu función")
        if problema:
            return wrong(f"Esperaba un único número finito: {problema}",
                         "Devuelve la media de los F1 de cada clase (un float).")
        ref = _f1_macro_ref(y, p)
        if abs(valor - ref) > 1e-6:
            acc = float(np.mean(y == p))
            if abs(valor - acc) < 1e-6:
                return wrong("Tu función devuelve la exactitud (accuracy), no el F1 macro.",
                             "Calcula precisión y exhaustividad de cada clase, su F1, y "
                             "después la media.")
            pesos = np.array([np.mean(y == c) for c in np.union1d(y, p)])
            f1s = []
            for c in np.union1d(y, p):
                tp = np.sum((p == c) & (y == c))
                d = 2 * tp + np.sum((p == c) & (y != c)) + np.sum((p != c) & (y == c))
                f1s.append(0.0 if d == 0 else 2 * tp / d)
            if abs(valor - float(np.dot(pesos, f1s))) < 1e-6:
                return wrong("Has calculado el F1 ponderado por el soporte de cada clase.",
                             "El promedio macro da el mismo peso a todas las clases.")
            if len(np.unique(p)) < len(np.union1d(y, p)):
                return wrong("El valor no coincide en un caso donde una clase nunca se predice.",
                             "Si una clase no tiene predicciones, su precisión no está definida: "
                             "toma su F1 como 0 (como zero_division=0) pero inclúyela en la media.")
            return wrong(f"Obtengo {valor:.4f} y no coincide con el F1 macro.",
                         "F1_c = 2·P_c·R_c / (P_c + R_c) = 2·VP / (2·VP + FP + FN); el macro es la "
                         "media simple sobre las clases.")
    return correct("Tu F1 macro coincide con el de scikit-learn, también cuando una clase no se "
                   "predice nunca.")


# ---------------------------------------------------------------------------
# Ejercicio 3
# ---------------------------------------------------------------------------

def _logits_nuevos() -> list[tuple[np.ndarray, np.ndarray, int]]:
    rng = np.random.default_rng(77)
    casos = [(rng.normal(size=n), rng.normal(size=n), m) for n, m in ((12, 4), (20, 6), (9, 9))]
    # Caso trampa: el máximo de inicio está DESPUÉS del máximo de fin.
    inicio = np.array([0.0, 0.1, 0.2, 0.0, 3.0, 0.0, 0.1, 0.0])
    fin = np.array([0.0, 2.5, 0.3, 0.0, 0.0, 0.2, 1.0, 0.0])
    casos.append((inicio, fin, 3))
    return casos


def check_mejor_span(fn: object) -> Result:
    """Ejercicio 3 del cuaderno 06: ``fn(inicio, fin, max_len)`` devuelve ``(i, j)``.

    El mejor tramo maximiza ``inicio[i] + fin[j]`` con ``i <= j < i + max_len``.
    Se prueba con logits aleatorios nuevos y con un caso en el que el argmax de
    inicio cae después del argmax de fin.
    """
    if fn is None:
        return missing("Escribe una función mejor_span(inicio, fin, max_len) que devuelva la "
                       "pareja (i, j) del mejor tramo.")
    if not callable(fn):
        return wrong(f"mejor_span debe ser una función, no {type(fn).__name__}.",
                     "Defínela con def mejor_span(inicio, fin, max_len): ...")
    for inicio, fin, max_len in _logits_nuevos():
        salida, error = call_student(fn, inicio.copy(), fin.copy(), max_len)
        if error:
            return wrong(f"Tu función lanzó {error}.",
                         "Recorre las posiciones de inicio y, para cada una, los finales permitidos.")
        if (pendiente := unfinished(salida, "mejor_span")) is not None:
            return pendiente
        pareja, problema = (None, None) if isinstance(salida, (str, bytes)) else \
            numeric(salida, "La pareja que devuelve tu función")
        if pareja is None or pareja.shape != (2,):
            return wrong(problema or f"Esperaba una pareja de enteros (i, j) y obtuve {salida!r}.",
                         "Devuelve, por ejemplo, return i, j.")
        if (problema := integers(pareja, "La pareja (i, j)")):
            return wrong(problema, "i y j son posiciones de tokens: devuelve enteros, por ejemplo "
                         "con int(np.argmax(...)).")
        i, j = (int(v) for v in pareja)
        ri, rj, _ = _mejor_span_ref(inicio, fin, max_len)
        if (i, j) == (ri, rj):
            continue
        if j < i:
            return wrong(f"Devolviste un tramo que termina antes de empezar ({i}, {j}).",
                         "El fin debe cumplir j >= i.")
        if j - i + 1 > max_len:
            return wrong(f"Tu tramo ({i}, {j}) mide {j - i + 1} tokens y max_len es {max_len}.",
                         "Limita la longitud: j < i + max_len.")
        if (i, j) == (int(np.argmax(inicio)), int(np.argmax(fin))):
            return wrong("Tomar el argmax de inicio y el de fin por separado no basta.",
                         "Busca la pareja válida que maximiza la SUMA de los dos logits.")
        return wrong(f"El tramo ({i}, {j}) no es el de mayor puntuación válida.",
                     "Compara inicio[i] + fin[j] para todas las parejas con i <= j < i + max_len.")
    return correct("Encuentras el tramo válido de mayor puntuación, también cuando los argmax "
                   "por separado darían un tramo imposible.")
