# hostile.sh — hostile inputs (issue 7): galley never crashes, never hangs,
# never reads a file it should not, and never leaves or clobbers an output.
# A refused input exits 1 with "galley: FILE" on stderr and leaves its
# folder as it was; bad usage exits 2.  Big inputs are made here, in $TMP.
# GALLEY_TIMEOUT (default 20 s of CPU) bounds each run; GALLEY_SMALL=1 (valgrind)
# makes the big inputs a tenth of their size.
. "$GALLEY_TOP/tests/lib.sh"
T=${GALLEY_TIMEOUT:-20}
SCALE=1
[ -n "${GALLEY_SMALL:-}" ] && SCALE=10

# S_run CMD...: run CMD with at most $T seconds of CPU time (a loaded
# machine does not make it fail) and 6 x $T of wall time (a run blocked on
# a file it should not open); $rc, $TMP/out, $TMP/err.
S_run() {
	(ulimit -t "$T"; exec timeout -k 5 "$((T * 6))" "$@") >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# S_crashed: why the last run counts as a crash or hang (empty if not).
S_crashed() {
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "did not finish in $((T * 6))s (blocked?)"
	elif [ "$rc" -eq 152 ]; then
		echo "used more than ${T}s of CPU time"
	elif [ "$rc" -gt 128 ]; then
		echo "killed by signal $((rc - 128))"
	elif grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|Segmentation|Aborted' "$TMP/err"; then
		echo "sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$TMP/err")"
	fi
}

# S_verdict NAME WHY: ok when WHY is empty.
S_verdict() {
	if [ -z "$2" ]; then ok "$1"; else fail "$1" "$2
$(head -c 600 "$TMP/err")"; fi
}

# refused NAME NAMED DIR CMD...: CMD exits 1, stderr has "galley: NAMED",
# and DIR holds the same files before and after (no output, no temporary).
refused() {
	name=$1 named=$2 dir=$3; shift 3
	before=$(ls -A "$dir")
	S_run "$@"
	why=$(S_crashed)
	if [ -z "$why" ] && [ "$rc" -ne 1 ]; then
		why="exit $rc, wanted 1"
	elif [ -z "$why" ] && ! grep -qF "galley: $named" "$TMP/err"; then
		why="stderr does not name $named"
	elif [ -z "$why" ] && [ "$before" != "$(ls -A "$dir")" ]; then
		why="files left behind: $(ls -A "$dir" | tr '\n' ' ')"
	fi
	S_verdict "$name" "$why"
}

# survives NAME NAMED DIR CMD...: CMD succeeds (exit 0), or is refused as
# above; never a crash or a hang.
survives() {
	name=$1 named=$2 dir=$3; shift 3
	before=$(ls -A "$dir")
	S_run "$@"
	why=$(S_crashed)
	if [ -z "$why" ] && [ "$rc" -ne 0 ]; then
		if [ "$rc" -ne 1 ]; then
			why="exit $rc, wanted 0 or 1"
		elif ! grep -qF "galley: $named" "$TMP/err"; then
			why="failed without naming $named"
		elif [ "$before" != "$(ls -A "$dir")" ]; then
			why="failed and left files behind: $(ls -A "$dir" | tr '\n' ' ')"
		fi
	fi
	S_verdict "$name" "$why"
}

# converts NAME CMD...: CMD exits 0 in time.
converts() {
	name=$1; shift
	S_run "$@"
	why=$(S_crashed)
	[ -z "$why" ] && [ "$rc" -ne 0 ] && why="exit $rc, wanted 0"
	S_verdict "$name" "$why"
}

# usage NAME CMD...: CMD exits 2 with a message.
usage() {
	name=$1; shift
	S_run "$@"
	why=$(S_crashed)
	[ -z "$why" ] && [ "$rc" -ne 2 ] && why="exit $rc, wanted 2"
	[ -z "$why" ] && ! grep -q '^galley: ' "$TMP/err" && why="no message"
	S_verdict "$name" "$why"
}

# absent NAME PATTERN FILE...: no FILE (tree XML, EPUB or PDF) contains
# PATTERN; EPUBs are unzipped and PDFs turned into text first.
absent() {
	name=$1 pat=$2; shift 2
	found=
	for f in "$@"; do
		[ -f "$f" ] || continue
		case $f in
		*.epub) unzip -p "$f" 2>/dev/null ;;
		*.pdf) pdftotext "$f" - 2>/dev/null ;;
		*) cat "$f" ;;
		esac | grep -q -- "$pat" && found="$found $f"
	done
	if [ -z "$found" ]; then ok "$name"; else fail "$name" "found in:$found"; fi
}

