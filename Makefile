# sysdrill — see README.md. `make` builds a release binary; `make run` builds and runs it
# on the embedded deck; `make test` runs the whole test suite.
PREFIX ?= /usr/local
SWIFT ?= swift
RELEASE_FLAGS ?= -c release
BIN := $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path 2>/dev/null)/sysdrill
# `make install` links the Swift standard library statically on Linux: the installed
# binary needs no Swift runtime and starts in half the time (docs/PERFORMANCE.md). Its
# own build folder keeps `make` and `make run` fast and dynamic.
ifeq ($(shell uname -s),Linux)
INSTALL_FLAGS ?= $(RELEASE_FLAGS) --static-swift-stdlib --scratch-path .build-static
INSTALL_BIN := $(shell $(SWIFT) build $(INSTALL_FLAGS) --show-bin-path 2>/dev/null)/sysdrill
BENCH_STATIC := --static "$(INSTALL_BIN)"
else
INSTALL_FLAGS ?= $(RELEASE_FLAGS)
INSTALL_BIN := $(BIN)
BENCH_STATIC :=
endif

.PHONY: all build run test bench fuzz check-reliability install-build install uninstall clean

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
# The kill -9 and concurrency tests, with a regression test of each defect of issue 17:
# export onto special files and interrupted exports (ProgressCLITests, AtomicFileTests),
# a scheduler change mid-session and mid-import, overlong and hostile imports, special
# files, deep nesting and CR line endings, control characters, nothing created on bad
# input, bounded input lines, an import holding the write lock, a full disk, DST.
RELIABILITY_SUITES = ReliabilityTests|SchedulerChangeTests|ImportSettingsChangeTests|ImportLimitsTests|SpecialFilesCLITests|LineEndingAndNestingTests|ControlCharacterCLITests|NothingCreatedCLITests|LineReaderTests|ProgressCLITests|AtomicFileTests|ReviewLockWaitTests|FullDiskCLITests|DueCalendarTests|DaylightSavingCLITests|ShrunkImportCLITests|ClockChangeCLITests

fuzz:
	SYSDRILL_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) $(SWIFT) test --filter 'Fuzz'

check-reliability:
	SYSDRILL_RELIABILITY_RUNS=$(RELIABILITY_RUNS) $(SWIFT) test --filter '$(RELIABILITY_SUITES)'

# Performance benchmarks (docs/PERFORMANCE.md): release build, then the bench drives it.
# BENCH_RUNS=N sets the runs per scenario, BENCH_QUICK=1 uses a 10k-card deck.
bench: install-build
	$(SWIFT) build $(RELEASE_FLAGS) --product sysdrill
	$(SWIFT) build $(RELEASE_FLAGS) --product sysdrill-bench
	"$(dir $(BIN))sysdrill-bench" --sysdrill "$(BIN)" $(BENCH_STATIC)

install-build:
	$(SWIFT) build $(INSTALL_FLAGS) --product sysdrill

# Besides the binary: the shell completions where bash-completion, zsh and fish look for
# them, and the man page. The built binary writes them (`sysdrill completions SHELL`,
# `sysdrill man`) into a folder of the build, from which they are installed.
SHARE = $(DESTDIR)$(PREFIX)/share
GENERATED = $(dir $(INSTALL_BIN))share
INSTALLED_FILES = bin/sysdrill share/bash-completion/completions/sysdrill share/zsh/site-functions/_sysdrill \
	share/fish/vendor_completions.d/sysdrill.fish share/man/man1/sysdrill.1

install: install-build
	mkdir -p "$(GENERATED)"
	"$(INSTALL_BIN)" completions bash > "$(GENERATED)/sysdrill.bash"
	"$(INSTALL_BIN)" completions zsh > "$(GENERATED)/_sysdrill"
	"$(INSTALL_BIN)" completions fish > "$(GENERATED)/sysdrill.fish"
	"$(INSTALL_BIN)" man > "$(GENERATED)/sysdrill.1"
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(SHARE)/bash-completion/completions" "$(SHARE)/zsh/site-functions" \
		"$(SHARE)/fish/vendor_completions.d" "$(SHARE)/man/man1"
	install -m 0755 "$(INSTALL_BIN)" "$(DESTDIR)$(PREFIX)/bin/sysdrill"
	install -m 0644 "$(GENERATED)/sysdrill.bash" "$(SHARE)/bash-completion/completions/sysdrill"
	install -m 0644 "$(GENERATED)/_sysdrill" "$(SHARE)/zsh/site-functions/_sysdrill"
	install -m 0644 "$(GENERATED)/sysdrill.fish" "$(SHARE)/fish/vendor_completions.d/sysdrill.fish"
	install -m 0644 "$(GENERATED)/sysdrill.1" "$(SHARE)/man/man1/sysdrill.1"

uninstall:
	rm -f $(foreach file,$(INSTALLED_FILES),"$(DESTDIR)$(PREFIX)/$(file)")

clean:
	rm -rf .build .build-static
