#!/usr/bin/env bash
# Runs fuzz targets for a bounded time each and reports how many inputs each
# tried (make reliability):
#
#   scripts/fuzz.sh 15s ./internal/parse:FuzzDocument ./internal/parse:FuzzDate
#
# Each target starts from its seed corpus (the f.Add calls and the
# package's testdata/fuzz/NAME); a failure prints the failing input's file
# and stops with status 1.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="$1"
shift
total=0
for target in "$@"; do
	pkg="${target%%:*}"
	name="${target##*:}"
	# Minimising every new interesting input of a large seed (an HTML page)
	# for the default minute would eat the time budget.
	if ! out="$(go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 2s "$pkg" 2>&1)"; then
		echo "$out"
		echo "fuzz: $pkg $name failed" >&2
		exit 1
	fi
	execs="$(grep -o 'execs: [0-9]*' <<<"$out" | tail -n 1 | tr -dc '0-9')"
	echo "fuzz: $pkg $name: ${execs:-0} executions in $fuzztime"
	total=$((total + ${execs:-0}))
done
echo "fuzz: $total executions in all"
