# epub.sh — `galley epub`: epubcheck (0 errors, 0 warnings) on every sample, a corpus digest and a bare article; the zip read back; digests; reproducibility.
. "$GALLEY_TOP/tests/lib.sh"

E=$TMP/epub
mkdir -p "$E"
export SOURCE_DATE_EPOCH=1633046400
CHECK=""   # the EPUBs epubcheck validates, in one JVM at the end

# make NAME ARGS...: `galley epub -o $E/NAME.epub ARGS`, checked and queued
# for epubcheck.
make_epub() {
	name=$1; shift
	if out=$("$GALLEY" epub -o "$E/$name.epub" "$@" 2>&1) && [ -s "$E/$name.epub" ]; then
		ok "epub: $name is written"
		CHECK="$CHECK $E/$name.epub"
	else
		fail "epub: $name is written" "$out"
	fi
}

# ------------------------------------------------------------ the inputs
n_samples=0
for s in "$GALLEY_TOP"/samples/*; do
	case $s in *.txt|*.md|*.html|*.htm|*.rss|*.atom|*.xml) ;; *) continue ;; esac
	base=${s##*/}
	make_epub "sample-${base%.*}" "$s"
	n_samples=$((n_samples + 1))
done
[ "$n_samples" -gt 0 ] && ok "epub: samples found" || fail "epub: samples found" "no samples/"

printf '<galley><article><p>Only a paragraph, no title, no author, no date.</p></article></galley>\n' \
	> "$TMP/bare.xml"
make_epub bare "$TMP/bare.xml"
make_epub bare-fonts --embed-fonts "$TMP/bare.xml"

# an image beside its input (batch gives the renderer the input's folder)
mkdir -p "$TMP/img/in"
python3 - "$TMP/img/in/pic.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
raw = b''.join(b'\x00' + b'\x20\x60\xa0' * 8 for _ in range(8))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 8, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
EOF
cp "$TMP/img/in/pic.png" "$TMP/img/outside.png"
cat > "$TMP/img/in/figures.xml" <<'EOF'
<galley><article><title>Figures</title><p>Two figures.</p>
<figure><img src="pic.png" alt="A blue square"/><figcaption>Inside the folder</figcaption></figure>
<figure><img src="../outside.png" alt="x"/><figcaption>Outside the folder</figcaption></figure>
</article></galley>
EOF
if out=$("$GALLEY" batch --to epub -o "$TMP/img/out" "$TMP/img/in/figures.xml" 2>&1) &&
   unzip -l "$TMP/img/out/figures.epub" | grep -q 'EPUB/images/img001.png' &&
   ! unzip -l "$TMP/img/out/figures.epub" | grep -q 'img002' &&
   printf '%s\n' "$out" | grep -q "outside.png.*left out"; then
	ok "epub: an image inside the input's folder is copied, one outside left out with a warning"
	CHECK="$CHECK $TMP/img/out/figures.epub"
else
	fail "epub: an image inside the input's folder is copied, one outside left out with a warning" "$out"
fi

"$GALLEY" epub -o "$TMP/img/one.epub" "$TMP/img/in/figures.xml" 2>/dev/null &&
	unzip -l "$TMP/img/one.epub" | grep -q 'EPUB/images/img001.png' &&
	ok "epub: galley epub copies an image beside its input" ||
	fail "epub: galley epub copies an image beside its input"

