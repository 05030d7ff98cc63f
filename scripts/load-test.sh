#!/usr/bin/env bash
# Load test of the reader site: generate N synthetic articles
# (internal/corpusgen), ingest them with the extractor (internal/ingest, as
# `sitrep ingest` does, without the story connector), serve them with
# `sitrep serve`, and drive the article page, the search page and the API
# event list from a second process (internal/web/loadgen) at RATE
# requests/s, then flat out. Traffic goes to loopback only. 100,000
# articles take about 3 GB of disk.
#
#   scripts/load-test.sh                 # 100,000 articles, 200 req/s
#   N=5000 DURATION=10s scripts/load-test.sh
#   WORK=/tmp/sitrep-load scripts/load-test.sh   # reuse an ingested database
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-100000}"
RATE="${RATE:-200}"
DURATION="${DURATION:-20s}"
MAX_DURATION="${MAX_DURATION:-10s}"
ADDR="${ADDR:-127.0.0.1:18181}"
WORK="${WORK:-$(mktemp -d -t sitrep-load.XXXXXX)}"
mkdir -p "$WORK"
export PATH="/usr/local/go/bin:$PATH"

go build -o "$WORK/sitrep" ./cmd/sitrep
go build -o "$WORK/loadgen" ./internal/web/loadgen

db="$WORK/load-$N.db"
if [ ! -s "$db" ]; then
	echo "== generating and ingesting $N articles into $db"
	"$WORK/loadgen" ingest -n "$N" -db "$db"
fi

echo "== serving $db on $ADDR"
"$WORK/sitrep" --db "$db" serve --addr "$ADDR" --sync 0 >"$WORK/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
	if grep -q '^Serving' "$WORK/serve.log" 2>/dev/null; then break; fi
	if ! kill -0 "$server" 2>/dev/null; then cat "$WORK/serve.log"; exit 1; fi
	sleep 1
done
cat "$WORK/serve.log"

echo "== load"
"$WORK/loadgen" run -url "http://$ADDR" -rate "$RATE" -duration "$DURATION" -max-duration "$MAX_DURATION"
