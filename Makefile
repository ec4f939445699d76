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
# The readers and the EPUB back end need CORE_PKGS; the typesetter and the
# PDF back end pango as well (the PDF's finishing step reads cairo's file
# with zlib and glib, see src/pdf_scan.c).  ICU (icu-uc) gives the month
# names and long-date patterns of a digest's title.
# libcmark-gfm is CommonMark with GitHub's tables and footnotes; its
# extensions library ships no pkg-config file.  It, the image decoders
# (libpng, libjpeg, giflib, libwebp; libavif; librsvg) and HarfBuzz's
# subsetter are in modules of their own, loaded when an input needs them.
# The EPUB's zip is written with minizip (src/epub_package.c), included as
# <minizip/zip.h>: its own folder holds a zip.h (libzip's name, which the
# unit tests read the EPUB back with) and a crypt.h.
CORE_PKGS  = libxml-2.0 json-c libpcre2-8 zlib cairo cairo-ft harfbuzz fontconfig glib-2.0 icu-uc
IMAGE_PKGS = libpng libjpeg libgif libwebp libwebpdemux
PKGS       = $(CORE_PKGS) $(IMAGE_PKGS) libcmark-gfm harfbuzz-subset pangocairo pangoft2 libcurl \
             libavif librsvg-2.0

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
GFM_LIBS   = -lcmark-gfm-extensions
ZIP_LIBS   = -lminizip
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(GFM_LIBS) $(ZIP_LIBS) -lhyphen -lm
CORE_LIBS  = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) $(ZIP_LIBS) -lm
PDF_LIBS   = $(shell pkg-config --libs pangocairo pangoft2 zlib 2>/dev/null) -lhyphen -lm
IMAGE_LIBS = $(shell pkg-config --libs $(IMAGE_PKGS) 2>/dev/null)
MD_LIBS    = $(shell pkg-config --libs libcmark-gfm 2>/dev/null) $(GFM_LIBS)
SUBSET_LIBS = $(shell pkg-config --libs harfbuzz-subset 2>/dev/null)
FETCH_LIBS = $(shell pkg-config --libs libcurl 2>/dev/null)
AVIF_LIBS  = $(shell pkg-config --libs libavif 2>/dev/null)
SVG_LIBS   = $(shell pkg-config --libs librsvg-2.0 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -Wall -Wextra -Wstrict-prototypes -Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) \
             -DGALLEY_DATADIR='"$(DATADIR)"' -DGALLEY_LIBDIR='"$(LIBDIR)"' $(CFLAGS)

