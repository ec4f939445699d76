#!/bin/sh
# run.sh BUILD — runs every test: the cmocka unit binaries in BUILD/tests and
# the CLI scripts in tests/cli.  Each check prints "ok - NAME" or
# "not ok - NAME"; the last line is "N passed, N failed".
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
export GALLEY="$BUILD/galley" GALLEY_TOP="$TOP" GALLEY_BUILD="$BUILD"
export CMOCKA_MESSAGE_OUTPUT=TAP
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run NAME COMMAND...: records its ok/not ok lines; a non-zero exit with
# no failure reported counts as one failure.
run() {
	name=$1; shift
	echo "# $name"
	out=$("$@" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E '^(not )?ok' | tee -a "$log"
	printf '%s\n' "$out" | grep -E '^not ok' >/dev/null && return
	if [ $rc -ne 0 ]; then
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/#   /'
		echo "not ok - $name exited with status $rc" | tee -a "$log"
	fi
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] && run "unit: ${t##*/}" "$t"
done
for t in "$TOP"/tests/cli/*.sh; do
	[ -f "$t" ] && run "cli: ${t##*/}" sh "$t"
done
passed=$(grep -c '^ok' "$log")
failed=$(grep -c '^not ok' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
