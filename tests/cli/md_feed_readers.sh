# md_feed_readers.sh — the Markdown and feed readers through the CLI: golden trees, item choice, hostile feeds.
. "$GALLEY_TOP/tests/lib.sh"
S="$GALLEY_TOP/samples"
G="$GALLEY_TOP/tests/golden"

# golden NAME SAMPLE GOLDEN: the tree of SAMPLE is GOLDEN, and reads back to itself.
golden() {
	if "$GALLEY" tree "$2" >"$TMP/tree.xml" 2>"$TMP/err" && cmp -s "$TMP/tree.xml" "$3"; then
		ok "$1 matches its golden tree"
	else
		fail "$1 matches its golden tree" "$(cat "$TMP/err"; diff "$3" "$TMP/tree.xml" | head -20)"
	fi
	if "$GALLEY" tree --from xml "$TMP/tree.xml" >"$TMP/again.xml" 2>"$TMP/err" &&
	   cmp -s "$TMP/tree.xml" "$TMP/again.xml"; then
		ok "$1: tree -> xml -> tree is the identity"
	else
		fail "$1: tree -> xml -> tree is the identity" "$(cat "$TMP/err"; diff "$TMP/tree.xml" "$TMP/again.xml" | head)"
	fi
}

golden "markdown sample" "$S/galley-proof.md" "$G/galley-proof.xml"
golden "feed sample" "$S/galley-notes.rss" "$G/galley-notes.xml"

# detection from content: Markdown front matter on standard input, an Atom feed named .xml
"$GALLEY" tree - <"$S/galley-proof.md" >"$TMP/stdin.xml" 2>"$TMP/err"
cmp -s "$TMP/stdin.xml" "$G/galley-proof.xml" && ok "markdown detected on standard input" \
	|| fail "markdown detected on standard input" "$(cat "$TMP/err")"
cat >"$TMP/notes.atom.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom notes</title>
<entry><title>Only entry</title><id>urn:x:1</id><updated>2026-11-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;Some &lt;em&gt;text&lt;/em&gt;.&lt;/p&gt;</content></entry></feed>
XML
status_is "an Atom feed named .xml is read" 0 "$GALLEY" tree "$TMP/notes.atom.xml"
grep -q '<galley title="Atom notes"' "$TMP/out" && grep -q "<p>Some <em>text</em>.</p>" "$TMP/out" \
	&& ok "the Atom entry becomes an article" || fail "the Atom entry becomes an article" "$(cat "$TMP/out")"

# --since and --max choose items; the repeated guid never shows
"$GALLEY" tree --since 2026-11-10 "$S/galley-notes.rss" >"$TMP/since.xml" 2>/dev/null
n=$(grep -c "<article" "$TMP/since.xml")
[ "$n" -eq 2 ] && ! grep -q "Why the tree comes first" "$TMP/since.xml" \
	&& ok "--since keeps items dated on or after the day" || fail "--since keeps items dated on or after the day" "$n articles"
"$GALLEY" tree --max 1 "$S/galley-notes.rss" >"$TMP/max.xml" 2>/dev/null
[ "$(grep -c "<article" "$TMP/max.xml")" -eq 1 ] && grep -q "Widows, orphans" "$TMP/max.xml" \
	&& ok "--max 1 keeps the newest item" || fail "--max 1 keeps the newest item" "$(cat "$TMP/max.xml")"
[ "$(grep -c "Reading feeds into a digest" "$G/galley-notes.xml")" -eq 1 ] \
	&& ok "an item listed twice appears once" || fail "an item listed twice appears once"
"$GALLEY" tree --title "Weekend reading" "$S/galley-notes.rss" >"$TMP/title.xml" 2>/dev/null
grep -q '<galley title="Weekend reading" date="2026-11-27">' "$TMP/title.xml" \
	&& ok "--title names the digest" || fail "--title names the digest" "$(head -3 "$TMP/title.xml")"
status_is "--since with no item left fails" 1 "$GALLEY" tree --since 2030-01-01 "$S/galley-notes.rss"
status_is "--since that is not a date fails" 1 "$GALLEY" tree --since yesterday "$S/galley-notes.rss"

# hostile and broken feeds: a clear error, exit 1, nothing leaked
cat >"$TMP/xxe.rss" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>Leak &xxe;</title><description>&xxe;</description></item></channel></rss>
XML
status_is "a feed with an external entity fails" 1 "$GALLEY" tree "$TMP/xxe.rss"
if grep -q "root:" "$TMP/out" "$TMP/err"; then fail "/etc/passwd never appears"; else ok "/etc/passwd never appears"; fi
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE rss ['
	echo ' <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
	prev=a
	for e in b c d e f g h i j; do
		printf ' <!ENTITY %s "' "$e"
		for k in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
		echo '">'
		prev=$e
	done
	echo ']>'
	echo '<rss version="2.0"><channel><title>Laughs</title>'
	echo '<item><title>&j;</title><description>&j;</description></item></channel></rss>'
} >"$TMP/bomb.rss"
status_is "an entity bomb fails quickly" 1 timeout 10 "$GALLEY" tree "$TMP/bomb.rss"
grep -q "entities" "$TMP/err" && ok "the entity bomb is named" || fail "the entity bomb is named" "$(cat "$TMP/err")"

printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Bad</title>\n<item><title>One</title>\n<description>open\n</channel></rss>\n' >"$TMP/bad.rss"
status_is "a malformed feed fails with 1" 1 "$GALLEY" tree "$TMP/bad.rss"
grep -q "^galley: $TMP/bad.rss:5: .*malformed feed" "$TMP/err" && ok "the malformed feed's message names the line" \
	|| fail "the malformed feed's message names the line" "$(cat "$TMP/err")"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Empty</title></channel></rss>\n' >"$TMP/empty.rss"
status_is "an empty feed fails with 1" 1 "$GALLEY" tree "$TMP/empty.rss"
grep -q "feed has no items" "$TMP/err" && ok "the empty feed says so" || fail "the empty feed says so" "$(cat "$TMP/err")"

# Markdown that is nothing fails; a feed makes a digest book
printf '<!-- nothing -->\n' >"$TMP/none.md"
status_is "markdown with no text fails with 1" 1 "$GALLEY" tree "$TMP/none.md"
status_is "a feed makes an EPUB digest" 0 "$GALLEY" epub -o "$TMP/digest.epub" "$S/galley-notes.rss"
status_is "a feed makes a PDF digest" 0 "$GALLEY" pdf -o "$TMP/digest.pdf" "$S/galley-notes.rss"
