# tables_notes.sh — tables and footnotes from each reader to both back ends: the tree, its round trip, the PDF's reading order, the EPUB.
. "$GALLEY_TOP/tests/lib.sh"
F="$GALLEY_TOP/tests/tables_notes"

# --- the tree: notes numbered by first reference, a dangling reference dropped
"$GALLEY" tree "$F/tree.xml" >"$TMP/t.xml" 2>"$TMP/err"
has "tree: notes numbered in the order first referenced" "$TMP/t.xml" \
	'See this<noteref ref="n1"/> and that<noteref ref="n2"/> and again<noteref ref="n1"/> and bad\.'
has "tree: the notes stand at the article's end, in order" "$TMP/t.xml" '<footnote id="n2">'
hasnt "tree: a reference inside a note is dropped" "$TMP/t.xml" 'Note A<noteref'
has "tree: cells keep spans and alignment, a huge span is clamped" "$TMP/t.xml" \
	'<td colspan="2" rowspan="100">Wide</td>'
has "tree: an empty cell keeps its place" "$TMP/t.xml" '<tr><td>x</td><td></td></tr>'
has "tree: header cells and their alignment" "$TMP/t.xml" '<th align="right">Value</th>'
hasnt "tree: a table of a caption alone is dropped" "$TMP/t.xml" '<caption>empty'
roundtrip "tables and notes" "$F/tree.xml"

# --- HTML: a reduction of a saved page with endnotes in pandoc's markup
"$GALLEY" tree "$F/notes.html" >"$TMP/h.xml" 2>"$TMP/err"
has "html: a note's reference mark becomes a noteref" "$TMP/h.xml" 'itself\.<noteref ref="n1"/> The count'
has "html: the endnotes become footnotes" "$TMP/h.xml" '<footnote id="n2">'
has "html: a note keeps its text, without its backlink" "$TMP/h.xml" \
	'<p>The first surviving count, from 1933, is pinned inside the office door\.</p>'
hasnt "html: no trailing list of notes" "$TMP/h.xml" '<ol>|↩'
has "html: a data table keeps its caption and header" "$TMP/h.xml" \
	'<tr><th>Kind</th><th>2022</th><th>2023</th></tr>'
has "html: a data table keeps its cells, row by row" "$TMP/h.xml" \
	'<tr><td>Fibreglass yachts</td><td>58</td><td>61</td></tr>'
has "html: a layout table is unwrapped" "$TMP/h.xml" '<p>Layout cell text about the quay'
roundtrip "html notes page" "$F/notes.html"

# --- Markdown: a GFM article with a table and footnotes (libcmark-gfm)
"$GALLEY" tree "$F/gfm.md" >"$TMP/m.xml" 2>"$TMP/err"
has "md: the header row is a thead of th cells, aligned" "$TMP/m.xml" \
	'<tr><th align="left">Hull</th><th align="right">2022</th><th align="right">2023</th><th align="right">Change</th></tr>'
has "md: body rows keep their cells and alignment" "$TMP/m.xml" \
	'<tr><td align="left">Wood</td><td align="right">64</td><td align="right">57</td><td align="right">-10.9%</td></tr>'
has "md: footnote references become noterefs, a repeat keeps its number" "$TMP/m.xml" \
	'as much\.<noteref ref="n1"/></p>'
has "md: a note keeps its paragraphs" "$TMP/m.xml" '<p>The 2023 count was taken on 1 August, as every year\.</p>'
has "md: the second note" "$TMP/m.xml" '<footnote id="n2">'
hasnt "md: a definition nobody references is dropped, as GitHub does" "$TMP/m.xml" 'nobody references'
hasnt "md: no table syntax left as text" "$TMP/m.xml" '\|--|\[\^'
roundtrip "gfm article" "$F/gfm.md"

