#!/bin/sh
# pdf.sh — the PDF back end through the command line, checked with qpdf and
# poppler-utils: a valid file, fonts embedded, metadata and page size per
# layout, every paragraph in order and no junk, the outline, links, digests,
# reproducible bytes, clear errors for broken layouts and missing fonts.
. "$GALLEY_TOP/tests/lib.sh"

KOREA="$SHARED/corpus/txt/korea-hotlines"
PROOF="$GALLEY_TOP/samples/galley-proof.md"
export SOURCE_DATE_EPOCH=1700000000

for tool in qpdf pdfinfo pdffonts pdftotext python3; do
	command -v $tool >/dev/null || { fail "pdf: $tool is installed (make deps)"; exit 0; }
done

# body_pdf NAME OUT.pdf IN [-l LAYOUT]: converts IN and writes OUT.txt, the
# text of the text areas only (from the typesetter's trace), without the
# running heads and folios that would split a paragraph at a page break.
body_pdf() {
	name=$1 out=$2 in=$3; shift 3
	if ! GALLEY_PDF_TRACE="$out.trace" "$GALLEY" pdf "$@" -o "$out" "$in" 2>"$TMP/err"; then
		fail "$name converts" "$(cat "$TMP/err")"; return 1
	fi
	: >"$out.txt"
	grep '^page [0-9]* area' "$out.trace" | while read -r _ n _ x y w h _; do
		pdftotext -enc UTF-8 -f "$n" -l "$n" -x "${x%.*}" -y "${y%.*}" \
			-W "$(( ${w%.*} + 3 ))" -H "$(( ${h%.*} + 3 ))" "$out" - >>"$out.txt" 2>/dev/null
	done
}

# pdftext_has NAME TEXTFILE LISTFILE [JUNKFILE]: every line of LISTFILE occurs
# in the text, in order; no line of JUNKFILE occurs.  Words are compared
# without case, hyphens, spacing or punctuation, so line ends and soft
# hyphens do not matter.
pdftext_has() {
	name=$1 text=$2 list=$3 junk=${4:-/dev/null}
	if out=$(python3 - "$text" "$list" "$junk" <<'EOF'
import re, sys
norm = lambda s: re.sub(r'[\W_]+', '', s.replace('\u00ad', '').lower())
text = norm(open(sys.argv[1], encoding='utf-8').read())
pos, bad = 0, []
for line in open(sys.argv[2], encoding='utf-8'):
    want = norm(line)
    if not want:
        continue
    at = text.find(want, pos)
    if at < 0:
        bad.append('missing or out of order: ' + line.strip()[:70])
    else:
        pos = at + len(want)
for line in open(sys.argv[3], encoding='utf-8'):
    if norm(line) and norm(line) in text:
        bad.append('junk present: ' + line.strip()[:70])
print('\n'.join(bad))
sys.exit(1 if bad else 0)
EOF
	); then ok "$name"; else fail "$name" "$out"; fi
}

# expected.json fields as lines
json_lines() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2]) or []; print("\n".join(v if isinstance(v, list) else [v]))' "$1" "$2"
}

# ---------------------------------------------------------------- article
body_pdf "pdf: reference article" "$TMP/k.pdf" "$KOREA/input.txt" && ok "pdf: reference article converts"
check "pdf: qpdf --check passes" qpdf --check "$TMP/k.pdf"
if pdffonts "$TMP/k.pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } NR > 2 { n++ } END { exit bad || n == 0 }'; then
	ok "pdf: every font embedded"
else
	fail "pdf: every font embedded" "$(pdffonts "$TMP/k.pdf")"
fi
if pdffonts "$TMP/k.pdf" | awk 'NR > 2 && $(NF-3) != "yes" { bad = 1 } END { exit bad }'; then
	ok "pdf: every font subset"
else
	fail "pdf: every font subset" "$(pdffonts "$TMP/k.pdf")"
fi
pdfinfo "$TMP/k.pdf" >"$TMP/info" 2>&1
check "pdf: Title is the article's title" grep -q "^Title: *North Korea’s Kim Open to Restoring Communications With South Korea$" "$TMP/info"
check "pdf: Author is the article's author" grep -q "^Author: *Mimi Nguyen Ly$" "$TMP/info"
check "pdf: CreationDate from SOURCE_DATE_EPOCH" grep -q "^CreationDate: *Tue Nov 14 22:13:20 2023" "$TMP/info"
check "pdf: article-a4 is A4" grep -q "^Page size: *595.276 x 841.89 pts" "$TMP/info"
json_lines "$KOREA/expected.json" body_paragraphs >"$TMP/body"
json_lines "$KOREA/expected.json" boilerplate_lines >"$TMP/junk"
pdftext_has "pdf: every paragraph in order, no junk" "$TMP/k.pdf.txt" "$TMP/body" "$TMP/junk"

