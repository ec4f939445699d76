# fetch.sh — URL inputs and remote images (issue 20), against a server of
# our own on 127.0.0.1 (tests/fetch_server.py, a port chosen at run time,
# no network): what is embedded, warned about and left out, or refused;
# no request reaches a private address without --allow-private; a rerun
# asks with validators and gets 304s; the same bytes cold or warm.
. "$GALLEY_TOP/tests/lib.sh"

S=$TMP/server
mkdir -p "$S"
python3 "$GALLEY_TOP/tests/fetch_server.py" "$GALLEY_TOP" "$S" 2>"$S/stderr" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$S/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P=$(cat "$S/port" 2>/dev/null)
[ -n "$P" ] && ok "fetch: the test server runs on 127.0.0.1:$P" || { fail "fetch: the test server runs"; exit 0; }
U=http://127.0.0.1:$P
export XDG_CACHE_HOME=$TMP/cache SOURCE_DATE_EPOCH=1633046400
requests() { [ -f "$S/log" ] && wc -l < "$S/log" | tr -d ' ' || echo 0; }

# ------------------------------------------------- private addresses
before=$(requests)
status_is "fetch: a page on 127.0.0.1 is refused by default" 1 "$GALLEY" tree "$U/article.html"
grep -q "refused: 127.0.0.1 is not a public address" "$TMP/err" &&
	ok "fetch: the refusal names the address and --allow-private" ||
	fail "fetch: the refusal names the address" "$(cat "$TMP/err")"
status_is "fetch: so is a page on localhost" 1 "$GALLEY" epub -o "$TMP/x.epub" "http://localhost:$P/article.html"
[ "$(requests)" = "$before" ] && ok "fetch: no request reached the server without --allow-private" ||
	fail "fetch: no request reached the server without --allow-private" "$(cat "$S/log")"
# a local page naming a remote image: the image is refused the same way
printf '<html><body><h1>Local</h1><p>%s</p><img src="%s/img/red.png" alt="x"></body></html>\n' \
	"$(printf 'Words of a local page kept for the test. %.0s' 1 2 3 4 5 6 7 8 9 10)" "$U" > "$TMP/local.html"
"$GALLEY" epub -o "$TMP/local.epub" "$TMP/local.html" 2>"$TMP/err"
grep -q "refused: 127.0.0.1 .*red.png" "$TMP/err" && [ "$(requests)" = "$before" ] &&
	ok "fetch: a local page's image on 127.0.0.1 is refused, no request made" ||
	fail "fetch: a local page's image on 127.0.0.1 is refused" "$(cat "$TMP/err")"

# ------------------------------------------------- a URL input
"$GALLEY" tree --allow-private "$U/start" > "$TMP/tree.xml" 2>"$TMP/err"
grep -q "<source>$U/article.html</source>" "$TMP/tree.xml" &&
	ok "fetch: after redirects the final URL is the source" ||
	fail "fetch: the final URL is the source" "$(head -5 "$TMP/tree.xml"; cat "$TMP/err")"
grep -q "<img src=\"$U/img/red.png\"" "$TMP/tree.xml" &&
	ok "fetch: a relative image is made absolute against the final URL" ||
	fail "fetch: a relative image is made absolute" "$(grep img "$TMP/tree.xml")"
grep -q 'User-Agent\|galley/' "$S/log" && ! grep -q ' cookie$' "$S/log" &&
	grep -q " galley/[0-9]" "$S/log" && ok "fetch: the User-Agent is galley/VERSION, no cookie or credentials" ||
	fail "fetch: the User-Agent" "$(cat "$S/log")"
"$GALLEY" tree --allow-private "$U/latin.html" > "$TMP/latin.xml" 2>&1
grep -q '<title>Café € prices</title>' "$TMP/latin.xml" &&
	ok "fetch: windows-1252 declared only in the HTTP header" ||
	fail "fetch: windows-1252 declared only in the HTTP header" "$(head -5 "$TMP/latin.xml")"
"$GALLEY" tree --allow-private "$U/koi8.html" > "$TMP/koi8.xml" 2>&1
grep -q '<title>Новости Moscow</title>' "$TMP/koi8.xml" &&
	ok "fetch: KOI8-R declared only in the HTTP header" ||
	fail "fetch: KOI8-R declared only in the HTTP header" "$(head -5 "$TMP/koi8.xml")"