A="$TMP/a"        # one folder per group of cases, holding only their inputs
mkdir -p "$A"
good() {
	printf 'A good article\n\nIts first paragraph says something worth reading.\n\nIts second paragraph says a little more.\n'
}

# ---------------------------------------------------------------- empty
: > "$A/empty.txt"
printf ' \n\t\n   \r\n\n' > "$A/blank.txt"
printf '\302\240 \342\200\213\n\n\t\n' > "$A/unicode-blank.txt"
for f in empty blank unicode-blank; do
	for cmd in tree pdf epub; do
		refused "$f input: $cmd refuses it" "$A/$f.txt" "$A" "$GALLEY" $cmd -o "$A/$f.$cmd" "$A/$f.txt"
	done
done
refused "empty standard input is refused" "-" "$A" sh -c "'$GALLEY' tree - < /dev/null"
: > "$A/empty.html"; : > "$A/empty.md"; : > "$A/empty.rss"
for f in empty.html empty.md empty.rss; do
	refused "empty $f is refused" "$A/$f" "$A" "$GALLEY" tree "$A/$f"
done
printf '<galley></galley>\n' > "$A/no-article.xml"
refused "tree XML without an article is refused" "$A/no-article.xml" "$A" "$GALLEY" epub -o "$A/x.epub" "$A/no-article.xml"

# ---------------------------------------------------------------- binary
B="$TMP/b"; mkdir -p "$B"
awk 'BEGIN { srand(7); for (i = 0; i < 8192; i++) printf "%c", int(rand() * 256) }' > "$B/random.bin"
printf 'A title\n\n' > "$B/nul.txt"
head -c 4096 /dev/zero >> "$B/nul.txt"
for ext in txt html md; do cp "$B/random.bin" "$B/random.$ext"; done
for f in random.bin random.txt random.html random.md nul.txt; do
	refused "binary $f: tree refuses it" "$B/$f" "$B" "$GALLEY" tree -o "$B/out.xml" "$B/$f"
done
refused "binary input: pdf refuses it" "$B/random.txt" "$B" "$GALLEY" pdf -o "$B/out.pdf" "$B/random.txt"
refused "binary input: epub refuses it" "$B/random.txt" "$B" "$GALLEY" epub -o "$B/out.epub" "$B/random.txt"
refused "binary input forced as xml is refused" "$B/random.bin" "$B" "$GALLEY" tree --from xml "$B/random.bin"
refused "binary input forced as feed is refused" "$B/random.bin" "$B" "$GALLEY" tree --from feed "$B/random.bin"

# ---------------------------------------------------- invalid UTF-8 (repaired)
U="$TMP/u"; mkdir -p "$U"
printf 'An article with bad bytes\n\nThe first paragraph is fine.\n\nThe second has \377\376 bad bytes and a stray \300 lead.\n\nThe third is fine again.\n' > "$U/bad.txt"
for cmd in tree pdf epub; do
	converts "invalid UTF-8: $cmd converts it" "$GALLEY" $cmd -o "$U/bad.$cmd" "$U/bad.txt"
	grep -qE "galley: $U/bad.txt:5: warning: .*UTF-8" "$TMP/err" \
		&& ok "invalid UTF-8: $cmd warns naming file and line 5" \
		|| fail "invalid UTF-8: $cmd warns naming file and line 5" "$(cat "$TMP/err")"
done
grep -q 'The third is fine again' "$U/bad.tree" && grep -q "$(printf '\357\277\275')" "$U/bad.tree" \
	&& ok "invalid UTF-8: bad bytes become U+FFFD, the text around them stays" \
	|| fail "invalid UTF-8: bad bytes become U+FFFD, the text around them stays"
printf '<html><head><meta charset="utf-8"><title>Bad bytes</title></head><body><article><h1>Bad bytes</h1><p>Good text here, long enough to count as an article body.</p><p>Then \377\376 bad bytes.</p></article></body></html>\n' > "$U/bad.html"
converts "invalid UTF-8 in HTML converts" "$GALLEY" tree -o "$U/bad-html.xml" "$U/bad.html"
grep -q "galley: $U/bad.html" "$TMP/err" && ok "invalid UTF-8 in HTML is reported" \
	|| fail "invalid UTF-8 in HTML is reported" "$(cat "$TMP/err")"
