"""Comprobaciones de los ejercicios del cuaderno 09 (LLMs en la práctica).

- Ejercicio 1: :func:`check_lora_params` (parámetros entrenables de LoRA y ahorro).
- Ejercicio 2: :func:`check_cuantizar_por_canal` (INT8 simétrico por canal de salida).
- Ejercicio 3: :func:`check_enmascarar_tarjetas` (enmascarar tarjetas válidas según Luhn).

Las comprobaciones de funciones llaman a la función del estudiante con entradas
nuevas y la comparan con una referencia, sin mostrar la solución.
"""

from __future__ import annotations

import re

import numpy as np

from ._base import (
    Result,
    call_student,
    correct,
    missing,
    number,
    numeric,
    raised,
    unfinished,
    wrong,
)

# Ejercicio 1: la capa del enunciado.
D_IN, D_OUT = 4096, 11008
RANGOS = (4, 16, 32)


# --- Ejercicio 1 ---------------------------------------------------------------------------

def check_lora_params(lora_params) -> Result:
    """Cuaderno 09, ejercicio 1: ``lora_params = {r: (parámetros, porcentaje)}``.

    Para una capa densa de ``4096 -> 11008`` y ``r`` en 4, 16 y 32, cada valor es
    una pareja con el número de parámetros entrenables que añade LoRA (las
    matrices A y B, sin sesgo) y el porcentaje que suponen respecto a los
    ``4096 x 11008`` pesos de la matriz completa (en %, de 0 a 100).
    """
    if lora_params is None:
        return missing("Escribe lora_params = {4: (parametros, porcentaje), 16: (...), 32: (...)}.")
    if not isinstance(lora_params, dict):
        return wrong("lora_params debe ser un diccionario {r: (parametros, porcentaje)}.",
                     "usa las claves 4, 16 y 32.")
    claves = {int(k) for k in lora_params if isinstance(k, (int, np.integer))}
    if claves != set(RANGOS):
        return wrong(f"Las claves deben ser exactamente los rangos {list(RANGOS)}; "
                     f"tienes {sorted(lora_params, key=str)}.", "una entrada por valor de r.")
    completa = D_IN * D_OUT
    for r in RANGOS:
        valor = lora_params[r]
        if not isinstance(valor, (tuple, list)) or len(valor) != 2:
            return wrong(f"lora_params[{r}] debe ser una pareja (parametros, porcentaje).",
                         "por ejemplo (n, 100 * n / total).")
        params, problema = number(valor[0], f"El número de parámetros de lora_params[{r}]")
        if not problema:
            porcentaje, problema = number(valor[1], f"El porcentaje de lora_params[{r}]")
        if problema:
            return wrong(problema, "cada valor es una pareja de números (parametros, porcentaje).")
        esperado = r * (D_IN + D_OUT)
        if params == r * D_IN * D_OUT or params == r * r:
            return wrong(f"Con r={r} has multiplicado mal las dimensiones.",
                         "A tiene forma (d_in, r) y B (r, d_out): suma sus tamaños.")
        if params in (r * D_IN, r * D_OUT):
            return wrong(f"Con r={r} solo cuentas una de las dos matrices.",
                         "LoRA entrena A y B a la vez.")
        if abs(params - esperado) > 0.5:
            return wrong(f"Con r={r} el número de parámetros no es correcto.",
                         "cuenta los elementos de A (d_in x r) y de B (r x d_out).")
        correcto = 100 * esperado / completa
        if abs(porcentaje - correcto / 100) < 1e-6 * max(1.0, correcto):
            return wrong(f"Con r={r} el porcentaje parece una fracción (entre 0 y 1).",
                         "multiplícala por 100.")
        if abs(porcentaje - correcto) > 1e-3 * max(1.0, correcto):
            return wrong(f"Con r={r} el porcentaje respecto a la matriz completa no es correcto.",
                         "divide entre d_in x d_out, los pesos que entrenaría el ajuste completo.")
    return correct("Con r=32 LoRA entrena menos del 1,1 % de los pesos de esa capa, y el "
                   "coste crece de forma lineal con r, no cuadrática.")


# --- Ejercicio 2 ---------------------------------------------------------------------------

def _matrices_de_prueba() -> list[np.ndarray]:
    rng = np.random.default_rng(909)
    a = rng.normal(0, 0.05, size=(6, 5)).astype(np.float32)
    b = rng.normal(0, 0.02, size=(48, 16)).astype(np.float32)
    b[:, 3] *= 25.0  # una columna con valores mucho mayores
    c = rng.normal(0, 1.0, size=(10, 4)).astype(np.float32)
    c[:, 2] = 0.0  # una columna toda a cero
    return [a, b, c]


