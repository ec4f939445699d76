# lib.sh — helpers for the CLI tests (sourced).  $GALLEY is the program,
# $GALLEY_TOP the source tree; each check prints "ok - NAME" or "not ok - NAME".
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
SHARED="$GALLEY_TOP/../shared"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $1"; }
fail() { echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'; }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
	name=$1; shift
	if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi
}

# status_is NAME EXPECTED COMMAND...: passes when COMMAND exits EXPECTED.
status_is() {
	name=$1; want=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"; got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else fail "$name" "exit $got, wanted $want: $(cat "$TMP/err")"; fi
}

# has NAME FILE PATTERN: passes when FILE holds the extended regular expression;
# hasnt passes when it does not.
has() {
	if grep -Eq "$3" "$2"; then ok "$1"; else fail "$1" "$(head -c 2000 "$2")"; fi
}
hasnt() {
	if grep -Eq "$3" "$2"; then fail "$1" "$(grep -E "$3" "$2" | head -5)"; else ok "$1"; fi
}

# roundtrip NAME FILE: the tree of FILE reads back to itself.
roundtrip() {
	"$GALLEY" tree "$2" >"$TMP/rt1.xml" 2>/dev/null
	if "$GALLEY" tree --from xml "$TMP/rt1.xml" >"$TMP/rt2.xml" 2>"$TMP/err" &&
	   cmp -s "$TMP/rt1.xml" "$TMP/rt2.xml"; then
		ok "$1: tree -> xml -> tree is the identity"
	else
		fail "$1: tree -> xml -> tree is the identity" "$(cat "$TMP/err"; diff "$TMP/rt1.xml" "$TMP/rt2.xml" | head)"
	fi
}

# epubcheck_clean NAME EPUB: passes when epubcheck (make deps) reports no
# fatal error, no error and no warning for EPUB.
EPUBCHECK_JAR=/usr/share/java/epubcheck.jar
epubcheck_clean() {
	if [ ! -f "$EPUBCHECK_JAR" ] || ! command -v java >/dev/null; then
		ok "# SKIP epubcheck not installed ($1)"; return
	fi
	java -jar "$EPUBCHECK_JAR" "$2" >"$TMP/epubcheck.log" 2>&1
	if grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' "$TMP/epubcheck.log"; then ok "$1"
	else fail "$1" "$(grep -E 'FATAL|ERROR|WARNING' "$TMP/epubcheck.log" | head)"; fi
}