printf '# Bad bytes\n\nGood text, then \377\376 bad bytes.\n' > "$U/bad.md"
converts "invalid UTF-8 in Markdown converts" "$GALLEY" tree -o "$U/bad-md.xml" "$U/bad.md"
grep -q "galley: $U/bad.md:3: warning" "$TMP/err" && ok "invalid UTF-8 in Markdown is reported with line 3" \
	|| fail "invalid UTF-8 in Markdown is reported with line 3" "$(cat "$TMP/err")"
printf 'A form feed\n\nBefore\014after, a vertical tab\013and &#12; entity.\n' > "$U/controls.md"
converts "control characters in Markdown convert" "$GALLEY" tree -o "$U/controls.xml" "$U/controls.md"
converts "control characters: the tree XML reads back" "$GALLEY" tree --from xml "$U/controls.xml"

# ------------------------------------------------------------ big inputs
G="$TMP/g"; mkdir -p "$G"
n=$((20000000 / SCALE))
{ printf 'One enormous paragraph\n\n'; yes 'lorem ipsum dolor sit amet, consectetur adipiscing elit,' | head -c "$n" | tr '\n' ' '; echo; } > "$G/para.txt"
converts "a ${n}-byte paragraph: tree converts it" "$GALLEY" tree -o "$G/para.xml" "$G/para.txt"
rm -f "$G/para.xml"
survives "a ${n}-byte paragraph: pdf finishes" "$G/para" "$G" "$GALLEY" pdf -o "$G/para.pdf" "$G/para.txt"
survives "a ${n}-byte paragraph: epub finishes" "$G/para" "$G" "$GALLEY" epub -o "$G/para.epub" "$G/para.txt"
rm -f "$G/para.txt" "$G/para.pdf" "$G/para.epub"

n=$((100000 / SCALE))
awk -v n="$n" 'BEGIN { print "Many paragraphs\n"; for (i = 0; i < n; i++) printf "Paragraph %d is short.\n\n", i }' > "$G/many.txt"
converts "$n short paragraphs: tree converts them" "$GALLEY" tree -o "$G/many.xml" "$G/many.txt"
[ "$(grep -c '<p>' "$G/many.xml" 2>/dev/null)" -ge "$((n / 2))" ] && ok "$n short paragraphs: all kept" \
	|| fail "$n short paragraphs: all kept" "$(grep -c '<p>' "$G/many.xml" 2>/dev/null) paragraphs"
rm -f "$G/many.xml"
survives "$n short paragraphs: pdf finishes" "$G/many" "$G" "$GALLEY" pdf -o "$G/many.pdf" "$G/many.txt"
survives "$n short paragraphs: epub finishes" "$G/many" "$G" "$GALLEY" epub -o "$G/many.epub" "$G/many.txt"
rm -f "$G/many.txt" "$G/many.pdf" "$G/many.epub"

awk -v n="$n" 'BEGIN { printf "<html><body><article><h1>Deep</h1><p>Some text before the deep part.</p>";
	for (i = 0; i < n; i++) printf "<div>"; printf "<p>deep text</p>";
	for (i = 0; i < n; i++) printf "</div>"; print "</article></body></html>" }' > "$G/deep.html"
survives "$n nested HTML elements: tree finishes" "$G/deep.html" "$G" "$GALLEY" tree -o "$G/deep.xml" "$G/deep.html"
survives "$n nested HTML elements: epub finishes" "$G/deep.html" "$G" "$GALLEY" epub -o "$G/deep.epub" "$G/deep.html"
awk -v n="$n" 'BEGIN { printf "<html><body><p>Unclosed"; for (i = 0; i < n; i++) printf "<b><i><span>x"; print "" }' > "$G/unclosed.html"
survives "$n unclosed HTML inline elements: tree finishes" "$G/unclosed.html" "$G" "$GALLEY" tree -o "$G/unclosed.xml" "$G/unclosed.html"
survives "$n unclosed HTML inline elements: pdf finishes" "$G/unclosed.html" "$G" "$GALLEY" pdf -o "$G/unclosed.pdf" "$G/unclosed.html"
awk -v n="$n" 'BEGIN { printf "# Deep quotes\n\n"; for (i = 0; i < n; i++) printf ">"; print " deep"; printf "\n";
	for (i = 0; i < 2000; i++) { for (j = 0; j < i; j++) printf "  "; print "- item" } }' > "$G/deep.md"