# --- the saved pages that carry data tables keep their cells
C="$SHARED/corpus/html"
if [ -d "$C/wikipedia" ]; then
	"$GALLEY" tree "$C/wikipedia/source.html" >"$TMP/w.xml" 2>/dev/null
	has "corpus wikipedia: the infobox is a table" "$TMP/w.xml" '<tr><th>Founded</th><td>February.{1,2}28, 1998; 18 years ago</td></tr>'
	has "corpus wikipedia: references become numbered notes" "$TMP/w.xml" '<footnote id="n70">'
	hasnt "corpus wikipedia: no backlink carets in notes" "$TMP/w.xml" '<footnote id="n1">[^<]*<p>\^'
	"$GALLEY" tree "$C/wikipedia-4/source.html" >"$TMP/w4.xml" 2>/dev/null
	n=$(grep -o '<t[dh][ >]' "$TMP/w4.xml" | wc -l)
	[ "$n" -ge 200 ] && ok "corpus wikipedia-4: the data table keeps its cells ($n)" \
		|| fail "corpus wikipedia-4: the data table keeps its cells ($n)"
	# saved with its links made absolute: a mark linking to the page's own
	# address and a note's id is a reference; another page's fragment is a link
	has "corpus wikipedia-4: absolute marks to the page's own notes become noterefs" "$TMP/w4.xml" \
		'loop\.<noteref ref="n1"/>'
	has "corpus wikipedia-4: ... and its references numbered notes" "$TMP/w4.xml" '<footnote id="n60">'
	has "corpus wikipedia-4: a link to another page's section stays a link" "$TMP/w4.xml" \
		'href="[^"]*List_of_time_travel_works_of_fiction#Time_travel_in_films">time travel in films</a>'
	hasnt "corpus wikipedia-4: no carets or cite_note marks left" "$TMP/w4.xml" '\[[0-9]+\]|#cite_note|<p>\^'
	roundtrip "corpus wikipedia" "$C/wikipedia/source.html"
	# a line that references four notes has all four at its page's foot
	for l in article-a4 ereader large-print; do
		"$GALLEY" pdf -l $l -o "$TMP/w.pdf" "$C/wikipedia/source.html" 2>/dev/null
		n=$(pdfinfo "$TMP/w.pdf" | awk '/^Pages:/ {print $2}'); found=""
		p=1; while [ "$p" -le "$n" ]; do
			pdftotext -layout -f $p -l $p "$TMP/w.pdf" "$TMP/wp.txt"
			if grep -q '30,31,32,33' "$TMP/wp.txt"; then
				found=$p
				grep -qE '^ *30\. ' "$TMP/wp.txt" && grep -qE '^ *33\. ' "$TMP/wp.txt" && found="$p ok"
			fi
			p=$((p + 1))
		done
		[ "${found#* }" = ok ] && ok "corpus wikipedia $l: the notes of a line's four references on its page (${found% *})" \
			|| fail "corpus wikipedia $l: the notes of a line's four references on its page (${found:-none})"
	done
fi

# --- PDF: tables set as rows of cells, notes numbered after the article
if "$GALLEY" pdf -o "$TMP/m.pdf" "$F/gfm.md" 2>"$TMP/err" && pdftotext -layout "$TMP/m.pdf" "$TMP/m.txt"; then
	has "pdf: the header row, its cells side by side" "$TMP/m.txt" 'Hull +2022 +2023 +Change'
	has "pdf: a body row, cell after cell" "$TMP/m.txt" 'Wood +64 +57 +-10\.9%'
	has "pdf: a long cell stays on its row" "$TMP/m.txt" 'Ferro-cement +2 +1 +-50\.0%'
	pdftotext -layout -f 1 -l 1 "$TMP/m.pdf" "$TMP/m1.txt"
	has "pdf: a note at the foot of the page that references it, numbered" "$TMP/m1.txt" '^ *1\. The first surviving count'
	has "pdf: a note's second paragraph" "$TMP/m1.txt" 'The 2023 count was taken on 1 August'
	has "pdf: the second note" "$TMP/m1.txt" '^ *2\. Forty-one names'
	qpdf --check "$TMP/m.pdf" >/dev/null 2>&1 && ok "pdf: qpdf --check is clean" \
		|| fail "pdf: qpdf --check is clean" "$(qpdf --check "$TMP/m.pdf" 2>&1 | tail -3)"