# the outline holds the title and both headings
qpdf --json "$TMP/k.pdf" >"$TMP/k.json" 2>/dev/null
if python3 - "$TMP/k.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
titles = []
def walk(items):
    for o in items:
        titles.append(o['title']); walk(o.get('kids', []))
walk(d.get('outlines', []))
want = ['North Korea’s Kim Open to Restoring Communications With South Korea',
        'Restoring Hotlines', 'Accusations From Pyongyang']
sys.exit(0 if titles == want else (print(titles) or 1))
EOF
then ok "pdf: outline lists the title and the headings"; else fail "pdf: outline lists the title and the headings"; fi

# reproducible: same input, same bytes
"$GALLEY" pdf -o "$TMP/k2.pdf" "$KOREA/input.txt"
check "pdf: same bytes under SOURCE_DATE_EPOCH" cmp "$TMP/k.pdf" "$TMP/k2.pdf"
# the same bytes without a cache folder (the dehinted faces are then made
# in a temporary folder, which is removed)
env -u XDG_CACHE_HOME HOME=/nonexistent TMPDIR="$TMP" "$GALLEY" pdf -o "$TMP/k3.pdf" "$KOREA/input.txt"
check "pdf: same bytes without a cache" cmp "$TMP/k.pdf" "$TMP/k3.pdf"
check "pdf: no temporary font folder left" sh -c "! ls -d '$TMP'/galley-fonts.* 2>/dev/null"
# the embedded faces carry no TrueType hinting programs
qpdf --qdf --object-streams=disable --decode-level=all "$TMP/k.pdf" "$TMP/k.qdf" 2>/dev/null
if out=$(python3 - "$TMP/k.qdf" <<'EOF'
import re, struct, sys
d = open(sys.argv[1], 'rb').read()
fonts = bad = 0
for m in re.finditer(rb'/Length1 \d+.*?>>\s*stream\r?\n', d, re.S):
    body = d[m.end():]
    n = struct.unpack('>H', body[4:6])[0]
    tags = {body[12 + 16 * i:16 + 16 * i] for i in range(n)}
    fonts += 1
    bad += bool(tags & {b'fpgm', b'prep', b'cvt '}) or b'glyf' not in tags
print(fonts, bad)
sys.exit(0 if fonts >= 3 and bad == 0 else 1)
EOF
); then ok "pdf: embedded faces without hinting"; else fail "pdf: embedded faces without hinting" "$out"; fi

# ----------------------------------------------------------------- layouts
for spec in "article-a4 595.276 x 841.89" "article-letter 612 x 792" "magazine-a4 595.276 x 841.89" \
            "digest-a5 419.528 x 595.276" "ereader 255.118 x 340.157" "large-print 595.276 x 841.89"; do
	set -- $spec
	l=$1; size="$2 x $4"
	body_pdf "pdf: $l" "$TMP/$l.pdf" "$KOREA/input.txt" -l "$l" || continue
	info=$(pdfinfo "$TMP/$l.pdf")
	case "$info" in
	*"Page size:"*"$size pts"*) ok "pdf: $l page size $size" ;;
	*) fail "pdf: $l page size $size" "$info" ;;
	esac
	case "$info" in
	*"Title:"*"North Korea’s Kim"*"Author:"*"Mimi Nguyen Ly"*) ok "pdf: $l Title and Author" ;;
	*) fail "pdf: $l Title and Author" "$info" ;;
	esac
	check "pdf: $l passes qpdf --check" qpdf --check "$TMP/$l.pdf"
	pdftext_has "pdf: $l holds every paragraph in order, no junk" "$TMP/$l.pdf.txt" "$TMP/body" "$TMP/junk"