SRC  = $(wildcard src/*.c)
TOOL_SRC = $(wildcard tools/*.c)
OBJ  = $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIB  = $(BUILD)/libgalley.a
BIN  = $(BUILD)/galley
# The typesetter and the PDF back end are a module the galley program loads
# for its first PDF (tools/pdf_module.c): pango and the libraries under it
# are loaded only then, never for an EPUB or a tree.  libgalley.a holds
# everything, for programs that link galley.
PDF_SRC = $(filter src/pdf%.c src/typeset%.c src/hyphen%.c,$(SRC))
PDF_OBJ = $(PDF_SRC:src/%.c=$(BUILD)/obj/%.o)
# Fetching (libcurl and the libraries under it) is a second module, loaded
# only when a URL is fetched (tools/fetch_module.c).
FETCH_SRC = src/fetch.c src/fetch_images.c
FETCH_OBJ = $(FETCH_SRC:src/%.c=$(BUILD)/obj/%.o)
# AVIF images (libavif and the AV1 codecs under it) and SVG images
# (librsvg and its dozen libraries) are two more, each loaded for the first
# image that needs it (tools/image_module.c).
AVIF_OBJ = $(BUILD)/obj/image_avif.o
SVG_OBJ  = $(BUILD)/obj/image_svg.o
# The PNG, JPEG, GIF and WebP decoders (tools/image_module.c), the Markdown
# reader (tools/md_module.c) and HarfBuzz's subsetter
# (tools/subset_module.c) are three more: a text article's EPUB maps none
# of their libraries.
IMAGES_SRC = src/image_decode.c src/image_web.c src/image_gif.c src/image_webp.c
IMAGES_OBJ = $(IMAGES_SRC:src/%.c=$(BUILD)/obj/%.o)
MD_SRC = src/read_md.c $(filter src/md_%.c,$(SRC))
MD_OBJ = $(MD_SRC:src/%.c=$(BUILD)/obj/%.o)
SUBSET_OBJ = $(BUILD)/obj/font_subset.o
MODULE_OBJ = $(PDF_OBJ) $(FETCH_OBJ) $(AVIF_OBJ) $(SVG_OBJ) $(IMAGES_OBJ) $(MD_OBJ) $(SUBSET_OBJ)
CORE_OBJ = $(filter-out $(MODULE_OBJ),$(OBJ))
PDF_MODULE = $(BUILD)/galley-pdf.so
FETCH_MODULE = $(BUILD)/galley-fetch.so
AVIF_MODULE = $(BUILD)/galley-avif.so
SVG_MODULE = $(BUILD)/galley-svg.so
IMAGES_MODULE = $(BUILD)/galley-images.so
MD_MODULE = $(BUILD)/galley-md.so
SUBSET_MODULE = $(BUILD)/galley-subset.so
MODULES = $(PDF_MODULE) $(FETCH_MODULE) $(AVIF_MODULE) $(SVG_MODULE) $(IMAGES_MODULE) \
          $(MD_MODULE) $(SUBSET_MODULE)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages the build, the tests and the demo need.
DEBS = build-essential pkg-config libcairo2-dev libpango1.0-dev libxml2-dev \
       libzip-dev libminizip-dev libpng-dev libjpeg62-turbo-dev libhyphen-dev hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-it hyphen-pt-pt hyphen-nl hyphen-pl hyphen-ru hyphen-uk hyphen-el hyphen-hi hyphen-bn hyphen-ta libcmark-gfm-dev libcmark-gfm-extensions-dev libjson-c-dev libharfbuzz-dev \
       libfontconfig-dev libpcre2-dev libicu-dev libcmocka-dev fonts-sil-charis fonts-noto-core fonts-noto-cjk fonts-dejavu-core fonts-dejavu-extra \
       icc-profiles-free poppler-utils qpdf epubcheck unzip python3 clang libclang-rt-14-dev \
       valgrind parallel libcurl4-openssl-dev libgif-dev libwebp-dev libavif-dev librsvg2-dev

.PHONY: all deps deps-a11y deps-bench print-debs demo check check-run check-a11y check-asan check-valgrind fuzz fuzz-build bench \
        install uninstall clean
.DELETE_ON_ERROR:

all: $(BIN) $(MODULES)

$(BUILD)/obj/%.o: src/%.c include/galley.h $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(OBJ_CFLAGS) -c -o $@ $<

# The module's code is position-independent; the program's need not be
# (calls between its functions stay direct).
$(MODULE_OBJ): OBJ_CFLAGS = -fPIC -fno-semantic-interposition

# The bytes of each shipped layout: galley trusts a layout with these bytes
# without compiling layout.rng (test_layout checks each against it).
$(BUILD)/gen/layout_shipped.h: $(wildcard layouts/*.xml)
	@mkdir -p $(@D)
	@{ echo '/* generated by the Makefile from the shipped layouts */'; \
	  for f in $(sort $(wildcard layouts/*.xml)); do \
	    n=$$(basename $$f .xml | tr -c 'a-z0-9\n' _); \
	    echo "static const unsigned char S_layout_$$n[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; echo '};'; \
	  done; \
	  echo 'static const struct { const unsigned char *bytes; size_t len; } S_layouts_shipped[] = {'; \
	  for f in $(sort $(wildcard layouts/*.xml)); do \
	    n=$$(basename $$f .xml | tr -c 'a-z0-9\n' _); \
	    echo "	{S_layout_$$n, sizeof S_layout_$$n},"; \
	  done; echo '};'; } > $@

$(BUILD)/obj/layout.o: $(BUILD)/gen/layout_shipped.h

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $(OBJ)