survives "$n nested Markdown quotes and lists: tree finishes" "$G/deep.md" "$G" "$GALLEY" tree -o "$G/deep-md.xml" "$G/deep.md"
survives "$n nested Markdown quotes and lists: pdf finishes" "$G/deep.md" "$G" "$GALLEY" pdf -o "$G/deep-md.pdf" "$G/deep.md"
awk 'BEGIN { printf "<galley><article><title>Deep</title><p>"; for (i = 0; i < 100000; i++) printf "<em>";
	printf "x"; for (i = 0; i < 100000; i++) printf "</em>"; print "</p></article></galley>" }' > "$G/deep.xml"
refused "100000 nested tree XML elements are refused" "$G/deep.xml" "$G" "$GALLEY" tree --from xml -o "$G/deep-xml.xml" "$G/deep.xml"
rm -f "$G"/deep* "$G"/unclosed*

truncate -s 65M "$G/huge.txt" 2>/dev/null || dd if=/dev/zero of="$G/huge.txt" bs=1M count=0 seek=65 2>/dev/null
refused "an input over 64 MiB is refused" "$G/huge.txt" "$G" "$GALLEY" tree -o "$G/huge.xml" "$G/huge.txt"
grep -q 'limit' "$TMP/err" && ok "the message names the limit" || fail "the message names the limit" "$(cat "$TMP/err")"
refused "standard input over 64 MiB is refused" "-" "$G" sh -c "head -c 70000000 /dev/zero | tr '\\0' a | '$GALLEY' tree -o '$G/huge.xml' -"
rm -f "$G/huge.txt"

n=$((10001 / (SCALE > 1 ? 1 : 1)))
awk -v n="$n" 'BEGIN { print "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Many</title>";
	for (i = 0; i < n; i++) printf "<item><title>Item %d</title><description>Text %d.</description></item>\n", i, i;
	print "</channel></rss>" }' > "$G/many.rss"
refused "a digest of $n articles is refused" "$G/many.rss" "$G" "$GALLEY" epub -o "$G/many.epub" "$G/many.rss"
grep -q '10000' "$TMP/err" && ok "the message names the limit of 10000 articles" \
	|| fail "the message names the limit of 10000 articles" "$(cat "$TMP/err")"
mkdir -p "$G/batch"
refused "a feed of $n items is refused by batch" "$G/many.rss" "$G/batch" "$GALLEY" batch --to epub -o "$G/batch" "$G/many.rss"
rm -rf "$G/many.rss" "$G/batch"

# ---------------------------------------------------------- truncated HTML
H="$TMP/h"; mkdir -p "$H"
printf '<!DOCTYPE html><html><head><title>Cut short</title></head><body><article><h1>Cut short</h1><p>The first paragraph arrived whole and says enough to be an article.</p><p>The second was cut <em>in the mid' > "$H/truncated.html"
converts "truncated HTML converts" "$GALLEY" tree -o "$H/truncated.xml" "$H/truncated.html"
grep -q 'arrived whole' "$H/truncated.xml" && ok "truncated HTML keeps its text" || fail "truncated HTML keeps its text"
printf '<html><body><p>Cut in a tag <a href="http://exa' > "$H/cut-tag.html"
survives "HTML cut inside a tag finishes" "$H/cut-tag.html" "$H" "$GALLEY" epub -o "$H/cut-tag.epub" "$H/cut-tag.html"
printf '<html><body><!-- never closed comment <p>text</p>' > "$H/cut-comment.html"
survives "HTML cut inside a comment finishes" "$H/cut-comment.html" "$H" "$GALLEY" tree -o "$H/cut-comment.xml" "$H/cut-comment.html"

# ------------------------------------------- entity bombs and external entities
X="$TMP/x"; mkdir -p "$X"
echo 'CANARY-b8e1c0de secret text' > "$TMP/secret.txt"
printf '<!ENTITY leak "CANARY-b8e1c0de from a DTD">\n' > "$TMP/secret.dtd"
lol='<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
i=2
while [ $i -le 9 ]; do
	p=$((i - 1))
	lol="$lol<!ENTITY lol$i \"&lol$p;&lol$p;&lol$p;&lol$p;&lol$p;&lol$p;&lol$p;&lol$p;&lol$p;&lol$p;\">"
	i=$((i + 1))