done
check "pdf: magazine-a4 sets a pull quote" sh -c "pdftotext '$TMP/magazine-a4.pdf' - | grep -c 'We remain committed' | grep -qx 2"
check "pdf: large-print is not hyphenated" sh -c "! pdftotext '$TMP/large-print.pdf' - | grep -q '[a-z]-\$'"
# font expansion: some justified lines are drawn with a font widened or
# narrowed across (a text matrix whose two scales differ, by 2 % at most),
# and their words still read whole (checked above, paragraph by paragraph);
# a ragged layout widens nothing
expanded() {
	qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | python3 -c '
import re, sys
m = [(float(a), float(d)) for a, d in re.findall(rb"([-\d.]+) 0 0 ([-\d.]+) [-\d.]+ [-\d.]+ Tm", sys.stdin.buffer.read())]
wide = [a / abs(d) for a, d in m if d and abs(a / abs(d) - 1) > 1e-4]
print(len(wide) if all(0.979 < w < 1.021 for w in wide) else -1)'
}
n=$(expanded "$TMP/article-a4.pdf")
check "pdf: article-a4 draws expanded lines, by 2 % at most" test "$n" -gt 3
n=$(expanded "$TMP/ereader.pdf")
check "pdf: ereader (ragged) expands no line" test "$n" -eq 0
# Hebrew and Arabic words are set in faces that have them, not as boxes
printf '<galley><article lang="en"><title>Signs</title><p>The sign read \327\251\327\234\327\225\327\235 and \331\205\330\261\330\255\330\250\330\247 at the ferry.</p></article></galley>\n' >"$TMP/rtl.xml"
"$GALLEY" pdf -o "$TMP/rtl.pdf" "$TMP/rtl.xml" 2>"$TMP/err"
HEBREW=$(printf '\327\251\327\234\327\225\327\235') ARABIC=$(printf '\331\205\330\261\330\255\330\250\330\247')
check "pdf: Hebrew is set, not boxes" sh -c "pdftotext '$TMP/rtl.pdf' - | grep -q '$HEBREW'"
check "pdf: Arabic is set, not boxes" sh -c "pdftotext '$TMP/rtl.pdf' - | grep -q '$ARABIC'"
# a line broken at a soft hyphen reads "-" at its end; soft hyphens nothing
# broke at (one inside a ligature: "of|fice") are not in the text at all
# (-layout: poppler otherwise joins a word hyphenated at a line's end)
body_pdf "pdf: lock-keeper in magazine-a4" "$TMP/lock-magazine.pdf" \
	"$GALLEY_TOP/samples/lock-keeper.html" -l magazine-a4 &&
	check "pdf: magazine-a4 hyphenates, and its hyphens read as -" \
		sh -c "pdftotext -layout '$TMP/lock-magazine.pdf' - | grep -q '[a-z]-\$'"
check "pdf: no soft hyphen in the text of any layout" \
	sh -c "! cat '$TMP'/*.pdf.txt | grep -q \"\$(printf '\\302\\255')\""

# bleed and crop marks: the sheet grows by the bleed and the marks' room
sed 's|<page width="210mm" height="297mm"/>|<page width="210mm" height="297mm" bleed="3mm" crop-marks="yes"/>|; s/name="article-a4"/name="print"/' \
	"$GALLEY_TOP/layouts/article-a4.xml" >"$TMP/print.xml"
if "$GALLEY" pdf -l "$TMP/print.xml" -o "$TMP/print.pdf" "$KOREA/input.txt" 2>"$TMP/err"; then
	check "pdf: bleed and crop marks enlarge the sheet" sh -c "pdfinfo '$TMP/print.pdf' | grep -q '^Page size: *660.28[0-9]* x 906.89[0-9]*'"
	check "pdf: bleed layout passes qpdf --check" qpdf --check "$TMP/print.pdf"
else
	fail "pdf: a layout with bleed and crop marks converts" "$(cat "$TMP/err")"
fi

# the typesetter's trace: one line per placed run of lines
GALLEY_PDF_TRACE="$TMP/trace" "$GALLEY" pdf -l magazine-a4 -o "$TMP/m.pdf" "$KOREA/input.txt"
check "pdf: GALLEY_PDF_TRACE reports the placements" grep -q "^place page 2 col [01] block [0-9]* body lines" "$TMP/trace"

