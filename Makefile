# galley — build, test, install.  `make demo` and `make check` set up a fresh
# Debian 12 machine through `make deps`.

PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share/galley

CC      ?= cc
CFLAGS  ?= -O2 -g
BUILD   ?= build
PKGS     = pangocairo pangoft2 fontconfig libxml-2.0 libzip libcmark json-c zlib libpcre2-8

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhyphen -lm
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -Wall -Wextra -Wstrict-prototypes -Iinclude -Isrc $(PKG_CFLAGS) \
             -DGALLEY_DATADIR='"$(DATADIR)"' $(CFLAGS)

SRC  = $(wildcard src/*.c)
TOOL_SRC = $(wildcard tools/*.c)
OBJ  = $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIB  = $(BUILD)/libgalley.a
BIN  = $(BUILD)/galley
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages the build, the tests and the demo need.
DEBS = build-essential pkg-config libcairo2-dev libpango1.0-dev libxml2-dev \
       libzip-dev libhyphen-dev hyphen-en-us libcmark-dev libjson-c-dev \
       libfontconfig-dev libpcre2-dev libcmocka-dev fonts-sil-charis fonts-noto-core fonts-dejavu-core \
       poppler-utils qpdf epubcheck unzip python3 clang libclang-rt-14-dev \
       valgrind parallel

.PHONY: all deps demo check check-run check-asan check-valgrind fuzz fuzz-build bench \
        install uninstall clean
.DELETE_ON_ERROR:

all: $(BIN)

$(BUILD)/obj/%.o: src/%.c include/galley.h $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $(OBJ)

$(BIN): $(TOOL_SRC) $(wildcard tools/*.h) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(TOOL_SRC) $(LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(shell pkg-config --libs cmocka)

deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null || exit 1; \
	else \
	  echo "make deps: missing Debian packages; run:"; \
	  echo "  sudo apt-get install$$missing"; exit 1; \
	fi

demo: deps all
	@sh tests/demo.sh $(BIN)

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)

# fontconfig's caches look leaked to LeakSanitizer (tests/fuzz/lsan.supp);
# build/asan/tests/* find the data files through GALLEY_DATADIR; the
# hostile inputs get more time (sanitized code runs several times slower).
check-asan: deps
	@LSAN_OPTIONS="suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0" \
	  UBSAN_OPTIONS=print_stacktrace=1 GALLEY_DATADIR=$(CURDIR) GALLEY_TIMEOUT=120 \
	  $(MAKE) --no-print-directory BUILD=build/asan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  check-run

check-run:
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)

# Benchmarks: every tests/bench_*.sh, which print their figures.
bench: all
	@for b in tests/bench_*.sh; do \
	  GALLEY=$(CURDIR)/$(BIN) GALLEY_TOP=$(CURDIR) sh $$b || exit 1; \
	done

# The CLI tests with every galley run under valgrind (tests/valgrind.sh).
check-valgrind: deps all
	@sh tests/valgrind.sh $(BUILD)

# libFuzzer targets (tests/fuzz/fuzz_*.c) over a sanitizer build of the
# library in build/fuzz; each runs FUZZ_SECONDS; a crash, leak or timeout
# fails.  FUZZ_TARGETS="html md" runs only those.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_BIN = $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  fuzz-build
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BIN)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB) $(PKG_LIBS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/galley
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libgalley.a
	install -m 644 include/galley.h $(DESTDIR)$(INCLUDEDIR)/galley.h
	install -m 644 tools/galley.1 $(DESTDIR)$(MANDIR)/man1/galley.1
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(shell sed -n 's/^#define GALLEY_VERSION "\(.*\)"/\1/p' include/galley.h)|' \
	    -e 's|@REQUIRES@|$(PKGS)|' galley.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/galley.pc
	for d in layouts fonts data; do \
	  [ -d $$d ] || continue; install -d $(DESTDIR)$(DATADIR)/$$d; \
	  find $$d -maxdepth 1 -type f -exec install -m 644 {} $(DESTDIR)$(DATADIR)/$$d/ \; ; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/galley $(DESTDIR)$(LIBDIR)/libgalley.a \
	  $(DESTDIR)$(INCLUDEDIR)/galley.h $(DESTDIR)$(MANDIR)/man1/galley.1 \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/galley.pc
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build out
