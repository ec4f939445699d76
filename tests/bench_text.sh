#!/bin/sh
# bench_text.sh — the plain-text reader's time per article, amortised in
# one process (galley batch -j 1 --to xml over the corpus's scraped and
# plain-text cases, repeated to about 1,000).  Target (issue 13): under
# 1 ms an article.  GALLEY_BASELINE=/path/to/another/galley measures that
# build too, alternately with this one, and prints the ratio.
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
SHARED="$GALLEY_TOP/../shared"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
set -- "$SHARED"/corpus/txt/*/input.txt "$SHARED"/corpus/scraped/*/*/input.txt
if [ ! -f "$1" ]; then
	echo "bench text: the corpus is missing"; exit 0
fi
mkdir -p "$TMP/in"
i=0
while [ $i -lt 1000 ]; do
	for f in "$@"; do
		cp "$f" "$TMP/in/a$i.txt"
		i=$((i + 1))
	done
done
python3 - "$TMP" "$i" "$GALLEY" "${GALLEY_BASELINE:-}" <<'PY'
import resource, statistics, subprocess, sys
tmp, n, builds = sys.argv[1], int(sys.argv[2]), [b for b in sys.argv[3:] if b]
# user CPU: the reading itself; writing and syncing each small output is
# system time, which is not the reader's
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime
times = {b: [] for b in builds}
for _ in range(3):
    for b in builds:   # alternately, so that a busy machine slows both alike
        t = cpu()
        subprocess.run([b, 'batch', '-j', '1', '--force', '--to', 'xml', '-o', tmp + '/out', tmp + '/in'],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[b].append((cpu() - t) * 1000 / n)
for b in builds:
    print('bench text: %-40s %.3f ms user CPU per article (%d articles, one process; target < 1 ms)'
          % (b[-40:], statistics.median(times[b]), n))
if len(builds) == 2:
    print('bench text: ratio this build / baseline: %.2f'
          % (statistics.median(times[builds[0]]) / statistics.median(times[builds[1]])))
PY
