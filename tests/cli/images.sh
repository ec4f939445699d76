# images.sh — images in every format the web uses, in both back ends
# (issue 17): WebP (a still and an animation's first frame), GIF (its first,
# interlaced frame), AVIF and SVG.  The PDF embeds the rasters (pdfimages)
# and draws the SVG as vectors (a form of paths, no image), each a tagged
# Figure with its alt text; the EPUB stores WebP and AVIF as JPEG or PNG
# and passes epubcheck; a damaged file of each format is one warning naming
# it, and the article is still made.  The fixtures are tests/fuzz/images.
. "$(dirname "$0")/../lib.sh"
export SOURCE_DATE_EPOCH=1700000000
IMG="$GALLEY_TOP/tests/fuzz/images"
FILES="photo.webp anim.webp frames.gif photo.avif chart.svg"

# article DIR: an article in DIR naming each image, and the images.
article() {
	mkdir -p "$1"
	{
		printf '# Images of every kind\n\nA paragraph of prose before the images of the article.\n\n'
		for f in $FILES; do printf '![The %s image](%s)\n\n' "$f" "$f"; done
		printf 'The last paragraph.\n'
	} > "$1/a.md"
}

article "$TMP/good"
for f in $FILES; do cp "$IMG/$f" "$TMP/good/"; done
status_is "a PDF of every image format" 0 "$GALLEY" pdf -o "$TMP/good/a.pdf" "$TMP/good/a.md"
if [ -s "$TMP/err" ]; then fail "every image format is used without a warning" "$(cat "$TMP/err")"
else ok "every image format is used without a warning"; fi
PDF="$TMP/good/a.pdf"

# pdfimages: the four rasters, 48 x 32 each; WebP and AVIF photographs as
# JPEG; the animation and the GIF with their transparency (a soft mask)
pdfimages -list "$PDF" | awk 'NR > 2' > "$TMP/images"
n=$(awk '$3 == "image"' "$TMP/images" | wc -l)
sizes=$(awk '$3 == "image" { print $4 "x" $5 }' "$TMP/images" | sort -u)
if [ "$n" -eq 4 ] && [ "$sizes" = "48x32" ]; then ok "the PDF embeds the 4 raster images (WebP, WebP animation, GIF, AVIF)"
else fail "the PDF embeds the 4 raster images (WebP, WebP animation, GIF, AVIF)" "$(cat "$TMP/images")"; fi
jpeg=$(awk '$3 == "image" && $9 == "jpeg"' "$TMP/images" | wc -l)
masks=$(awk '$3 == "smask"' "$TMP/images" | wc -l)
if [ "$jpeg" -eq 2 ] && [ "$masks" -eq 2 ]; then ok "opaque WebP and AVIF are JPEG in the PDF; the first frames keep their transparency"
else fail "opaque WebP and AVIF are JPEG in the PDF; the first frames keep their transparency" "$(cat "$TMP/images")"; fi
check "qpdf --check passes" qpdf --check "$PDF"

# the SVG: a form XObject of paths (the only images are the 4 above), drawn
# on its caption's page
qpdf --qdf --object-streams=disable "$PDF" "$TMP/qdf.pdf"
pages=$(pdfinfo "$PDF" | awk '/^Pages:/ { print $2 }')
last=0
for p in $(seq 1 "$pages"); do
	pdftotext -f "$p" -l "$p" "$PDF" - | grep -q 'chart.svg image' && last=$p
done
forms=$(grep -a -c '/Subtype /Form' "$TMP/qdf.pdf")
if [ "$forms" -eq 1 ] && [ "$n" -eq 4 ]; then ok "the SVG is a form of vectors, not an image"
else fail "the SVG is a form of vectors, not an image" "$forms forms; $(cat "$TMP/images")"; fi
# drawn: the chart's cream ground and blue bars on the rendered page
pdftoppm -r 40 -f "$last" -l "$last" "$PDF" "$TMP/svgpage"
inks=$(python3 - "$TMP"/svgpage*.ppm <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
parts = d.split(b'\n', 3)   # P6, size, maxval, pixels (pdftoppm writes no comments)
px = parts[3]
cream = blue = 0
for i in range(0, len(px) - 2, 3):
    r, g, b = px[i], px[i + 1], px[i + 2]
    cream += r > 236 and 234 < g < 248 and 224 < b < 240
    blue += b > 140 and r < 120 and 80 < g < 200
print(cream, blue)
PY
)
set -- $inks
if [ "${1:-0}" -gt 1000 ] && [ "${2:-0}" -gt 100 ]; then ok "the SVG is drawn on its page (cream ground, blue bars)"
else fail "the SVG is drawn on its page (cream ground, blue bars)" "cream $1, blue $2 pixels"; fi

