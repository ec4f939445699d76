# scripts.sh — articles in twelve scripts (samples/scripts/, and the held-out
# tests/scripts/) set with real glyphs: no character without a glyph, the
# text layer gives the article's text back, qpdf --check passes, Chinese and
# Japanese lines never start with closing punctuation or small kana nor end
# with an opening bracket, the CJK face follows the article's language, and
# a digest EPUB of the twelve samples passes epubcheck (issue 15).
. "$(dirname "$0")/../lib.sh"

# The text of ARTICLE's paragraphs (after its head) found in the text layer
# of PDF: whitespace and format controls aside, each paragraph must appear
# whole (pdftotext -raw keeps the order of the content stream, so Thai marks
# stay with their letters).  pdftotext cannot rebuild the logical order of
# right-to-left lines (a lam-alef ligature comes out reversed, a mark or a
# period lands by its position), so there every letter and digit of the
# article must be in the layer as many times: a box or a dropped word fails.
cat > "$TMP/text_back.py" <<'PY'
import collections, re, subprocess, sys, unicodedata
article, pdf, rtl = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
body = open(article, encoding="utf-8").read().split("\n\n", 1)[1]
mode = [] if rtl else ["-raw"]
text = subprocess.run(["pdftotext"] + mode + [pdf, "-"], capture_output=True, text=True).stdout
# the smart quotes galley sets stand for the article's straight ones
quotes = re.compile("[\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb]")
def norm(t):
    t = quotes.sub("", unicodedata.normalize("NFC", t))
    drop = ("Z", "Cc", "Cf") + (("M", "P") if rtl else ())
    return "".join(c for c in t if not c.isspace() and not unicodedata.category(c).startswith(drop))
# a word hyphenated at a line end comes back whole: hyphens are compared
# out on both sides
dehyphen = re.compile("[-\u2010]")
layer = dehyphen.sub("", norm(text))
if rtl:
    missing = collections.Counter(norm(body)) - collections.Counter(layer)
    if missing:
        print("letters missing from the text layer:", dict(missing))
        sys.exit(1)
    sys.exit(0)
for para in body.split("\n\n"):
    if norm(para) and dehyphen.sub("", norm(para)) not in layer:
        print("not in the text layer:", para[:60])
        sys.exit(1)
PY

# Kinsoku: no line of the text layer starts with closing punctuation, a
# small kana or a prolonged sound mark, nor ends with an opening bracket.
cat > "$TMP/kinsoku.py" <<'PY'
import subprocess, sys
closing = set("、。，．・：；？！）」』】〕〉》〙〗｝］”’ゝゞーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
opening = set("（「『【〔〈《〘〖｛［“‘")
lines = subprocess.run(["pdftotext", "-raw", sys.argv[1], "-"], capture_output=True,
                       text=True).stdout.split("\n")
lines = [l.strip() for l in lines if l.strip()]
bad = [l for l in lines if l[0] in closing] + [l for l in lines if l[-1] in opening]
print(len(lines), "lines")
if bad:
    print("bad line:", bad[0])
    sys.exit(1)
PY

cat > "$TMP/hyphens.py" <<'PY'
import subprocess, sys
source = open(sys.argv[1], encoding="utf-8").read()
for line in subprocess.run(["pdftotext", "-raw", sys.argv[2], "-"], capture_output=True,
                           text=True).stdout.split("\n"):
    words = line.split()
    if words and words[-1].endswith("-") and words[-1] not in source:
        print("hyphenated:", line)
        sys.exit(1)
PY

is_rtl() { case "$1" in *arabic*|*hebrew*) echo 1 ;; *) echo 0 ;; esac; }

