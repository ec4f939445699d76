# break_rules.sh — the break rules that always hold (issue 19), measured by
# ../shared/tools/typo-metrics on a digest of ../shared/corpus/txt in every
# layout, pages after the contents: no widow, no orphan, no heading left at
# a column's or page's foot, no word past the column's edge.  Also the
# parts of the output that make those readings unambiguous: a block quote
# flush with a justified column's right edge, its attribution on the
# quote's left edge, a line of Japanese never past the edge.
. "$(dirname "$0")/../lib.sh"
TM="$SHARED/tools/typo-metrics"
CORPUS="$SHARED/corpus/txt"
if [ ! -x "$TM" ] || [ ! -d "$CORPUS" ]; then
	ok "break rules measured # SKIP no ../shared/tools/typo-metrics or corpus"
	exit 0
fi
export SOURCE_DATE_EPOCH=1633046400
for f in "$CORPUS"/*/input.txt; do
	"$GALLEY" tree "$f" 2>/dev/null | sed -n 's:.*<\(title\|byline\|date\)>\(.*\)</\1>.*:\2:p'
done > "$TMP/banner"

for L in article-a4 article-letter digest-a5 magazine-a4 ereader large-print; do
	if ! "$GALLEY" pdf --offline -l "$L" -o "$TMP/$L.pdf" "$CORPUS"/*/input.txt 2>"$TMP/err"; then
		fail "$L: the txt corpus makes a digest" "$(cat "$TMP/err")"
		continue
	fi
	python3 - "$TM" "$TMP/$L.pdf" "$TMP/banner" "$L" <<'PY'
import json, re, subprocess, sys
tm, pdf, banner, name = sys.argv[1:5]
def ok(what, good, why=''):
    print(('ok - ' if good else 'not ok - ') + f'{name}: {what}')
    if not good and why:
        print('#   ' + str(why)[:600])
outl = json.loads(subprocess.run(['qpdf', '--json', '--json-key=outlines', pdf],
                                 capture_output=True, text=True, check=True).stdout)['outlines']
starts = sorted(o['destpageposfrom1'] for o in outl)
first = starts[0]                      # the first article: pages after the contents
body = pdf[:-4] + '-body.pdf'
subprocess.run(['qpdf', pdf, '--pages', pdf, f'{first}-z', '--', body], check=True)
m = json.loads(subprocess.run([tm, '--json', body], capture_output=True, text=True).stdout)
b = m['breaks']
ok('no widow, orphan or stranded heading', b['widows'] == b['orphans'] == b['stranded_headings'] == 0,
   b['faults'])
# A title block spanning two columns whose line ends inside the gutter is
# taken by the tool for column 1's text (its gutter is the least covered x,
# which such a line moves past its own end): its words are not counted.
words = {w.lower() for l in open(banner, encoding='utf-8') for w in re.findall(r'\w+', l)}
opening = {s - first + 1 for s in starts}
over = [o for o in m['overfull']['list'] if not (m['columns'] == 2 and o[0] in opening and
        re.sub(r'\W+', '', o[1]).lower() in words)]
ok('no word past the column edge', not over, over)
if m['alignment'] == 'justified':
    j = m['justification']
    ok('loose lines <= 3 % and gap p95 <= 0.50 em',
       j['loose_share'] <= 0.03 and j['gap_p95_em'] <= 0.50, j)
PY
done

# a block quote in a justified layout ends on the column's edge, and its
# attribution starts on the quote's left edge, as one more line of it
cat >"$TMP/q.md" <<'EOF'
# A quoted article

The body before the quote runs on for long enough to fill two or three lines of the
column, so that its right edge is plain to see when the page is measured afterwards.

> The quoted words run on for long enough to fill two or three lines of the column,
> so that the quote's own right edge can be compared with the body's edge above it.
>
> — A Speaker