CORPUS=$SHARED/corpus/txt
set -- "$CORPUS"/*/input.txt
if [ -f "$1" ]; then
	n_corpus=$#
	make_epub corpus-digest --title "Corpus digest" "$@"
else
	fail "epub: corpus digest" "no $CORPUS"
fi

# ------------------------------------------------------- the zip read back
cat > "$TMP/zipcheck.py" <<'EOF'
import re, struct, sys, zipfile
path, want_articles, want_title = sys.argv[1], int(sys.argv[2]), sys.argv[3]
raw = open(path, 'rb').read()
z = zipfile.ZipFile(path)
names = z.namelist()
def need(cond, what):
    if not cond:
        print(what); sys.exit(1)
need(names[:3] == ['mimetype', 'META-INF/container.xml', 'EPUB/package.opf'], 'order: %s' % names[:3])
info = z.infolist()[0]
need(info.compress_type == zipfile.ZIP_STORED, 'mimetype is compressed')
need(info.extra == b'', 'mimetype has an extra field')
need(raw[26:30] == struct.pack('<HH', 8, 0), 'local header: name length 8, no extra field')
need(raw[30:58] == b'mimetypeapplication/epub+zip', 'mimetype bytes')
need(names[-1] == 'EPUB/cover.png', 'cover last: %s' % names[-1])
texts = [n for n in names if re.match(r'EPUB/a\d+\.xhtml$', n)]
need(len(texts) == want_articles, '%d XHTML files, wanted %d' % (len(texts), want_articles))
nav = z.read('EPUB/nav.xhtml').decode()
toc = nav.split('epub:type="landmarks"')[0]
tops = re.findall(r'<a href="(a\d+\.xhtml)"', toc)
need(tops == [t[5:] for t in texts], 'nav lists %s' % tops)
ncx = z.read('EPUB/toc.ncx').decode()
need(len(re.findall(r'<content src="a\d+\.xhtml"', ncx)) == want_articles, 'NCX entries')
opf = z.read('EPUB/package.opf').decode()
need('<dc:title>%s</dc:title>' % want_title in opf, 'dc:title is not %s' % want_title)
need('<meta property="dcterms:modified">2021-10-01T00:00:00Z</meta>' in opf, 'dcterms:modified')
need(re.search(r'urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<', opf), 'UUIDv5')
EOF
zipcheck() {
	name=$1; shift
	if out=$(python3 "$TMP/zipcheck.py" "$@" 2>&1); then ok "epub: $name"; else fail "epub: $name" "$out"; fi
}
zipcheck "bare article: zip layout and metadata" "$E/bare.epub" 1 Untitled
[ -n "${n_corpus:-}" ] &&
	zipcheck "corpus digest: one XHTML per article, nav and NCX list them all" \
		"$E/corpus-digest.epub" "$n_corpus" "Corpus digest"

# ------------------------------------------------------- reproducibility
"$GALLEY" epub -o "$E/again.epub" --title "Corpus digest" "$@" 2>/dev/null
if [ -n "${n_corpus:-}" ] && cmp -s "$E/corpus-digest.epub" "$E/again.epub"; then
	ok "epub: byte-identical under SOURCE_DATE_EPOCH"
else
	fail "epub: byte-identical under SOURCE_DATE_EPOCH"
fi
SOURCE_DATE_EPOCH=1700000000 "$GALLEY" epub -o "$E/later.epub" "$TMP/bare.xml" 2>/dev/null
uid_of() { unzip -p "$1" EPUB/package.opf | sed -n 's/.*\(urn:uuid:[0-9a-f-]*\).*/\1/p'; }
[ "$(uid_of "$E/later.epub")" = "$(uid_of "$E/bare.epub")" ] && ! cmp -s "$E/later.epub" "$E/bare.epub" &&
	ok "epub: the identifier follows the content, not the time" ||
	fail "epub: the identifier follows the content, not the time"
unzip -p "$E/bare.epub" EPUB/style.css | grep -q 'hyphens: auto' &&
	ok "epub: CSS from the layout hyphenates" || fail "epub: CSS from the layout hyphenates"
"$GALLEY" epub --no-hyphenate -o "$E/nohyph.epub" "$TMP/bare.xml" 2>/dev/null &&
	! unzip -p "$E/nohyph.epub" EPUB/style.css | grep -q 'hyphens: auto' &&
	ok "epub: --no-hyphenate turns hyphenation off in the CSS" ||
	fail "epub: --no-hyphenate turns hyphenation off in the CSS"
unzip -l "$E/bare-fonts.epub" | grep -q 'EPUB/fonts/.*\.ttf' &&
	unzip -p "$E/bare-fonts.epub" EPUB/style.css | grep -q '@font-face' &&
	unzip -p "$E/bare-fonts.epub" EPUB/package.opf | grep -q 'ibooks:specified-fonts' &&
	ok "epub: --embed-fonts embeds and declares the fonts" ||
	fail "epub: --embed-fonts embeds and declares the fonts"