status_is "fetch: a redirect to file:// is refused" 1 "$GALLEY" tree --allow-private "$U/to-file"
grep -q "a redirect to file:, not http or https" "$TMP/err" && ok "fetch: ... saying so" ||
	fail "fetch: ... saying so" "$(cat "$TMP/err")"
status_is "fetch: more than 5 redirects are refused" 1 "$GALLEY" tree --allow-private "$U/loop"
status_is "fetch: a missing page fails" 1 "$GALLEY" tree --allow-private "$U/nothing.html"
grep -q "cannot fetch: HTTP 404" "$TMP/err" && ok "fetch: ... with HTTP 404" || fail "fetch: ... with HTTP 404" "$(cat "$TMP/err")"
status_is "fetch: ftp: is not an input URL" 1 "$GALLEY" tree "ftp://127.0.0.1:$P/x"
status_is "fetch: --offline fetches no page" 1 "$GALLEY" tree --offline --allow-private "$U/article.html"

# ------------------------------------------------- images, both back ends
mkdir -p "$TMP/w" && cd "$TMP/w" || exit 1
before=$(requests)
"$GALLEY" epub --allow-private --timeout 2 "$U/news/my-story.html" 2>"$TMP/err"
[ -s my-story.epub ] && ok "fetch: the output is named after the page's slug" ||
	fail "fetch: the output is named after the page's slug" "$(ls; cat "$TMP/err")"
"$GALLEY" epub --allow-private --timeout 2 -o "$TMP/a.epub" "$U/article.html" 2>"$TMP/epub.err"
st=$?
[ $st -eq 0 ] && ok "fetch: failed images never fail the article" || fail "fetch: failed images never fail the article" "$(cat "$TMP/epub.err")"
# each format, by its alt text: PNG (relative, and behind redirects), JPEG
# (absolute), SVG, and WebP, which the EPUB stores again as a JPEG (not a
# core media type of EPUB 3); every file it names is in the book
unzip -p "$TMP/a.epub" 'EPUB/a0*.xhtml' | grep -o '<img src="images/[^"]*" alt="[^"]*"' |
	sed 's/<img src="images\/img[0-9]*\.\([a-z]*\)" alt="\(.*\)"/\2=\1/' > "$TMP/epub-imgs"
want='A relative PNG=png
An absolute JPEG=jpg
An SVG=svg
A relative WebP=jpg
A PNG behind redirects=png'
[ "$(cat "$TMP/epub-imgs")" = "$want" ] && [ "$(unzip -l "$TMP/a.epub" | grep -c 'EPUB/images/')" -eq 5 ] &&
	ok "fetch: EPUB embeds the fetched PNG, JPEG, SVG, WebP and redirected PNG" ||
	fail "fetch: EPUB embeds five images" "$(cat "$TMP/epub-imgs"; cat "$TMP/epub.err")"
