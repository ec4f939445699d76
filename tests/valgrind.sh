#!/bin/sh
# valgrind.sh BUILD [SCRIPT...] — `make check-valgrind`: runs the CLI tests
# (tests/cli/*.sh but install.sh, or the SCRIPTs named) with every galley
# run under valgrind's memcheck.  A run with a memory error or a definite or
# indirect leak leaves a log in BUILD/valgrind/logs; each such log is one
# failure.  Big hostile inputs are scaled down (GALLEY_SMALL) and the time
# limit raised.  Ends with "N passed, N failed" like run.sh.
BUILD=${1:-build}
[ $# -gt 0 ] && shift
TOP=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
VG="$BUILD/valgrind"
rm -rf "$VG" && mkdir -p "$VG/logs" || exit 1
cat > "$VG/galley" <<WRAP
#!/bin/sh
exec valgrind -q --trace-children=yes --leak-check=full \\
  --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\
  --error-exitcode=99 --suppressions="$TOP/tests/valgrind.supp" \\
  --log-file="$VG/logs/vg.%p" "$BUILD/galley" "\$@"
WRAP
chmod +x "$VG/galley"
export GALLEY="$VG/galley" GALLEY_TOP="$TOP" GALLEY_BUILD="$BUILD" GALLEY_DATADIR="$TOP"
export GALLEY_TIMEOUT=600 GALLEY_SMALL=1

scripts=$*
[ -z "$scripts" ] && scripts=$(ls "$TOP"/tests/cli/*.sh | grep -v '/install\.sh$')
log="$VG/results"
: > "$log"
for t in $scripts; do
	echo "# cli: ${t##*/} (valgrind)"
	sh "$t" 2>&1 | grep -E '^(not )?ok' | tee -a "$log"
done
for f in "$VG"/logs/vg.*; do
	[ -s "$f" ] || continue
	what=$(grep -m1 -E 'definitely lost|indirectly lost|Invalid|uninitialised|Mismatched|overlap' "$f" | sed 's/^==[0-9]*== *//')
	cmd=$(grep -m1 'Command:' "$f" | sed 's/^==[0-9]*== *Command: *//')
	[ -z "$what" ] && continue
	echo "not ok - valgrind: $what: $cmd (log ${f##*/})" | tee -a "$log"
done
passed=$(grep -c '^ok' "$log")
failed=$(grep -c '^not ok' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
