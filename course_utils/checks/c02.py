"""Comprobaciones de los ejercicios del cuaderno 02 (redes recurrentes: RNN, LSTM, GRU, ELMo).

- Ejercicio 1: :func:`check_parametros` (parámetros de una LSTM y de una GRU a partir
  de las fórmulas).
- Ejercicio 2: :func:`check_paso_gru` (un paso de GRU en NumPy con la convención de
  Keras, ``reset_after=True``).
"""

from __future__ import annotations

import numbers

import numpy as np

from ._base import Result, correct, describe_error, missing, number, numeric, wrong

# Tamaños del ejercicio 1 (los dice el enunciado del cuaderno).
EJ1_ENTRADA = 100
EJ1_UNIDADES = 64


def _sigmoide(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _como_entero(valor: object) -> int | None:
    """Entero (de Python o NumPy, o float sin decimales); ``None`` si no lo es."""
    if isinstance(valor, bool):
        return None
    if isinstance(valor, numbers.Integral):
        return int(valor)
    if isinstance(valor, numbers.Real) and float(valor).is_integer():
        return int(valor)
    if isinstance(valor, np.ndarray) and valor.size == 1:
        return _como_entero(valor.item())
    return None


def _cifra(n: int) -> str:
    """Un recuento legible: los números absurdos (1e300) no llenan la pantalla."""
    return str(n) if abs(n) < 10**15 else f"un número de {len(str(abs(n)))} cifras ({str(n)[:4]}…)"


def check_parametros(n_params_lstm: object, n_params_gru: object,
                     m: int = EJ1_ENTRADA, n: int = EJ1_UNIDADES) -> Result:
    """Cuaderno 02, ejercicio 1: parámetros de ``LSTM(n)`` y ``GRU(n)`` con entradas de dimensión m.

    La GRU es la de Keras por defecto (``reset_after=True``, dos vectores de sesgo).
    """
    if n_params_lstm is None or n_params_gru is None:
        return missing("Asigna a `n_params_lstm` y a `n_params_gru` dos enteros calculados con "
                       f"las fórmulas (entrada de dimensión {m}, {n} unidades).")
    for valor, nombre in ((n_params_lstm, "`n_params_lstm`"), (n_params_gru, "`n_params_gru`")):
        if isinstance(valor, (str, bytes)) or not isinstance(valor, numbers.Integral):
            _, problema = number(valor, nombre)
            if problema:
                return wrong(problema, "usa la aritmética de Python con m y n; no hace falta "
                             "Keras.")
    lstm, gru = _como_entero(n_params_lstm), _como_entero(n_params_gru)
    if lstm is None or gru is None:
        return wrong("Las dos respuestas deben ser números enteros (un recuento de parámetros), "
                     f"no {type(n_params_lstm).__name__} y {type(n_params_gru).__name__}.",
                     "usa la aritmética de Python con m y n; no hace falta Keras.")
    bueno_lstm = 4 * n * (n + m + 1)
    bueno_gru = 3 * n * (n + m + 2)
    problemas = []
    if lstm != bueno_lstm:
        if lstm == 4 * n * (n + m):
            problemas.append("En la LSTM falta el sesgo de cada puerta.")
        elif lstm in (n * (n + m + 1), 3 * n * (n + m + 1)):
            problemas.append("En la LSTM no cuentas bien los bloques: ¿cuántas transformaciones "
                             "afines (puertas y candidato) calcula en cada paso?")
        elif lstm in (4 * (n * n + m + 1), 4 * n * (2 * n + 1), 4 * n * (2 * m + 1)):
            problemas.append("En la LSTM revisa el tamaño de las matrices: una multiplica la "
                             "entrada (m filas) y otra el estado anterior (n filas).")
        else:
            problemas.append(f"La LSTM no tiene {_cifra(lstm)} parámetros.")
    if gru != bueno_gru:
        if gru == 3 * n * (n + m + 1):
            problemas.append("En la GRU has usado un solo sesgo por bloque; la GRU de Keras por "
                             "defecto (reset_after=True) tiene dos: uno para la entrada y otro "
                             "para el estado.")
        elif gru == 3 * n * (n + m):
            problemas.append("En la GRU faltan los sesgos (y recuerda que con reset_after=True "
                             "son dos por bloque).")
        elif gru in (4 * n * (n + m + 2), 2 * n * (n + m + 2), 4 * n * (n + m + 1)):
            problemas.append("En la GRU no cuentas bien los bloques: dos puertas y un candidato.")
        else:
            problemas.append(f"La GRU no tiene {_cifra(gru)} parámetros.")
    if problemas:
        return wrong(" ".join(problemas),
                     "cada bloque tiene una matriz para la entrada, otra para el estado anterior "
                     "y su sesgo; cuenta cuántos bloques tiene cada celda.")
    return correct(f"La LSTM tiene {bueno_lstm} parámetros y la GRU {bueno_gru}: la GRU ahorra "
                   "un bloque entero (un 25 % menos).")


def _gru_referencia(x, h, W, U, b, reset_after=True, z_nuevo=False):
    """Un paso de GRU como lo calcula Keras (puertas en el orden z, r, candidato)."""
    n = h.shape[-1]
    b_x, b_h = (b[0], b[1]) if b.ndim == 2 else (b, np.zeros_like(b))
    xw = x @ W + b_x
    z = _sigmoide(xw[:, :n] + h @ U[:, :n] + b_h[:n])
    r = _sigmoide(xw[:, n:2 * n] + h @ U[:, n:2 * n] + b_h[n:2 * n])
    if reset_after:
        cand = np.tanh(xw[:, 2 * n:] + r * (h @ U[:, 2 * n:] + b_h[2 * n:]))
    else:
        cand = np.tanh(xw[:, 2 * n:] + (r * h) @ U[:, 2 * n:] + b_h[2 * n:])
    if z_nuevo:
        return (1 - z) * h + z * cand
    return z * h + (1 - z) * cand


def _entradas_gru(seed: int, lote: int = 3, m: int = 5, n: int = 4):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(lote, m))
    h = rng.normal(scale=0.5, size=(lote, n))
    W = rng.normal(scale=0.6, size=(m, 3 * n))
    U = rng.normal(scale=0.6, size=(n, 3 * n))
    b = rng.normal(scale=0.3, size=(2, 3 * n))
    return x, h, W, U, b