# ---------------------------------------------------- every sample and case
for f in "$GALLEY_TOP"/samples/*.txt "$GALLEY_TOP"/samples/*.md "$GALLEY_TOP"/samples/*.html \
         "$GALLEY_TOP"/samples/*.rss "$SHARED"/corpus/txt/*/input.txt; do
	[ -f "$f" ] || continue
	name=${f#"$SHARED/corpus/txt/"}; name=${name#"$GALLEY_TOP/"}
	"$GALLEY" tree "$f" >"$TMP/tree.xml" 2>/dev/null || continue
	# the tree is the oracle: its paragraphs and headings, in order
	python3 - "$TMP/tree.xml" >"$TMP/blocks" <<'EOF'
import sys, xml.etree.ElementTree as ET
for el in ET.parse(sys.argv[1]).iter():
    if el.tag in ('p', 'h2', 'h3', 'h4', 'li', 'figcaption'):
        print(' '.join(''.join(el.itertext()).split()))
EOF
	body_pdf "pdf: $name" "$TMP/s.pdf" "$f" || continue
	check "pdf: $name passes qpdf --check" qpdf --check "$TMP/s.pdf"
	pdftext_has "pdf: $name: every block of the tree in order" "$TMP/s.pdf.txt" "$TMP/blocks"
done

# links are clickable
"$GALLEY" pdf -o "$TMP/proof.pdf" "$PROOF"
check "pdf: links become URI annotations" sh -c "qpdf --qdf --object-streams=disable '$TMP/proof.pdf' - | grep -q '/URI'"
check "pdf: the sample's figure is embedded" sh -c "pdfimages -list '$TMP/proof.pdf' | grep -q ' 480 *240 '"
check "pdf: keywords from the tags" sh -c "pdfinfo '$TMP/proof.pdf' | grep -q '^Keywords: *typesetting, history, software'"
# cairo writes its page contents, ToUnicode maps and forms plain (the
# program sets CAIRO_DEBUG_PDF) and the finishing step deflates them: every
# stream but the XMP packet comes out deflated
for f in k proof; do
	if out=$(qpdf --json=2 "$TMP/$f.pdf" 2>/dev/null | python3 -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
plain = [k for k, v in objs.items() if isinstance(v, dict) and "stream" in v
         and v["stream"]["dict"].get("/Filter") is None
         and v["stream"]["dict"].get("/Type") != "/Metadata"]
streams = sum(1 for v in objs.values() if isinstance(v, dict) and "stream" in v)
print(streams, "streams, plain:", plain)
sys.exit(0 if streams >= 8 and not plain else 1)'); then
		ok "pdf: every stream of $f.pdf but the XMP is deflated"
	else
		fail "pdf: every stream of $f.pdf but the XMP is deflated" "$out"
	fi
done

# ------------------------------------------------------------------ digest
status_is "pdf: several inputs make one digest" 0 "$GALLEY" pdf -l digest-a5 --title "Weekend reading" \
	-o "$TMP/d.pdf" "$KOREA/input.txt" "$PROOF"
pdftotext "$TMP/d.pdf" "$TMP/d.txt"
check "pdf: digest title page" grep -q "Weekend reading" "$TMP/d.txt"
check "pdf: digest contents" grep -q "Contents$" "$TMP/d.txt"
check "pdf: digest Title metadata" sh -c "pdfinfo '$TMP/d.pdf' | grep -q '^Title: *Weekend reading'"
check "pdf: digest contents link to the articles" sh -c "qpdf --qdf --object-streams=disable '$TMP/d.pdf' - | grep -q '/Subtype /Link'"
qpdf --json "$TMP/d.pdf" >"$TMP/d.json" 2>/dev/null
if python3 - "$TMP/d.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
o = d.get('outlines', [])
pages = [x['destpageposfrom1'] for x in o]
# two articles, each on a right-hand (odd) page, after the front matter
sys.exit(0 if len(o) == 2 and all(p % 2 == 1 and p > 2 for p in pages) else (print(o) or 1))
EOF
then ok "pdf: digest articles start on recto pages"; else fail "pdf: digest articles start on recto pages"; fi
# without --title, the PDF and the EPUB of the same inputs carry one title
SOURCE_DATE_EPOCH=1796601600 "$GALLEY" pdf -o "$TMP/dd.pdf" "$KOREA/input.txt" "$PROOF" 2>/dev/null
SOURCE_DATE_EPOCH=1796601600 "$GALLEY" epub -o "$TMP/dd.epub" "$KOREA/input.txt" "$PROOF" 2>/dev/null
check "pdf: the default digest title names the day" sh -c \
	"pdfinfo '$TMP/dd.pdf' | grep -q '^Title: *Digest, December 7, 2026$'"
check "pdf: the EPUB of the same digest has the same title" sh -c \
	"unzip -p '$TMP/dd.epub' EPUB/package.opf | grep -q '<dc:title[^>]*>Digest, December 7, 2026<'"

# ------------------------------------------------------------------ errors
printf '<layout name="bad">\n<description>x</description>\n<page width="10"/>\n</layout>\n' >"$TMP/bad.xml"
status_is "pdf: invalid layout fails" 1 "$GALLEY" pdf -l "$TMP/bad.xml" -o "$TMP/bad.pdf" "$KOREA/input.txt"
check "pdf: invalid layout error names file and line" grep -q "bad.xml:3" "$TMP/err"
check "pdf: no output after a layout error" test ! -e "$TMP/bad.pdf"
printf '<layout name="x">\n<description>x</descr' >"$TMP/broken.xml"
status_is "pdf: malformed layout fails" 1 "$GALLEY" pdf -l "$TMP/broken.xml" -o "$TMP/bad.pdf" "$KOREA/input.txt"
check "pdf: malformed layout error names the file" grep -q "broken.xml:2" "$TMP/err"
sed 's/family="Charis SIL" size="11pt"/family="No Such Face" size="11pt"/; s/name="article-a4"/name="nofont"/' \
	"$GALLEY_TOP/layouts/article-a4.xml" >"$TMP/nofont.xml"
status_is "pdf: a missing font is an error" 1 "$GALLEY" pdf -l "$TMP/nofont.xml" -o "$TMP/nf.pdf" "$KOREA/input.txt"
check "pdf: the missing font is named" grep -q "No Such Face" "$TMP/err"
status_is "pdf: unknown layout name fails" 1 "$GALLEY" pdf -l no-such-layout -o "$TMP/x.pdf" "$KOREA/input.txt"
echo "keep me" >"$TMP/old.pdf"
"$GALLEY" pdf -l "$TMP/bad.xml" -o "$TMP/old.pdf" "$KOREA/input.txt" 2>/dev/null
check "pdf: a failed conversion leaves the old file" grep -q "keep me" "$TMP/old.pdf"

# The title block gives the date once, even when the byline carries it.
"$GALLEY" pdf -o "$TMP/ferry.pdf" "$GALLEY_TOP/samples/harbour-ferry.txt" 2>/dev/null
n=$(pdftotext -l 1 "$TMP/ferry.pdf" - 2>/dev/null | grep -ci "march 14, 2024")
[ "$n" = 1 ] && ok "pdf: a byline's date is not repeated" || fail "pdf: a byline's date is not repeated" "seen $n times"
printf 'Title: Dated article\nDate: 2021-09-30\n\nA paragraph of text that is long enough to stand as the body.\n' > "$TMP/dated.txt"
"$GALLEY" pdf -o "$TMP/dated.pdf" "$TMP/dated.txt" 2>/dev/null
pdftotext -l 1 "$TMP/dated.pdf" - 2>/dev/null | grep -qi "September 30, 2021" && ok "pdf: the date is shown without a byline" \
	|| fail "pdf: the date is shown without a byline"

# Without its PDF module the program still writes EPUBs and trees, and a
# PDF fails with a message saying so.
mkdir -p "$TMP/nomodule"
cp "$GALLEY" "$TMP/nomodule/galley"
printf 'Title\n\nSome text for a page.\n' > "$TMP/nomodule/in.txt"
GALLEY_DATADIR="$GALLEY_TOP" "$TMP/nomodule/galley" pdf -o "$TMP/nomodule/out.pdf" "$TMP/nomodule/in.txt" 2>"$TMP/nomodule/err"
rc=$?
[ $rc -eq 1 ] && grep -q "cannot load the PDF back end" "$TMP/nomodule/err" && [ ! -e "$TMP/nomodule/out.pdf" ] \
	&& ok "pdf: a missing module is an error saying so" \
	|| fail "pdf: a missing module is an error saying so" "rc $rc $(cat "$TMP/nomodule/err")"
GALLEY_DATADIR="$GALLEY_TOP" "$TMP/nomodule/galley" epub -o "$TMP/nomodule/out.epub" "$TMP/nomodule/in.txt" 2>/dev/null \
	&& [ -s "$TMP/nomodule/out.epub" ] && ok "pdf: an EPUB needs no PDF module" || fail "pdf: an EPUB needs no PDF module"
