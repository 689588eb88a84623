# sysdrill — see README.md. `make` builds a release binary; `make run` builds and runs it
# on the embedded deck; `make test` runs the whole test suite.
PREFIX ?= /usr/local
SWIFT ?= swift
RELEASE_FLAGS ?= -c release
BIN := $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path 2>/dev/null)/sysdrill

.PHONY: all build run test install uninstall clean

all: build

build:
	$(SWIFT) build $(RELEASE_FLAGS) --product sysdrill

run: build
	$(BIN)

test:
	$(SWIFT) test

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/sysdrill"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/sysdrill"

clean:
	rm -rf .build