else
	fail "pdf: the GFM article converts" "$(cat "$TMP/err")"
fi
if "$GALLEY" pdf -o "$TMP/h.pdf" "$F/notes.html" 2>"$TMP/err" && pdftotext -layout "$TMP/h.pdf" "$TMP/h.txt"; then
	has "pdf html: a data table's cells, row by row" "$TMP/h.txt" 'Fibreglass yachts +58 +61'
	pdftotext -layout -f 1 -l 1 "$TMP/h.pdf" "$TMP/h1.txt"
	has "pdf html: the page that references a note has it at its foot" "$TMP/h1.txt" \
		'^ *1\. The first surviving count, from 1933'
	# the notes are tagged as notes, not as a list
	qpdf --qdf --object-streams=disable "$TMP/h.pdf" "$TMP/hq.pdf" 2>/dev/null
	has "pdf html: the notes are Note structure elements" "$TMP/hq.pdf" '/S /Note'
else
	fail "pdf: the notes page converts" "$(cat "$TMP/err")"
fi
# a table longer than a page: its header row is set again on the next page,
# rows are never split; a table wider than a magazine column wraps its cells
{
	printf -- '---\ntitle: Moorings register\n---\n\nThe register, berth by berth.\n\n'
	printf '| Berth | Boat | Length (m) |\n|---|---|--:|\n'
	i=1; while [ $i -le 90 ]; do printf '| B%d | Vessel number %d of the harbour | %d.%d |\n' $i $i $((i % 17 + 5)) $((i % 10)); i=$((i + 1)); done
	printf '\n| A | Very long column heading that goes on | C | D | E | F | G | H |\n|---|---|---|---|---|---|---|---|\n'
	printf '| Supercalifragilisticexpialidocious-and-more | some words here | 1 | 2 | 3 | 4 | 5 | 6 |\n'
} >"$TMP/long.md"
if "$GALLEY" pdf -o "$TMP/long.pdf" "$TMP/long.md" 2>"$TMP/err"; then
	pages=$(pdfinfo "$TMP/long.pdf" | awk '/^Pages:/ {print $2}')
	heads=$(pdftotext -layout "$TMP/long.pdf" - | grep -cE '^ *Berth +Boat +Length \(m\)')
	[ "$pages" -ge 2 ] && [ "$heads" -eq "$pages" ] \
		&& ok "pdf: the header row is repeated on each page the table runs to ($heads of $pages)" \
		|| fail "pdf: the header row is repeated on each page the table runs to ($heads of $pages)"
	pdftotext -layout -f 2 -l 2 "$TMP/long.pdf" "$TMP/p2.txt"
	has "pdf: rows continue whole after the break" "$TMP/p2.txt" 'B[0-9]+ +Vessel number [0-9]+ of the harbour +[0-9]+\.[0-9]'
	n=$(pdftotext -layout "$TMP/long.pdf" - | grep -cE '^ *B[0-9]+ +Vessel number')
	[ "$n" -eq 90 ] && ok "pdf: every row is set once, on one line (90)" || fail "pdf: every row is set once, on one line ($n)"
else
	fail "pdf: the long table converts" "$(cat "$TMP/err")"
fi
if "$GALLEY" pdf -l magazine-a4 -o "$TMP/mag.pdf" "$TMP/long.md" 2>"$TMP/err"; then
	pdftotext "$TMP/mag.pdf" - | tr -d '\n' >"$TMP/mag.txt"
	has "pdf magazine: a word too long for a column, its letters all there" "$TMP/mag.txt" 'Supercalifragilistic'
	qpdf --check "$TMP/mag.pdf" >/dev/null 2>&1 && ok "pdf magazine: qpdf --check is clean" \
		|| fail "pdf magazine: qpdf --check is clean"
