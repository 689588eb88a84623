# sysdrill — see README.md. `make` builds a release binary; `make run` builds and runs it
# on the embedded deck; `make test` runs the whole test suite.
PREFIX ?= /usr/local
SWIFT ?= swift
RELEASE_FLAGS ?= -c release
BIN := $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path 2>/dev/null)/sysdrill

.PHONY: all build run test bench install uninstall clean

all: build

build:
	$(SWIFT) build $(RELEASE_FLAGS) --product sysdrill

run: build
	$(BIN)

test:
	$(SWIFT) test

# Performance benchmarks (docs/PERFORMANCE.md): release build, then the bench drives it.
# BENCH_RUNS=N sets the runs per scenario, BENCH_QUICK=1 uses a 10k-card deck.
bench:
	$(SWIFT) build $(RELEASE_FLAGS) --product sysdrill
	$(SWIFT) build $(RELEASE_FLAGS) --product sysdrill-bench
	"$(dir $(BIN))sysdrill-bench" --sysdrill "$(BIN)"

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/sysdrill"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/sysdrill"

clean:
	rm -rf .build