# The dynamic loader looks each symbol up library by library, in load
# order, and most of a run's start-up is that search.  libc first, then
# libstdc++ (which binds 1,700 of its own symbols) and ICU (linked by
# libxml2), then the libraries the others bind the most symbols in
# (LD_DEBUG=bindings: libX11 and libpng under cairo, HarfBuzz, FreeType,
# libxml2, pixman), which would otherwise come last: named first, they cut
# the instructions galley runs before main by a third, and this order by
# a tenth more.  A library pkg-config does not know is simply left out.
EARLY_LIBS = -Wl,--push-state,--no-as-needed -lc -lstdc++ \
             $(foreach p,icu-uc x11 libpng harfbuzz freetype2 libxml-2.0 pixman-1,\
               $(shell pkg-config --libs $(p) 2>/dev/null)) -Wl,--pop-state

# The program exports its symbols: the module calls the core (the tree,
# diagnostics, layouts, fonts) in the program rather than carrying a copy.
$(BIN): $(TOOL_SRC) $(wildcard tools/*.h) $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) -rdynamic -o $@ $(TOOL_SRC) $(CORE_OBJ) $(EARLY_LIBS) $(CORE_LIBS) -ldl

# -Bsymbolic-functions: the module's calls to its own functions stay in it
# (the program has a galley_render_pdf of its own, which loads the module).
$(PDF_MODULE): $(PDF_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic-functions -o $@ $(PDF_OBJ) $(PDF_LIBS)

$(FETCH_MODULE): $(FETCH_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic-functions -o $@ $(FETCH_OBJ) $(FETCH_LIBS)

$(AVIF_MODULE): $(AVIF_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic-functions -o $@ $(AVIF_OBJ) $(AVIF_LIBS)

$(SVG_MODULE): $(SVG_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic-functions -o $@ $(SVG_OBJ) $(SVG_LIBS)

$(IMAGES_MODULE): $(IMAGES_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic-functions -o $@ $(IMAGES_OBJ) $(IMAGE_LIBS)

$(MD_MODULE): $(MD_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic-functions -o $@ $(MD_OBJ) $(MD_LIBS)

$(SUBSET_MODULE): $(SUBSET_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic-functions -o $@ $(SUBSET_OBJ) $(SUBSET_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(shell pkg-config --libs cmocka libzip)

# apt_install,TARGET,PACKAGES: the Debian packages of PACKAGES not yet
# installed, apt-installed as root, else the command to run is printed.
define apt_install
	@missing=""; for p in $(2); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "make $(1): installing$$missing"; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null || exit 1; \
	else \
	  echo "make $(1): missing Debian packages; run:"; \
	  echo "  sudo apt-get install$$missing"; exit 1; \
	fi
endef

deps:
	$(call apt_install,deps,$(DEBS))

# The peers make bench sets galley beside (issues 3, 4, 21): WeasyPrint
# for the PDF, pandoc for the EPUB.  Without them the figures are printed
# alone and say so.
BENCH_DEBS = weasyprint pandoc

deps-bench:
	$(call apt_install,deps-bench,$(BENCH_DEBS))

# The package list, for tests/cli/deps.sh.
print-debs:
	@echo $(DEBS)

demo: deps all
	@sh tests/demo.sh $(BIN)

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)

# Ace by DAISY on galley's EPUBs (tests/cli/epub_a11y.sh, which `make check`
# runs too, skipping Ace, and saying so, where it is not installed).  Ace is
# not a Debian package: `make deps-a11y` apt-installs Debian's chromium and
# npm-installs the @daisy/ace that tests/ace/package-lock.json pins into
# $(BUILD)/ace, without the browser builds its packages would download
# (ace-puppeteer drives Debian's chromium).  Plain `make deps` leaves them
# out: about 400 MB that only this check needs.  Here a missing Ace fails.
ACE_DIR = $(BUILD)/ace
ACE_DEBS = chromium

deps-a11y:
	$(call apt_install,deps-a11y,$(ACE_DEBS))
	@command -v npm >/dev/null || { echo "make deps-a11y: npm is missing (Node.js 18 or later)"; exit 1; }
	@if ! cmp -s tests/ace/package-lock.json $(ACE_DIR)/package-lock.json || \
	    [ ! -x $(ACE_DIR)/node_modules/.bin/ace-puppeteer ]; then \
	  echo "make deps-a11y: installing Ace by DAISY in $(ACE_DIR)"; \
	  mkdir -p $(ACE_DIR) && cp tests/ace/package.json tests/ace/package-lock.json $(ACE_DIR)/ && \
	  cd $(ACE_DIR) && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
	    npm ci --no-audit --no-fund --loglevel=error >/dev/null || exit 1; \
	fi

check-a11y: deps-a11y all
	@GALLEY=$(CURDIR)/$(BIN) GALLEY_TOP=$(CURDIR) GALLEY_ACE_REQUIRED=1 GALLEY_ACE_DIR=$(CURDIR)/$(ACE_DIR) \
	  sh tests/cli/epub_a11y.sh | tee $(BUILD)/a11y.log; ! grep -q '^not ok' $(BUILD)/a11y.log

# fontconfig's caches look leaked to LeakSanitizer (tests/fuzz/lsan.supp);
# build/asan/tests/* find the data files through GALLEY_DATADIR; the
# hostile inputs get more time (sanitized code runs several times slower)
# and no address-space limit (AddressSanitizer reserves terabytes of it;
# plain make check holds them to 500 MB).
check-asan: deps
	@LSAN_OPTIONS="suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0" \
	  UBSAN_OPTIONS=print_stacktrace=1 GALLEY_DATADIR=$(CURDIR) GALLEY_TIMEOUT=120 \
	  GALLEY_MEMORY=unlimited \
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
	install -d $(DESTDIR)$(LIBDIR)/galley
	install -m 755 $(PDF_MODULE) $(DESTDIR)$(LIBDIR)/galley/galley-pdf.so
	install -m 755 $(FETCH_MODULE) $(DESTDIR)$(LIBDIR)/galley/galley-fetch.so
	install -m 755 $(AVIF_MODULE) $(DESTDIR)$(LIBDIR)/galley/galley-avif.so
	install -m 755 $(SVG_MODULE) $(DESTDIR)$(LIBDIR)/galley/galley-svg.so
	install -m 755 $(IMAGES_MODULE) $(DESTDIR)$(LIBDIR)/galley/galley-images.so
	install -m 755 $(MD_MODULE) $(DESTDIR)$(LIBDIR)/galley/galley-md.so
	install -m 755 $(SUBSET_MODULE) $(DESTDIR)$(LIBDIR)/galley/galley-subset.so
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libgalley.a
	install -m 644 include/galley.h $(DESTDIR)$(INCLUDEDIR)/galley.h
	install -m 644 tools/galley.1 $(DESTDIR)$(MANDIR)/man1/galley.1
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(shell sed -n 's/^#define GALLEY_VERSION "\(.*\)"/\1/p' include/galley.h)|' \
	    -e 's|@REQUIRES@|$(PKGS) minizip|' galley.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/galley.pc
	for d in layouts fonts data; do \
	  [ -d $$d ] || continue; install -d $(DESTDIR)$(DATADIR)/$$d; \
	  find $$d -maxdepth 1 -type f -exec install -m 644 {} $(DESTDIR)$(DATADIR)/$$d/ \; ; \
	done
	install -d $(DESTDIR)$(DATADIR)/fonts/files $(DESTDIR)$(DATADIR)/fonts/scripts
	cp -P fonts/files/* $(DESTDIR)$(DATADIR)/fonts/files/
	cp -P fonts/scripts/* $(DESTDIR)$(DATADIR)/fonts/scripts/

uninstall:
	rm -rf $(DESTDIR)$(LIBDIR)/galley
	rm -f $(DESTDIR)$(BINDIR)/galley $(DESTDIR)$(LIBDIR)/libgalley.a \
	  $(DESTDIR)$(INCLUDEDIR)/galley.h $(DESTDIR)$(MANDIR)/man1/galley.1 \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/galley.pc
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build out
