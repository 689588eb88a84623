# sysdrill — see README.md. `make` builds a release binary; `make run` builds and runs it
# on the embedded deck; `make test` runs the whole test suite.
PREFIX ?= /usr/local
SWIFT ?= swift
RELEASE_FLAGS ?= -c release
BIN := $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path 2>/dev/null)/sysdrill

.PHONY: all build run test install uninstall clean fuzz check-reliability

all: build

build:
	$(SWIFT) build $(RELEASE_FLAGS) --product sysdrill

run: build
	$(BIN)

test:
	$(SWIFT) test

# Long runs of the fuzz tests (parser, calculator, import) and the kill -9 / concurrency
# tests; `make test` runs shorter versions of the same tests.
FUZZ_ITERATIONS ?= 2000000
RELIABILITY_RUNS ?= 500

fuzz:
	SYSDRILL_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) $(SWIFT) test --filter 'Fuzz'

check-reliability:
	SYSDRILL_RELIABILITY_RUNS=$(RELIABILITY_RUNS) $(SWIFT) test --filter 'ReliabilityTests'

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/sysdrill"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/sysdrill"

clean:
	rm -rf .build