n=0
for f in "$GALLEY_TOP"/samples/scripts/*.txt "$GALLEY_TOP"/tests/scripts/*.txt; do
	n=$((n + 1))
	case "$f" in */tests/scripts/*) set="held-out" ;; *) set="sample" ;; esac
	what="$set ${f##*/}"
	for layout in article-a4 magazine-a4; do
		pdf="$TMP/$n-$layout.pdf"
		if ! "$GALLEY" pdf -l "$layout" -o "$pdf" "$f" 2>"$TMP/err"; then
			fail "scripts: $what ($layout) is set" "$(cat "$TMP/err")"; continue
		fi
		if grep -q "no glyph" "$TMP/err"; then
			fail "scripts: $what ($layout): every character has a glyph" "$(cat "$TMP/err")"
		else
			ok "scripts: $what ($layout): every character has a glyph"
		fi
		check "scripts: $what ($layout): the text layer gives the text back" \
			python3 "$TMP/text_back.py" "$f" "$pdf" "$(is_rtl "$f")"
		check "scripts: $what ($layout): qpdf --check" qpdf --check "$pdf"
		case "$f" in *chinese*|*japanese*)
			check "scripts: $what ($layout): no line starts with closing punctuation" \
				python3 "$TMP/kinsoku.py" "$pdf" ;;
		esac
		case "$f" in *latin*|*greek*|*cyrillic*|*devanagari*|*bengali*|*tamil*) ;; *)
			# no hyphenation dictionary (Chinese, Japanese, Korean,
			# Thai, Arabic, Hebrew): a line ends in a hyphen only where
			# the article has one (the English dictionary set Japanese
			# "gal-ley" before)
			check "scripts: $what ($layout): no word is hyphenated" \
				python3 "$TMP/hyphens.py" "$f" "$pdf" ;;
		esac
	done
done
[ "$n" -ge 24 ] && ok "scripts: 12 samples and 12 held-out articles" ||
	fail "scripts: 12 samples and 12 held-out articles" "found $n"

# The reader finds the section heading of each sample and of the held-out
# articles that have one, though no capital letter starts it.
for f in "$GALLEY_TOP"/samples/scripts/*.txt "$GALLEY_TOP"/tests/scripts/japanese.txt \
	"$GALLEY_TOP"/tests/scripts/devanagari-hi.txt "$GALLEY_TOP"/tests/scripts/arabic.txt \
	"$GALLEY_TOP"/tests/scripts/greek.txt "$GALLEY_TOP"/tests/scripts/chinese-tw.txt; do
	n_h2=$("$GALLEY" tree "$f" 2>/dev/null | grep -c '<h2>')
	[ "$n_h2" -eq 1 ] && ok "scripts: ${f#"$GALLEY_TOP"/}: its heading is found" ||
		fail "scripts: ${f#"$GALLEY_TOP"/}: its heading is found" "$n_h2 headings"
done

# The CJK face follows the article's language: the same code point has
# different glyphs in Chinese, Japanese and Korean.
face_for() {
	"$GALLEY" pdf -o "$TMP/face.pdf" "$1" 2>/dev/null
	if pdffonts "$TMP/face.pdf" | grep -q "NotoSerifCJK$2-Regular"; then ok "scripts: ${1##*/} is set in Noto Serif CJK $2"
	else fail "scripts: ${1##*/} is set in Noto Serif CJK $2" "$(pdffonts "$TMP/face.pdf")"; fi
}
face_for "$GALLEY_TOP/samples/scripts/japanese.txt" jp
face_for "$GALLEY_TOP/samples/scripts/chinese-zh.txt" sc
face_for "$GALLEY_TOP/samples/scripts/korean.txt" kr
face_for "$GALLEY_TOP/tests/scripts/chinese-tw.txt" tc

# Only the CJK faces a document needs join the font set (src/fonts.c), yet
# a Japanese word in kana and a Korean one in Hangul inside a Chinese
# article are still set in the faces pango asks for them (ja, ko).
printf 'Title: 外来词\nLanguage: zh-CN\n\n这篇文章里有一个日本词：ひらがな，还有一个韩国词：한국어。\n' > "$TMP/mix.txt"
"$GALLEY" pdf -o "$TMP/mix.pdf" "$TMP/mix.txt" 2>/dev/null
fonts=$(pdffonts "$TMP/mix.pdf" 2>&1)
if printf '%s\n' "$fonts" | grep -q NotoSerifCJKsc-Regular && printf '%s\n' "$fonts" | grep -q NotoSerifCJKjp-Regular &&
   printf '%s\n' "$fonts" | grep -q NotoSerifCJKkr-Regular; then
	ok "scripts: kana and Hangul in a Chinese article are set in the JP and KR faces"
