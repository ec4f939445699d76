#!/bin/sh
# bench_0_one_run.sh — first, the time of one `galley pdf` and one `galley
# epub` of the reference article, each in a process of its own, as a user
# runs them (median of 7).  On a machine set up by `make deps` these are
# tens of milliseconds; a machine that lacks a package shows at once, in
# the time and in galley's own warning, printed here.
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
ARTICLE="$GALLEY_TOP/../shared/corpus/txt/korea-hotlines/input.txt"
[ -f "$ARTICLE" ] || ARTICLE="$GALLEY_TOP/samples/harbour-ferry.txt"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "bench one run: $(basename "$(dirname "$ARTICLE")")"
for fmt in pdf epub; do
	"$GALLEY" "$fmt" -o "$TMP/warm.$fmt" "$ARTICLE" 2>"$TMP/err.$fmt"   # makes the cache
	python3 - "$fmt" "$GALLEY" "$fmt" -o "$TMP/one.$fmt" "$ARTICLE" <<'PY'
import statistics, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
wall = []
for _ in range(7):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall.append((time.perf_counter() - t) * 1000)
print(f"one galley {label:4s} {statistics.median(wall):7.1f} ms wall (median of 7)")
PY
	sed 's/^/  it said: /' "$TMP/err.$fmt"
done
