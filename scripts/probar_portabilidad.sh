#!/usr/bin/env bash
# Comprueba, en una sola máquina, que las salidas guardadas de los cuadernos valen en otra CPU.
#
# Ejecuta la orden de pruebas (scripts/probar.sh) con dos configuraciones que cambian la
# aritmética del entrenamiento como lo haría otro procesador:
#   1) un solo núcleo (taskset -c 0) y los núcleos AVX2 de oneDNN (ONEDNN_MAX_CPU_ISA=AVX2);
#   2) sin las optimizaciones de oneDNN (TF_ENABLE_ONEDNN_OPTS=0).
# Las salidas se guardan con la configuración normal (scripts/ejecutar_cuadernos.py) y deben
# pasar en las tres. Uso:
#   bash scripts/probar_portabilidad.sh               # una tras otra (unos 45 min en 2 núcleos)
#   bash scripts/probar_portabilidad.sh --a-la-vez    # las dos a la vez; registros en build/
# Los argumentos restantes van a pytest (por ejemplo, notebooks/07_gpt_generacion.ipynb).
set -euo pipefail
cd "$(dirname "$0")/.."

a_la_vez=0
if [ "${1:-}" = "--a-la-vez" ]; then a_la_vez=1; shift; fi
if ! command -v taskset > /dev/null; then
  echo "Falta taskset (paquete util-linux): esta comprobación es para Linux." >&2
  exit 1
fi
bash scripts/_dependencias.sh

una_cpu() { taskset -c 0 env ONEDNN_MAX_CPU_ISA=AVX2 bash scripts/probar.sh "$@"; }
sin_onednn() { TF_ENABLE_ONEDNN_OPTS=0 bash scripts/probar.sh "$@"; }

if [ "$a_la_vez" = 1 ]; then
  mkdir -p build/portabilidad
  una_cpu "$@" > build/portabilidad/un_nucleo_avx2.log 2>&1 & pid1=$!
  sin_onednn "$@" > build/portabilidad/sin_onednn.log 2>&1 & pid2=$!
  estado=0
  wait "$pid1" || estado=1
  wait "$pid2" || estado=1
  for f in build/portabilidad/un_nucleo_avx2.log build/portabilidad/sin_onednn.log; do
    echo "== $f"; tail -n 3 "$f"
  done
  exit "$estado"
fi
echo "== 1/2: un núcleo (taskset -c 0) y oneDNN con AVX2 (ONEDNN_MAX_CPU_ISA=AVX2)"
una_cpu "$@"
echo "== 2/2: sin optimizaciones de oneDNN (TF_ENABLE_ONEDNN_OPTS=0)"
sin_onednn "$@"
echo "Las salidas guardadas valen también con otra aritmética de CPU."
