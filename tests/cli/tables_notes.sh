# tables_notes.sh — tables and footnotes from each reader to both back ends: the tree, its round trip, the PDF's reading order, the EPUB.
. "$GALLEY_TOP/tests/lib.sh"
F="$GALLEY_TOP/tests/tables_notes"

# has NAME FILE PATTERN: passes when FILE holds the extended regular expression.
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

# --- the tree: notes numbered by first reference, a dangling reference dropped
"$GALLEY" tree "$F/tree.xml" >"$TMP/t.xml" 2>"$TMP/err"
has "tree: notes numbered in the order first referenced" "$TMP/t.xml" \
	'See this<noteref ref="n1"/> and that<noteref ref="n2"/> and again<noteref ref="n1"/> and bad\.'
has "tree: the notes stand at the article's end, in order" "$TMP/t.xml" '<footnote id="n2">'
hasnt "tree: a reference inside a note is dropped" "$TMP/t.xml" 'Note A<noteref'
has "tree: cells keep spans and alignment, a huge span is clamped" "$TMP/t.xml" \
	'<td colspan="2" rowspan="100">Wide</td>'
has "tree: an empty cell keeps its place" "$TMP/t.xml" '<tr><td>x</td><td></td></tr>'
has "tree: header cells and their alignment" "$TMP/t.xml" '<th align="right">Value</th>'
hasnt "tree: a table of a caption alone is dropped" "$TMP/t.xml" '<caption>empty'
roundtrip "tables and notes" "$F/tree.xml"