The body after the quote runs on for long enough to fill two or three lines of the
column, so that its right edge is plain to see when the page is measured afterwards.
EOF
"$GALLEY" pdf --offline -l article-a4 -o "$TMP/q.pdf" "$TMP/q.md" 2>"$TMP/err" || fail "a quoted article sets" "$(cat "$TMP/err")"
pdftotext -bbox-layout "$TMP/q.pdf" - | python3 -c '
import re, sys
ls = [(float(a), float(b), t) for a, b, t in re.findall(r"<line xMin=\"([\d.]+)\" yMin=\"[\d.]+\" xMax=\"([\d.]+)\"[^>]*>(.*?)</line>", sys.stdin.read(), re.S)]
text = lambda t: " ".join(re.findall(r">([^<]+)</word>", t))
body = max(x1 for x0, x1, t in ls if "body before" in text(t))
quote = [(x0, x1) for x0, x1, t in ls if "quoted words" in text(t)]
cite = [x0 for x0, x1, t in ls if "Speaker" in text(t)]
ok = quote and cite and abs(quote[0][1] - body) < 0.5 and abs(cite[0] - quote[0][0]) < 0.5 and quote[0][0] > ls[0][0]
print(("ok - " if ok else "not ok - ") + "a block quote ends on the column edge, its attribution on its left edge")
if not ok: print("#   body edge %s, quote %s, attribution %s" % (body, quote, cite))
'

# a line of Japanese, which has no spaces to close up, never runs past the
# edge of the justified lines (font expansion narrows it a step further):
# a real article whose lines ran up to 0.9 pt past it
JA="$SHARED/corpus/scraped/aeb/f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d/input.txt"
[ -f "$JA" ] || JA="$GALLEY_TOP/samples/scripts/japanese.txt"
for L in article-a4 digest-a5; do
	"$GALLEY" pdf --offline -l $L -o "$TMP/ja.pdf" "$JA" 2>/dev/null
	pdftotext -bbox-layout "$TMP/ja.pdf" - | python3 -c '
import re, sys, statistics as st
ls = [(float(x), w[-1]) for x, w in re.findall(r"<line xMin=\"[\d.]+\" yMin=\"[\d.]+\" xMax=\"([\d.]+)\".*?>([^<]*)</word>\s*</line>", sys.stdin.read(), re.S)]
edge = st.mode(round(2 * x) / 2 for x, c in ls)
# lines ending in a kana or ideograph (punctuation may hang)
past = [x for x, c in ls if 0x3040 <= ord(c) <= 0x30FF or 0x4E00 <= ord(c) <= 0x9FFF if x > edge + 0.4]
print(("ok - " if ls and not past else "not ok - ") + sys.argv[1] + ": no line of Japanese runs past the edge")
if past: print("#   edge %s, past: %s" % (edge, past))
' $L
done

# a one-line paragraph without a closing mark is set flush, as a heading
# is, and so is the paragraph after it: indented, a run of them read as an
# inset block that the next paragraph's first line joined
cat >"$TMP/films.md" <<'EOF2'
# Films with time loops

The films below are listed with their year and a line on each, as the list of
films in the article that this reduction was made from sets them out in turn.

Groundhog Day

1993

A weatherman is forced to relive the same day over and over again until he
changes the way he lives, which is the best known of the films on this list.
EOF2
"$GALLEY" pdf --offline -l digest-a5 -o "$TMP/films.pdf" "$TMP/films.md" 2>"$TMP/err" || fail "the films article sets" "$(cat "$TMP/err")"
pdftotext -bbox-layout "$TMP/films.pdf" - | python3 -c '
import re, sys
ls = [(float(a), " ".join(re.findall(r">([^<]+)</word>", t))) for a, t in re.findall(r"<line xMin=\"([\d.]+)\".*?>(.*?)</line>", sys.stdin.read(), re.S)]
x = lambda start: next((a for a, t in ls if t.startswith(start)), None)
first = next((i for i, (a, t) in enumerate(ls) if t.startswith("The films")), None)
left = ls[first + 1][0] if first is not None else None   # the second line of a paragraph
label, year, para = x("Groundhog"), x("1993"), x("A weatherman")
ok = None not in (left, label, year, para) and abs(label - left) < 0.5 and abs(year - left) < 0.5 and abs(para - left) < 0.5
print(("ok - " if ok else "not ok - ") + "a one-line paragraph without a closing mark and the one after it are set flush")
if not ok: print("#   left %s, label %s, year %s, next paragraph %s" % (left, label, year, para))
'
