#!/bin/sh
# bench_finish.sh — the share of one `galley pdf` that the PDF finishing
# step (src/pdf_finish.c: /Lang, XMP, output intent, ID, boxes, artifacts,
# figures...) costs, counted in instructions with callgrind, which gives
# the same count on a busy machine where times do not.  The step's share
# is its inclusive count (reading cairo's file, marking each page, writing
# the file again) over the whole run's, start-up included.  The step loads
# no library of its own (zlib and glib are cairo's); when it used libqpdf,
# loading libqpdf and gnutls cost as much again as the step, outside this
# count.  Target (issue 16): under 10 %.
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
ARTICLE="$GALLEY_TOP/../shared/corpus/txt/korea-hotlines/input.txt"
[ -f "$ARTICLE" ] || ARTICLE="$GALLEY_TOP/samples/harbour-ferry.txt"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_annotate >/dev/null 2>&1; then
	echo "bench finish: valgrind is not installed (make deps)"; exit 0
fi
# share LABEL ARGS...: one galley pdf ARGS under callgrind
share() {
	label=$1; shift
	"$GALLEY" pdf -o "$TMP/warm.pdf" "$@" 2>/dev/null   # makes the cache
	if ! SOURCE_DATE_EPOCH=0 valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.%p" \
		"$GALLEY" pdf -o "$TMP/one.pdf" "$@" >/dev/null 2>&1; then
		echo "bench finish: $label: galley pdf failed under valgrind"; return
	fi
	callgrind_annotate --inclusive=yes "$TMP"/cg.* 2>/dev/null | awk -v label="$label" '
		/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
		/pdf_finish.c:galley_pdf_finish / && !done { gsub(",", "", $1); step = $1; done = 1 }
		END { if (total && step)
			printf "bench finish: %s: the finishing step is %.1f M of %.1f M instructions of one galley pdf: %.1f %% (target < 10 %%: %s)\n",
			       label, step / 1e6, total / 1e6, 100 * step / total, 100 * step / total < 10 ? "met" : "NOT met"
		      else print "bench finish: " label ": no count for galley_pdf_finish" }'
	rm -f "$TMP"/cg.*
}

share "$(basename "$(dirname "$ARTICLE")")" "$ARTICLE"
share "galley-proof.md (a figure, links, lists)" "$GALLEY_TOP/samples/galley-proof.md"
