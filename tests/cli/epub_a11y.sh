#!/bin/sh
# epub_a11y.sh — EPUB Accessibility 1.1 as galley claims it: the contents
# nav has role doc-toc, headings never skip a level below the h1 title,
# the package declares dcterms:conformsTo and the accessibility features
# the book has (alternativeText only when every image has alt text).  Then
# Ace by DAISY, when installed, must find no violation of any impact on the
# reference article, a digest, the samples and saved pages with figures
# (the corpus's, as one book); `make check-a11y` sets GALLEY_ACE_REQUIRED=1
# so a missing Ace is a failure.
. "$GALLEY_TOP/tests/lib.sh"

KOREA="$SHARED/corpus/txt/korea-hotlines/input.txt"
SAMPLES="$GALLEY_TOP/samples"
export SOURCE_DATE_EPOCH=1700000000
command -v unzip >/dev/null || { fail "epub a11y: unzip is installed (make deps)"; exit 0; }

epub() {
	out=$1; shift
	"$GALLEY" epub --offline -o "$out" "$@" 2>"$TMP/err" || { fail "epub a11y: $* converts" "$(cat "$TMP/err")"; return 1; }
}

# The nav and the package.
if epub "$TMP/k.epub" "$KOREA"; then
	unzip -p "$TMP/k.epub" EPUB/nav.xhtml >"$TMP/nav"
	unzip -p "$TMP/k.epub" EPUB/package.opf >"$TMP/opf"
	check "the contents nav has role doc-toc" grep -q '<nav epub:type="toc" role="doc-toc"' "$TMP/nav"
	check "dcterms:conformsTo EPUB Accessibility 1.1 - WCAG 2.1 Level AA" \
		grep -q '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>' "$TMP/opf"
	for f in tableOfContents readingOrder structuralNavigation; do
		check "accessibilityFeature $f" grep -q "property=\"schema:accessibilityFeature\">$f<" "$TMP/opf"
	done
	check "accessMode and accessModeSufficient textual" \
		grep -q 'property="schema:accessModeSufficient">textual<' "$TMP/opf"
	if grep -q '>alternativeText<' "$TMP/opf"; then
		fail "no alternativeText in a book without images"
	else
		ok "no alternativeText in a book without images"
	fi
fi
if epub "$TMP/p.epub" "$SAMPLES/galley-proof.md"; then
	check "alternativeText in a book whose images have alt text" \
		sh -c "unzip -p '$TMP/p.epub' EPUB/package.opf | grep -q 'accessibilityFeature\">alternativeText<'"
fi

# Headings: an article whose first heading is an h4 and that goes back to
# h2 is written h1, h2, h2, h3.
printf -- '---\ntitle: Skipping levels\n---\n\nFirst paragraph of text here.\n\n#### A deep heading\n\nMore text.\n\n## A section\n\nText.\n\n#### Deeper\n\nEnd.\n' >"$TMP/skip.md"
if epub "$TMP/s.epub" "$TMP/skip.md"; then
	got=$(unzip -p "$TMP/s.epub" EPUB/a001.xhtml | grep -o '<h[1-6]' | tr -d '<' | tr '\n' ' ')
	if [ "$got" = "h1 h2 h2 h3 " ]; then ok "headings re-levelled under the title: $got"
	else fail "headings re-levelled under the title" "got: $got"; fi
	check "the PDF of that article tags H1 H2 H2 H3" sh -c \
		"'$GALLEY' pdf -o '$TMP/s.pdf' '$TMP/skip.md' && qpdf --qdf --object-streams=disable '$TMP/s.pdf' - | grep -a '^  /S /H' | tr -d ' ' | tr '\n' ' ' | grep -q '^/S/H1 /S/H2 /S/H2 /S/H3 \$'"
fi

# Ace by DAISY, through ace-puppeteer and Debian's chromium: the one `make
# deps-a11y` installs in the build folder, else one on the PATH.  Ace
# launches the browser with --no-sandbox (ace-axe-runner-puppeteer), which
# chromium needs when run as root.
ACE_DIR=${GALLEY_ACE_DIR:-${GALLEY_BUILD:-$GALLEY_TOP/build}/ace}
if [ -x "$ACE_DIR/node_modules/.bin/ace-puppeteer" ]; then ACE="$ACE_DIR/node_modules/.bin/ace-puppeteer"
else ACE=$(command -v ace-puppeteer 2>/dev/null); fi
CHROMIUM=${PUPPETEER_EXECUTABLE_PATH:-$(command -v chromium 2>/dev/null)}
if [ -z "$ACE" ] || [ -z "$CHROMIUM" ]; then
	why="Ace by DAISY is not installed (ace-puppeteer: ${ACE:-missing}, chromium: ${CHROMIUM:-missing}); run make deps-a11y, see README"
	if [ "${GALLEY_ACE_REQUIRED:-0}" = 1 ]; then fail "Ace by DAISY runs" "$why"
	else ok "# SKIP $why"; fi
	exit 0
fi
epub "$TMP/d.epub" "$KOREA" "$SAMPLES"/*.txt "$SAMPLES/galley-proof.md"
epub "$TMP/l.epub" "$SAMPLES/lock-keeper.html"
epub "$TMP/r.epub" "$SAMPLES/galley-notes.rss"
# the saved pages of the corpus whose article has figures (their remote
# images left out: --offline), one book
set --
for page in "$SHARED"/corpus/html/*/source.html; do
	"$GALLEY" tree "$page" 2>/dev/null | grep -q '<figure' && set -- "$@" "$page"
done
if [ $# -gt 0 ] && epub "$TMP/h.epub" "$@"; then
	ok "a book of the $# saved pages with figures"
	if unzip -p "$TMP/h.epub" 'EPUB/a*.xhtml' | grep -q 'epub:type="pullquote"'; then
		check "a pull quote has role doc-pullquote" sh -c \
			"! unzip -p '$TMP/h.epub' 'EPUB/a*.xhtml' | grep -o '<aside[^>]*epub:type=\"pullquote\"[^>]*>' | grep -v -q 'role=\"doc-pullquote\"'"
	fi
fi
for book in k d p l r s h; do
	[ -f "$TMP/$book.epub" ] || continue
	rm -rf "$TMP/ace"
	if ! PUPPETEER_EXECUTABLE_PATH="$CHROMIUM" timeout 300 "$ACE" --silent --force \
		--outdir "$TMP/ace" "$TMP/$book.epub" >"$TMP/ace.log" 2>&1; then
		fail "Ace by DAISY checks $book.epub" "$(tail -n 5 "$TMP/ace.log")"; continue
	fi
	if out=$(python3 - "$TMP/ace/report.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
bad = [(t['earl:test']['dct:title'], t['earl:test']['earl:impact'])
       for doc in r.get('assertions', []) for t in doc.get('assertions', [])
       if t['earl:result']['earl:outcome'] != 'pass']
print(bad[:5])
sys.exit(1 if bad or r['earl:result']['earl:outcome'] != 'pass' else 0)
EOF
	); then ok "Ace by DAISY: no violation in $book.epub"
	else fail "Ace by DAISY: no violation in $book.epub" "$out"; fi
done
