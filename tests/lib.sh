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