else fail "scripts: kana and Hangul in a Chinese article are set in the JP and KR faces" "$fonts"; fi
# One process setting a Chinese article, then a Japanese one, adds the
# Japanese faces for the second.
"$GALLEY" batch -j 1 --to pdf -o "$TMP/cjk" "$GALLEY_TOP/samples/scripts/chinese-zh.txt" \
	"$GALLEY_TOP/samples/scripts/japanese.txt" >/dev/null 2>&1
if pdffonts "$TMP/cjk/japanese.pdf" 2>/dev/null | grep -q NotoSerifCJKjp-Regular &&
   ! pdffonts "$TMP/cjk/japanese.pdf" 2>/dev/null | grep -q 'CJKsc'; then
	ok "scripts: a batch sets its Japanese article after a Chinese one in the JP faces"
else fail "scripts: a batch sets its Japanese article after a Chinese one in the JP faces" \
	"$(pdffonts "$TMP/cjk/japanese.pdf" 2>&1)"; fi

# cairo embeds the glyphs used, never the 20 MB collection
"$GALLEY" pdf -o "$TMP/zh.pdf" "$GALLEY_TOP/samples/scripts/chinese-zh.txt" 2>/dev/null
size=$(wc -c < "$TMP/zh.pdf")
[ "$size" -lt 500000 ] && ok "scripts: the Chinese PDF embeds subsets ($size bytes)" ||
	fail "scripts: the Chinese PDF embeds subsets" "$size bytes"

# A character no face has: one warning with the count and the first.
printf 'Faces\n\nA face \360\237\230\200 and another \360\237\230\201 in a line of text.\n' > "$TMP/emoji.txt"
"$GALLEY" pdf -o "$TMP/emoji.pdf" "$TMP/emoji.txt" 2>"$TMP/err"; rc=$?
if [ $rc -eq 0 ] && grep -q "^galley: $TMP/emoji.txt: warning: 2 characters have no glyph (first U+1F600); they show as boxes" "$TMP/err" &&
   [ "$(grep -c 'no glyph' "$TMP/err")" -eq 1 ]; then
	ok "scripts: characters without a glyph are counted in one warning naming the input"
else
	fail "scripts: characters without a glyph are counted in one warning" "exit $rc: $(cat "$TMP/err")"
fi

# No line runs past the column: a Japanese or Chinese line has no spaces to
# shrink, so the glyphs narrow far enough for the whole line (measured by
# typo-metrics on the body pages of digests of the samples and held-out).
if command -v python3 >/dev/null; then
	for set in samples tests; do
		for layout in article-a4 digest-a5; do
			"$GALLEY" pdf --layout $layout -o "$TMP/d.pdf" "$GALLEY_TOP/$set/scripts/"*.txt 2>/dev/null &&
				qpdf "$TMP/d.pdf" --pages "$TMP/d.pdf" 3-z -- "$TMP/body.pdf"
			n=$("$SHARED/tools/typo-metrics" --json "$TMP/body.pdf" 2>/dev/null |
				python3 -c 'import json,sys; print(json.load(sys.stdin)["overfull"]["words"])')
			[ "$n" = 0 ] && ok "scripts: $set in $layout: no word past the column edge" ||
				fail "scripts: $set in $layout: no word past the column edge" "typo-metrics: ${n:-no answer}"
		done
	done
fi

