#!/bin/sh
# bench_pdf.sh — time and memory of the PDF back end on the reference article
# (issue 3): the median per PDF with one process per article, the amortised
# time over 100 articles in one process (galley batch -j 1), peak memory, and
# WeasyPrint's time on the same article from hand-written HTML when it is
# installed.  Target: under 1/15 of WeasyPrint's time (about 25 ms here) and
# under 30 MB.  Times are CPU time (user + system): wall-clock time is also
# printed, but on a busy machine only CPU time is comparable.
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
SHARED="$GALLEY_TOP/../shared"
ARTICLE="$SHARED/corpus/txt/korea-hotlines/input.txt"
PEER="$SHARED/peers/korea-hotlines.html"
RUNS=${BENCH_RUNS:-11}
N=${BENCH_ARTICLES:-100}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ ! -f "$ARTICLE" ]; then
	echo "bench pdf: $ARTICLE is missing"; exit 0
fi
mkdir -p "$TMP/in"
i=0
while [ $i -lt "$N" ]; do
	cp "$ARTICLE" "$TMP/in/a$i.txt"
	i=$((i + 1))
done

# measure LABEL RUNS COUNT CMD...: runs CMD RUNS times; prints the median CPU
# and wall time divided by COUNT, and the peak memory of any run.
measure() {
	python3 - "$@" <<'PY'
import resource, statistics, subprocess, sys, time
label, runs, count, cmd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
cpu, wall = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall.append((time.perf_counter() - t) / count)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / count)
    if r.returncode:
        print(f"{label}: failed (exit {r.returncode})"); sys.exit(0)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{label:44s} {statistics.median(cpu) * 1000:7.1f} ms CPU {statistics.median(wall) * 1000:7.1f} ms wall  peak {peak:5.1f} MB")
PY
}

echo "bench pdf: $(basename "$(dirname "$ARTICLE")"), article-a4"
measure "galley pdf, one process per article" "$RUNS" 1 \
	"$GALLEY" pdf -o "$TMP/one.pdf" "$ARTICLE"
measure "galley batch -j 1, $N articles in one process" 3 "$N" \
	"$GALLEY" batch -j 1 --force --to pdf -o "$TMP/out" "$TMP/in"
if command -v weasyprint >/dev/null 2>&1 && [ -f "$PEER" ]; then
	measure "weasyprint, one process per article" 5 1 weasyprint "$PEER" "$TMP/w.pdf"
else
	echo "weasyprint: not installed (its time is not measured)"
fi
if [ -x "$SHARED/tools/typo-metrics" ]; then
	"$SHARED/tools/typo-metrics" "$TMP/one.pdf" 2>/dev/null | sed 's/^/typo-metrics: /'
fi