done
xxe="<!ENTITY xxe SYSTEM \"file://$TMP/secret.txt\"><!ENTITY pwd SYSTEM \"file:///etc/passwd\"><!ENTITY % dtd SYSTEM \"file://$TMP/secret.dtd\"> %dtd;"
# bodies: the text where the entity is used, in each format
printf '<?xml version="1.0"?>\n<!DOCTYPE galley [%s]>\n<galley><article><title>Bomb &lol9;</title><p>Text &lol9;.</p></article></galley>\n' "$lol" > "$X/bomb.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE rss [%s]>\n<rss version="2.0"><channel><title>Bomb</title><item><title>Item &lol9;</title><description>Text &lol9;.</description></item></channel></rss>\n' "$lol" > "$X/bomb.rss"
printf '<!DOCTYPE html [%s]>\n<html><head><title>Bomb</title></head><body><article><h1>Bomb</h1><p>A paragraph of ordinary text comes first, then &lol9; and more.</p></article></body></html>\n' "$lol" > "$X/bomb.html"
printf '<?xml version="1.0"?>\n<!DOCTYPE galley [%s]>\n<galley><article><title>XXE</title><p>Text &xxe; &pwd; &leak;.</p><p xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="%s" parse="text"/></p></article></galley>\n' "$xxe" "$TMP/secret.txt" > "$X/xxe.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE rss [%s]>\n<rss version="2.0"><channel><title>XXE &xxe;</title><item><title>Item &xxe;</title><description>Text &xxe; &pwd; &leak;.</description></item></channel></rss>\n' "$xxe" > "$X/xxe.rss"
printf '<?xml version="1.0"?>\n<!DOCTYPE feed [%s]>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>XXE</title><entry><title>Entry &xxe;</title><content type="html">Text &amp;xxe; &xxe; &pwd; &leak;.</content></entry></feed>\n' "$xxe" > "$X/xxe.atom"
printf '<!DOCTYPE html [%s]>\n<html><head><title>XXE</title></head><body><article><h1>XXE</h1><p>A paragraph of ordinary text comes first, then &xxe; &pwd; &leak; and more.</p><iframe src="file://%s"></iframe><object data="%s"></object></article></body></html>\n' "$xxe" "$TMP/secret.txt" "$TMP/secret.txt" > "$X/xxe.html"
printf -- '---\ntitle: XXE\n---\n\n<!DOCTYPE x [%s]>\n\nText &xxe; and <iframe src="file://%s"></iframe>.\n' "$xxe" "$TMP/secret.txt" > "$X/xxe.md"
for f in bomb.xml bomb.rss bomb.html; do
	for cmd in tree epub; do
		survives "entity bomb $f: $cmd finishes" "$X/$f" "$X" "$GALLEY" $cmd -o "$X/$f.$cmd" "$X/$f"
		size=$( (wc -c < "$X/$f.$cmd") 2>/dev/null || echo 0)
		[ "$size" -lt 1000000 ] && ok "entity bomb $f: $cmd output is not blown up" \
			|| fail "entity bomb $f: $cmd output is not blown up" "$size bytes"
	done
done
for f in xxe.xml xxe.rss xxe.atom xxe.html xxe.md; do
	for cmd in tree epub pdf; do
		survives "external entities $f: $cmd finishes" "$X/$f" "$X" "$GALLEY" $cmd -o "$X/$f.$cmd" "$X/$f"
	done
	absent "external entities $f: no secret file in any output" CANARY-b8e1c0de "$X/$f.tree" "$X/$f.epub" "$X/$f.pdf"
	absent "external entities $f: no /etc/passwd in any output" 'root:.*:0:0:' "$X/$f.tree" "$X/$f.epub" "$X/$f.pdf"
done

