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

# The lower bound: tests/bench_lower_bound.c does only what pango and cairo
# must do to print the article's text (shape, break, draw, embed fonts),
# built here; it and galley run alternately, so that a busy machine slows
# both alike.  Target (issue 21): galley at most 1.4 times the lower bound.
LB_SRC="$GALLEY_TOP/tests/bench_lower_bound.c"
if cc -O2 -o "$TMP/lower" "$LB_SRC" $(pkg-config --cflags --libs pangocairo cairo-pdf) 2>"$TMP/cc.err"; then
	"$GALLEY" tree "$ARTICLE" 2>/dev/null | python3 -c "
import re, sys, html
x = sys.stdin.read()
t = re.search(r'<title>(.*?)</title>', x, re.S)
print(html.unescape(re.sub(r'\s+', ' ', t.group(1))) if t else 'Untitled')
for p in re.findall(r'<(?:p|h[234])>(.*?)</(?:p|h[234])>', x, re.S):
    print(html.unescape(re.sub(r'\s+', ' ', re.sub(r'<[^>]*>', '', p))).strip())
" > "$TMP/paras.txt"
	python3 - "$RUNS" "$TMP" "$GALLEY" "$ARTICLE" <<'PY'
import resource, statistics, subprocess, sys
runs, tmp, galley, article = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
cmds = {'galley pdf': [galley, 'pdf', '-o', tmp + '/g.pdf', article],
        'lower bound': [tmp + '/lower', tmp + '/paras.txt', tmp + '/lb.pdf']}
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
t = {k: [] for k in cmds}
for _ in range(runs):
    for k, c in cmds.items():
        before = cpu()
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        t[k].append((cpu() - before) * 1000)
g, lb = statistics.median(t['galley pdf']), statistics.median(t['lower bound'])
print('bench pdf: one article, median CPU of %d alternate runs: galley pdf %.1f ms, pango/cairo lower bound %.1f ms: ratio %.2f (target <= 1.4: %s)'
      % (runs, g, lb, g / lb, 'met' if g / lb <= 1.4 else 'NOT met'))
PY
else
	echo "bench pdf: cannot build the lower bound: $(head -n 3 "$TMP/cc.err")"
fi