def check_cuantizar_por_canal(cuantizar_por_canal) -> Result:
    """Cuaderno 09, ejercicio 2: ``cuantizar_por_canal(W) -> (W_q, escalas)``.

    ``W`` tiene forma ``(d_in, d_out)`` (la de un ``kernel`` de Keras). Se espera
    cuantización simétrica INT8 por columna (canal de salida): ``escalas`` de
    forma ``(d_out,)`` con ``max|W[:, j]| / 127`` y ``W_q = round(W / escala)``
    de tipo ``int8``. Se prueba con matrices nuevas, una con una columna de
    valores grandes y otra con una columna toda a cero.
    """
    if cuantizar_por_canal is None:
        return missing("Escribe la función cuantizar_por_canal(W) que devuelve (W_q, escalas).")
    if not callable(cuantizar_por_canal):
        return wrong("cuantizar_por_canal debe ser una función.",
                     "defínela con def cuantizar_por_canal(W): ...")
    for W in _matrices_de_prueba():
        copia = W.copy()
        salida, error = call_student(cuantizar_por_canal, W)
        if error is not None:
            return raised(error)
        if (pendiente := unfinished(salida, "cuantizar_por_canal")) is not None:
            return pendiente
        if not isinstance(salida, (tuple, list)) or len(salida) != 2:
            return wrong("La función debe devolver una pareja (W_q, escalas).",
                         "termina con return W_q, escalas.")
        W_q, escalas = salida
        W_q = np.asarray(W_q.numpy() if hasattr(W_q, "numpy") else W_q)
        if not np.array_equal(W, copia):
            return wrong("Tu función modifica la matriz de entrada.", "trabaja sobre copias.")
        if W_q.shape != W.shape:
            return wrong(f"Para W de forma {W.shape} W_q tiene forma {W_q.shape}.",
                         "W_q debe tener la misma forma que W.")
        if W_q.dtype != np.int8:
            return wrong(f"W_q es de tipo {W_q.dtype}, no int8.",
                         "redondea y convierte con .astype(np.int8) al final.")
        escalas, problema = numeric(escalas, "escalas")
        if problema:
            return wrong(problema, "devuelve un array con una escala por columna.")
        escalas = escalas.reshape(-1) if escalas.size == W.shape[1] else escalas
        if escalas.size == 1:
            return wrong("Devuelves una sola escala para toda la matriz: eso es por tensor.",
                         "calcula una escala por columna (axis=0).")
        if escalas.shape != (W.shape[1],):
            return wrong(f"Para W de forma {W.shape} esperaba {W.shape[1]} escalas (una por "
                         f"columna) y tienes forma {escalas.shape}.",
                         "el canal de salida de un kernel (d_in, d_out) es la columna: axis=0.")
        if np.abs(W_q.astype(int)).max() > 127:
            return wrong("Hay valores fuera de [-127, 127].", "la escala es max|columna| / 127.")
        maximos = np.abs(W).max(axis=0)
        con_datos = maximos > 0
        if not np.all(np.isfinite(escalas[con_datos])):
            return wrong("Alguna escala no es finita.", "")
        if not np.allclose(escalas[con_datos], maximos[con_datos] / 127, rtol=1e-4):
            return wrong("Las escalas no corresponden a una cuantización simétrica por columna.",
                         "escala_j = max(|W[:, j]|) / 127; el máximo de cada columna debe "
                         "ir a ±127.")
        if np.any(W_q[:, ~con_datos] != 0):
            return wrong("Una columna toda a cero no queda a cero tras cuantizar.",
                         "si el máximo de una columna es 0, usa una escala cualquiera > 0 "
                         "(por ejemplo 1) para no dividir entre cero.")
        esperado = np.round(W[:, con_datos] / escalas[con_datos]).astype(int)
        if np.abs(W_q[:, con_datos].astype(int) - esperado).max() > 1:
            return wrong("W_q no es W / escala redondeado.",
                         "usa np.round (al entero más cercano), no truncar con astype.")
        error_max = np.abs(W_q[:, con_datos] * escalas[con_datos] - W[:, con_datos]).max(axis=0)
        if np.any(error_max > escalas[con_datos] * 0.5 + 1e-6):
            return wrong("Al descuantizar, el error supera media escala en alguna columna.",
                         "redondea al entero más cercano con np.round.")
    return correct("Con una escala por columna, una columna con valores grandes ya no "
                   "arruina la precisión de las demás.")


# --- Ejercicio 3 ---------------------------------------------------------------------------

def _luhn_valido(digitos: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digitos)):
        n = int(c)
        if i % 2 == 1:
            n = n * 2 - 9 if n * 2 > 9 else n * 2
        total += n
    return total % 10 == 0