# --------------------------------------------------------------- failures
status_is "epub: unwritable output fails with 1" 1 "$GALLEY" epub -o /nonexistent/x.epub "$TMP/bare.xml"
"$GALLEY" epub -o - "$TMP/bare.xml" > "$E/stdout.epub" 2>/dev/null &&
	[ "$(head -c 58 "$E/stdout.epub" | tail -c 28)" = "mimetypeapplication/epub+zip" ] &&
	ok "epub: -o - writes the book to standard output" ||
	fail "epub: -o - writes the book to standard output"

# ------------------------------------------- libraries a run maps (issue 21)
# A text article's EPUB needs no image decoder, Markdown parser or font
# subsetter: they are modules, loaded by the inputs that need them; and no
# libcrypto (libzip brought it; the zip is minizip's).
"$GALLEY" epub -o "$E/maps.epub" "$GALLEY_TOP/samples/harbour-ferry.txt" 2>/dev/null   # the font cache made
LD_DEBUG=files "$GALLEY" epub -o "$E/maps.epub" "$GALLEY_TOP/samples/harbour-ferry.txt" 2>"$TMP/ld.log"
unneeded='galley-images.so\|galley-md.so\|galley-subset.so\|libjpeg\|libgif\|libwebp\|libcmark\|libharfbuzz-subset\|libcrypto\|libzip'
if grep -q 'libminizip' "$TMP/ld.log" && ! grep -q "$unneeded" "$TMP/ld.log"; then
	ok "epub: a text article maps no image decoder, Markdown parser, subsetter or libcrypto"
else
	fail "epub: a text article maps no image decoder, Markdown parser, subsetter or libcrypto" \
		"$(grep -o "$unneeded" "$TMP/ld.log" | sort -u)"
fi
printf '# Moored\n\nThe ferry waits.\n\n![The quay](photo.jpg)\n' > "$E/maps.md"
cp "$GALLEY_TOP/tests/fuzz/images/photo.jpg" "$E/photo.jpg"
LD_DEBUG=files "$GALLEY" epub -o "$E/maps-md.epub" "$E/maps.md" 2>"$TMP/ld.log"
if grep -q 'galley-md.so' "$TMP/ld.log" && grep -q 'galley-images.so' "$TMP/ld.log" &&
   unzip -l "$E/maps-md.epub" | grep -q 'images/.*\.jpg'; then
	ok "epub: a Markdown article with a JPEG loads the Markdown and image modules"
else
	fail "epub: a Markdown article with a JPEG loads the Markdown and image modules" \
		"$(grep -o 'galley-[a-z]*\.so' "$TMP/ld.log" | sort -u)"
fi

# ------------------------------------------------ epubcheck, in one JVM
JAR=/usr/share/java/epubcheck.jar
cat > "$TMP/EpubCheckMany.java" <<'EOF'
import com.adobe.epubcheck.tool.EpubChecker;

/* epubcheck on each file named, in one JVM: "== FILE" before each report. */
public class EpubCheckMany {
	public static void main(String[] args) {
		for (String f : args) {
			System.out.println("== " + f);
			System.out.flush();
			new EpubChecker().run(new String[] {f});
			System.out.flush();
		}
	}
}
EOF
if [ ! -f "$JAR" ] || ! command -v java >/dev/null; then
	fail "epubcheck is installed" "install the Debian package epubcheck (make deps)"
	exit 0
fi
# shellcheck disable=SC2086
java -Xss1024k -cp "$JAR" "$TMP/EpubCheckMany.java" $CHECK > "$TMP/epubcheck.log" 2>&1
for f in $CHECK; do
	report=$(awk -v f="$f" '$0 == "== " f {on = 1; next} /^== / {on = 0} on' "$TMP/epubcheck.log")
	name=${f##*/}
	if printf '%s\n' "$report" | grep -q 'Messages: 0 fatals / 0 errors / 0 warnings'; then
		ok "epubcheck: $name has 0 errors, 0 warnings"
	else
		fail "epubcheck: $name has 0 errors, 0 warnings" "$(printf '%s\n' "$report" | grep -E 'ERROR|WARNING|FATAL|Messages' | head -20)"
	fi
done