# PDF/UA: each picture a Figure with its alt text
figs=$(grep -a -c '/S /Figure' "$TMP/qdf.pdf")
alts=$(grep -a -c '/Alt (The .* image)' "$TMP/qdf.pdf")
if [ "$figs" -eq 5 ] && [ "$alts" -eq 5 ]; then ok "5 Figures with alt text, the SVG's too"
else fail "5 Figures with alt text, the SVG's too" "$figs Figures, $alts alt texts"; fi

# the EPUB: WebP and AVIF stored again as JPEG or PNG, GIF and SVG kept
status_is "an EPUB of every image format" 0 "$GALLEY" epub -o "$TMP/good/a.epub" "$TMP/good/a.md"
got=$(unzip -Z1 "$TMP/good/a.epub" | sed -n 's|^EPUB/images/||p' | tr '\n' ' ')
if [ "$got" = "img001.jpg img002.png img003.gif img004.jpg img005.svg " ]; then
	ok "the EPUB holds JPEG, PNG (the animation's transparent frame), GIF, JPEG and SVG"
else fail "the EPUB holds JPEG, PNG (the animation's transparent frame), GIF, JPEG and SVG" "$got"; fi
epubcheck_clean "epubcheck: the EPUB of every image format has 0 errors, 0 warnings" "$TMP/good/a.epub"

# damaged: each file cut in half, the SVG malformed; one warning each
article "$TMP/bad"
for f in $FILES; do head -c $(( $(wc -c < "$IMG/$f") / 2 )) "$IMG/$f" > "$TMP/bad/$f"; done
for to in pdf epub; do
	status_is "a $to with damaged images is still made" 0 "$GALLEY" $to -o "$TMP/bad/a.$to" "$TMP/bad/a.md"
	missing=""
	for f in $FILES; do
		c=$(grep -c "image '*$f'* left out: a \(damaged\|malformed\)" "$TMP/err")
		[ "$c" -eq 1 ] || missing="$missing $f($c)"
	done
	if [ -z "$missing" ] && [ "$(wc -l < "$TMP/err")" -eq 5 ]; then
		ok "$to: one warning for each damaged image, naming it"
	else fail "$to: one warning for each damaged image, naming it" "$missing: $(cat "$TMP/err")"; fi
done
n=$(pdfimages -list "$TMP/bad/a.pdf" | awk 'NR > 2' | wc -l)
[ "$n" -eq 0 ] && ok "the damaged images are left out of the PDF" ||
	fail "the damaged images are left out of the PDF" "$n images"
check "the PDF with the images left out passes qpdf --check" qpdf --check "$TMP/bad/a.pdf"
# what the images showed stays, once: Markdown makes the alt text the
# caption, so the caption is kept and no bracketed copy stands above it
pdftotext "$TMP/bad/a.pdf" - | tr '\n' ' ' >"$TMP/bad/a.txt"
unzip -p "$TMP/bad/a.epub" '*.xhtml' >"$TMP/bad/a.xhtml"
for f in $FILES; do
	has "pdf: the damaged $f's caption stays in its place" "$TMP/bad/a.txt" "prose before the images.*The $f image.*The last paragraph"
	has "epub: the damaged $f's caption stays in its place" "$TMP/bad/a.xhtml" "<figcaption>The $f image</figcaption>"
done
hasnt "pdf: no bracketed copy of a caption" "$TMP/bad/a.txt" '\[The'
hasnt "epub: no bracketed copy of a caption" "$TMP/bad/a.xhtml" 'image-left-out'
# alt text that says more than the caption stands in the image's place
printf '<galley><article><title>Alt</title><p>Before.</p><figure><img src="photo.png" alt="A harbour at dusk"/><figcaption>Figure 1</figcaption></figure><p>After.</p></article></galley>' >"$TMP/bad/alt.xml"
"$GALLEY" pdf -o "$TMP/bad/alt.pdf" "$TMP/bad/alt.xml" 2>/dev/null
pdftotext "$TMP/bad/alt.pdf" - | tr '\n' ' ' >"$TMP/bad/alt.txt"
has "pdf: a left-out image's alt text stands in its place, above its caption" "$TMP/bad/alt.txt" \
	'Before\. +\[A harbour at dusk\] +Figure 1 +After\.'

