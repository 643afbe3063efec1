#!/usr/bin/env bash
# Calibration memory and time: static int8 calibration of the digits CNN with 100 and with 10,000 rows (x_calib
# repeated), each in its own process (`modelcompress bench quantize`), so each peak working set (VmHWM) is that
# process's alone. Prints both peaks and their ratio (the target: within 10 %), and calibration time against
# float inference of the same rows: median of rounds of calibration / (1.5 x float + 1 s), target <= 1.
# Usage: scripts/calibration-memory.sh [minmax|percentile|entropy ...]   (default: minmax entropy)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
methods=("${@:-minmax}")
[ $# -eq 0 ] && methods=(minmax entropy)
dotnet build "$root/src/ModelCompress.Cli" -c Release -v q -nologo >/dev/null
tool="$root/src/ModelCompress.Cli/bin/Release/net10.0/modelcompress"
data="$root/tests/TestData/digits"
peak() { grep -o 'peak working set [0-9.]* MiB' <<<"$1" | grep -o '[0-9.]*'; }
for method in "${methods[@]}"; do
  declare -A mib=()
  for samples in 100 10000; do
    out="$("$tool" bench quantize "$data/digits_cnn.onnx" --data "$data/digits.npz" --method "$method" --samples "$samples" --rounds 3 --iterations 20)"
    echo "$method, $samples rows: $(sed -n 1,2p <<<"$out" | tr '\n' ' ')"
    mib[$samples]="$(peak "$out")"
  done
  awk -v a="${mib[100]}" -v b="${mib[10000]}" -v m="$method" \
    'BEGIN { printf "%s: peak working set 100 rows %.1f MiB, 10000 rows %.1f MiB, ratio %.3f (%+.1f %%; target within 10 %%)\n", m, a, b, b / a, (b / a - 1) * 100 }'
done
