#!/usr/bin/env bash
# Does a kill -9 ever leave a wrong result or litter behind? For each run kind — graph-only (prepare + prune + static
# quantize), training (prune + finetune 2 epochs + quantize) and a cache-hit rerun — starts `modelcompress run` N times
# (default 20), kills it with SIGKILL after a seeded random delay within a clean run's duration, reruns it to
# completion and compares the model bytes and report.json (timings removed) with a clean reference run. Then
# `cache verify` must exit 0, and every temporary file, folder or lock file the kills left must be younger than the
# sweep age (1 h) and gone once aged past it and swept (`cache gc` and the sweep of one run).
# Prints each trial (delay, last progress line before the kill) and a table; exit 1 on any wrong result or survivor.
# Usage: scripts/kill-trials.sh [trials per kind] [seed] [kinds, e.g. graph,training,cache-hit]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
trials=${1:-20}
seed=${2:-$(date +%s)}
kinds=${3:-graph,training,cache-hit}
work=$(mktemp -d "${TMPDIR:-/tmp}/mc kill XXXX")
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build "$repo/src/ModelCompress.Cli" -c Release -v:q -nologo >/dev/null
tool="$repo/src/ModelCompress.Cli/bin/Release/net10.0/modelcompress.dll"
python3 "$repo/scripts/lib/kill_trials.py" "$tool" "$repo" "$work" "$trials" "$seed" "$kinds"
