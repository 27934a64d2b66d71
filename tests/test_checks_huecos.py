"""El hueco de la versión del alumno (una función que aún devuelve None) recibe siempre
«Aún no hay respuesta», no un error de forma o de tipo que despiste."""

import pytest

from course_utils.checks import c01, c02, c03, c04, c05, c06, c07, c08, c09


def _hueco(*args, **kwargs):
    return None


CHECKS_DE_FUNCIONES = [
    c01.check_vecinos,
    c02.check_paso_gru,
    c03.check_mascara_causal,
    c03.check_parametros_mha,
    c04.check_rellenar_lote,
    c05.check_media_enmascarada,
    c05.check_top_k_coseno,
    c06.check_especificidad,
    c06.check_f1_macro,
    c06.check_mejor_span,
    c07.check_top_k,
    c07.check_perplejidad,
    c07.check_etiquetas,
    c08.check_exact_match,
    c08.check_rouge1_recall,
    c08.check_formato_qa,
    c09.check_cuantizar_por_canal,
    c09.check_enmascarar_tarjetas,
]


@pytest.mark.parametrize("check", CHECKS_DE_FUNCIONES,
                         ids=[f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__}"
                              for c in CHECKS_DE_FUNCIONES])
def test_funcion_sin_completar(check):
    resultado = check(_hueco)
    assert not resultado.ok
    assert "Aún no hay respuesta" in resultado.message
    assert "None" in resultado.message
