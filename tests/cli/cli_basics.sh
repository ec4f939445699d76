# cli_basics.sh — the command-line contract: exit codes, messages, stdin/stdout, atomic output.
. "$GALLEY_TOP/tests/lib.sh"

cat > "$TMP/a.xml" <<'XML'
<galley>
  <article lang="en">
    <title>A small article</title>
    <p>One paragraph of text.</p>
  </article>
</galley>
XML

status_is "no arguments is a usage error" 2 "$GALLEY"
status_is "unknown command is a usage error" 2 "$GALLEY" frobnicate
status_is "unknown option is a usage error" 2 "$GALLEY" tree --bogus "$TMP/a.xml"
status_is "bad --from is a usage error" 2 "$GALLEY" tree --from doc "$TMP/a.xml"
status_is "tree with two inputs is a usage error" 2 "$GALLEY" tree "$TMP/a.xml" "$TMP/a.xml"
status_is "tree with no input is a usage error" 2 "$GALLEY" tree
status_is "--help succeeds" 0 "$GALLEY" --help
grep -q "galley tree" "$TMP/out" && ok "--help shows the tree command" || fail "--help shows the tree command"
status_is "--version succeeds" 0 "$GALLEY" --version

status_is "missing input fails with 1" 1 "$GALLEY" tree "$TMP/missing.txt"
grep -q "^galley: $TMP/missing.txt: " "$TMP/err" && ok "message names the file" \
	|| fail "message names the file" "$(cat "$TMP/err")"

status_is "tree of a good file succeeds" 0 "$GALLEY" tree "$TMP/a.xml"
grep -q "<title>A small article</title>" "$TMP/out" && ok "tree prints the title" || fail "tree prints the title"

"$GALLEY" tree - < "$TMP/a.xml" > "$TMP/stdin.xml" 2>"$TMP/err"
[ -s "$TMP/out" ] && cmp -s "$TMP/stdin.xml" "$TMP/out" && ok "standard input gives the same tree" \
	|| fail "standard input gives the same tree" "$(cat "$TMP/err")"

printf 'A title line\n\nA first paragraph of plain text that says something.\n' |
	"$GALLEY" tree --from txt - > "$TMP/txt.xml" 2>"$TMP/err"
grep -q "<title>A title line</title>" "$TMP/txt.xml" && ok "plain text from standard input" \
	|| fail "plain text from standard input" "$(cat "$TMP/err")"

status_is "empty input fails with 1" 1 "$GALLEY" tree --from txt /dev/null
status_is "malformed tree XML fails with 1" 1 sh -c "printf '<galley><article><p>x</galley>' | '$GALLEY' tree --from xml -"
grep -q "^galley: -:1: " "$TMP/err" && ok "malformed XML message has the line" \
	|| fail "malformed XML message has the line" "$(cat "$TMP/err")"

# -o writes atomically: a failed conversion leaves an earlier good output as it was.
"$GALLEY" tree -o "$TMP/out.xml" "$TMP/a.xml"
cp "$TMP/out.xml" "$TMP/good.xml"
status_is "failed conversion with -o fails with 1" 1 "$GALLEY" tree -o "$TMP/out.xml" "$TMP/missing.txt"
cmp -s "$TMP/out.xml" "$TMP/good.xml" && ok "earlier output left untouched" || fail "earlier output left untouched"
[ -s "$TMP/good.xml" ] && ! ls -a "$TMP" | grep -q '^\.out\.xml\.' && ok "no temporary file left" || fail "no temporary file left"
status_is "unwritable output fails with 1" 1 "$GALLEY" tree -o "$TMP/no/such/dir/x.xml" "$TMP/a.xml"

# tree -> xml -> tree is the identity on every sample.
for s in "$GALLEY_TOP"/samples/*; do
	[ -f "$s" ] || continue
	name=${s##*/}
	if "$GALLEY" tree "$s" > "$TMP/1.xml" 2>/dev/null; then
		"$GALLEY" tree --from xml "$TMP/1.xml" > "$TMP/2.xml" 2>"$TMP/err"
		cmp -s "$TMP/1.xml" "$TMP/2.xml" && ok "round trip: $name" \
			|| fail "round trip: $name" "$(diff "$TMP/1.xml" "$TMP/2.xml" | head -5)"
	else
		fail "round trip: $name (tree failed)"
	fi
done

# SOURCE_DATE_EPOCH: the same input gives the same bytes.
SOURCE_DATE_EPOCH=1600000000 "$GALLEY" tree "$TMP/a.xml" > "$TMP/r1"
SOURCE_DATE_EPOCH=1600000000 "$GALLEY" tree "$TMP/a.xml" > "$TMP/r2"
[ -s "$TMP/r1" ] && cmp -s "$TMP/r1" "$TMP/r2" && ok "tree output is deterministic" || fail "tree output is deterministic"

# An output that is a device or a pipe is written into, never replaced: a
# full device fails with the reason and stays a device; /dev/stdout streams.
if [ -c /dev/full ]; then
	status_is "-o /dev/full fails" 1 "$GALLEY" epub -o /dev/full "$TMP/a.xml"
	grep -q "No space left" "$TMP/err" && ok "the message gives the reason" \
		|| fail "the message gives the reason" "$(cat "$TMP/err")"
	[ -c /dev/full ] && ok "/dev/full is still a device" || fail "/dev/full is still a device"
fi
"$GALLEY" epub -o /dev/stdout "$TMP/a.xml" 2>/dev/null | head -c 2 | grep -q PK \
	&& ok "-o /dev/stdout streams the EPUB" || fail "-o /dev/stdout streams the EPUB"
mkfifo "$TMP/fifo"
head -c 5 "$TMP/fifo" > "$TMP/fifo.out" &
"$GALLEY" pdf -o "$TMP/fifo" "$TMP/a.xml" 2>/dev/null
wait
[ -p "$TMP/fifo" ] && grep -q '%PDF' "$TMP/fifo.out" && ok "a named pipe gets the PDF and stays a pipe" \
	|| fail "a named pipe gets the PDF and stays a pipe" "$(ls -l "$TMP/fifo")"

# A reader that stops early: an error, and no temporary file left behind.
mkdir -p "$TMP/tmpdir"
TMPDIR="$TMP/tmpdir" "$GALLEY" pdf -o - "$TMP/a.xml" 2>"$TMP/err" | head -c 1 >/dev/null
[ -z "$(ls -A "$TMP/tmpdir")" ] && ok "a closed pipe leaves no temporary file" \
	|| fail "a closed pipe leaves no temporary file" "$(ls -A "$TMP/tmpdir")"
