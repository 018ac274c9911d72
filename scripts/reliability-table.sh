#!/usr/bin/env bash
# Prints the fault suite's figures (target/reliability/*.json, written by src/test/java/io/sfntaskbridge/faults/*IT)
# as the Markdown table of RELIABILITY.md.
#
#   scripts/test.sh -Dit.test='io.sfntaskbridge.faults.*IT' -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
#   scripts/reliability-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(target/reliability/*.json)
if ((${#files[@]} == 0)); then
    echo "reliability-table: no figures in target/reliability/; run the fault suite first (see the header)" >&2
    exit 1
fi
python3 - "${files[@]}" <<'PY'
import json, sys
rows = sorted((json.load(open(f)) for f in sys.argv[1:]), key=lambda r: r["scenario"])
print("| scenario | tasks | faults | backend calls per token | tasks lost | log lines (bound) |")
print("| --- | ---: | --- | --- | ---: | ---: |")
for r in rows:
    print(f"| {r['scenario']} | {r['tasks']} | {r['faults']} | {r['backendCallsPerToken']} | {r['tasksLost']} "
          f"| {r['logLines']} ({r['logLinesBound']}) |")
PY