else
	fail "pdf magazine: the long table converts" "$(cat "$TMP/err")"
fi

# footnotes at the foot of the page that references them: each note on the
# page of its reference mark in every shipped layout, and a note too long
# for the room left starts under its reference and goes on on the next page
{
	printf -- '---\ntitle: Notes on the harbour ledger\n---\n\n'
	i=1
	while [ $i -le 14 ]; do
		printf 'Paragraph %d of the ledger story tells how the harbour master wrote the boats down, one by one, with the hull, the owner and the berth, in a hand that changed every twenty years or so as the office passed on. It stands here, Marker%d.[^n%d] The rest of the paragraph goes on about tides, moorings and the winter yard, so that the page fills with text as a real essay would.\n\n' $i $i $i
		i=$((i + 1))
	done
	i=1
	while [ $i -le 14 ]; do
		if [ $i -eq 4 ]; then
			printf '[^n%d]: Longnote%d begins. ' $i $i
			k=1; while [ $k -le 40 ]; do printf 'Sentence %d of the long note, on the ledger kept in the office since the flood of 1953 and the books lost before it. ' $k; k=$((k + 1)); done
			printf 'Longnote%d ends.\n' $i
		else
			printf '[^n%d]: Notetext%d: the count was taken on 1 August, as every year.\n' $i $i
		fi
		i=$((i + 1))
	done
} >"$TMP/notes.md"
# same_page NAME PDF: each MarkerK is on the page that holds note K's start
same_page() {
	n=$(pdfinfo "$2" | awk '/^Pages:/ {print $2}')
	p=1; while [ "$p" -le "$n" ]; do
		pdftotext -f $p -l $p "$2" - | tr '\n' ' ' >"$TMP/pg$p.txt"; p=$((p + 1))
	done
	bad=""
	for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
		mp=$(grep -l "Marker$k\." "$TMP"/pg*.txt | head -1)
		np=$(grep -lE "(Notetext$k:|Longnote$k begins)" "$TMP"/pg*.txt | head -1)
		[ -n "$mp" ] && [ "$mp" = "$np" ] || bad="$bad $k(${mp##*/}, ${np##*/})"
	done
	[ -z "$bad" ] && ok "$1: every note on its reference's page ($n pages)" \
		|| fail "$1: every note on its reference's page ($n pages)" "not:$bad"
	rm -f "$TMP"/pg*.txt
}
for l in article-a4 article-letter digest-a5 ereader large-print magazine-a4; do
	if "$GALLEY" pdf -l $l -o "$TMP/fn.pdf" "$TMP/notes.md" 2>"$TMP/err"; then
		same_page "pdf $l" "$TMP/fn.pdf"
	else
		fail "pdf $l: the notes article converts" "$(cat "$TMP/err")"
	fi
