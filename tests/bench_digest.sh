#!/bin/sh
# bench_digest.sh — one digest of 100, 1,000 and 10,000 articles (the samples
# the readers accept, repeated) to PDF and to EPUB, each in one process:
# wall and CPU time per article and the process's peak memory (issue 21).
# Targets: peak memory under 80 MB at every size; the time per article at
# 10,000 at most 1.3 times that at 100.  BENCH_DIGEST_SIZES="100 1000"
# measures fewer sizes.
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
SIZES=${BENCH_DIGEST_SIZES:-100 1000 10000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1633046400

# the samples that are one article each (a feed is several), with their images
mkdir -p "$TMP/src"
for s in "$GALLEY_TOP"/samples/*; do
	case $s in *.txt|*.md|*.markdown|*.html|*.htm) ;; *) continue ;; esac
	"$GALLEY" tree "$s" >/dev/null 2>&1 && cp "$s" "$TMP/src/"
done
if [ -z "$(ls "$TMP/src")" ]; then
	echo "bench digest: no sample is readable"; exit 0
fi

# make N: folder $TMP/inN of N articles, named so that the shell sorts them
make_articles() {
	dir=$TMP/in$1
	mkdir -p "$dir"
	cp -r "$GALLEY_TOP"/samples/images "$dir/" 2>/dev/null
	i=0
	while [ $i -lt "$1" ]; do
		for s in "$TMP"/src/*; do
			[ $i -lt "$1" ] || break
			ln -s "$s" "$dir/a$(printf %05d $i).${s##*.}"
			i=$((i + 1))
		done
	done
}

# measure FORMAT N: prints "FORMAT N wall_ms cpu_ms peak_MB pages"
measure() {
	python3 - "$1" "$2" "$GALLEY" "$TMP" <<'PY'
import glob, resource, subprocess, sys, time
fmt, n, galley, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
out = f"{tmp}/d{n}.{fmt}"
ins = sorted(glob.glob(f"{tmp}/in{n}/a*"))
t = time.perf_counter()
p = subprocess.Popen([galley, fmt, '--offline', '--title', 'Bench', '-o', out] + ins,
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = p.communicate()[1].decode(errors='replace')
status = p.returncode
wall = (time.perf_counter() - t) * 1000
r = resource.getrusage(resource.RUSAGE_CHILDREN)
# ru_maxrss of the children is the largest so far: each size runs in a
# python of its own, so it is this run's
cpu = (r.ru_utime + r.ru_stime) * 1000
if status:
    last = [l for l in err.splitlines() if 'warning' not in l][-1:] or ['']
    print(f"{fmt} {n} failed (exit {status}): {last[0]}")
    sys.exit(0)
pages = ''
if fmt == 'pdf':
    info = subprocess.run(['pdfinfo', out], capture_output=True, text=True).stdout
    pages = ''.join(l.split()[-1] for l in info.splitlines() if l.startswith('Pages:'))
print(f"{fmt} {n} {wall:.0f} {cpu:.0f} {r.ru_maxrss / 1024:.1f} {pages}")
PY
}

echo "bench digest: one digest of N articles (from $(ls "$TMP/src" | tr '\n' ' ')) in one process"
: > "$TMP/results"
for n in $SIZES; do
	make_articles "$n"
	for fmt in pdf epub; do
		r=$(measure "$fmt" "$n")
		echo "$r" >> "$TMP/results"
		echo "$r" | awk '$3 == "failed" { print "bench digest: " $0; next }
			{ printf "bench digest: %-4s %6d articles %8.0f ms wall %8.0f ms CPU  %6.2f ms CPU an article  peak %6.1f MB%s\n",
			  $1, $2, $3, $4, $4 / $2, $5, $6 ? "  " $6 " pages" : "" }'
	done
	rm -rf "$TMP/in$n" "$TMP"/d"$n".*
done
# the targets, from the smallest and largest sizes measured
awk '$3 != "failed" {
	if (!($1 in lo) || $2 < lo[$1]) { lo[$1] = $2; lo_ms[$1] = $4 / $2 }
	if (!($1 in hi) || $2 > hi[$1]) { hi[$1] = $2; hi_ms[$1] = $4 / $2 }
	if ($5 > peak[$1]) peak[$1] = $5 }
END { for (f in lo) printf "bench digest: %s peak memory %.1f MB (target < 80): %s; CPU an article at %d / at %d = %.2f (target <= 1.3): %s\n",
	f, peak[f], peak[f] < 80 ? "met" : "NOT met", hi[f], lo[f], hi_ms[f] / lo_ms[f],
	hi_ms[f] / lo_ms[f] <= 1.3 ? "met" : "NOT met" }' "$TMP/results"