# the WebP's JPEG has the WebP's size (48x32), the SVG is the served drawing
webp=$(unzip -p "$TMP/a.epub" 'EPUB/a0*.xhtml' | sed -n 's/.*<img src="\(images\/[^"]*\)" alt="A relative WebP".*/\1/p')
size=$(unzip -p "$TMP/a.epub" "EPUB/$webp" | python3 -c '
import struct, sys
d = sys.stdin.buffer.read(); i = 2
while i + 9 < len(d):
    n = struct.unpack(">H", d[i+2:i+4])[0]
    if d[i+1] in (0xC0, 0xC1, 0xC2):
        h, w = struct.unpack(">HH", d[i+5:i+9]); print("%dx%d" % (w, h)); break
    i += 2 + n')
[ "$size" = 48x32 ] && unzip -p "$TMP/a.epub" 'EPUB/images/*.svg' | grep -q '<rect[^>]*fill="#c33"' &&
	ok "fetch: EPUB's WebP is the fetched 48x32 picture, its SVG the fetched drawing" ||
	fail "fetch: EPUB's WebP and SVG are the fetched ones" "webp $webp $size"
for w in "missing.png' left out: HTTP 404" "slow.png' left out: timed out" \
         "huge.png' left out: larger than 15 MiB" \
         "to-file.png' left out: a redirect to file:, not http or https" \
         "not-image.png' left out: not an image"; do
	[ "$(grep -c "$w" "$TMP/epub.err")" -eq 1 ] && ok "fetch: one warning: $w" ||
		fail "fetch: one warning: $w" "$(cat "$TMP/epub.err")"
done
"$GALLEY" pdf --allow-private --timeout 2 -o "$TMP/a.pdf" "$U/article.html" 2>"$TMP/pdf.err"
# raster images by size and encoding: the two PNGs (480x240), the JPEG kept
# as JPEG (8x6), the WebP decoded (48x32)
pdfimages -list "$TMP/a.pdf" | awk 'NR > 2 { print $4 "x" $5, $9 }' | sort > "$TMP/pdf-imgs"
want='480x240 image
480x240 image
48x32 jpeg
8x6 jpeg'
[ "$(cat "$TMP/pdf-imgs")" = "$want" ] &&
	ok "fetch: the PDF embeds the PNGs, the JPEG (as JPEG) and the WebP" ||
	fail "fetch: the PDF embeds the fetched raster images" "$(pdfimages -list "$TMP/a.pdf"; cat "$TMP/pdf.err")"
# issue 17: the fetched SVG is drawn as vectors: a form that fills a
# rectangle in its colour (#c33), no image
qpdf --qdf --object-streams=disable "$TMP/a.pdf" "$TMP/a-qdf.pdf"
! grep -q "mark.svg" "$TMP/pdf.err" && grep -a -q '/Subtype /Form' "$TMP/a-qdf.pdf" &&
	grep -a -q '^0\.8 0\.2 0\.2 rg' "$TMP/a-qdf.pdf" &&
	ok "fetch: the PDF draws the fetched SVG as vectors" ||
	fail "fetch: the PDF draws the fetched SVG as vectors" "$(cat "$TMP/pdf.err")"
"$GALLEY" epub --allow-private -o "$TMP/d.epub" "$U/dead.html" 2>"$TMP/err"
[ $? -eq 0 ] && [ "$(grep -c "left out" "$TMP/err")" -eq 1 ] && grep -q "images from 127.0.0.1:[0-9]* left out" "$TMP/err" &&
	ok "fetch: a host that cannot be reached is named once, not once per image" ||
	fail "fetch: a dead host is named once" "$(cat "$TMP/err")"
# galley epub URL1 URL2: a digest of the two pages (digest.epub, as for
# files), each with its images, the same bytes from a second run
"$GALLEY" epub --allow-private --timeout 2 "$U/article.html" "$U/latin.html" 2>"$TMP/err"
st=$?
unzip -p digest.epub EPUB/nav.xhtml 2>/dev/null | grep -o '<a href="a00[0-9].xhtml">[^<]*' > "$TMP/nav"
[ $st -eq 0 ] && [ "$(cat "$TMP/nav")" = '<a href="a001.xhtml">The Galley Tray
<a href="a002.xhtml">Café € prices' ] && [ "$(unzip -l digest.epub | grep -c 'EPUB/images/img')" -eq 5 ] &&
	ok "fetch: epub URL1 URL2 makes a digest of the two pages, with the images" ||
	fail "fetch: epub URL1 URL2 makes a digest" "exit $st; $(cat "$TMP/nav" "$TMP/err")"
mv digest.epub "$TMP/digest1.epub"
"$GALLEY" epub --allow-private --timeout 2 -o "$TMP/digest2.epub" "$U/article.html" "$U/latin.html" 2>/dev/null
cmp -s "$TMP/digest1.epub" "$TMP/digest2.epub" && ok "fetch: two runs of the digest give the same bytes" ||
	fail "fetch: two runs of the digest give the same bytes"
cd "$GALLEY_TOP" || exit 1

# ------------------------------------------------- the cache
cp "$TMP/a.epub" "$TMP/cold.epub"
: > "$S/log"
"$GALLEY" epub --allow-private --timeout 2 -o "$TMP/warm.epub" "$U/article.html" 2>/dev/null
got200=$(grep -c ' 200 ' "$S/log"); got304=$(grep -c ' 304 ' "$S/log")
# only the slow and the huge image, which never completed, come again
[ "$got304" -ge 5 ] && [ "$got200" -eq 2 ] && grep -q 'slow.png 200' "$S/log" && grep -q 'huge.png 200' "$S/log" &&
	ok "fetch: a rerun revalidates from the cache (304s, no body again)" ||
	fail "fetch: a rerun comes from the cache" "$(cat "$S/log")"
cmp -s "$TMP/cold.epub" "$TMP/warm.epub" && ok "fetch: with SOURCE_DATE_EPOCH, cold and warm cache give the same bytes" ||
	fail "fetch: cold and warm cache give the same bytes"
"$GALLEY" pdf --allow-private --timeout 2 -o "$TMP/b.pdf" "$U/article.html" 2>/dev/null
cmp -s "$TMP/a.pdf" "$TMP/b.pdf" && ok "fetch: two PDF runs give the same bytes" || fail "fetch: two PDF runs give the same bytes"

# ------------------------------------------------- offline
: > "$S/log"
"$GALLEY" epub --offline -o "$TMP/off.epub" "$TMP/local.html" 2>"$TMP/err"
grep -q "red.png' left out: a URL, not a file beside the input" "$TMP/err" && [ ! -s "$S/log" ] &&
	ok "fetch: --offline leaves remote images out with today's warning, no request" ||
	fail "fetch: --offline leaves remote images out" "$(cat "$TMP/err" "$S/log")"

# ------------------------------------------------- batch
printf '%s\n' "$U/article.html" "$U/latin.html" "$U/nothing.html" |
	"$GALLEY" batch -j 2 --allow-private --timeout 2 --to epub,xml -@ -o "$TMP/batch" >/dev/null 2>"$TMP/err"
st=$?
[ $st -eq 1 ] && [ -s "$TMP/batch/article.epub" ] && [ -s "$TMP/batch/latin.xml" ] && [ ! -e "$TMP/batch/nothing.epub" ] &&
	grep -q "nothing.html: cannot fetch: HTTP 404" "$TMP/err" &&
	ok "fetch: batch -@ takes URLs, one failing page fails alone" ||
	fail "fetch: batch -@ takes URLs" "exit $st; $(ls "$TMP/batch"; cat "$TMP/err")"
[ "$(unzip -l "$TMP/batch/article.epub" | grep -c 'EPUB/images/')" -eq 5 ] &&
	ok "fetch: batch embeds the remote images" || fail "fetch: batch embeds the remote images" "$(cat "$TMP/err")"

# ------------------------------------------------- batch: the workers share the limits
# six pages, four images each on a port that closes every connection
# unanswered (the server counts them): the host is named once for the
# whole batch, and once a worker has found it down none asks it again;
# only the transfers already under way, at most the run's six at once
# (not six per worker), reached it
CP=$(cat "$S/closer_port")
: > "$S/closed"
for n in 0 1 2 3 4 5; do echo "$U/down/$n.html"; done |
	"$GALLEY" batch -j 2 --allow-private --timeout 5 --to epub -@ -o "$TMP/down" >/dev/null 2>"$TMP/err"
st=$?
conns=$(wc -l < "$S/closed" | tr -d ' ')
[ $st -eq 0 ] && [ "$(ls "$TMP/down"/*.epub | wc -l)" -eq 6 ] &&
	ok "fetch: batch: a host that is down fails no article" ||
	fail "fetch: batch: a host that is down fails no article" "exit $st; $(ls "$TMP/down"; cat "$TMP/err")"
[ "$(grep -c "left out" "$TMP/err")" -eq 1 ] && grep -q "images from 127.0.0.1:$CP left out" "$TMP/err" &&
	ok "fetch: batch: a host that is down is named once for all the workers" ||
	fail "fetch: batch: a host that is down is named once" "$(cat "$TMP/err")"
[ "$conns" -ge 1 ] && [ "$conns" -le 6 ] &&
	ok "fetch: batch: no request to a host known down ($conns connections for 24 images)" ||
	fail "fetch: batch: no request to a host known down" "$conns connections for 24 images"
# three workers, four slow images each: six requests at once, not twelve
rm -f "$S/peak"
for n in 0 1 2; do echo "$U/wait/$n.html"; done |
	"$GALLEY" batch -j 3 --allow-private --to epub -@ -o "$TMP/wait" >/dev/null 2>"$TMP/err"
st=$?
peak=$(cat "$S/peak" 2>/dev/null)
[ $st -eq 0 ] && [ "$(unzip -l "$TMP/wait/1.epub" | grep -c 'EPUB/images/img')" -eq 4 ] &&
	[ -n "$peak" ] && [ "$peak" -le 6 ] &&
	ok "fetch: batch: the workers together make at most six requests at once (peak $peak)" ||
	fail "fetch: batch: at most six requests at once" "exit $st, peak $peak; $(cat "$TMP/err")"

# ------------------------------------------------- batch reruns: a page unchanged is up to date
# A URL has no time to compare: a rerun asks with validators, and keeps an
# output when the page and its images are the same bytes (304s here).
export XDG_CACHE_HOME=$TMP/cache-batch
rm -f "$S/version"
L="$U/article.html $U/changing.html $U/latin.html"
inc() { printf '%s\n' $L | "$GALLEY" batch -j 2 --allow-private --timeout 2 --to pdf,epub -@ -o "$1" 2>"$TMP/inc.err" >/dev/null; }
inc "$TMP/inc"
[ "$(ls "$TMP/inc"/*.pdf "$TMP/inc"/*.epub | wc -l)" -eq 6 ] && ok "fetch: batch: a first run makes every output" ||
	fail "fetch: batch: a first run makes every output" "$(cat "$TMP/inc.err")"
touch "$TMP/stamp"
sleep 1   # a rewritten output would be newer than the stamp
: > "$S/log"
inc "$TMP/inc"
grep -q "0 converted, 0 failed, 3 up to date" "$TMP/inc.err" && [ -z "$(find "$TMP/inc" -newer "$TMP/stamp" -type f)" ] &&
	ok "fetch: batch: a rerun keeps the outputs of unchanged pages" ||
	fail "fetch: batch: a rerun keeps the outputs of unchanged pages" "$(cat "$TMP/inc.err"; find "$TMP/inc" -newer "$TMP/stamp")"
# every page and image came as a 304; only the slow and the huge image,
# never kept, were asked in full again
grep -q ' 304 ' "$S/log" && [ "$(grep ' 200 ' "$S/log" | grep -v -c 'slow.png\|huge.png')" -eq 0 ] &&
	ok "fetch: batch: ... having asked only whether they changed (304)" ||
	fail "fetch: batch: ... having asked only whether they changed" "$(cat "$S/log")"
# the same outputs from a warm cache, into a new folder, as from a cold one
inc "$TMP/inc-warm"
same=1
for f in "$TMP/inc"/*.pdf "$TMP/inc"/*.epub; do cmp -s "$f" "$TMP/inc-warm/${f##*/}" || same=0; done
[ $same -eq 1 ] && ok "fetch: batch: the outputs of a warm cache are the cold one's, byte for byte" ||
	fail "fetch: batch: the outputs of a warm cache are the cold one's"
# a page that changed is made again, the others kept
echo second > "$S/version"
inc "$TMP/inc"
grep -q "1 converted, 0 failed, 2 up to date" "$TMP/inc.err" &&
	[ "$(find "$TMP/inc" -newer "$TMP/stamp" -type f -name 'changing.*' | wc -l)" -eq 2 ] &&
	[ "$(find "$TMP/inc" -newer "$TMP/stamp" -type f ! -name 'changing.*' ! -name '.galley-manifest' | wc -l)" -eq 0 ] &&
	! cmp -s "$TMP/inc/changing.epub" "$TMP/inc-warm/changing.epub" &&
	ok "fetch: batch: a page that changed is made again, the others kept" ||
	fail "fetch: batch: a page that changed is made again" "$(cat "$TMP/inc.err"; ls -l "$TMP/inc")"

# Fetching is a module (galley-fetch.so, with libcurl under it): a run that
# fetches nothing never loads it, so a local EPUB starts as fast as before.
LD_DEBUG=files "$GALLEY" epub -o "$TMP/local.epub" "$GALLEY_TOP/samples/harbour-ferry.txt" 2>"$TMP/ld.log" >/dev/null
if grep -q 'galley-fetch.so\|libcurl' "$TMP/ld.log"; then
	fail "a local EPUB loads no fetching library" "$(grep -m2 'galley-fetch.so\|libcurl' "$TMP/ld.log")"
else
	ok "a local EPUB loads no fetching library"
fi
