#!/usr/bin/env bash
# No-op rebuild cost of ModelCompress.Build in a consumer app, as a user gets it from NuGet: the same console app
# outside the repository, once with the PackageReference (graph-only prune + quantize config) and once without it
# (a Program.cs that does not use the accessor), each built once, then `dotnet build --no-restore` of both
# interleaved for N rounds. Prints every round, the medians and their ratio (target <= 1.03). Asserts nothing.
# Usage: scripts/bench-package.sh [rounds (default 7)] [--feed DIR (already packed)]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=7; packed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) packed=$(cd "$2" && pwd); shift 2 ;;
    *) rounds=$1; shift ;;
  esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/mc-bench-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "$packed" ]; then feed=$packed; else
  feed="$work/feed"; "$repo/scripts/pack.sh" --feed "$feed" --rids linux-x64 --no-training --work "$work/pack" >/dev/null; rm -rf "$work/pack"
fi
version=$(ls "$feed" | sed -n 's/^ModelCompress\.Build\.\([0-9][^n]*\)\.nupkg$/\1/p')
# shellcheck source=scripts/lib/consumer-app.sh
source "$repo/scripts/lib/consumer-app.sh"
steps='      - prune: { method: magnitude, sparsity: 0.5, scope: global }
      - quantize: { mode: dynamic }'
make_app "$work/with" "$steps"
make_app "$work/without" "$steps"
# Without the package: no PackageReference, no accessor, nothing else different (the config is simply ignored).
sed -i '/ModelCompress.Build/d' "$work/without/Consumer.csproj"
printf 'System.Console.WriteLine("no compression");\n' > "$work/without/Program.cs"
for app in with without; do
  (cd "$work/$app" && dotnet restore -nologo -v:q >/dev/null && dotnet build --no-restore -nologo -v:q -nodeReuse:false >/dev/null)
done
now() { date +%s.%N; }
build() { local s e; s=$(now); (cd "$work/$1" && dotnet build --no-restore -nologo -v:q -nodeReuse:false >/dev/null); e=$(now); echo "$e - $s" | bc -l; }
with=(); without=()
for i in $(seq "$rounds"); do
  # Alternate which goes first, so a slow phase of the machine hits both sides alike.
  if [ $((i % 2)) = 1 ]; then a=$(build with); b=$(build without); else b=$(build without); a=$(build with); fi
  with+=("$a"); without+=("$b")
  printf 'round %d: no-op rebuild with ModelCompress.Build %.2f s, without %.2f s\n' "$i" "$a" "$b"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_with=$(median "${with[@]}"); m_without=$(median "${without[@]}")
printf 'no-op rebuild, median of %d interleaved rounds: %.3f s with the package, %.3f s without; ratio %.3f (target <= 1.03)\n' \
  "$rounds" "$m_with" "$m_without" "$(echo "$m_with / $m_without" | bc -l)"
