# tables_notes_held_out.sh — the checks of tables_notes.sh on pages and an
# article that were never used to tune the readers (tests/tables_notes/held-out):
# other footnote conventions (encyclopedia references, epub:type asides), a
# table with a two-row header, spans, a footer row and decimals, and a GFM
# article with an aligned table, a note of two paragraphs and a repeated note.
. "$GALLEY_TOP/tests/lib.sh"
F="$GALLEY_TOP/tests/tables_notes/held-out"


# --- the tree (on one line, so that a pattern can span elements)
"$GALLEY" tree "$F/encyclopedia.html" 2>"$TMP/err" | tr '\n' ' ' >"$TMP/e.xml"
has "encyclopedia: a reference mark in brackets becomes a noteref" "$TMP/e.xml" 'in 1951\.<noteref ref="n1"/> Its track'
has "encyclopedia: a source cited twice keeps its number" "$TMP/e.xml" 'Thursdays\.<noteref ref="n1"/> After 1920'
has "encyclopedia: the references become footnotes" "$TMP/e.xml" '<footnote id="n4">'
has "encyclopedia: a note keeps its text, not its caret and lettered backlinks" "$TMP/e.xml" \
	'<footnote id="n1">[[:space:]]*<p>Harker, Edith \(1962\)\. <em>Lines Across the Marsh</em>'
hasnt "encyclopedia: no caret left in the notes" "$TMP/e.xml" '<p>\^|>\^ '
hasnt "encyclopedia: no heading left heading nothing before the notes" "$TMP/e.xml" '<h2>References'
has "encyclopedia: the caption" "$TMP/e.xml" '<caption>Traffic carried, selected years</caption>'
has "encyclopedia: a two-row header keeps its spans" "$TMP/e.xml" \
	'<tr><th rowspan="2">Year</th><th colspan="2">Goods \(tons\)</th><th rowspan="2">Passengers</th>'
has "encyclopedia: the header's second row" "$TMP/e.xml" '<tr><th>Salt</th><th>Shellfish</th></tr>'
has "encyclopedia: a body row with decimals" "$TMP/e.xml" \
	'<tr><td>1905</td><td>6,875</td><td>542</td><td>31,050</td><td>3,980\.75</td></tr>'
has "encyclopedia: a cell spanning two columns" "$TMP/e.xml" '<td colspan="2">no goods service</td>'
hasnt "encyclopedia: the navigation box is not the article's" "$TMP/e.xml" 'Railways of the county'
roundtrip "encyclopedia" "$F/encyclopedia.html"

"$GALLEY" tree "$F/magazine.html" 2>"$TMP/err" | tr '\n' ' ' >"$TMP/g.xml"
has "magazine: an epub:type noteref outside <sup> becomes a noteref" "$TMP/g.xml" 'mainland\.<noteref ref="n1"/> The crossing'
has "magazine: doc-footnote asides become footnotes" "$TMP/g.xml" \
	'<footnote id="n3">[[:space:]]*<p>Figures from the ferry company'
hasnt "magazine: no heading left heading nothing before the notes" "$TMP/g.xml" '<h2>Notes'
has "magazine: the header row" "$TMP/g.xml" \
	'<tr><th>Winter</th><th>Planned</th><th>Sailed</th><th>Share sailed</th><th>Mean crossing \(min\)</th></tr>'
has "magazine: a row headed by a th, with decimals" "$TMP/g.xml" \
	'<tr><th>2020–21</th><td>240</td><td>198</td><td>82\.5%</td><td>52\.25</td></tr>'
has "magazine: the footer row is kept, after the body" "$TMP/g.xml" \
	'50\.8</td></tr>[[:space:]]*</tbody>[[:space:]]*<tbody>[[:space:]]*<tr><th>All four</th><td>962</td>'
hasnt "magazine: the related links are not the article's" "$TMP/g.xml" 'More long reads'
roundtrip "magazine" "$F/magazine.html"

