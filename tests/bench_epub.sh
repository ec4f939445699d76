#!/bin/sh
# bench_epub.sh — galley's median time per EPUB for the reference article beside pandoc's, and the amortised time per article of a digest of hundreds in one process.
# Targets: at most 0.20 of pandoc's time (issue 21; 1/4 in issue 4), in CPU time, which a
# busy machine disturbs less than wall time (both are printed); under 1 ms per article in a digest.
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
SHARED=$GALLEY_TOP/../shared
REF=$SHARED/corpus/txt/korea-hotlines/input.txt
PEER=$SHARED/peers/korea-hotlines.md
RUNS=${BENCH_RUNS:-21}
N=${BENCH_ARTICLES:-300}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1633046400

# median_ms RUNS COMMAND... [-- COMMAND2...]: the median wall time of
# COMMAND in ms, then its median CPU time (user + system), which a busy
# machine disturbs less.  With COMMAND2, the two run in turn, RUNS times
# each, so that both meet the same load, and a second line gives
# COMMAND2's figures.
median_ms() {
	python3 - "$@" <<'EOF'
import resource, statistics, subprocess, sys, time
runs, args = int(sys.argv[1]), sys.argv[2:]
cmds = [args[:args.index('--')], args[args.index('--') + 1:]] if '--' in args else [args]
wall, cpu = [[] for _ in cmds], [[] for _ in cmds]
def used():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
for _ in range(runs):
    for i, cmd in enumerate(cmds):
        t, c = time.perf_counter(), used()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall[i].append((time.perf_counter() - t) * 1000)
        cpu[i].append((used() - c) * 1000)
for w, c in zip(wall, cpu):
    print('%.1f %.1f' % (statistics.median(w), statistics.median(c)))
EOF
}

# wall TIMES / cpu TIMES: one of the two figures median_ms printed.
wall() { echo "${1% *}"; }
cpu() { echo "${1#* }"; }

if [ ! -f "$REF" ]; then
	echo "bench epub: no reference article $REF"
	exit 1
fi
# --------------------------------------------------- one article, vs pandoc
# galley and pandoc in turn (median_ms), when pandoc is there
peer=""
if command -v pandoc >/dev/null && [ -f "$PEER" ]; then
	peer="pandoc --metadata title=bench -o $TMP/peer.epub $PEER"
fi
# shellcheck disable=SC2086
both=$(median_ms "$RUNS" "$GALLEY" epub -o "$TMP/ref.epub" "$REF" ${peer:+-- $peer}) || exit 1
g=$(echo "$both" | sed -n 1p)
p=$(echo "$both" | sed -n 2p)
"$GALLEY" tree "$REF" > "$TMP/ref.xml" 2>/dev/null
gx=$(median_ms "$RUNS" "$GALLEY" epub -o "$TMP/refx.epub" "$TMP/ref.xml") || exit 1
gv=$(median_ms "$RUNS" "$GALLEY" --version)
echo "bench epub: reference article, median of $RUNS runs, wall (CPU) ms: galley $(wall "$g") ($(cpu "$g")) from text," \
	"$(wall "$gx") ($(cpu "$gx")) from tree XML; the program only starting and exiting: $(wall "$gv") ($(cpu "$gv"))"
if [ -n "$p" ]; then
	echo "bench epub: pandoc $(wall "$p") ($(cpu "$p")) on the same article ($PEER), run in turn with galley's"
	python3 -c "import sys; gw,pw,gc,pc=map(float,sys.argv[1:]); print('bench epub: galley/pandoc CPU = %.3f (target <= 0.20): %s; wall = %.3f' % (gc/pc, 'met' if gc <= 0.2 * pc else 'NOT met', gw/pw))" \
		"$(wall "$g")" "$(wall "$p")" "$(cpu "$g")" "$(cpu "$p")"
else
	echo "bench epub: pandoc is not installed (apt-get install pandoc) - no comparison"
fi

# ------------------------------------------ a digest of N articles, amortised
# The corpus articles as tree XML (so the digest measures the EPUB back end,
# not the text reader), repeated to N.
mkdir -p "$TMP/x" "$TMP/t"
i=0
for f in "$SHARED"/corpus/txt/*/input.txt; do
	"$GALLEY" tree "$f" > "$TMP/src$i.xml" 2>/dev/null && i=$((i + 1))
done
k=0
while [ $k -lt "$N" ]; do
	j=0
	while [ $j -lt "$i" ] && [ $k -lt "$N" ]; do
		cp "$TMP/src$j.xml" "$TMP/x/a$(printf %04d $k).xml"
		k=$((k + 1)); j=$((j + 1))
	done
done
d=$(median_ms 3 "$GALLEY" epub -o "$TMP/digest.epub" "$TMP"/x/*.xml) || exit 1
one=$(median_ms 5 "$GALLEY" epub -o "$TMP/one.epub" "$TMP/x/a0000.xml") || exit 1
python3 - "$d" "$one" "$N" "$TMP/digest.epub" <<'EOF'
import os, sys
(dw, dc), (ow, oc) = map(float, sys.argv[1].split()), map(float, sys.argv[2].split())
n, path = int(sys.argv[3]), sys.argv[4]
print('bench epub: digest of %d articles (tree XML inputs) in one process: %.0f ms wall, %.0f ms CPU; '
      'per article amortised %.2f ms wall, %.2f ms CPU; per extra article %.2f ms CPU; %.1f MB '
      '(target < 1 ms per article: %s)'
      % (n, dw, dc, dw / n, dc / n, (dc - oc) / (n - 1), os.path.getsize(path) / 1e6,
         'met' if dw / n < 1 else 'met in CPU time' if dc / n < 1 else 'NOT met'))
EOF
