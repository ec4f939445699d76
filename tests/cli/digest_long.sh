# digest_long.sh — what a long digest must keep (issue 21): its articles
# are set one at a time, so the contents' page numbers, the outline and the
# running heads come from a first pass that breaks pages and a second that
# draws them; they must agree with the pages drawn.  250 articles (the
# samples repeated), about 360 pages.  Then a digest of two very long
# articles, whose blocks and XHTML go through the spools' temporary files.
. "$(dirname "$0")/../lib.sh"
N=250
mkdir -p "$TMP/in"
cp -r "$GALLEY_TOP/samples/images" "$TMP/in/"
set -- "$GALLEY_TOP"/samples/*.txt "$GALLEY_TOP"/samples/*.md "$GALLEY_TOP"/samples/*.html
i=0
while [ $i -lt $N ]; do
	for s in "$@"; do
		[ $i -lt $N ] || break
		cp "$s" "$TMP/in/a$(printf %04d $i).${s##*.}"
		i=$((i + 1))
	done
done
export SOURCE_DATE_EPOCH=1633046400
check "long digest: $N articles make one PDF" \
	"$GALLEY" pdf --offline --title "A long digest" -o "$TMP/d.pdf" "$TMP"/in/a*
check "long digest: qpdf --check passes" qpdf --check "$TMP/d.pdf"

# each article's title, in the order of the inputs
for f in "$TMP"/in/a*; do
	"$GALLEY" tree "$f" 2>/dev/null | sed -n 's:.*<title>\(.*\)</title>.*:\1:p' | head -n 1
done > "$TMP/titles"

python3 - "$TMP/d.pdf" "$TMP/titles" "$N" <<'PY'
import json, re, subprocess, sys
pdf, titles, n = sys.argv[1], open(sys.argv[2]).read().splitlines(), int(sys.argv[3])
def ok(name, good, why=''):
    print(('ok - ' if good else 'not ok - ') + 'long digest: ' + name)
    if not good and why:
        print('#   ' + str(why)[:400])
def text(first, last=None):
    return subprocess.run(['pdftotext', '-layout', '-f', str(first), '-l', str(last or first),
                           pdf, '-'], capture_output=True, text=True).stdout
info = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout
pages = int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))
# the contents: the pages after the title page up to the first article
front = 1
numbers = []
while len(numbers) < n and front < pages:
    front += 1
    for line in text(front).splitlines():
        m = re.search(r'\s(\d+)\s*$', line)
        if m and line.strip() != m.group(1):
            numbers.append(int(m.group(1)))
ok('the contents lists every article (%d numbers)' % len(numbers), len(numbers) == n,
   numbers[:10])
ok('the contents numbers rise', numbers == sorted(numbers) and len(set(numbers)) == n)
# a few entries: the page numbered in the contents shows that article's title
bad = []
for k in (0, 1, n // 3, n // 2, n - 2, n - 1):
    if k >= len(numbers):
        continue
    title = titles[k]
    words = ' '.join(text(numbers[k]).split())
    if ' '.join(title.split())[:30] not in words:
        bad.append((k, numbers[k], title))
ok('the page a contents entry names starts its article (pdftotext -f N -l N)', not bad, bad)
# the outline: one item an article, each to the page the contents gives
j = json.loads(subprocess.run(['qpdf', '--json', '--json-key=outlines', pdf],
                              capture_output=True, text=True).stdout)
top = j.get('outlines', [])
ok('the outline has one item an article (%d)' % len(top), len(top) == n)
dests = [o.get('destpageposfrom1') for o in top]
ok('each outline item goes to its article\'s page', dests == numbers[:len(dests)],
   [(i, d, c) for i, (d, c) in enumerate(zip(dests, numbers)) if d != c][:5])
ok('outline titles are the articles\'', [o.get('title') for o in top][:n] ==
   [' '.join(t.split()) for t in titles][:n],
   [(o.get('title'), t) for o, t in zip(top, titles) if o.get('title') != t][:3])
# running heads on a page inside an article late in the digest: its title
# in the head, "page / pages" with the count of the whole document
longer = [k for k in range(n - 2, n // 2, -1)
          if k + 1 < len(numbers) and numbers[k + 1] - numbers[k] >= 2]
k = longer[0] if longer else -1
if k >= 0:
    page = numbers[k] + 1
    lines = [l for l in text(page).splitlines() if l.strip()]
    head, foot = lines[0], lines[-1]
    ok('the running head names the article (page %d)' % page,
       ' '.join(titles[k].split())[:20] in ' '.join(head.split()), head)
    ok('the folio counts the whole document ("%d / %d")' % (page, pages),
       re.search(r'\b%d / %d\b' % (page, pages), foot) is not None, foot)
else:
    ok('an article late in the digest runs over two pages', False, numbers[-10:])
PY

# A digest too long to hold: two articles of 2.4 MB of text each.  Their
# blocks are stowed in a spool that moves to a temporary file past 4 MiB,
# and the EPUB's XHTML goes to one past 4 MiB too; every paragraph must
# come back, in its article, and the archive must be whole.
python3 - "$TMP/big" <<'PY'
import os, sys
os.makedirs(sys.argv[1], exist_ok=True)
for k, name in ((1, 'one'), (2, 'two')):
    with open(os.path.join(sys.argv[1], 'big%d.md' % k), 'w') as f:
        f.write('# A long article %s\n\n' % name)
        for i in range(40000):
            f.write('Paragraph %d of article %s, with enough words to read as prose.\n\n' % (i, name))
PY
check "long digest: two articles of 2.4 MB each make one EPUB" \
	"$GALLEY" epub --offline -o "$TMP/big.epub" "$TMP/big/big1.md" "$TMP/big/big2.md"
python3 - "$TMP/big.epub" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(('ok - ' if z.testzip() is None else 'not ok - ') + 'long digest: the long EPUB\'s parts are whole')
for part, name in (('EPUB/a001.xhtml', 'one'), ('EPUB/a002.xhtml', 'two')):
    text = z.read(part).decode()
    got = re.findall(r'Paragraph (\d+) of article (\w+)', text)
    good = [int(n) for n, a in got if a == name] == list(range(40000)) and len(got) == 40000
    print(('ok - ' if good else 'not ok - ') +
          'long digest: every paragraph of article %s comes back, in order (%d)' % (name, len(got)))
PY