# ----------------------------------------------- images outside the input folder
I="$TMP/i"; mkdir -p "$I/in" "$I/secret"
cp "$GALLEY_TOP/tests/fuzz/images/photo.jpg" "$I/secret/photo.png"  # the secret one is a JPEG
cp "$GALLEY_TOP/tests/fuzz/images/photo.png" "$I/in/inside.png"
refs="../secret/photo.png ../../../../../../../../etc/passwd $I/secret/photo.png /etc/passwd file://$I/secret/photo.png file:///etc/passwd ~/../../etc/passwd"
{
	printf '<html><head><title>Images</title></head><body><article><h1>Images</h1><p>An article whose images point outside its folder, which must never be read.</p>\n'
	for r in $refs; do printf '<figure><img src="%s" alt="x"><figcaption>%s</figcaption></figure>\n' "$r" "$r"; done
	printf '<p>And one inside:</p><figure><img src="inside.png" alt="inside"></figure></article></body></html>\n'
} > "$I/in/images.html"
{
	printf '# Images\n\nAn article whose images point outside its folder.\n\n'
	for r in $refs; do printf '![x](%s)\n\n' "$r"; done
} > "$I/in/images.md"
{
	printf '<galley><article><title>Images</title><p>Images outside the folder.</p>\n'
	for r in $refs; do printf '<figure><img src="%s" alt="x"/></figure>\n' "$r"; done
	printf '<author><name>A</name><img src="%s/secret/photo.png" alt=""/><bio><p>Bio.</p></bio></author></article></galley>\n' "$I"
} > "$I/in/images.xml"
printf '<rss version="2.0"><channel><title>Images</title><item><title>Images</title><description>&lt;p&gt;Text.&lt;/p&gt;&lt;img src="../secret/photo.png"&gt;&lt;img src="/etc/passwd"&gt;&lt;img src="file:///etc/passwd"&gt;</description><enclosure url="file://%s/secret/photo.png" type="image/png"/></item></channel></rss>\n' "$I" > "$I/in/images.rss"

# packaged EPUB FILE: 0 if some file in EPUB has FILE's bytes.
packaged() {
	rm -rf "$TMP/unzip" && mkdir "$TMP/unzip" && (cd "$TMP/unzip" && unzip -q "$1" 2>/dev/null)
	find "$TMP/unzip" -type f -exec cmp -s "$2" {} \; -print | grep -q .
}
for f in images.html images.md images.xml images.rss; do
	survives "images outside the folder ($f): epub finishes" "$I/in/$f" "$I/in" "$GALLEY" epub -o "$I/in/$f.epub" "$I/in/$f"
	if [ -f "$I/in/$f.epub" ] && packaged "$I/in/$f.epub" "$I/secret/photo.png"; then
		fail "images outside the folder ($f): not packaged into the EPUB"
	else
		ok "images outside the folder ($f): not packaged into the EPUB"
	fi
	absent "images outside the folder ($f): no /etc/passwd in the EPUB" 'root:.*:0:0:' "$I/in/$f.epub"
	survives "images outside the folder ($f): pdf finishes" "$I/in/$f" "$I/in" "$GALLEY" pdf -o "$I/in/$f.pdf" "$I/in/$f"
	n=$(pdfimages -list "$I/in/$f.pdf" 2>/dev/null | grep -c ' jpeg ')
	[ "$n" -eq 0 ] && ok "images outside the folder ($f): not in the PDF" \
		|| fail "images outside the folder ($f): not in the PDF" "$(pdfimages -list "$I/in/$f.pdf")"
done
[ -f "$I/in/images.html.epub" ] && packaged "$I/in/images.html.epub" "$I/in/inside.png" \
	&& ok "an image inside the folder is packaged" || fail "an image inside the folder is packaged"
# images too large to decode: headers claiming 60000 x 60000 pixels
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\352\140\000\000\352\140\010\002\000\000\000\000\000\000\000' > "$I/in/huge.png"
printf '\377\330\377\300\000\021\010\352\140\352\140\003\001\042\000\002\021\001\003\021\001\377\331' > "$I/in/huge.jpg"
printf '# Huge images\n\nTwo images too large to decode.\n\n![a](huge.png)\n\n![b](huge.jpg)\n' > "$I/in/huge.md"
for cmd in pdf epub; do
	converts "images of 60000 x 60000 px: $cmd converts without them" "$GALLEY" $cmd -o "$I/in/huge.$cmd" "$I/in/huge.md"
	grep -q "warning: image" "$TMP/err" && ok "images of 60000 x 60000 px: $cmd warns" \
		|| fail "images of 60000 x 60000 px: $cmd warns" "$(cat "$TMP/err")"
done
unzip -l "$I/in/huge.epub" 2>/dev/null | grep -q 'images/' \
	&& fail "images of 60000 x 60000 px: not packaged" || ok "images of 60000 x 60000 px: not packaged"
rm -f "$I/in"/huge.*

# never read: the outside file is a FIFO; opening it would block until the timeout
rm -f "$I/secret/photo.png" && mkfifo "$I/secret/photo.png"
for f in images.html images.md images.xml images.rss; do
	for cmd in pdf epub; do
		survives "images outside the folder ($f): $cmd never opens them" "$I/in/$f" "$I/in" "$GALLEY" $cmd -o "$I/in/fifo-$f.$cmd" "$I/in/$f"
	done
