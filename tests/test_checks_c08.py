"""Pruebas de las comprobaciones del cuaderno 08 (sin modelos ni entrenamiento)."""

from collections import Counter

from course_utils.checks import c08


def _norm(t):
    return " ".join(t.lower().split())


def _em_bien(predicciones, referencias):
    if len(predicciones) != len(referencias):
        raise ValueError("longitudes distintas")
    return sum(_norm(p) == _norm(r) for p, r in zip(predicciones, referencias, strict=True)) / len(referencias)


def test_exact_match_correcto():
    assert c08.check_exact_match(_em_bien).ok


def test_exact_match_sin_normalizar():
    r = c08.check_exact_match(lambda p, r: sum(a == b for a, b in zip(p, r, strict=False)) / len(r))
    assert not r.ok and "sin normalizar" in r.message


def test_exact_match_recuento():
    r = c08.check_exact_match(lambda p, r: sum(_norm(a) == _norm(b) for a, b in zip(p, r, strict=False)))
    assert not r.ok and "recuento" in r.message


def test_exact_match_sin_valueerror():
    r = c08.check_exact_match(lambda p, r: sum(_norm(a) == _norm(b) for a, b in zip(p, r, strict=False)) / len(r))
    assert not r.ok and "ValueError" in r.message


def test_exact_match_tipos_y_errores():
    assert not c08.check_exact_match(lambda p, r: [a == b for a, b in zip(p, r, strict=False)]).ok
    assert not c08.check_exact_match(lambda p, r: 1 / 0).ok
    assert not c08.check_exact_match(0.5).ok


def test_exact_match_none():
    r = c08.check_exact_match(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def _rouge_bien(prediccion, referencia):
    p, r = Counter(prediccion.lower().split()), Counter(referencia.lower().split())
    total = sum(r.values())
    return 0.0 if total == 0 else sum(min(p[w], n) for w, n in r.items()) / total


def test_rouge_correcto():
    assert c08.check_rouge1_recall(_rouge_bien).ok


def test_rouge_precision():
    def precision(pred, ref):
        p, r = Counter(pred.lower().split()), Counter(ref.lower().split())
        return sum(min(p[w], n) for w, n in r.items()) / sum(p.values())

    r = c08.check_rouge1_recall(precision)
    assert not r.ok and "precisión" in r.message


def test_rouge_sin_recorte():
    def sin_recorte(pred, ref):
        r_tok = ref.lower().split()
        return sum(w in set(r_tok) for w in pred.lower().split()) / len(r_tok)

    r = c08.check_rouge1_recall(sin_recorte)
    assert not r.ok and "Recorta" in r.message


def test_rouge_sin_minusculas():
    def sensible(pred, ref):
        p, r = Counter(pred.split()), Counter(ref.split())
        return sum(min(p[w], n) for w, n in r.items()) / sum(r.values())

    r = c08.check_rouge1_recall(sensible)
    assert not r.ok and "minúsculas" in r.message


def test_rouge_tipos_y_errores():
    assert not c08.check_rouge1_recall(lambda p, r: "alto").ok
    assert not c08.check_rouge1_recall(lambda p, r: 1 / 0).ok
    assert not c08.check_rouge1_recall("rouge").ok


def test_rouge_none():
    r = c08.check_rouge1_recall(None)
    assert not r.ok and "Aún no hay respuesta" in r.message


def test_qa_correcto():
    assert c08.check_formato_qa(lambda q, c: f"question: {q} context: {c}").ok
    assert c08.check_formato_qa(lambda q, c: f"question:  {q}   context: {c} ").ok


def test_qa_orden_y_espanol():
    r = c08.check_formato_qa(lambda q, c: f"context: {c} question: {q}")
    assert not r.ok and "antes" in r.message
    r = c08.check_formato_qa(lambda q, c: f"pregunta: {q} contexto: {c}")
    assert not r.ok and "inglés" in r.message


def test_qa_sin_prefijo_y_tipos():
    r = c08.check_formato_qa(lambda q, c: f"{q} {c}")
    assert not r.ok and "formato" in r.message
    assert not c08.check_formato_qa(lambda q, c: ["question:", q, "context:", c]).ok
    assert not c08.check_formato_qa(lambda q, c: f"question: {q.upper()} context: {c}").ok
    assert not c08.check_formato_qa(42).ok


def test_qa_none():
    r = c08.check_formato_qa(None)
    assert not r.ok and "Aún no hay respuesta" in r.message
