# sitrep: make build | make test | make demo | make bench | make lint
GO      ?= go
BIN     := bin/sitrep
PKGS    := ./...

.PHONY: build test lint demo bench clean

build:
	$(GO) build -o $(BIN) ./cmd/sitrep

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

test: lint
	$(GO) test -race -count=1 $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

clean:
	rm -rf bin