"$GALLEY" tree "$F/essay.md" 2>"$TMP/err" | tr '\n' ' ' >"$TMP/m.xml"
has "essay: the alignment row aligns the header cells" "$TMP/m.xml" \
	'<tr><th align="left">Variety</th><th align="center">Trees</th><th align="right">Harvest \(kg\)</th><th align="right">Per tree \(kg\)</th></tr>'
has "essay: a body row with its alignment" "$TMP/m.xml" \
	'<tr><td align="left">Egremont Russet</td><td align="center">8</td><td align="right">244\.75</td><td align="right">30\.6</td></tr>'
has "essay: a note referenced twice keeps its number" "$TMP/m.xml" 'every tree stays\.<noteref ref="n1"/>'
has "essay: a note's two paragraphs" "$TMP/m.xml" \
	'tape measure\.</p>[[:space:]]*<p>Its last entry is from 1987\.'
has "essay: the second note" "$TMP/m.xml" '<footnote id="n2">'
hasnt "essay: no table or note syntax left as text" "$TMP/m.xml" '\|--|\|:-|\[\^'
roundtrip "essay" "$F/essay.md"

# --- PDF: cells row by row; each note on the page of its reference
# rows NAME PDF PATTERN...: each pattern is a line of pdftotext -layout
rows() {
	name=$1; pdf=$2; shift 2
	pdftotext -layout "$pdf" "$TMP/rows.txt"
	for p in "$@"; do has "$name: a row, cell after cell: $p" "$TMP/rows.txt" "$p"; done
}
# on_page NAME PDF TEXT NOTE...: NOTE is on the page whose text holds TEXT
# (the words just before its reference mark)
on_page() {
	name=$1; pdf=$2; shift 2
	n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	p=1; while [ "$p" -le "$n" ]; do
		pdftotext -f $p -l $p "$pdf" - | tr '\n' ' ' >"$TMP/pg$p.txt"; p=$((p + 1))
	done
	bad=""
	while [ $# -ge 2 ]; do
		mp=$(grep -lF "$1" "$TMP"/pg*.txt | head -1)
		np=$(grep -lF "$2" "$TMP"/pg*.txt | head -1)
		[ -n "$mp" ] && [ "$mp" = "$np" ] || bad="$bad [$2: ${np##*/}, reference ${mp##*/}]"
		shift 2
	done
	[ -z "$bad" ] && ok "$name: each note on its reference's page ($n pages)" \
		|| fail "$name: each note on its reference's page ($n pages)" "not:$bad"
	rm -f "$TMP"/pg*.txt
}
# overfull NAME PDF: typo-metrics finds no word past the column edge
overfull() {
	n=$("$SHARED/tools/typo-metrics" --json "$2" 2>/dev/null |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["overfull"]["words"])')
	[ "$n" = 0 ] && ok "$1: typo-metrics: nothing overfull" || fail "$1: typo-metrics: nothing overfull" "overfull: ${n:-no answer}"
}

for l in article-a4 ereader large-print digest-a5 magazine-a4; do
	if "$GALLEY" pdf -l $l -o "$TMP/e.pdf" "$F/encyclopedia.html" 2>"$TMP/err"; then
		on_page "pdf $l encyclopedia" "$TMP/e.pdf" "in 1951." "Lines Across the Marsh" \
			"every spring tide." "railway question" "in 1934." "Board minutes, 12 September" \
			"level crossings." "half-yearly reports, 1888"
	else
		fail "pdf $l: the encyclopedia page converts" "$(cat "$TMP/err")"
	fi
	if "$GALLEY" pdf -l $l -o "$TMP/g.pdf" "$F/magazine.html" 2>"$TMP/err"; then
		on_page "pdf $l magazine" "$TMP/g.pdf" "on the mainland." "rebuilt in 1978" \
			"something about winters." "tally starts in the winter of 1961" "argue with a gale." "winter reports, which count"
	else
		fail "pdf $l: the magazine page converts" "$(cat "$TMP/err")"
	fi
	if "$GALLEY" pdf -l $l -o "$TMP/m.pdf" "$F/essay.md" 2>"$TMP/err"; then
		on_page "pdf $l essay" "$TMP/m.pdf" "in the parish book." "started in 1911" \
			"the church porch." "On the scale at the village hall"
	else
		fail "pdf $l: the essay converts" "$(cat "$TMP/err")"
	fi
	case $l in large-print|ereader) ;;  # set ragged: typo-metrics measures justified text only
	*) overfull "pdf $l encyclopedia" "$TMP/e.pdf"; overfull "pdf $l magazine" "$TMP/g.pdf"
	   overfull "pdf $l essay" "$TMP/m.pdf" ;;
	esac
