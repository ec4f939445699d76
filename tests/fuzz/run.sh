#!/bin/sh
# run.sh BUILD SECONDS [NAME...] — runs each libFuzzer target BUILD/fuzz_NAME
# (all of them by default) for SECONDS, one at a time, at low priority.  The
# seeds are tests/fuzz/corpus/NAME, samples/, tests/regress/ and
# ../shared/corpus when present, each given the two option bytes every target reads first; new
# inputs accumulate in BUILD/corpus/NAME.  A crash, leak or timeout stops
# the run with its input saved as BUILD/artifacts/NAME-*; the figures of
# each run are appended to BUILD/fuzz.log.  Exit 0 only if all were clean.
BUILD=${1:?usage: run.sh BUILD SECONDS [NAME...]}
SECONDS_EACH=${2:-60}
shift 2 2>/dev/null || shift $#
TOP=$(cd "$(dirname "$0")/../.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
export GALLEY_DATADIR="$TOP"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0:suppressions=$TOP/tests/fuzz/asan.supp${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$TOP/tests/fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

names=$*
if [ -z "$names" ]; then
	for f in "$TOP"/tests/fuzz/fuzz_*.c; do
		n=${f##*/fuzz_}; names="$names ${n%.c}"
	done
fi

# The option bytes a seed gets: byte 0 flags (none), byte 1 the target's
# choice (convert: the reader by extension, images on, both back ends;
# layout: typeset to PDF and EPUB).
choice() {
	case "$1:$2" in
	convert:*.txt) c=011 ;;
	convert:*.html|convert:*.htm) c=012 ;;
	convert:*.md) c=013 ;;
	convert:*.rss|convert:*.atom|convert:*.feed) c=014 ;;
	convert:*.xml) c=015 ;;
	convert:*) c=010 ;;
	layout:*) c=003 ;;
	*) c=000 ;;
	esac
	printf '%s' "$c"
}

# seed NAME FILE: add FILE (prefixed) to the working corpus of NAME.
seed() {
	sum=$(cksum < "$2" | cut -d' ' -f1)
	{ printf "\\000\\$(choice "$1" "$2")"; head -c 65536 "$2"; } > "$BUILD/corpus/$1/seed-$sum"
}

# seeds NAME: the files that seed target NAME.
seeds() {
	find "$TOP/tests/fuzz/corpus/$1" -type f 2>/dev/null
	case $1 in
	text) pat='*.txt'; shared=txt ;;
	html) pat='*.htm*'; shared=html ;;
	md) pat='*.md'; shared= ;;
	feed) pat='*.[ra][st][so]*'; shared= ;;
	xml) pat='*.xml'; shared= ;;
	convert) pat='*'; shared= ;;
	*) pat=; shared= ;;
	esac
	[ -n "$pat" ] && find "$TOP/samples" "$TOP/tests/regress" -maxdepth 2 -type f -name "$pat" ! -name README.md 2>/dev/null
	[ -n "$shared" ] && [ -d "$TOP/../shared/corpus/$shared" ] &&
		find "$TOP/../shared/corpus/$shared" -type f \( -name '*.txt' -o -name '*.html' \) -size -64k 2>/dev/null
	[ "$1" = layout ] && find "$TOP/layouts" -name '*.xml' 2>/dev/null
	[ "$1" = image ] && find "$TOP/tests/fuzz/images" "$TOP/samples/images" -type f 2>/dev/null
	[ "$1" = convert ] && find "$TOP/tests/fuzz/corpus" -type f 2>/dev/null | grep -v '/layout/'
}

failed=0
mkdir -p "$BUILD/artifacts"
for name in $names; do
	bin="$BUILD/fuzz_$name"
	if [ ! -x "$bin" ]; then
		echo "fuzz: no target $bin"; failed=1; continue
	fi
	mkdir -p "$BUILD/corpus/$name"
	seeds "$name" | while read -r f; do seed "$name" "$f"; done
	log="$BUILD/fuzz-$name.log"
	echo "fuzz: $name for ${SECONDS_EACH}s"
	nice -n 19 "$bin" -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$name-" \
		"$BUILD/corpus/$name" > "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+')
	line="$(date -u +%FT%TZ) $name: ${SECONDS_EACH}s, ${runs:-?} runs, ${cov:-cov: ?}, exit $rc"
	echo "$line" >> "$BUILD/fuzz.log"
	echo "fuzz: $line"
	if [ $rc -ne 0 ]; then
		failed=1
		grep -E 'ERROR|SUMMARY|Test unit written|runtime error' "$log" | head -n 10
		echo "fuzz: $name failed; full log in $log"
	fi
done
exit $failed