done
rm -f "$I/secret/photo.png"
# a FIFO inside the folder is not a regular file: never opened either
mkfifo "$I/in/pipe.png"
printf '# A pipe\n\nAn image that is a named pipe.\n\n![x](pipe.png)\n' > "$I/in/pipe.md"
for cmd in pdf epub; do
	converts "an image that is a FIFO: $cmd never opens it" "$GALLEY" $cmd -o "$I/in/pipe.$cmd" "$I/in/pipe.md"
done
rm -f "$I/in"/pipe.*

# ------------------------------------------------------------- malformed feed
F="$TMP/f"; mkdir -p "$F"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</title>\n<item><title>One</title><description>x</desc></item>\n' > "$F/broken.rss"
refused "a malformed feed is refused" "$F/broken.rss" "$F" "$GALLEY" epub -o "$F/broken.epub" "$F/broken.rss"
grep -qE "galley: $F/broken.rss:[0-9]+:" "$TMP/err" && ok "the malformed feed message has a line" \
	|| fail "the malformed feed message has a line" "$(cat "$TMP/err")"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Empty</title></channel></rss>\n' > "$F/empty.rss"
refused "a feed with no items is refused" "$F/empty.rss" "$F" "$GALLEY" pdf -o "$F/empty.pdf" "$F/empty.rss"
printf '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>No close' > "$F/cut.atom"
refused "a truncated Atom feed is refused" "$F/cut.atom" "$F" "$GALLEY" tree -o "$F/cut.xml" "$F/cut.atom"
printf '<?xml version="1.0"?>\n<galley><article><title>Broken</title><p>x</article>\n' > "$F/broken.xml"
refused "malformed tree XML is refused" "$F/broken.xml" "$F" "$GALLEY" epub -o "$F/broken.epub" "$F/broken.xml"

# ------------------------------------------------------------ broken layouts
L="$TMP/l"; mkdir -p "$L"
good > "$L/in.txt"
printf '<layout name="broken"><page width="abc" height="297mm"/>\n' > "$L/broken.xml"
printf '<?xml version="1.0"?>\n<layout name="bad"><page width="-5mm" height="0"/><margins top="900mm"/><columns count="0"/></layout>\n' > "$L/invalid.xml"
printf '\000\001\002 not xml at all' > "$L/binary.xml"
for f in broken invalid binary; do
	refused "layout $f.xml: pdf refuses it" "$L/$f.xml" "$L" "$GALLEY" pdf -l "$L/$f.xml" -o "$L/in.pdf" "$L/in.txt"
	refused "layout $f.xml: epub refuses it" "$L/$f.xml" "$L" "$GALLEY" epub -l "$L/$f.xml" -o "$L/in.epub" "$L/in.txt"
done
refused "a missing layout is refused" "no-such-layout" "$L" "$GALLEY" pdf -l no-such-layout -o "$L/in.pdf" "$L/in.txt"
refused "a layout path that is a folder is refused" "$L" "$L" "$GALLEY" pdf -l "$L" -o "$L/in.pdf" "$L/in.txt"

# --------------------------------------------------- missing and unreadable input
M="$TMP/m"; mkdir -p "$M"
for cmd in tree pdf epub; do
	refused "missing input: $cmd" "$M/missing.txt" "$M" "$GALLEY" $cmd -o "$M/out.$cmd" "$M/missing.txt"
done
good > "$M/good.txt"
refused "one missing input among good ones fails the digest" "$M/missing.txt" "$M" "$GALLEY" epub -o "$M/digest.epub" "$M/good.txt" "$M/missing.txt"
mkdir "$M/folder.txt"
refused "a folder as input is refused" "$M/folder.txt" "$M" "$GALLEY" tree -o "$M/out.xml" "$M/folder.txt"

# ------------------------------------------------------------ bad outputs
O="$TMP/o"; mkdir -p "$O"
good > "$O/in.txt"
: > "$O/plain-file"
for cmd in tree pdf epub; do
	refused "unwritable output: $cmd" "$O/plain-file/x.$cmd" "$O" "$GALLEY" $cmd -o "$O/plain-file/x.$cmd" "$O/in.txt"
	refused "output in a missing folder: $cmd" "$O/no/such/x.$cmd" "$O" "$GALLEY" $cmd -o "$O/no/such/x.$cmd" "$O/in.txt"
