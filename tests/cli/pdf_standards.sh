#!/bin/sh
# pdf_standards.sh — the rules of PDF/UA-1 and PDF/A-2u that galley's PDFs
# rely on, each checked with `qpdf --json` (no full validator is packaged):
# language, XMP metadata matching the Info dictionary, the sRGB output
# intent, DisplayDocTitle, the document ID, marked content (every mark is
# structure or an artifact), headings in order, lists, figures with alt
# text, links, page labels, print boxes for a bleed, reproducible bytes.
# On the reference article, a digest, a magazine-a4 article with a pull
# quote and a page with figures and links.
. "$GALLEY_TOP/tests/lib.sh"

KOREA="$SHARED/corpus/txt/korea-hotlines/input.txt"
PROOF="$GALLEY_TOP/samples/galley-proof.md"
LOCK="$GALLEY_TOP/samples/lock-keeper.html"
export SOURCE_DATE_EPOCH=1700000000

for tool in qpdf pdftoppm python3; do
	command -v $tool >/dev/null || { fail "pdf standards: $tool is installed (make deps)"; exit 0; }
done
[ -f "$KOREA" ] || { fail "pdf standards: $KOREA exists"; exit 0; }

# rules NAME PDF [KEY=VALUE...]: prints one ok/not ok line per rule.  Keys:
# lang (the catalog's /Lang), figures (how many Figure elements), alt (the
# first figure's alt text), links=1 (there are link annotations), front (a
# digest's front pages), bleed (pt) and trim (W,H in pt) for print boxes,
# pullquote (words of the pull quote, which must not be in the structure),
# rows (TR elements, one per row of the source: a header row repeated on a
# later page is an artifact), scopes (Column:N,Row:N: TH elements with that
# /Scope), colspan (cells with a /ColSpan), groups=1 (THead and TBody),
# otherlang (the language of a digest's second article, whose elements carry
# it as /Lang while the first article's carry none).
rules() {
	name=$1 pdf=$2; shift 2
	if ! qpdf --json --json-stream-data=inline --decode-level=generalized "$pdf" \
		>"$TMP/json" 2>"$TMP/err"; then
		fail "$name: qpdf --json reads it" "$(cat "$TMP/err")"; return
	fi
	python3 - "$name" "$TMP/json" "$@" <<'EOF'
import base64, json, re, sys
name, path = sys.argv[1], sys.argv[2]
opt = dict(a.split('=', 1) for a in sys.argv[3:])
objs = json.load(open(path))['qpdf'][1]

def obj(ref):
    o = objs.get('obj:' + ref) if isinstance(ref, str) and ref.endswith(' R') else None
    if o is None:
        return ref
    return o['stream']['dict'] if 'stream' in o else o['value']

def stream(ref):
    s = objs['obj:' + ref]['stream']
    return s['dict'], base64.b64decode(s.get('data', ''))

def text(v):
    v = obj(v)
    if isinstance(v, str) and v[:2] in ('u:', 'b:'):
        return v[2:] if v[0] == 'u' else bytes.fromhex(v[2:]).decode('latin-1')
    return v

def rule(label, good, why=''):
    print(('ok - ' if good else 'not ok - ') + name + ': ' + label)
    if not good and why:
        print('#   ' + str(why)[:300])

trailer = objs['trailer']['value']
root, info = obj(trailer['/Root']), obj(trailer.get('/Info'))
pages = []
def collect(node):
    node = obj(node)
    if node.get('/Type') == '/Pages':
        for k in node['/Kids']:
            collect(k)
    else:
        pages.append(node)
collect(root['/Pages'])
page_refs = []
def collect_refs(ref):
    n = obj(ref)
    if n.get('/Type') == '/Pages':
        for k in n['/Kids']:
            collect_refs(k)
    else:
        page_refs.append(ref)
collect_refs(root['/Pages'])

# the catalog
lang = text(root.get('/Lang'))
rule('catalog /Lang is ' + opt.get('lang', 'en'), lang == opt.get('lang', 'en'), lang)
vp = obj(root.get('/ViewerPreferences', {}))
rule('/ViewerPreferences /DisplayDocTitle true', vp.get('/DisplayDocTitle') is True, vp)
rule('/MarkInfo /Marked true', obj(root.get('/MarkInfo', {})).get('/Marked') is True)
ids = trailer.get('/ID')
rule('trailer /ID of two strings', isinstance(ids, list) and len(ids) == 2, ids)
rule('Info has a title', bool(text(info.get('/Title'))))

# the output intent
ois = obj(root.get('/OutputIntents', []))
good = False
if ois:
    oi = obj(ois[0])
    d, icc = stream(oi['/DestOutputProfile'])
    good = (oi.get('/S') == '/GTS_PDFA1' and d.get('/N') == 3 and icc[36:40] == b'acsp'
            and icc[16:20] == b'RGB ')
rule('an sRGB output intent (GTS_PDFA1, an RGB ICC profile, N 3)', good, ois)

# XMP agrees with Info
xmp_ref = root.get('/Metadata')
if not xmp_ref:
    rule('XMP metadata stream', False)
else:
    d, x = stream(xmp_ref)
    x = x.decode('utf-8')
    rule('XMP stream is /Type /Metadata /Subtype /XML, not filtered',
         d.get('/Type') == '/Metadata' and d.get('/Subtype') == '/XML' and '/Filter' not in objs['obj:' + xmp_ref]['stream']['dict'])
    def xv(tag):
        m = re.search('<' + tag + r'>(?:<rdf:(?:Alt|Seq|Bag)><rdf:li[^>]*>)?(.*?)<', x, re.S)
        return m.group(1).replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"') if m else None
    rule('XMP dc:title is the Info /Title', xv('dc:title') == text(info.get('/Title')),
         (xv('dc:title'), text(info.get('/Title'))))
    rule('XMP dc:creator is the Info /Author', xv('dc:creator') == text(info.get('/Author')),
         (xv('dc:creator'), text(info.get('/Author'))))
    rule('XMP pdf:Producer is the Info /Producer', xv('pdf:Producer') == text(info.get('/Producer')))
    rule('XMP xmp:CreatorTool is the Info /Creator', xv('xmp:CreatorTool') == text(info.get('/Creator')))
    def pdfdate(v):
        m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\+00'00'$", v or '')
        return '%s-%s-%sT%s:%s:%s+00:00' % m.groups() if m else None
    for k, t in (('/CreationDate', 'xmp:CreateDate'), ('/ModDate', 'xmp:ModifyDate')):
        rule('XMP %s is the Info %s' % (t, k), pdfdate(text(info.get(k))) == xv(t) is not None,
             (text(info.get(k)), xv(t)))
    rule('XMP pdfuaid:part 1', xv('pdfuaid:part') == '1')
    rule('XMP pdfaid:part 2, conformance U',
         xv('pdfaid:part') == '2' and xv('pdfaid:conformance') == 'U')
    rule('XMP describes the pdfuaid schema (PDF/A extension)', 'http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>' in x)

# the structure tree
tree = obj(root.get('/StructTreeRoot', {}))
elems = []          # (depth, type, elem, parent type)
def walk(e, depth, parent):
    e = obj(e)
    if not isinstance(e, dict) or e.get('/Type') in ('/OBJR', '/MCR'):
        return
    elems.append((depth, e.get('/S'), e, parent))
    k = e.get('/K', [])
    for c in (k if isinstance(k, list) else [k]):
        walk(c, depth + 1, e.get('/S'))
k = tree.get('/K', [])
for c in (k if isinstance(k, list) else [k]):
    walk(c, 0, None)
rule('a structure tree under /Document', elems and elems[0][1] == '/Document', elems[:1])
heads = [int(s[2]) for _, s, _, _ in elems if re.match(r'^/H[1-6]$', s or '')]
skips = [(a, b) for a, b in zip([0] + heads, heads) if b > a + 1]
rule('headings in order, none skipping a level', heads and heads[0] == 1 and not skips,
     (heads, skips))
lis = [e for e in elems if e[1] == '/LI']
rule('list items are LI in an L, of Lbl and LBody',
     all(p == '/L' for _, _, _, p in lis) and
     all(s in ('/Lbl', '/LBody') for _, s, _, p in elems if p == '/LI') and
     not any(s == '/LI' for _, s, _, p in elems if p != '/L'))
figs = [e for _, s, e, _ in elems if s == '/Figure']
rule('every Figure has alt text', all(text(f.get('/Alt')) for f in figs))
if 'figures' in opt:
    rule('%s Figure elements' % opt['figures'], len(figs) == int(opt['figures']), len(figs))
if 'alt' in opt:
    rule('the figure\'s /Alt is its alt text', figs and text(figs[0].get('/Alt')) == opt['alt'],
         figs and text(figs[0].get('/Alt')))

# tables: Table > (THead|TBody >) TR > TH|TD, each TH with its /Scope
tables = [e for e in elems if e[1] == '/Table']
if tables or 'rows' in opt:
    rule('tables: TR in Table, THead or TBody; TH and TD in TR; THead and TBody in Table',
         all(p in ('/Table', '/THead', '/TBody') for _, s, _, p in elems if s == '/TR') and
         all(p == '/TR' for _, s, _, p in elems if s in ('/TH', '/TD')) and
         all(p == '/Table' for _, s, _, p in elems if s in ('/THead', '/TBody')) and
         all(s in ('/TR', '/THead', '/TBody', '/Caption') for _, s, _, p in elems if p == '/Table'))
    ths = [obj(obj(e.get('/A', {})).get('/Scope')) for _, s, e, _ in elems if s == '/TH']
    rule('tables: every TH has a /Scope (Column, Row)', all(s in ('/Column', '/Row') for s in ths), ths[:5])
if 'rows' in opt:
    n = sum(1 for e in elems if e[1] == '/TR')
    rule('tables: %s TR elements, a repeated header row not among them' % opt['rows'],
         n == int(opt['rows']) and len(pages) > 1, (n, len(pages)))
if 'scopes' in opt:
    want = dict((k, int(v)) for k, v in (x.split(':') for x in opt['scopes'].split(',')))
    got = dict((k, sum(1 for s in ths if s == '/' + k)) for k in want)
    rule('tables: TH scopes ' + opt['scopes'], got == want, got)
if 'colspan' in opt:
    spans = [obj(obj(e.get('/A', {})).get('/ColSpan')) for _, s, e, _ in elems if s in ('/TH', '/TD')]
    rule('tables: a cell spanning %s columns has /ColSpan %s' % (opt['colspan'], opt['colspan']),
         int(opt['colspan']) in spans, [s for s in spans if s][:5])
if opt.get('groups'):
    rule('tables: THead and TBody where the source has them',
         any(s == '/THead' for _, s, _, _ in elems) and any(s == '/TBody' for _, s, _, _ in elems))

# a language other than the document's on the elements of the article in it
if 'otherlang' in opt:
    langs = [(s, text(e.get('/Lang'))) for _, s, e, _ in elems if '/Lang' in e]
    h1 = [text(e.get('/Lang')) for _, s, e, _ in elems if s == '/H1']
    rule('the second article\'s elements have /Lang %s, the first\'s none' % opt['otherlang'],
         len(h1) >= 2 and h1[0] is None and h1[-1] == opt['otherlang'] and
         all(l == opt['otherlang'] for _, l in langs) and
         sum(1 for s, _ in langs if s == '/P') >= 2, (h1, langs[:6]))

# links: Link annotations printable, described, in a Link element (OBJR),
# on pages whose tab order is the structure's
objr = {obj_ref for _, s, e, _ in elems if s == '/Link'
        for obj_ref in [c.get('/Obj') for c in (e['/K'] if isinstance(e['/K'], list) else [e['/K']])
                        if isinstance(c, dict)]}
annots, bad = 0, []
for i, p in enumerate(pages):
    for a in obj(p.get('/Annots', [])):
        ad = obj(a)
        if ad.get('/Subtype') != '/Link':
            continue
        annots += 1
        if ad.get('/F') != 4 or not text(ad.get('/Contents')) or a not in objr or p.get('/Tabs') != '/S':
            bad.append((i + 1, a, ad.get('/F'), ad.get('/Contents'), a in objr, p.get('/Tabs')))
rule('links: printable, with /Contents, in a Link element by OBJR, /Tabs /S', not bad, bad[:3])
if opt.get('links'):
    rule('there are link annotations', annots > 0)

# marked content: everything drawn is structure or an artifact
PAINT = {'Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'Do', 'sh', 'BI'}
TOK = re.compile(rb'\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>{}%]*|[^\s/\[\]()<>{}%]+')
def unmarked(data):
    depth, found = 0, []
    for t in TOK.findall(data):
        if t in (b'BDC', b'BMC'):
            depth += 1
        elif t == b'EMC':
            depth -= 1
        elif depth == 0 and t.decode('latin-1') in PAINT:
            found.append(t.decode('latin-1'))
    return found
loose = []
for i, ref in enumerate(page_refs):
    c = obj(ref)['/Contents']
    parts = c if isinstance(c, list) else [c]
    data = b'\n'.join(stream(r)[1] for r in parts)
    u = unmarked(data)
    if u:
        loose.append((i + 1, u[:5]))
rule('nothing is drawn outside marked content (structure or artifact)', not loose, loose[:3])
if 'pullquote' in opt:
    # the pull quote's words are drawn as an artifact: no element holds them
    art = b''.join(re.findall(rb'/Artifact BMC(.*?)EMC', b'\n'.join(
        stream(r)[1] for ref in page_refs for r in (obj(ref)['/Contents'] if isinstance(obj(ref)['/Contents'], list) else [obj(ref)['/Contents']])), re.S))
    rule('the pull quote is an artifact', opt['pullquote'].encode() in art)

# page labels: a digest's front matter is roman
if 'front' in opt:
    nums = obj(obj(root.get('/PageLabels', {})).get('/Nums', []))
    f = int(opt['front'])
    good = len(nums) == 4 and nums[0] == 0 and obj(nums[1]).get('/S') == '/r' and nums[2] == f \
        and obj(nums[3]).get('/S') == '/D' and obj(nums[3]).get('/St') == f + 1
    rule('page labels: i, ii… for the front matter, then the printed folios', good, nums)

# print boxes
if 'bleed' in opt:
    b = float(opt['bleed'])
    w, h = (float(v) for v in opt['trim'].split(','))
    bad = []
    for i, p in enumerate(pages):
        mb, tb, bb = p.get('/MediaBox'), p.get('/TrimBox'), p.get('/BleedBox')
        if not tb or not bb:
            bad.append((i + 1, 'no box')); continue
        o = tb[0]
        want_t = [o, o, o + w, o + h]
        want_b = [o - b, o - b, o + w + b, o + h + b]
        if any(abs(x - y) > 0.01 for x, y in zip(tb, want_t)) or \
           any(abs(x - y) > 0.01 for x, y in zip(bb, want_b)) or \
           not (mb[0] <= bb[0] and mb[1] <= bb[1] and mb[2] >= bb[2] and mb[3] >= bb[3]):
            bad.append((i + 1, tb, bb, mb))
    rule('every page: TrimBox of the page size, BleedBox the bleed larger, inside the MediaBox',
         not bad, bad[:2])
    with open(path + '.boxes', 'w') as fp:
        fp.write(' '.join('%.3f' % v for v in pages[0]['/TrimBox'] + pages[0]['/BleedBox'] + pages[0]['/MediaBox']))
EOF
}

# convert NAME OUT ARGS...: galley pdf ARGS -o OUT, quietly.
convert() {
	name=$1 out=$2; shift 2
	if "$GALLEY" pdf -o "$out" "$@" 2>"$TMP/err"; then return 0; fi
	fail "$name converts" "$(cat "$TMP/err")"; return 1
}

qpdf_clean() {
	if out=$(qpdf --check "$2" 2>&1) && ! printf '%s' "$out" | grep -qi 'warning'; then
		ok "$1: qpdf --check is clean"
	else
		fail "$1: qpdf --check is clean" "$out"
	fi
}

# The reference article: rules, qpdf --check, the same bytes twice.
if convert korea "$TMP/k.pdf" "$KOREA"; then
	rules korea "$TMP/k.pdf" lang=en
	qpdf_clean korea "$TMP/k.pdf"
	convert korea "$TMP/k2.pdf" "$KOREA" &&
		check "korea: the same bytes twice under SOURCE_DATE_EPOCH, XMP and /ID included" \
			cmp "$TMP/k.pdf" "$TMP/k2.pdf"
	SOURCE_DATE_EPOCH=1800000000 convert korea "$TMP/k3.pdf" "$KOREA" &&
		if cmp -s "$TMP/k.pdf" "$TMP/k3.pdf"; then fail "korea: another date gives other bytes"
		else ok "korea: another date gives other bytes"; fi
fi

# A digest: its title and contents pages are labelled i, ii (digest-a5
# starts articles on a recto: a blank page iii).
if convert digest "$TMP/d.pdf" "$KOREA" "$PROOF" "$LOCK"; then
	rules digest "$TMP/d.pdf" lang=en front=2 links=1
	qpdf_clean digest "$TMP/d.pdf"
fi
if convert "digest-a5" "$TMP/d5.pdf" -l digest-a5 "$KOREA" "$PROOF"; then
	rules digest-a5 "$TMP/d5.pdf" lang=en front=3
fi

# magazine-a4 with its automatic pull quote.
if GALLEY_PDF_TRACE="$TMP/m.trace" convert magazine "$TMP/m.pdf" -l magazine-a4 "$KOREA"; then
	if grep -q ' pullquote ' "$TMP/m.trace"; then ok "magazine: the article has a pull quote"
	else fail "magazine: the article has a pull quote"; fi
	rules magazine "$TMP/m.pdf" lang=en
	qpdf_clean magazine "$TMP/m.pdf"
fi

# Figures with alt text, links, lists, quotes.
if convert proof "$TMP/p.pdf" "$PROOF"; then
	alt=$(sed -n 's/^!\[\([^]]*\)\].*/\1/p' "$PROOF" | head -n 1)
	rules proof "$TMP/p.pdf" lang=en figures=1 "alt=$alt" links=1
	qpdf_clean proof "$TMP/p.pdf"
fi
if convert lock "$TMP/l.pdf" "$LOCK"; then
	rules lock-keeper "$TMP/l.pdf" lang=en-GB links=1
fi

# An article in another language: /Lang follows it.
printf 'Title: Der Schleusenwärter\nLanguage: de\n\nDer Schleusenwärter geht nach vierzig Jahren in den Ruhestand.\n\nDie Schleuse bleibt offen.\n' >"$TMP/de.txt"
if convert german "$TMP/de.pdf" "$TMP/de.txt"; then
	rules german "$TMP/de.pdf" lang=de
fi

# Tables: a table longer than a page, its header row repeated on the next
# pages (as an artifact), row headers, a cell spanning two columns.
{
	printf '<galley><article lang="en"><title>Moorings by harbour</title>\n'
	printf '<p>The counts below were taken every April on the same day.</p>\n'
	printf '<table><caption>Boats moored</caption><thead><tr><th>Harbour</th><th>2022</th><th>2023</th></tr></thead><tbody>\n'
	i=1; while [ $i -le 79 ]; do printf '<tr><th>Harbour %d</th><td>%d</td><td>%d</td></tr>\n' $i $((i + 10)) $((i + 20)); i=$((i + 1)); done
	printf '<tr><td colspan="2">Total</td><td>2449</td></tr></tbody></table>\n<p>After the table.</p></article></galley>\n'
} >"$TMP/table.xml"
if convert table "$TMP/t.pdf" "$TMP/table.xml"; then
	rules table "$TMP/t.pdf" lang=en rows=81 scopes=Column:3,Row:79 colspan=2 groups=1
	qpdf_clean table "$TMP/t.pdf"
fi
if convert table-notes "$TMP/tn.pdf" "$GALLEY_TOP/tests/tables_notes/notes.html"; then
	rules table-notes "$TMP/tn.pdf" lang=en scopes=Column:3 groups=1
fi

# A digest of an English and a German article: the German one's elements
# carry /Lang de.
if convert "digest de" "$TMP/dd.pdf" "$KOREA" "$TMP/de.txt"; then
	rules "digest de" "$TMP/dd.pdf" lang=en otherlang=de
	qpdf_clean "digest de" "$TMP/dd.pdf"
fi

# Bleed and crop marks: every page gets a TrimBox of the page size and a
# BleedBox 3 mm (8.504 pt) larger; the marks lie outside the BleedBox.
sed 's|<page |<page bleed="3mm" crop-marks="yes" |' "$GALLEY_TOP/layouts/article-a4.xml" >"$TMP/bleed.xml"
if convert bleed "$TMP/b.pdf" -l "$TMP/bleed.xml" "$KOREA"; then
	rules bleed "$TMP/b.pdf" lang=en bleed=8.504 trim=595.276,841.89
	qpdf_clean bleed "$TMP/b.pdf"
	if [ -f "$TMP/json.boxes" ] && pdftoppm -r 72 -gray -f 1 -l 1 "$TMP/b.pdf" "$TMP/b" 2>/dev/null; then
		if out=$(python3 - "$TMP"/b-*1.pgm "$TMP/json.boxes" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(maxsplit=4)
w, h, px = int(parts[1]), int(parts[2]), parts[4]
t = [float(v) for v in open(sys.argv[2]).read().split()]
trim, bleed, media = t[0:4], t[4:8], t[8:12]
H = media[3]
def dark(x, y):
    return px[y * w + x] < 128
# pixel (x, y) from the top-left; PDF y grows upwards
inside_bleed = lambda x, y: bleed[0] - 1 <= x <= bleed[2] + 1 and bleed[1] - 1 <= H - y <= bleed[3] + 1
inside_trim = lambda x, y: trim[0] + 1 <= x <= trim[2] - 1 and trim[1] + 1 <= H - y <= trim[3] - 1
marks = sum(1 for y in range(h) for x in range(w) if dark(x, y) and not inside_bleed(x, y))
ring = sum(1 for y in range(h) for x in range(w) if dark(x, y) and inside_bleed(x, y) and not inside_trim(x, y))
print('marks outside the BleedBox: %d px; marks between trim and bleed: %d px' % (marks, ring))
sys.exit(0 if marks > 0 and ring == 0 else 1)
EOF
		); then ok "bleed: crop marks drawn outside the BleedBox, none inside it"
		else fail "bleed: crop marks drawn outside the BleedBox, none inside it" "$out"; fi
	else
		fail "bleed: page 1 renders"
	fi
fi

# The finishing step's errors are errors: an unreadable sRGB profile is a
# warning and the PDF then does not claim PDF/A (tested where the profile
# is present: the claim is there).
if [ -f /usr/share/color/icc/sRGB.icc ]; then
	ok "the sRGB profile of icc-profiles-free is installed"
else
	fail "the sRGB profile of icc-profiles-free is installed" "make deps"
fi
