"""Comprobaciones de los ejercicios del cuaderno 03 (atención y Transformer).

- :func:`check_mascara_causal`: ejercicio 1, una función que construye la máscara causal.
- :func:`check_pesos_atencion`: ejercicio 2, pesos de atención de unas Q y K pequeñas.
- :func:`check_parametros_mha`: ejercicio 3, fórmula del número de parámetros de
  ``tf.keras.layers.MultiHeadAttention``.
"""

from __future__ import annotations

import numpy as np

from ._base import Result, call_student, correct, missing, number, numeric, softmax, wrong

# Datos del ejercicio 2 (los mismos que muestra el cuaderno).
Q_EJ = np.array([[1.0, 0.0, 2.0],
                 [0.0, 3.0, -1.0]])
K_EJ = np.array([[1.0, 1.0, 0.0],
                 [0.0, 2.0, 1.0],
                 [2.0, 0.0, 1.0],
                 [-1.0, 1.0, 1.0]])


# --- Ejercicio 1 -------------------------------------------------------------------------


def check_mascara_causal(mascara_causal: object) -> Result:
    """Ejercicio 1 del cuaderno 03: ``mascara_causal(n)`` devuelve la máscara causal ``(n, n)``.

    Convención del cuaderno: fila = consulta ``i``, columna = clave ``j``; vale 1
    (o ``True``) donde la consulta puede atender (``j <= i``) y 0 donde no. La
    comprobación llama a la función con tamaños que el cuaderno no usa.
    """
    if mascara_causal is None:
        return missing("Define una función `mascara_causal(n)` que devuelva una matriz (n, n) "
                       "con 1 donde la consulta i puede atender a la clave j y 0 donde no.")
    if not callable(mascara_causal):
        return wrong(f"`mascara_causal` debe ser una función, no {type(mascara_causal).__name__}.",
                     "Escribe `def mascara_causal(n): ...` y devuelve la matriz con `return`.")
    for n in (3, 6, 1, 11):
        salida, error = call_student(mascara_causal, n)
        if error is not None:
            return wrong(f"Al llamar a mascara_causal({n}) saltó un error: {error}",
                         "Prueba tu función con varios tamaños antes de comprobarla.")
        if salida is None:
            return missing("Tu función `mascara_causal` todavía devuelve None: completa su cuerpo "
                           "para que devuelva la matriz (n, n).")
        m, problema = numeric(salida, f"mascara_causal({n})")
        if problema:
            return wrong(problema, "Devuelve una matriz (n, n) completa, con sus ceros, como "
                         "array de NumPy o tensor de TensorFlow.")
        if m.shape != (n, n):
            return wrong(f"mascara_causal({n}) tiene forma {m.shape} y debería ser ({n}, {n}).",
                         "Hay una fila por consulta y una columna por clave; sin eje de lote.")
        permitido = np.tril(np.ones((n, n)))
        if np.array_equal(m != 0, permitido.astype(bool)) and np.isin(m, (0, 1)).all():
            continue
        if n > 1 and np.all(m[permitido == 1] == 0) and np.all(m[permitido == 0] < -1e3):
            return wrong("Devolviste la máscara aditiva (0 donde se permite, un número muy "
                         "negativo donde no).",
                         "En este ejercicio la máscara es de unos y ceros: 1 = puede atender.")
        if n > 1 and np.array_equal(m != 0, np.triu(np.ones((n, n))).astype(bool)):
            return wrong("Tu máscara deja que cada token mire al futuro y no al pasado: está "
                         "traspuesta.",
                         "Las filas son las consultas: la fila i solo puede tener unos hasta la "
                         "columna i.")
        if n > 1 and np.array_equal(m != 0, np.tril(np.ones((n, n)), k=-1).astype(bool)):
            return wrong("La diagonal de tu máscara vale 0: ningún token puede atenderse a sí "
                         "mismo.",
                         "Un token ve las posiciones anteriores y también la suya.")
        if not np.isin(m, (0, 1)).all():
            return wrong(f"mascara_causal({n}) contiene valores distintos de 0 y 1.",
                         "Usa 1 (o True) para 'puede atender' y 0 (o False) para 'no puede'.")
        return wrong(f"mascara_causal({n}) no tiene los unos en su sitio.",
                     "La consulta i puede atender a las claves j con j <= i: un triángulo.")
    return correct("Con cualquier tamaño, cada posición ve solo su pasado y a sí misma: "
                   "es la máscara del decodificador de GPT.")


# --- Ejercicio 2 -------------------------------------------------------------------------