done
for cmd in tree pdf epub; do
	"$GALLEY" $cmd -o "$O/out.$cmd" "$O/in.txt" 2>/dev/null
	if [ -s "$O/out.$cmd" ]; then
		cp "$O/out.$cmd" "$O/saved.$cmd.bak"
		: > "$O/empty.txt"
		refused "failed $cmd over a good output" "$O/empty.txt" "$O" "$GALLEY" $cmd -o "$O/out.$cmd" "$O/empty.txt"
		cmp -s "$O/out.$cmd" "$O/saved.$cmd.bak" && ok "failed $cmd leaves the good output as it was" \
			|| fail "failed $cmd leaves the good output as it was"
		if [ $cmd != tree ]; then
			refused "failed $cmd (bad layout) over a good output" "$L/broken.xml" "$O" "$GALLEY" $cmd -l "$L/broken.xml" -o "$O/out.$cmd" "$O/in.txt"
			cmp -s "$O/out.$cmd" "$O/saved.$cmd.bak" && ok "failed $cmd (bad layout) leaves the good output" \
				|| fail "failed $cmd (bad layout) leaves the good output"
		fi
		rm -f "$O/empty.txt"
	else
		fail "failed $cmd over a good output (no good output to start from)"
	fi
done

# ------------------------------------------------------------------ bad usage
usage "no input is bad usage" "$GALLEY" pdf
usage "an unknown format is bad usage" "$GALLEY" tree --from exe "$O/in.txt"
usage "a missing option argument is bad usage" "$GALLEY" pdf "$O/in.txt" -o
usage "-j 0 is bad usage" "$GALLEY" batch -j 0 -o "$O" "$O/in.txt"
usage "--max -1 is bad usage" "$GALLEY" tree --max -1 "$O/in.txt"

# Bytes that do not convert from the declared encoding: one message naming
# the file, none of libxml2's own lines on stderr.
printf '<?xml version="1.0" encoding="ISO-2022-JP"?><galley><article><title>\033$B\377\377</title><p>x</p></article></galley>' > "$L/enc.xml"
"$GALLEY" tree "$L/enc.xml" >/dev/null 2>"$L/enc.err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -vc "^galley: $L/enc.xml" "$L/enc.err")" = 0 ] \
	&& ok "an encoding error is one message naming the file" \
	|| fail "an encoding error is one message naming the file" "rc $rc $(cat "$L/enc.err")"

# Symbolic links: one rule for the PDF and the EPUB.  A link inside the
# input's folder is followed when it ends inside the folder, and refused
# when it leads outside.
S="$TMP/s"; mkdir -p "$S/in/pics" "$S/out"
cp "$GALLEY_TOP/tests/fuzz/images/photo.png" "$S/in/pics/real.png"
cp "$GALLEY_TOP/tests/fuzz/images/photo.jpg" "$S/out/secret.jpg"
ln -s pics/real.png "$S/in/inside.png"
ln -s ../out/secret.jpg "$S/in/outside.jpg"
printf '# Links\n\nImages through links.\n\n![in](inside.png)\n\n![out](outside.jpg)\n' > "$S/in/links.md"
"$GALLEY" epub -o "$S/links.epub" "$S/in/links.md" 2>"$S/epub.err"
"$GALLEY" pdf -o "$S/links.pdf" "$S/in/links.md" 2>"$S/pdf.err"
packaged "$S/links.epub" "$S/in/pics/real.png" && ok "links: a link inside the folder is followed (epub)" \
	|| fail "links: a link inside the folder is followed (epub)" "$(cat "$S/epub.err")"
packaged "$S/links.epub" "$S/out/secret.jpg" && fail "links: a link leading out is refused (epub)" \
	|| ok "links: a link leading out is refused (epub)"
[ "$(pdfimages -list "$S/links.pdf" 2>/dev/null | grep -c ' jpeg ')" -eq 0 ] \
	&& ok "links: a link leading out is refused (pdf)" || fail "links: a link leading out is refused (pdf)"
[ "$(pdfimages -list "$S/links.pdf" 2>/dev/null | tail -n +3 | wc -l)" -ge 1 ] \
	&& ok "links: a link inside the folder is followed (pdf)" || fail "links: a link inside the folder is followed (pdf)" "$(cat "$S/pdf.err")"
grep -q "outside the input's folder" "$S/pdf.err" && grep -q "outside the input's folder" "$S/epub.err" \
	&& ok "links: both say why" || fail "links: both say why" "$(cat "$S/pdf.err" "$S/epub.err")"