# AVIF and SVG decoders are modules, loaded only for an image that needs one
mkdir -p "$TMP/plain"
cp "$IMG/photo.png" "$IMG/photo.jpg" "$IMG/frames.gif" "$IMG/photo.webp" "$TMP/plain/"
printf '# Plain\n\nProse.\n\n![A](photo.png)\n\n![B](photo.jpg)\n\n![C](frames.gif)\n\n![D](photo.webp)\n' > "$TMP/plain/a.md"
LD_DEBUG=files "$GALLEY" pdf -o "$TMP/plain/a.pdf" "$TMP/plain/a.md" 2>"$TMP/ld.log"
LD_DEBUG=files "$GALLEY" pdf -o "$TMP/good/b.pdf" "$TMP/good/a.md" 2>"$TMP/ld2.log"
if ! grep -q 'galley-avif.so\|galley-svg.so\|libavif\|librsvg' "$TMP/ld.log" &&
   grep -q 'galley-avif.so' "$TMP/ld2.log" && grep -q 'galley-svg.so' "$TMP/ld2.log"
then ok "the AVIF and SVG modules are loaded for those images, not for PNG, JPEG, GIF and WebP"
else fail "the AVIF and SVG modules are loaded for those images, not for PNG, JPEG, GIF and WebP" "$(grep -m2 'galley-avif.so\|galley-svg.so\|libavif\|librsvg' "$TMP/ld.log")"; fi

# the same bytes twice (SOURCE_DATE_EPOCH is set)
"$GALLEY" pdf -o "$TMP/good/c.pdf" "$TMP/good/a.md" 2>/dev/null
"$GALLEY" epub -o "$TMP/good/c.epub" "$TMP/good/a.md" 2>/dev/null
check "the PDF of every image format is the same bytes twice" cmp "$TMP/good/a.pdf" "$TMP/good/c.pdf"
check "the EPUB of every image format is the same bytes twice" cmp "$TMP/good/a.epub" "$TMP/good/c.epub"

# an HTML page's <picture>: the first source of a type galley decodes (the
# JPEG XL one is skipped), and in its srcset the widest candidate
mkdir -p "$TMP/pic"
cp "$IMG/photo.avif" "$TMP/pic/wide.avif"
cp "$IMG/photo.webp" "$TMP/pic/narrow.avif"
cp "$IMG/photo.jpg" "$TMP/pic/fallback.jpg"
cat > "$TMP/pic/a.html" <<'HTML'
<html><head><title>A picture</title></head><body><article>
<h1>A picture</h1>
<p>The first paragraph of an article whose figure is a picture element, long enough to be prose.</p>
<figure><picture>
<source type="image/jxl" srcset="wide.jxl">
<source type="image/avif" srcset="narrow.avif 480w, wide.avif 960w">
<img src="fallback.jpg" alt="The picture">
</picture><figcaption>A caption.</figcaption></figure>
<p>The last paragraph of the article, which closes it after the picture with a few words.</p>
</article></body></html>
HTML
"$GALLEY" tree "$TMP/pic/a.html" > "$TMP/pic/tree.xml" 2>&1
grep -q '<img src="wide.avif"' "$TMP/pic/tree.xml" && ok "a picture gives its best source (wide.avif)" ||
	fail "a picture gives its best source (wide.avif)" "$(grep img "$TMP/pic/tree.xml")"
status_is "a PDF of the picture" 0 "$GALLEY" pdf -o "$TMP/pic/a.pdf" "$TMP/pic/a.html"
pdfimages -list "$TMP/pic/a.pdf" | awk 'NR > 2 && $4 == 48 && $5 == 32' | grep -q jpeg &&
	ok "the picture's AVIF source is in the PDF" ||
	fail "the picture's AVIF source is in the PDF" "$(pdfimages -list "$TMP/pic/a.pdf"; cat "$TMP/err")"