def check_pesos_atencion(pesos: object) -> Result:
    """Ejercicio 2 del cuaderno 03: ``softmax(Q K^T / sqrt(d_k))`` con ``Q_EJ`` y ``K_EJ``.

    ``pesos`` debe tener forma ``(2, 4)`` (consultas x claves) y cada fila debe
    sumar 1.
    """
    if pesos is None:
        return missing("Asigna a `pesos_ej` la matriz de pesos de atención (consultas x claves) "
                       "de Q_ej y K_ej.")
    p, problema = numeric(pesos, "`pesos_ej`")
    if problema:
        return wrong(problema, "Calcula con NumPy o TensorFlow y asigna el resultado.")
    d_k = K_EJ.shape[1]
    puntuaciones = Q_EJ @ K_EJ.T
    esperada = softmax(puntuaciones / np.sqrt(d_k))
    if p.shape == (4, 2):
        return wrong("`pesos_ej` tiene forma (4, 2): hay una fila por clave.",
                     "Las filas son las consultas (2) y las columnas las claves (4): Q por K "
                     "traspuesta.")
    if p.shape != esperada.shape:
        return wrong(f"`pesos_ej` tiene forma {p.shape} y debería ser {esperada.shape}.",
                     "Hay un peso por cada pareja (consulta, clave).")
    if np.allclose(p, esperada, atol=1e-4):
        return correct("Cada consulta reparte una unidad de atención entre las 4 claves.")
    if np.allclose(p, softmax(puntuaciones), atol=1e-4):
        return wrong("Olvidaste el escalado: tus pesos salen más extremos de lo que deberían.",
                     "Divide las puntuaciones antes de la softmax.")
    if np.allclose(p, softmax(puntuaciones / d_k), atol=1e-4):
        return wrong("Dividiste por d_k; el escalado del Transformer es otro.",
                     "La varianza de q·k crece como d_k; su desviación típica, como su raíz.")
    if np.allclose(p, softmax(puntuaciones / np.sqrt(d_k), axis=0), atol=1e-4):
        return wrong("Tu softmax normaliza por columnas: suman 1 las claves, no las consultas.",
                     "Cada consulta (fila) reparte su atención: normaliza a lo largo del último "
                     "eje.")
    if np.allclose(p, puntuaciones / np.sqrt(d_k), atol=1e-4):
        return wrong("Esas son las puntuaciones escaladas, todavía sin normalizar.",
                     "Falta el último paso, el que convierte cada fila en una distribución.")
    if not np.allclose(p.sum(axis=-1), 1.0, atol=1e-3):
        return wrong("Las filas de `pesos_ej` no suman 1.",
                     "Los pesos de una consulta forman una distribución de probabilidad.")
    return wrong("Las filas suman 1, pero los valores no coinciden con los esperados.",
                 "Revisa el producto Q K^T (cada consulta contra cada clave) y el escalado.")


# --- Ejercicio 3 -------------------------------------------------------------------------


def _mha_referencia(d_model: int, n_cabezas: int, key_dim: int) -> int:
    proyecciones = 3 * (d_model * n_cabezas * key_dim + n_cabezas * key_dim)
    salida = n_cabezas * key_dim * d_model + d_model
    return proyecciones + salida


def check_parametros_mha(parametros_mha: object) -> Result:
    """Ejercicio 3 del cuaderno 03: ``parametros_mha(d_model, n_cabezas, key_dim)``.

    Debe devolver el número de parámetros entrenables de
    ``tf.keras.layers.MultiHeadAttention(num_heads=n_cabezas, key_dim=key_dim)``
    aplicada a entradas de dimensión ``d_model`` (con sesgos, ``value_dim =
    key_dim`` y salida de dimensión ``d_model``). Se prueba con tamaños nuevos,
    también con ``n_cabezas * key_dim != d_model``.
    """
    if parametros_mha is None:
        return missing("Define `parametros_mha(d_model, n_cabezas, key_dim)` que devuelva el "
                       "número de parámetros de la capa multi-cabeza.")
    if not callable(parametros_mha):
        return wrong(f"`parametros_mha` debe ser una función, no {type(parametros_mha).__name__}.",
                     "Escribe `def parametros_mha(d_model, n_cabezas, key_dim): ...`.")
    for d, h, k in ((16, 2, 8), (48, 3, 10), (64, 8, 4), (10, 5, 7)):
        valor, error = call_student(parametros_mha, d, h, k)
        if error is not None:
            return wrong(f"parametros_mha({d}, {h}, {k}) lanzó {error}",
                         "La función debe aceptar tres enteros y devolver un número.")
        if valor is None:
            return missing("Tu función `parametros_mha` todavía devuelve None: completa su cuerpo "
                           "para que devuelva el número de parámetros.")
        n, problema = number(valor, f"Lo que devuelve parametros_mha({d}, {h}, {k})")
        if problema:
            return wrong(problema, "Devuelve un entero.")
        esperado = _mha_referencia(d, h, k)
        if n == esperado:
            continue
        hk = h * k
        caso = f"Con d_model={d}, {h} cabezas y key_dim={k}"
        if n == 4 * d * hk:
            return wrong(f"{caso} te salen {n:.15g}: faltan los sesgos.",
                         "Cada proyección densa tiene también un vector de sesgo.")
        if n == 3 * (d * hk + hk):
            return wrong(f"{caso} te salen {n:.15g}: falta la proyección de salida W^O.",
                         "Tras concatenar las cabezas, una capa densa vuelve a d_model.")
        if n == 4 * (d * hk + hk):
            return wrong(f"{caso} te salen {n:.15g}: el sesgo de la proyección de salida está "
                         "mal contado.",
                         "W^O devuelve vectores de dimensión d_model: ¿cuántos sesgos tiene?")
        if n == 4 * d * d + 4 * d and hk != d:
            return wrong(f"{caso} te salen {n:.15g}: supones que n_cabezas * key_dim = d_model.",
                         "En Keras key_dim es libre; usa n_cabezas * key_dim donde corresponda.")
        return wrong(f"{caso} te salen {n:.15g} parámetros y no es lo que tiene la capa.",
                     "Suma las cuatro proyecciones (Q, K, V y salida), cada una con su matriz y "
                     "su sesgo; compruébalo con mha.count_params().")
    return correct("Cuatro proyecciones densas con sesgo: el número de cabezas reparte el "
                   "tamaño, no lo multiplica si key_dim = d_model / n_cabezas.")
