#!/usr/bin/env bash
# Install what the browser test (internal/web TestBrowser) needs on a fresh
# machine: Debian's chromium and the npm packages pinned in
# package-lock.json (playwright-core drives the system chromium; it never
# downloads a browser of its own). Idempotent; safe to run on every CI run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium >/dev/null
fi
chromium --version

if ! command -v node >/dev/null 2>&1; then
	echo "ci-deps: node is not installed" >&2
	exit 1
fi
# playwright-core must not try to fetch browsers.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
node -e "console.log('playwright-core ' + require('playwright-core/package.json').version)"
