# Every target works on a clean clone. `make test` starts a throwaway
# redis-server when none answers at REDIS_URL (default redis://127.0.0.1:6379/0).

GO ?= go
PKGS := ./...

.PHONY: test test-short bench lint vulncheck run build eval fuzz

test:
	./scripts/with-redis $(GO) test -race -count=1 $(PKGS)

# The tests that need no Redis: under -short every test that needs one is
# skipped by redistest before it connects or starts a redis-server. They run
# where no Redis can be reached or started (scripts/without-redis), so a test
# that forgets to skip fails here.
test-short:
	./scripts/without-redis $(GO) test -short -count=1 $(PKGS)

bench:
	./scripts/with-redis $(GO) test -run '^$$' -bench . -benchmem -benchtime=2s $(PKGS)

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet $(PKGS)
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(PKGS)

# Known vulnerabilities the code reaches (govulncheck; see the script for
# where its database comes from).
vulncheck:
	./scripts/vulncheck

build:
	$(GO) build -buildvcs=auto -o bin/rongcuo ./cmd/rongcuo

run:
	$(GO) run ./cmd/rongcuo chat

eval:
	$(GO) run ./cmd/rongcuo eval

# Short fuzzing pass over every parser of outside input.
fuzz:
	./scripts/fuzz-all 20s