def check_paso_gru(paso_gru: object) -> Result:
    """Cuaderno 02, ejercicio 2: ``paso_gru(x, h, W, U, b)`` en NumPy como la GRU de Keras.

    ``x`` (lote, m), ``h`` (lote, n), ``W`` = kernel (m, 3n), ``U`` = recurrent_kernel
    (n, 3n), ``b`` = bias (2, 3n); bloques en el orden z, r, candidato; devuelve el
    nuevo estado (lote, n). Se prueba con entradas aleatorias nuevas.
    """
    if paso_gru is None:
        return missing("Define la función `paso_gru(x, h, W, U, b)` que devuelve el nuevo estado "
                       "y asígnala (sin paréntesis) a `paso_gru`.")
    if not callable(paso_gru):
        return wrong(f"`paso_gru` debería ser una función, no {type(paso_gru).__name__}.",
                     "asigna la función misma, sin llamarla.")
    for seed, tamaños in ((101, (3, 5, 4)), (202, (1, 3, 6)), (303, (2, 7, 2))):
        lote, m, n = tamaños
        x, h, W, U, b = _entradas_gru(seed, lote, m, n)
        try:
            salida = paso_gru(x.copy(), h.copy(), W.copy(), U.copy(), b.copy())
        except Exception as exc:  # noqa: BLE001 - se informa al estudiante
            return wrong(f"Tu función lanzó {describe_error(exc)} (con x de forma {x.shape}, "
                         f"h {h.shape}, W {W.shape}, U {U.shape}, b {b.shape}).",
                         "separa los bloques por columnas: [:, :n], [:, n:2*n] y [:, 2*n:]; "
                         "b[0] es el sesgo de la entrada y b[1] el del estado.")
        if salida is None:
            return missing("Tu función `paso_gru` todavía devuelve None: completa su cuerpo para "
                           "que devuelva el nuevo estado h_t.")
        salida, problema = numeric(salida, "El estado que devuelve tu función")
        if problema:
            return wrong(problema, "devuelve un array de NumPy de forma (lote, n).")
        if salida.shape != (lote, n):
            return wrong(f"Con un lote de {lote} y {n} unidades esperaba un estado de forma "
                         f"{(lote, n)}, y tu función devuelve {salida.shape}.",
                         "el nuevo estado tiene una fila por ejemplo y una columna por unidad.")
        if np.allclose(salida, _gru_referencia(x, h, W, U, b), atol=1e-6):
            continue
        if np.allclose(salida, _gru_referencia(x, h, W, U, b, z_nuevo=True), atol=1e-6):
            return wrong("Casi: has intercambiado z y 1 - z en la mezcla final.",
                         "en Keras la puerta de actualización z multiplica al estado anterior.")
        if np.allclose(salida, _gru_referencia(x, h, W, U, b, reset_after=False), atol=1e-6):
            return wrong("Aplicas la puerta de reinicio antes de multiplicar por U (la variante "
                         "reset_after=False).",
                         "con reset_after=True, r multiplica a (h @ U_h + b_h), ya calculado.")
        if np.allclose(salida, _gru_referencia(x, h, W, U, b[0]), atol=1e-6):
            return wrong("Falta el sesgo del estado (b[1]).",
                         "hay dos sesgos: b[0] acompaña a x @ W y b[1] a h @ U.")
        return wrong("El estado no coincide con el de la GRU de Keras en entradas aleatorias "
                     "nuevas.",
                     "comprueba el orden de los bloques (z, r, candidato), que las puertas usan "
                     "la sigmoide y el candidato tanh, y prueba tu función contra "
                     "tf.keras.layers.GRU con los mismos pesos.")
    return correct("Tu paso de GRU coincide con el de Keras en tres casos con tamaños distintos.")
