#!/usr/bin/env bash
# Copy the front-end files the reader site serves from the npm packages
# pinned in package.json into internal/web/static/vendor/, which is
# committed: `go build` never needs npm. Run after changing a version in
# package.json (make web-assets), then update the README there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/leaflet ]; then
	npm ci --no-audit --no-fund
fi

out=internal/web/static/vendor
rm -rf "$out/leaflet" "$out/leaflet.markercluster" "$out/topojson-client" "$out/world-atlas"
mkdir -p "$out/leaflet/images" "$out/leaflet.markercluster" "$out/topojson-client" "$out/world-atlas"

cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"

cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/leaflet.markercluster/"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/leaflet.markercluster/LICENSE"

cp node_modules/topojson-client/dist/topojson-client.min.js "$out/topojson-client/"
cp node_modules/topojson-client/LICENSE "$out/topojson-client/LICENSE"

cp node_modules/world-atlas/countries-110m.json "$out/world-atlas/"
cp node_modules/world-atlas/LICENSE "$out/world-atlas/LICENSE"

# Strip the source-map comments: the maps are not vendored.
sed -i -e '/^\/\/# sourceMappingURL=/d' "$out"/leaflet/leaflet.js "$out"/leaflet.markercluster/leaflet.markercluster.js

for p in leaflet leaflet.markercluster topojson-client world-atlas; do
	printf '%s %s\n' "$p" "$(node -p "require('./node_modules/$p/package.json').version")"
done