done
"$GALLEY" pdf -o "$TMP/e.pdf" "$F/encyclopedia.html" 2>/dev/null
rows "pdf encyclopedia" "$TMP/e.pdf" '^ *Year +Goods \(tons\) +Passengers +Receipts \(£\)' \
	'^ *Salt +Shellfish' '^ *1905 +6,875 +542 +31,050 +3,980\.75' '^ *1950 +no goods service +4,870 +361\.05'
"$GALLEY" pdf -o "$TMP/g.pdf" "$F/magazine.html" 2>/dev/null
rows "pdf magazine" "$TMP/g.pdf" '^ *Winter +Planned +Sailed +Share sailed +Mean crossing \(min\)' \
	'^ *2020–21 +240 +198 +82\.5% +52\.25' '^ *All four +962 +856 +88\.98% +48\.6'
"$GALLEY" pdf -o "$TMP/m.pdf" "$F/essay.md" 2>/dev/null
rows "pdf essay" "$TMP/m.pdf" '^ *Variety +Trees +Harvest \(kg\) +Per tree \(kg\)' \
	'^ *Egremont Russet +8 +244\.75 +30\.6' '^ *Unknown \(seedlings\) +8 +97\.0 +12\.1'
pdftotext -layout -f 1 -l 1 "$TMP/m.pdf" "$TMP/m1.txt"
has "pdf essay: the note's second paragraph at the page's foot" "$TMP/m1.txt" 'Its last entry is from 1987'
for b in e g m; do
	qpdf --check "$TMP/$b.pdf" >/dev/null 2>&1 && ok "pdf $b: qpdf --check is clean" \
		|| fail "pdf $b: qpdf --check is clean" "$(qpdf --check "$TMP/$b.pdf" 2>&1 | tail -3)"
done

# --- EPUB: tables with caption and scope, notes as asides; epubcheck clean
for b in encyclopedia.html magazine.html essay.md; do
	"$GALLEY" epub -o "$TMP/${b%.*}.epub" "$F/$b" 2>/dev/null
	unzip -p "$TMP/${b%.*}.epub" EPUB/a001.xhtml >"$TMP/${b%.*}.xhtml" 2>/dev/null
	has "epub $b: a table" "$TMP/${b%.*}.xhtml" '<table>'
	has "epub $b: header cells have a scope" "$TMP/${b%.*}.xhtml" '<th scope="col"'
	has "epub $b: a noteref" "$TMP/${b%.*}.xhtml" '<a href="#n1" epub:type="noteref" role="doc-noteref"'
	has "epub $b: footnote asides" "$TMP/${b%.*}.xhtml" '<aside id="n2" epub:type="footnote" role="doc-footnote"'
done
has "epub encyclopedia: the caption" "$TMP/encyclopedia.xhtml" '<caption>Traffic carried, selected years</caption>'
has "epub encyclopedia: spans" "$TMP/encyclopedia.xhtml" 'colspan="2"'
for b in encyclopedia magazine essay; do
	epubcheck_clean "epubcheck: $b.epub has 0 errors, 0 warnings" "$TMP/$b.epub"
done
