# hostile_input.sh — hostile inputs of issue 14: damaged or huge images,
# scripted SVG, a damaged cache, named pipes, entity and nesting bombs,
# UTF-16 text.  Any input under the documented limits takes at most 10 s
# and 500 MB (GALLEY_TIMEOUT and GALLEY_MEMORY, in seconds and KiB, change
# them for sanitizer builds); a bad image is one warning and left out.
. "$GALLEY_TOP/tests/lib.sh"
T=${GALLEY_TIMEOUT:-10}
M=${GALLEY_MEMORY:-512000}
# every run gets a cache of its own, made by the first PDF below
export XDG_CACHE_HOME="$TMP/cache"

# S_run CMD...: CMD with at most $T s of processor time and $M KiB of
# address space; $rc, $TMP/out, $TMP/err.  Processor time, not the clock:
# on a busy machine a run may wait for a core, and that is no hang.  The
# clock limit, six times as long, still ends a run that sleeps forever.
S_run() {
	(ulimit -v "$M"; ulimit -t "$T"; exec timeout -k 2 "$((T * 6))" "$@") >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# S_bad: why the last run counts as a crash, hang or blow-up (empty if not).
S_bad() {
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "did not finish in $((T * 6))s"
	elif [ "$rc" -eq 152 ]; then
		echo "used more than ${T}s of processor time"
	elif [ "$rc" -gt 128 ]; then
		echo "killed by signal $((rc - 128))"
	elif grep -qiE 'out of memory|cannot allocate|AddressSanitizer|runtime error' "$TMP/err"; then
		echo "$(head -c 300 "$TMP/err")"
	fi
}

# expect NAME WANT CMD...: CMD exits WANT (0 or 1) in time and memory.
expect() {
	name=$1 want=$2; shift 2
	S_run "$@"
	why=$(S_bad)
	[ -z "$why" ] && [ "$rc" -ne "$want" ] && why="exit $rc, wanted $want: $(head -c 300 "$TMP/err")"
	if [ -z "$why" ]; then ok "$name"; else fail "$name" "$why"; fi
}

# is NAME COND...: passes when the shell condition holds.
is() {
	name=$1; shift
	if "$@"; then ok "$name"; else fail "$name" "$(head -c 300 "$TMP/err")"; fi
}

# isnt NAME CMD...: passes when CMD fails.
isnt() {
	name=$1; shift
	if "$@"; then fail "$name" "$(head -c 300 "$TMP/err")"; else ok "$name"; fi
}

# S_zip_has EPUB PATTERN: some member of EPUB matches PATTERN (grep -E).
S_zip_has() { unzip -l "$1" 2>/dev/null | grep -qE "$2"; }

IMG="$GALLEY_TOP/tests/fuzz/images"
article() {  # article TITLE IMAGE... : Markdown naming each image
	printf '# %s\n\nA paragraph before the figures, long enough to be an article.\n\n' "$1"
	shift
	for i in "$@"; do printf '![An image](%s)\n\n' "$i"; done
	printf 'A paragraph after the figures.\n'
}

# ------------------------------------------------------------ images
I="$TMP/img"; mkdir -p "$I"
size=$(wc -c < "$IMG/photo.jpg")
head -c $((size / 2)) "$IMG/photo.jpg" > "$I/cut.jpg"
# a JPEG header with a frame of 64 x 64 and nothing a decoder can use
printf '\377\330\377\300\000\021\010\000\100\000\100\003\001\042\000\002\021\001\003\021\001' > "$I/fake.jpg"
head -c 3000 /dev/urandom >> "$I/fake.jpg"
printf '\377\331' >> "$I/fake.jpg"
size=$(wc -c < "$IMG/photo.png")
head -c $((size - 30)) "$IMG/photo.png" > "$I/cut.png"
for f in cut.jpg fake.jpg cut.png; do
	article "A damaged image" "$f" > "$I/$f.md"
	expect "damaged $f: the PDF is made" 0 "$GALLEY" pdf -o "$I/$f.pdf" "$I/$f.md"
	is "damaged $f: one warning names it" [ "$(grep -c "$f" "$TMP/err")" -eq 1 ]
	is "damaged $f: the PDF is sound" qpdf --check "$I/$f.pdf" >/dev/null 2>&1
	is "damaged $f: no image in the PDF" [ "$(pdfimages -list "$I/$f.pdf" 2>/dev/null | tail -n +3 | wc -l)" -eq 0 ]
	expect "damaged $f: the EPUB is made" 0 "$GALLEY" epub -o "$I/$f.epub" "$I/$f.md"
	isnt "damaged $f: left out of the EPUB" S_zip_has "$I/$f.epub" 'images/'
done

# a 10000 x 10000 PNG of 380 KB, used ten times
python3 - "$I/huge.png" <<'EOF'
import struct, sys, zlib
w = h = 10000
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
z = zlib.compressobj(9)
row = b'\0' + b'\xc8' * (w * 3)
data = b''.join(z.compress(row) for _ in range(h)) + z.flush()
with open(sys.argv[1], 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', data) + chunk(b'IEND', b''))
EOF
article "A huge image ten times" huge.png huge.png huge.png huge.png huge.png \
	huge.png huge.png huge.png huge.png huge.png > "$I/huge.md"
expect "a 10000-pixel PNG used ten times: PDF in time and memory" 0 "$GALLEY" pdf -o "$I/huge.pdf" "$I/huge.md"
is "a 10000-pixel PNG: drawn in the PDF at print resolution" \
	sh -c "pdfimages -list '$I/huge.pdf' | awk 'NR > 2 && \$4 > 4000 { big = 1 } NR > 2 { n++ } END { exit big || n == 0 }'"
expect "a 10000-pixel PNG used ten times: EPUB in time and memory" 0 "$GALLEY" epub -o "$I/huge.epub" "$I/huge.md"

# ------------------------------------------------------------ SVG
S="$TMP/svg"; mkdir -p "$S"
cat > "$S/evil.svg" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50" onload="alert(1)">
  <SCRIPT>alert(2)</SCRIPT>
  <script type="text/javascript">alert(3)</script>
  <a xlink:href="javascript:alert(4)"><rect width="10" height="10" fill="red" onClick="alert(5)"/></a>
  <a href="JavaScript:alert(6)"><circle cx="20" cy="20" r="5"/></a>
  <foreignObject width="10" height="10"><iframe src="https://example.org/"/></foreignObject>
  <text x="5" y="40">&xxe;</text>
  <rect x="30" y="5" width="20" height="20" style="fill: url(javascript:alert(7))"/>
</svg>
EOF
article "A scripted SVG" evil.svg > "$S/evil.md"
expect "a scripted SVG: the EPUB is made" 0 "$GALLEY" epub -o "$S/evil.epub" "$S/evil.md"
is "a scripted SVG: the image is kept, sanitised" S_zip_has "$S/evil.epub" 'images/.*\.svg'
unzip -p "$S/evil.epub" 'EPUB/images/*' 'OEBPS/images/*' '*.svg' > "$S/kept.svg" 2>/dev/null
for bad in onload onclick script javascript ENTITY passwd 'root:' foreignObject iframe; do
	isnt "a scripted SVG: no '$bad' is left" grep -qi -- "$bad" "$S/kept.svg"
done
is "a scripted SVG: its drawing is kept" grep -q '<circle' "$S/kept.svg"
if [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null; then
	is "a scripted SVG: epubcheck passes the EPUB" \
		sh -c "java -jar /usr/share/java/epubcheck.jar -q '$S/evil.epub' >'$TMP/err' 2>&1"
fi
printf '<svg xmlns="http://www.w3.org/2000/svg" width="1e8" height="100"><rect width="10" height="10"/></svg>\n' > "$S/wide.svg"
python3 -c "
import sys
sys.stdout.write('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">')
sys.stdout.write('<rect x=\"1\" y=\"1\" width=\"1\" height=\"1\"/>' * 160000)
sys.stdout.write('</svg>\n')" > "$S/big.svg"
for f in wide big; do
	article "An oversized SVG" $f.svg > "$S/$f.md"
	expect "an oversized SVG ($f): the EPUB is made" 0 "$GALLEY" epub -o "$S/$f.epub" "$S/$f.md"
	is "an oversized SVG ($f): left out with a warning" grep -q "$f.svg" "$TMP/err"
	isnt "an oversized SVG ($f): not in the EPUB" S_zip_has "$S/$f.epub" 'images/'
done

# ------------------------------------------------------------ cache
C="$TMP/cache-in"; mkdir -p "$C"
printf 'A cached article\n\nIts paragraph is set in the cached faces, which must be whole.\n' > "$C/a.txt"
expect "cache: a first PDF makes the dehinted faces" 0 "$GALLEY" pdf -o "$C/a.pdf" "$C/a.txt"
fdir=$(ls -d "$XDG_CACHE_HOME"/galley/fonts-* 2>/dev/null | head -n 1)
sane_pdf() {  # the PDF has embedded fonts and its text
	[ "$(pdffonts "$1" 2>/dev/null | tail -n +3 | wc -l)" -gt 0 ] &&
		pdftotext "$1" - 2>/dev/null | grep -q 'cached faces'
}
body_font() { pdffonts "$1" 2>/dev/null | tail -n +3 | awk '{print $1}' | sort | tr '\n' ' '; }
is "cache: the folder of faces is there" [ -n "$fdir" ] && [ -d "$fdir" ]
fonts_before=$(body_font "$C/a.pdf")
damage() {  # damage HOW: apply HOW to each face of the cache, then convert
	for f in "$fdir"/*.[ot]tf; do
		case $1 in
		half) head -c $(($(wc -c < "$f") / 2)) "$f" > "$f.x" && mv "$f.x" "$f" ;;
		empty) : > "$f" ;;
		fifo) rm -f "$f" && mkfifo "$f" ;;
		esac
	done
}
for how in half empty fifo; do
	[ -n "$fdir" ] && damage $how
	expect "cache: faces made $how give a PDF" 0 "$GALLEY" pdf -o "$C/$how.pdf" "$C/a.txt"
	is "cache: faces made $how are made again (text and fonts in the PDF)" sane_pdf "$C/$how.pdf"
	is "cache: faces made $how: the same fonts as before" [ "$(body_font "$C/$how.pdf")" = "$fonts_before" ]
	n_bad=$(find "$fdir" ! -type f ! -type d | wc -l)
	is "cache: faces made $how are regular files again" [ "$n_bad" -eq 0 ]
done
# a folder in place of a face, and a link planted beside the faces
if [ -n "$fdir" ]; then
	f=$(ls "$fdir" | head -n 1)
	rm -f "$fdir/$f" && mkdir -p "$fdir/$f/sub" && : > "$fdir/$f/sub/x"
	ln -s /etc/passwd "$fdir/zz-planted.ttf"
fi
expect "cache: a folder in place of a face gives a PDF" 0 "$GALLEY" pdf -o "$C/dir.pdf" "$C/a.txt"
is "cache: a folder in place of a face is made again" sane_pdf "$C/dir.pdf"
isnt "cache: a planted link is removed" test -L "$fdir/zz-planted.ttf"
isnt "cache: nothing damaged is left in the cache" sh -c "ls -A '$XDG_CACHE_HOME/galley' | grep -q damaged"
# an unreadable face: root reads anything, so galley runs as nobody here
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	NB=$(mktemp -d) && chmod 777 "$NB" && cp "$C/a.txt" "$NB/a.txt"
	NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups env XDG_CACHE_HOME=$NB/cache"
	expect "cache (as nobody): a first PDF" 0 $NOBODY "$GALLEY" pdf -o "$NB/a.pdf" "$NB/a.txt"
	chmod 000 "$NB"/cache/galley/fonts-*/CharisSIL-Regular.ttf 2>/dev/null
	expect "cache (as nobody): an unreadable face gives a PDF" 0 $NOBODY "$GALLEY" pdf -o "$NB/b.pdf" "$NB/a.txt"
	is "cache (as nobody): the body is not set in another face" [ "$(body_font "$NB/b.pdf")" = "$(body_font "$NB/a.pdf")" ]
	is "cache (as nobody): the face is readable again" $NOBODY test -r "$(ls "$NB"/cache/galley/fonts-*/CharisSIL-Regular.ttf)"
	rm -rf "$NB"
else
	ok "cache: an unreadable face # SKIP not root, or no setpriv"
fi
# a named pipe in place of a compiled-pattern entry
for e in "$XDG_CACHE_HOME"/galley/junk-*; do
	[ -e "$e" ] && rm -f "$e" && mkfifo "$e"
done
expect "cache: a FIFO in place of a pattern entry does not hang" 0 "$GALLEY" tree "$C/a.txt"

# ------------------------------------------------------------ pipes
P="$TMP/pipes"; mkdir -p "$P/in" "$P/out"
mkfifo "$P/in/pipe.txt"
printf 'A good article\n\nIts paragraph.\n' > "$P/in/good.txt"
expect "a FIFO as a batch input: refused, the rest converted" 1 "$GALLEY" batch -j 1 --to xml -o "$P/out" "$P/in/pipe.txt" "$P/in/good.txt"
is "a FIFO as a batch input: the message names it" grep -q 'pipe.txt' "$TMP/err"
is "a FIFO as a batch input: the good one is converted" [ -s "$P/out/good.xml" ]
expect "a FIFO as an input: refused" 1 "$GALLEY" tree "$P/in/pipe.txt"
is "a FIFO as an input: not a regular file" grep -q 'regular file' "$TMP/err"
mkfifo "$P/patterns"
expect "a FIFO as --boilerplate: refused in time" 1 "$GALLEY" tree --boilerplate "$P/patterns" "$P/in/good.txt"

# ------------------------------------------------------------ entities
E="$TMP/ent"; mkdir -p "$E"
# a shipped layout whose description is 20,000 references to one 5 KB entity
python3 - "$GALLEY_TOP/layouts/article-a4.xml" "$E/bomb.xml" <<'EOF'
import re, sys
xml = open(sys.argv[1]).read()
xml = xml.replace('<layout ', '<!DOCTYPE layout [ <!ENTITY e "%s"> ]>\n<layout ' % ('a' * 5000), 1)
xml = re.sub(r'<description>.*?</description>', '<description>' + '&e;' * 20000 + '</description>', xml)
open(sys.argv[2], 'w').write(xml)
EOF
expect "a layout with an entity bomb: refused in time" 1 "$GALLEY" pdf -l "$E/bomb.xml" -o "$E/x.pdf" "$C/a.txt"
is "a layout with an entity bomb: the message says why" grep -qi 'entit' "$TMP/err"
cat > "$E/xxe.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE galley [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<galley><article lang="en"><title>&x;</title><p>Text.</p></article></galley>
EOF
expect "tree XML with an entity: refused" 1 "$GALLEY" tree "$E/xxe.xml"

# ------------------------------------------------------------ nesting
N="$TMP/nest"; mkdir -p "$N"
python3 -c "
import sys
sys.stdout.write('<html><body><article><p>')
sys.stdout.write('<b>x ' * 12000000)
sys.stdout.write('</p></article></body></html>\n')" > "$N/deep.html"
expect "60 MB of nested inline HTML: in time and memory" 0 "$GALLEY" tree -o "$N/deep.xml" "$N/deep.html"
python3 -c "
import sys
for d in range(140):
    sys.stdout.write('  ' * d + '- item %d\n' % d)" > "$N/list.md"
python3 -c "
import sys
sys.stdout.write('# Deep lists\n\nA paragraph.\n\n' + '- ' * 10000 + 'deepest\n')" > "$N/lazy20k.md"
python3 -c "
import sys
sys.stdout.write('# Deep lists\n\nA paragraph.\n\n' + '- ' * 50000 + 'deepest\n')" > "$N/lazy100k.md"
python3 -c "
import sys
sys.stdout.write('# Deep quotes\n\nA paragraph.\n\n' + '> ' * 20000 + 'deepest\n')" > "$N/quotes.md"
for f in list lazy20k lazy100k quotes; do
	expect "nested Markdown ($f): a tree in time and memory" 0 "$GALLEY" tree -o "$N/$f.xml" "$N/$f.md"
	is "nested Markdown ($f): the tree is under 1 MB" [ "$(wc -c < "$N/$f.xml")" -lt 1000000 ]
	is "nested Markdown ($f): the deepest text is kept" grep -q 'deepest\|item 139' "$N/$f.xml"
	expect "nested Markdown ($f): tree -> XML -> tree is the identity" 0 "$GALLEY" tree --from xml -o "$N/$f.2.xml" "$N/$f.xml"
	is "nested Markdown ($f): the same tree read back" cmp -s "$N/$f.xml" "$N/$f.2.xml"
	expect "nested Markdown ($f): a PDF in time and memory" 0 "$GALLEY" pdf -o "$N/$f.pdf" "$N/$f.md"
done
is "nested Markdown: no temporary file is left" [ -z "$(ls -A "$N" | grep '^\.')" ]

# ------------------------------------------------------------ UTF-16
U="$TMP/utf"; mkdir -p "$U"
printf 'Caf\303\251 society\n\nA paragraph about caf\303\251s, na\303\257ve and \342\200\234quoted\342\200\235.\n\nA second paragraph.\n' > "$U/utf8.txt"
"$GALLEY" tree "$U/utf8.txt" > "$U/utf8.xml" 2>/dev/null
for enc in UTF-16LE UTF-16BE UTF-32LE UTF-32BE; do
	{ printf '\357\273\277'; cat "$U/utf8.txt"; } | iconv -f UTF-8 -t $enc > "$U/$enc.txt"
	expect "$enc text with a BOM: read" 0 "$GALLEY" tree -o "$U/$enc.xml" "$U/$enc.txt"
	is "$enc text with a BOM: the same tree as UTF-8" cmp -s "$U/utf8.xml" "$U/$enc.xml"
done
{ printf '\357\273\277'; printf '<html><head><title>Caf\303\251</title></head><body><article><p>Un caf\303\251 au comptoir, %s.</p></article></body></html>\n' "$(printf 'long enough %.0s' $(seq 40))"; } | iconv -f UTF-8 -t UTF-16LE > "$U/page.html"
expect "UTF-16 HTML with a BOM: read" 0 "$GALLEY" tree -o "$U/page.xml" "$U/page.html"
is "UTF-16 HTML with a BOM: its text" grep -q 'Un caf' "$U/page.xml"
iconv -f UTF-8 -t UTF-16LE "$U/utf8.txt" > "$U/nobom.txt"
expect "UTF-16 text without a BOM: refused" 1 "$GALLEY" tree "$U/nobom.txt"
is "UTF-16 text without a BOM: the message says so" grep -q 'UTF-16' "$TMP/err"
