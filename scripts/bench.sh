#!/usr/bin/env bash
# Benchmark of the build integration (issue: no-op rebuild cost, warm shared cache, time per pipeline stage).
# Prints figures; it asserts nothing. Ratios are measured in one run, interleaved, because the machine is shared.
# Usage: scripts/bench.sh [rounds]   (default 5)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/mc bench XXXX")
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building engine and tasks (Release)..."
dotnet build "$repo/src/ModelCompress.Cli" -c Release -v:q -nologo >/dev/null
dotnet build "$repo/src/ModelCompress.Build.Tasks" -c Release -v:q -nologo >/dev/null
props=(-p:ModelCompressBuildDir="$repo/build/"
       -p:ModelCompressTasksAssembly="$repo/src/ModelCompress.Build.Tasks/bin/Release/netstandard2.0/ModelCompress.Build.Tasks.dll"
       -p:ModelCompressToolPath="$repo/src/ModelCompress.Cli/bin/Release/net10.0/modelcompress.dll"
       -p:ModelCompressCacheDir="$work/shared-cache/" -nodeReuse:false -v:q -nologo)

for copy in on off; do
  mkdir -p "$work/$copy"
  cp -r "$repo/testprojects/." "$work/$copy/"
done
# With the package off there is no CompressedModels class: the "off" copy gets a Program.cs that does not use it.
# A no-op rebuild compiles nothing, so this does not change what is timed.
printf 'System.Console.WriteLine("compression disabled");\n' > "$work/off/DigitsApp/Program.cs"
now() { date +%s.%N; }
build() { # $1 copy, rest: extra args; prints seconds
  local start end; start=$(now)
  dotnet build "$work/$1/DigitsApp" --no-restore "${props[@]}" "${@:2}" >/dev/null
  end=$(now); echo "$end - $start" | bc -l
}
dotnet restore "$work/on/DigitsApp" -v:q >/dev/null; dotnet restore "$work/off/DigitsApp" -v:q >/dev/null
first=$(build on)
build off -p:ModelCompressEnabled=false >/dev/null

on_total=0; off_total=0
for i in $(seq "$rounds"); do
  t_on=$(build on); t_off=$(build off -p:ModelCompressEnabled=false)
  on_total=$(echo "$on_total + $t_on" | bc -l); off_total=$(echo "$off_total + $t_off" | bc -l)
  printf 'round %d: no-op rebuild with package %.2f s, with ModelCompressEnabled=false %.2f s\n' "$i" "$t_on" "$t_off"
done
printf 'first build (engine runs, cold cache): %.2f s\n' "$first"
printf 'no-op rebuild: mean %.2f s with package vs %.2f s disabled; ratio %.3f\n' \
  "$(echo "$on_total / $rounds" | bc -l)" "$(echo "$off_total / $rounds" | bc -l)" "$(echo "$on_total / $off_total" | bc -l)"

rm -rf "$work/on/DigitsApp/obj" "$work/on/DigitsApp/bin"
dotnet restore "$work/on/DigitsApp" -v:q >/dev/null
warm=$(build on)
printf 'rebuild after deleting obj/ (warm shared cache, engine re-evaluates): %.2f s\n' "$warm"
rm -rf "$work/on/DigitsApp/obj" "$work/on/DigitsApp/bin" "$work/shared-cache"
dotnet restore "$work/on/DigitsApp" -v:q >/dev/null
cold=$(build on)
printf 'rebuild after deleting obj/ and the cache (cold): %.2f s\n' "$cold"

report=$(find "$work/on/DigitsApp/obj" -name report.json | head -n 1)
echo "time per pipeline stage (last cold run, from $report):"
python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for m in r["models"]:
    for s in m["stages"]:
        print(f"  {m['name']}: {s['stage']:<32} {s['durationMs']:9.1f} ms")
PY