def _tarjeta(rng: np.random.Generator, valida: bool) -> str:
    base = "".join(str(d) for d in rng.integers(0, 10, size=15))
    for control in "0123456789":
        if _luhn_valido(base + control) == valida:
            return base + control
    raise AssertionError("inalcanzable")


def _formatear(numero: str, separador: str) -> str:
    return separador.join(numero[i:i + 4] for i in range(0, 16, 4))


def casos_tarjetas(semilla: int = 99) -> list[tuple[str, str]]:
    """Parejas (texto, texto enmascarado esperado) para el ejercicio 3."""
    rng = np.random.default_rng(semilla)
    v1, v2, v3, v4 = (_tarjeta(rng, True) for _ in range(4))
    i1, i2 = _tarjeta(rng, False), _tarjeta(rng, False)
    largo = "".join(str(d) for d in rng.integers(1, 10, size=20))
    return [
        (f"Pago con la tarjeta {_formatear(v1, ' ')} ayer.", "Pago con la tarjeta [TARJETA] ayer."),
        (f"Tarjeta: {_formatear(v2, '-')}.", "Tarjeta: [TARJETA]."),
        (f"Número {v3}, caduca en 2027.", "Número [TARJETA], caduca en 2027."),
        (f"El pedido {i1} sigue en camino.", f"El pedido {i1} sigue en camino."),
        (f"Referencia {_formatear(i2, ' ')} del envío.", f"Referencia {_formatear(i2, ' ')} del envío."),
        (f"Dos tarjetas: {v4} y {_formatear(v1, '-')}.", "Dos tarjetas: [TARJETA] y [TARJETA]."),
        (f"Código de seguimiento {largo}.", f"Código de seguimiento {largo}."),
        ("Llámame al 612 345 678, sin prisa.", "Llámame al 612 345 678, sin prisa."),
        ("Hoy no hay ningún número en este texto.", "Hoy no hay ningún número en este texto."),
    ]


def check_enmascarar_tarjetas(enmascarar_tarjetas) -> Result:
    """Cuaderno 09, ejercicio 3: ``enmascarar_tarjetas(texto) -> str``.

    Debe sustituir por ``[TARJETA]`` cada número de 16 dígitos (seguidos o en
    grupos de 4 separados por un espacio o un guion) que no forme parte de un
    número más largo y que pase la comprobación de Luhn; el resto del texto no
    cambia. Se prueba con textos nuevos: tarjetas válidas en los tres formatos,
    números de 16 dígitos que no pasan Luhn, un número de 20 dígitos y un teléfono.
    """
    if enmascarar_tarjetas is None:
        return missing("Escribe la función enmascarar_tarjetas(texto) que devuelve el texto "
                       "con las tarjetas válidas sustituidas por [TARJETA].")
    if not callable(enmascarar_tarjetas):
        return wrong("enmascarar_tarjetas debe ser una función.",
                     "defínela con def enmascarar_tarjetas(texto): ...")
    for texto, esperado in casos_tarjetas():
        salida, error = call_student(enmascarar_tarjetas, texto)
        if error is not None:
            return raised(error)
        if (pendiente := unfinished(salida, "enmascarar_tarjetas")) is not None:
            return pendiente
        if not isinstance(salida, str):
            return wrong(f"La función debe devolver un texto (str), no {type(salida).__name__}.",
                         "devuelve el texto con las sustituciones hechas.")
        if salida == esperado:
            continue
        if "[TARJETA]" in esperado and "[TARJETA]" not in salida:
            return wrong(f"No enmascaras una tarjeta válida en: {texto!r}.",
                         "acepta 16 dígitos seguidos o en grupos de 4 separados por espacio "
                         "o guion.")
        if esperado.count("[TARJETA]") < salida.count("[TARJETA]"):
            if re.search(r"\d{20}", texto):
                return wrong(f"Enmascaras parte de un número más largo en: {texto!r}.",
                             "exige que no haya otro dígito justo antes ni justo después "
                             "(por ejemplo con (?<!\\d) y (?!\\d)).")
            return wrong(f"Enmascaras un número que no pasa la comprobación de Luhn: {texto!r}.",
                         "valida cada candidato con el algoritmo de Luhn antes de sustituirlo.")
        if esperado.count("[TARJETA]") > salida.count("[TARJETA]"):
            return wrong(f"Te falta alguna tarjeta en: {texto!r}.",
                         "sustituye todas las apariciones, no solo la primera.")
        return wrong(f"Para {texto!r} esperaba {esperado!r} y obtuve {salida!r}.",
                     "el resto del texto (espacios, puntuación) no debe cambiar.")
    return correct("Validar con Luhn evita enmascarar números de pedido o referencias que "
                   "solo se parecen a una tarjeta.")
