# regress.sh — replays tests/regress/* (inputs that once crashed galley or
# broke its output) through tree, pdf and epub: never a crash or a hang;
# exit 0, or exit 1 naming the file.
. "$GALLEY_TOP/tests/lib.sh"
T=${GALLEY_TIMEOUT:-20}
for f in "$GALLEY_TOP"/tests/regress/*; do
	case $f in *.md) [ "${f##*/}" = README.md ] && continue ;; esac
	name=${f##*/}
	for cmd in tree pdf epub; do
		(ulimit -t "$T"; exec timeout -k 5 "$((T * 6))" "$GALLEY" $cmd -o "$TMP/out.$cmd" "$f") >/dev/null 2>"$TMP/err"
		rc=$?
		why=
		if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then why="did not finish in $((T * 6))s"
		elif [ $rc -eq 152 ]; then why="used more than ${T}s of CPU time"
		elif [ $rc -gt 1 ]; then why="exit $rc"
		elif grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$TMP/err"; then why="sanitizer report"
		elif [ $rc -eq 1 ] && ! grep -qF "galley: $f" "$TMP/err"; then why="failed without naming the file"
		fi
		if [ -z "$why" ] && [ $cmd = tree ] && [ $rc -eq 0 ] &&
		   ! "$GALLEY" tree --from xml "$TMP/out.tree" >/dev/null 2>>"$TMP/err"; then
			why="its tree XML does not read back"
		fi
		if [ -z "$why" ]; then ok "regress $name: $cmd"; else fail "regress $name: $cmd" "$why
$(head -c 600 "$TMP/err")"; fi
		rm -f "$TMP/out.$cmd"
	done
done