done
# the reference marks link to their notes, the notes' numbers back to the
# marks: link annotations tagged in the structure tree, on the same page
if command -v python3 >/dev/null; then
	for l in article-a4 magazine-a4 large-print; do
		"$GALLEY" pdf -l $l -o "$TMP/fn.pdf" "$TMP/notes.md" 2>/dev/null
		qpdf --json "$TMP/fn.pdf" >"$TMP/fn.json" 2>/dev/null
		python3 "$GALLEY_TOP/tests/note_links.py" "$TMP/fn.json" >"$TMP/links.txt" 2>&1
		has "pdf $l: each reference mark links to its note" "$TMP/links.txt" '^refs 14$'
		has "pdf $l: each note's number links back to its reference" "$TMP/links.txt" '^backs 14$'
		grep -E '^page' "$TMP/links.txt" | awk '{split($2, p, "->"); if (p[1] != p[2]) exit 1}' &&
			[ "$(grep -c '^page' "$TMP/links.txt")" -eq 28 ] &&
			ok "pdf $l: every note link leads to a place on its own page" ||
			fail "pdf $l: every note link leads to a place on its own page" "$(grep -v '^page \([0-9]*\)->\1 ' "$TMP/links.txt" | head)"
		hasnt "pdf $l: every note link is tagged" "$TMP/links.txt" '^untagged'
	done
	"$GALLEY" pdf -o "$TMP/fn.pdf" "$F/gfm.md" 2>/dev/null
	qpdf --json "$TMP/fn.pdf" >"$TMP/fn.json" 2>/dev/null
	python3 "$GALLEY_TOP/tests/note_links.py" "$TMP/fn.json" >"$TMP/links.txt" 2>&1
	has "pdf: a note referenced twice is linked from both marks, a mark in a table cell too" \
		"$TMP/links.txt" '^refs 4$'
	has "pdf: ... and links back to the first" "$TMP/links.txt" '^backs 3$'
	has "pdf: a link in a table cell is a link annotation" "$TMP/links.txt" \
		'^uri 1 https://example.org/hulls/fibreglass$'
fi
if "$GALLEY" pdf -o "$TMP/fn.pdf" "$TMP/notes.md" 2>"$TMP/err"; then
	pdftotext -f 1 -l 1 "$TMP/fn.pdf" "$TMP/fn1.txt"
	pdftotext -f 2 -l 2 "$TMP/fn.pdf" - | tr '\n' ' ' >"$TMP/fn2.txt"
	has "pdf: a long note starts on its reference's page" "$TMP/fn1.txt" 'Longnote4 begins'
	hasnt "pdf: ... but does not end there" "$TMP/fn1.txt" 'Longnote4 ends'
	has "pdf: the long note goes on at the next page's foot" "$TMP/fn2.txt" 'Longnote4 ends'
	has "pdf: ... above the notes referenced there" "$TMP/fn2.txt" 'Longnote4 ends.*Notetext5:'
	has "pdf: the text goes on above the note's second part" "$TMP/fn2.txt" 'Marker5\..*Longnote4 ends'
fi

# a table too wide for a magazine column spans both: the text above it is
# set in two columns of equal height, the text after it goes on below
{
	printf -- '---\ntitle: Moorings register\n---\n\n'
	for i in 1 2 3 4 5 6; do
		printf 'Before the table, paragraph %d. The harbour office keeps a book of every mooring, the boat on it and the name of the owner, and the book is read aloud at the spring meeting so that nobody can say they were not told.\n\n' $i
	done
	printf '| A | Very long column heading that goes on | C | D | E | F | G | H |\n|---|---|---|---|---|---|---|---|\n'
	printf '| Supercalifragilisticexpialidocious-and-more | some words here | 1 | 2 | 3 | 4 | 5 | 6 |\n'
	printf '| Another | row of the wide table | 7 | 8 | 9 | 10 | 11 | 12 |\n\n'
	for i in 7 8 9 10 11 12 13 14 15 16; do
		printf 'After the table, paragraph %d. The harbour office keeps a book of every mooring, the boat on it and the name of the owner, and the book is read aloud at the spring meeting so that nobody can say they were not told.\n\n' $i
	done
} >"$TMP/wide.md"
if "$GALLEY" pdf -l magazine-a4 -o "$TMP/wide.pdf" "$TMP/wide.md" 2>"$TMP/err"; then
	pdftotext -layout "$TMP/wide.pdf" "$TMP/wide.txt"
	has "pdf magazine: a table too wide for a column spans both, a row on one line" "$TMP/wide.txt" \
		'Supercalifragilisticexpialidocious-and-more +some words here +1 +2 +3 +4 +5 +6'
	row=$(grep -n 'Supercalifragilistic' "$TMP/wide.txt" | head -1 | cut -d: -f1)
	above=$(grep -n 'Before the table, paragraph [36]' "$TMP/wide.txt" | tail -1 | cut -d: -f1)
	below=$(grep -n 'After the table, paragraph (7|1[2-6])' -E "$TMP/wide.txt" | head -1 | cut -d: -f1)
	[ -n "$row" ] && [ -n "$above" ] && [ -n "$below" ] && [ "$above" -lt "$row" ] && [ "$row" -lt "$below" ] \
		&& ok "pdf magazine: the text before it in both columns above it, the text after below ($above < $row < $below)" \
		|| fail "pdf magazine: the text before it in both columns above it, the text after below ($above < $row < $below)"
	grep -E 'Before the table, paragraph [1-3]\. .* Before the table, paragraph [4-6]' "$TMP/wide.txt" >/dev/null \
		&& ok "pdf magazine: the text above the table is set in two columns" \
		|| fail "pdf magazine: the text above the table is set in two columns" "$(head -20 "$TMP/wide.txt")"
