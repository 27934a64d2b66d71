"""Comprobaciones de los ejercicios de código, un módulo por cuaderno (``c02``, ``c05``...).

Uso en un cuaderno::

    from course_utils.checks import c02
    c02.check_lstm_params(mi_respuesta)

Cada comprobación responde al momento, en español: si es correcto, o qué falla
con una pista, sin dar la solución. Con la respuesta vacía (``None``, lo que deja
la versión del estudiante) recuerda qué hay que escribir.
"""