# Six more scripts of fonts-noto-core, one line each: set in their own
# Noto face (never a monospaced or a Latin face's boxes), every character
# with a glyph.
for spec in "lo Lao ຫ້ອງສະໝຸດເປີດຮອດສີ່ທຸ່ມ ທຸກວັນຈັນ ແລະ ວັນພຸດ." \
	"km Khmer បណ្ណាល័យបើកដល់ម៉ោងដប់យប់ រៀងរាល់ថ្ងៃច័ន្ទ។" \
	"my Myanmar စာကြည့်တိုက်သည် ညဆယ်နာရီအထိ ဖွင့်သည်။" \
	"am Ethiopic ቤተ መጻሕፍቱ እስከ ምሽቱ አራት ሰዓት ክፍት ነው።" \
	"hy Armenian Գրադարանը բաց է մինչև երեկոյան տասը։" \
	"ka Georgian ბიბლიოთეკა ღიაა საღამოს ათ საათამდე."; do
	lang=${spec%% *}; rest=${spec#* }; script=${rest%% *}; line=${rest#* }
	printf 'Title: %s\nLanguage: %s\n\n%s %s\n' "$line" "$lang" "$line" "$line" > "$TMP/$lang.txt"
	if "$GALLEY" pdf -o "$TMP/$lang.pdf" "$TMP/$lang.txt" 2>"$TMP/err" && ! grep -q "no glyph" "$TMP/err" &&
	   pdffonts "$TMP/$lang.pdf" | grep -q "NotoSerif$script-Regular" &&
	   pdffonts "$TMP/$lang.pdf" | grep -q "NotoSans$script-Bold"; then
		ok "scripts: $script is set in Noto Serif and Sans $script, every character with a glyph"
	else
		fail "scripts: $script is set in Noto Serif and Sans $script, every character with a glyph" \
			"$(cat "$TMP/err"; pdffonts "$TMP/$lang.pdf" 2>&1 | tail -n +3 | cut -d' ' -f1)"
	fi
done

# The date in the title block is written as the article's language writes
# a date, in the PDF and in the EPUB (where <time> keeps the ISO date).
"$GALLEY" pdf -o "$TMP/date.pdf" "$GALLEY_TOP/samples/scripts/japanese.txt" 2>/dev/null
check "scripts: the Japanese PDF dates the article 2026年12月7日" \
	sh -c "pdftotext -l 1 '$TMP/date.pdf' - | grep -q '2026年12月7日'"
"$GALLEY" pdf -o "$TMP/date.pdf" "$GALLEY_TOP/samples/scripts/latin-fr.txt" 2>/dev/null
check "scripts: the French PDF dates the article '7 décembre 2026'" \
	sh -c "pdftotext -l 1 '$TMP/date.pdf' - | grep -q '7 \(décembre\|DÉCEMBRE\) 2026'"
"$GALLEY" epub -o "$TMP/date.epub" "$GALLEY_TOP/samples/scripts/korean.txt" 2>/dev/null
check "scripts: the Korean EPUB dates the article 2026년 12월 7일 in a <time datetime>" \
	sh -c "unzip -p '$TMP/date.epub' EPUB/a001.xhtml | grep -q '<time datetime=\"2026-12-07\">2026년 12월 7일</time>'"

# A digest EPUB of the twelve samples passes epubcheck.
# With --embed-fonts the faces of the other scripts go in as subsets of the
# characters the book uses, never a 20 MB collection.
for embed in "" --embed-fonts; do
	what="the digest EPUB of the twelve samples${embed:+ with $embed}"
	if ! "$GALLEY" epub $embed -o "$TMP/scripts.epub" "$GALLEY_TOP"/samples/scripts/*.txt 2>"$TMP/err"; then
		fail "scripts: $what is made" "$(cat "$TMP/err")"; continue
	fi
	epubcheck_clean "scripts: $what passes epubcheck" "$TMP/scripts.epub"
	[ -z "$embed" ] && continue
	unzip -l "$TMP/scripts.epub" | awk '$4 ~ /^EPUB\/fonts\// {print $1, $4}' > "$TMP/fonts"
	biggest=$(sort -n "$TMP/fonts" | tail -n 1)
	subsets=$(grep -c -- '-subset\.' "$TMP/fonts")
	if [ "${biggest%% *}" -lt 2000000 ] && grep -q 'NotoSerifCJK-Regular-.*-subset.otf' "$TMP/fonts" &&
	   grep -q 'NotoSerifDevanagari-Regular-0-subset' "$TMP/fonts"; then
		ok "scripts: $what embeds $subsets subsets (largest font file: ${biggest%% *} bytes)"
	else
		fail "scripts: $what embeds subsets" "$(cat "$TMP/fonts")"
	fi
done