else
	fail "pdf magazine: the wide table converts" "$(cat "$TMP/err")"
fi

# --- plain text: "[1] ..." lines whose markers the text holds are notes
"$GALLEY" tree "$F/notes.txt" >"$TMP/x.xml" 2>"$TMP/err"
has "text: a marker becomes a reference" "$TMP/x.xml" 'island school\.<noteref ref="n1"/>'
has "text: a note referenced twice is one note" "$TMP/x.xml" 'four years\.<noteref ref="n1"/>'
has "text: the note line becomes a footnote" "$TMP/x.xml" '<p>Minutes of the town council, 14 June 2012\.</p>'
hasnt "text: no marker is left as text" "$TMP/x.xml" '\[[12]\]'
hasnt "text: the junk around the notes goes" "$TMP/x.xml" 'Facebook|Leave a Reply'
if "$GALLEY" pdf -o "$TMP/x.pdf" "$F/notes.txt" 2>"$TMP/err"; then
	pdftotext "$TMP/x.pdf" "$TMP/x.txt"
	has "text pdf: the notes are set" "$TMP/x.txt" 'Minutes of the town council'
else
	fail "text pdf: the notes article converts" "$(cat "$TMP/err")"
fi
"$GALLEY" epub -o "$TMP/x.epub" "$F/notes.txt" 2>/dev/null
unzip -p "$TMP/x.epub" EPUB/a001.xhtml >"$TMP/x.xhtml" 2>/dev/null
has "text epub: a footnote aside" "$TMP/x.xhtml" '<aside id="n2" epub:type="footnote" role="doc-footnote"'

# --- EPUB: tables with caption and th scope, notes as asides; epubcheck clean
if "$GALLEY" epub -o "$TMP/n.epub" "$F/notes.html" 2>"$TMP/err" &&
   unzip -p "$TMP/n.epub" EPUB/a001.xhtml >"$TMP/n.xhtml" 2>/dev/null; then
	has "epub: a table with its caption" "$TMP/n.xhtml" '<table>'
	has "epub: the caption" "$TMP/n.xhtml" '<caption>Boats moored in April</caption>'
	has "epub: header cells have a scope" "$TMP/n.xhtml" '<th scope="col">Kind</th>'
	has "epub: figures are set flush right" "$TMP/n.xhtml" '<td class="align-right">58</td>'
	has "epub: a noteref" "$TMP/n.xhtml" '<a href="#n1" epub:type="noteref" role="doc-noteref"'
	has "epub: a footnote aside" "$TMP/n.xhtml" '<aside id="n2" epub:type="footnote" role="doc-footnote"'
else
	fail "epub: the notes page converts" "$(cat "$TMP/err")"
fi
"$GALLEY" epub -o "$TMP/t.epub" "$F/tree.xml" 2>/dev/null
for b in n t x; do
	epubcheck_clean "epubcheck: $b.epub has 0 errors, 0 warnings" "$TMP/$b.epub"
done
