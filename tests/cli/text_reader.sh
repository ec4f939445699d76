# text_reader.sh — the plain-text reader through the CLI: golden trees of the samples, the reference article, the scored corpus, large and hostile inputs.
. "$GALLEY_TOP/tests/lib.sh"
S="$GALLEY_TOP/samples"
G="$GALLEY_TOP/tests/golden"
CORPUS="$SHARED/corpus/txt"

# golden NAME: the tree of samples/NAME.txt is tests/golden/NAME.xml and reads back to itself.
golden() {
	if "$GALLEY" tree "$S/$1.txt" >"$TMP/tree.xml" 2>"$TMP/err" && cmp -s "$TMP/tree.xml" "$G/$1.xml"; then
		ok "text sample $1 matches its golden tree"
	else
		fail "text sample $1 matches its golden tree" "$(cat "$TMP/err"; diff "$G/$1.xml" "$TMP/tree.xml" | head -20)"
	fi
	if "$GALLEY" tree --from xml "$TMP/tree.xml" >"$TMP/again.xml" 2>"$TMP/err" &&
	   cmp -s "$TMP/tree.xml" "$TMP/again.xml"; then
		ok "text sample $1: tree -> xml -> tree is the identity"
	else
		fail "text sample $1: tree -> xml -> tree is the identity" "$(cat "$TMP/err"; diff "$TMP/tree.xml" "$TMP/again.xml" | head)"
	fi
}
golden harbour-ferry
golden orchard-cooperative
golden library-night-school

# the same article read from standard input
"$GALLEY" tree --from txt - <"$S/harbour-ferry.txt" >"$TMP/stdin.xml" 2>"$TMP/err"
cmp -s "$TMP/stdin.xml" "$G/harbour-ferry.xml" && ok "text read from standard input" \
	|| fail "text read from standard input" "$(cat "$TMP/err")"

# input with no text is an error naming the file
printf '\n   \n\t\n' >"$TMP/blank.txt"
status_is "a blank text file fails" 1 "$GALLEY" tree "$TMP/blank.txt"
grep -q "galley: $TMP/blank.txt.*no text" "$TMP/err" && ok "the blank file's error says no text" \
	|| fail "the blank file's error says no text" "$(cat "$TMP/err")"

# a user's boilerplate file adds patterns; an unreadable one is an error
printf '# mine\n^brought to you by\n' >"$TMP/mine.txt"
printf 'Title\n\nBody text.\n\nBrought to you by Acme\n' >"$TMP/acme.txt"
"$GALLEY" tree --boilerplate "$TMP/mine.txt" "$TMP/acme.txt" >"$TMP/out" 2>&1
! grep -q Acme "$TMP/out" && grep -q "<p>Body text.</p>" "$TMP/out" \
	&& ok "--boilerplate FILE removes the user's junk lines" || fail "--boilerplate FILE removes the user's junk lines" "$(cat "$TMP/out")"
status_is "an unreadable --boilerplate file fails" 1 "$GALLEY" tree --boilerplate "$TMP/none.txt" "$TMP/acme.txt"

# a pattern that does not compile is reported by its line and the others
# still apply; case is ignored beyond ASCII; a pattern that backtracks
# without end gives up on the line instead of hanging
printf '^brought to you by\n(unclosed\nÉDITION SPÉCIALE\n^(a+)+$\n' >"$TMP/mixed.txt"
printf 'Title\n\nBody text.\n\nBrought to you by Acme\n\nédition spéciale du soir\n\n%s!\n' \
	"$(printf 'a%.0s' $(seq 1 60))" >"$TMP/mixed-in.txt"
timeout 20 "$GALLEY" tree --boilerplate "$TMP/mixed.txt" "$TMP/mixed-in.txt" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && grep -q "mixed.txt:2: boilerplate pattern skipped" "$TMP/err" \
	&& ok "a broken pattern is a warning naming its line" || fail "a broken pattern is a warning naming its line" "rc $rc $(cat "$TMP/err")"
! grep -q Acme "$TMP/out" && ! grep -q "spéciale" "$TMP/out" && grep -q "<p>Body text.</p>" "$TMP/out" \
	&& ok "the other patterns still apply, ignoring case in every script" \
	|| fail "the other patterns still apply, ignoring case in every script" "$(cat "$TMP/out")"
grep -q "aaaa" "$TMP/out" && ok "a runaway pattern keeps its line and ends" || fail "a runaway pattern keeps its line and ends" "rc $rc"
timeout 20 "$GALLEY" tree --boilerplate "$TMP/mixed.txt" "$TMP/mixed-in.txt" >/dev/null 2>"$TMP/err"
grep -q "mixed.txt:2: boilerplate pattern skipped" "$TMP/err" \
	&& ok "the broken pattern is reported again on the next run (such a set is not cached)" \
	|| fail "the broken pattern is reported again on the next run (such a set is not cached)" "$(cat "$TMP/err")"

# compiled patterns are cached on disk; a cached run reads the same, and a
# damaged cache entry is a miss that is written anew
ref=../shared/corpus/txt/korea-hotlines/input.txt
[ -f "$ref" ] || ref="$GALLEY_TOP/../shared/corpus/txt/korea-hotlines/input.txt"
XDG_CACHE_HOME="$TMP/cache" "$GALLEY" tree "$ref" >"$TMP/c1.xml" 2>&1
entry=$(ls "$TMP/cache/galley"/junk-*.pcre2 2>/dev/null | head -1)
[ -n "$entry" ] && ok "the compiled patterns are cached" || fail "the compiled patterns are cached" "$(ls -R "$TMP/cache" 2>&1)"
XDG_CACHE_HOME="$TMP/cache" "$GALLEY" tree "$ref" >"$TMP/c2.xml" 2>&1
cmp -s "$TMP/c1.xml" "$TMP/c2.xml" && ok "a run from the cache reads the same" || fail "a run from the cache reads the same"
[ -n "$entry" ] && printf 'garbage' | dd of="$entry" bs=1 seek=100 conv=notrunc 2>/dev/null
XDG_CACHE_HOME="$TMP/cache" "$GALLEY" tree "$ref" >"$TMP/c3.xml" 2>&1
cmp -s "$TMP/c1.xml" "$TMP/c3.xml" && ok "a damaged cache entry is a miss" || fail "a damaged cache entry is a miss" "$(head -5 "$TMP/c3.xml")"
XDG_CACHE_HOME=/nonexistent/dir HOME=/nonexistent "$GALLEY" tree "$ref" >"$TMP/c4.xml" 2>&1
cmp -s "$TMP/c1.xml" "$TMP/c4.xml" && ok "no writable cache folder: the same tree" || fail "no writable cache folder: the same tree"

# bad bytes are repaired and reported with their line; binary junk never crashes
printf 'Title\n\nfine\n\nbad \377 byte\n' >"$TMP/bad.txt"
status_is "invalid UTF-8 is repaired" 0 "$GALLEY" tree "$TMP/bad.txt"
grep -q ":5: warning" "$TMP/err" && ok "the repair is reported with its line" \
	|| fail "the repair is reported with its line" "$(cat "$TMP/err")"
head -c 200000 /dev/urandom >"$TMP/junk.txt"
"$GALLEY" tree --from txt "$TMP/junk.txt" >/dev/null 2>&1
[ $? -le 1 ] && ok "binary junk gives a tree or an error, never a crash" \
	|| fail "binary junk gives a tree or an error, never a crash"

# large inputs stay linear: a 20 MB paragraph and 100,000 short ones, in seconds
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
with open(d + '/huge.txt', 'w') as f:
    f.write('Huge Title\n\n' + 'word ' * 4200000 + 'end.\n')
with open(d + '/many.txt', 'w') as f:
    f.write('Many Title\n\n' + ''.join('Paragraph %d is short.\n\n' % i for i in range(100000)))
PY
for big in huge many; do
	start=$(date +%s)
	if timeout 60 "$GALLEY" tree "$TMP/$big.txt" >"$TMP/$big.xml" 2>"$TMP/err"; then
		ok "the $big input is read in $(( $(date +%s) - start ))s"
	else
		fail "the $big input is read within 60s (sanitizer builds are slow)" "$(cat "$TMP/err")"
	fi
done
[ "$(grep -c '<p>' "$TMP/many.xml")" -eq 100000 ] && ok "100,000 paragraphs stay apart" \
	|| fail "100,000 paragraphs stay apart" "$(grep -c '<p>' "$TMP/many.xml")"

# the reference article (issue 2's definition of done)
K="$CORPUS/korea-hotlines/input.txt"
if [ ! -f "$K" ]; then
	fail "the corpus is at $CORPUS"
	exit 0
fi
"$GALLEY" tree "$K" >"$TMP/korea.xml" 2>"$TMP/err"
python3 - "$TMP/korea.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    art = ET.parse(sys.argv[1]).getroot().find('article')
except Exception as e:
    print('not ok - korea-hotlines: the tree is XML (%s)' % e)
    sys.exit(0)
def text(e):
    return ''.join(e.itertext())
def check(name, cond, detail=''):
    print(('ok - ' if cond else 'not ok - ') + 'korea-hotlines: ' + name)
    if not cond and detail:
        print('#   ' + str(detail)[:300])
title = art.findtext('title') or ''
check('the title', title.startswith('North Korea') and title.endswith('With South Korea'), title)
body = [e for e in art if e.tag in ('p', 'h2', 'h3', 'blockquote')]
paras = [e for e in art if e.tag == 'p']
check('14 paragraphs', len(paras) == 14, len(paras))
heads = [text(e) for e in art if e.tag == 'h2']
check('two subheadings', heads == ['Restoring Hotlines', 'Accusations From Pyongyang'], heads)
tags = [e.tag for e in body]
check('"Restoring Hotlines" after the third paragraph',
      tags[:5] == ['p', 'p', 'p', 'h2', 'p'], tags[:5])
check('"Accusations From Pyongyang" after the eighth paragraph',
      len(tags) > 9 and tags[9] == 'h2' and tags.count('h2') == 2, tags)
check('paragraphs in order', text(paras[0]).startswith('North Korean leader Kim Jong Un')
      and text(paras[-1]).startswith('Prior to North Korea'), text(paras[-1])[:60])
author = art.find('author')
check('an author box', author is not None)
if author is not None:
    check('the author name', author.findtext('name') == 'Mimi Nguyen Ly', author.findtext('name'))
    bio = text(author.find('bio')) if author.find('bio') is not None else ''
    check('the bio starts right', bio.strip().startswith('Mimi Nguyen Ly is a reporter based in Australia.'), bio[:80])
    check('the dangling "Contact her at" is trimmed', 'Contact her' not in bio, bio[-60:])
    check('the repeated name lines are not paragraphs',
          all(text(p).strip() != 'Mimi Nguyen Ly' for p in paras))
whole = text(art)
for junk in ('Leave a Reply', 'Powered by WordPress', 'skip to the end', 'Pinging'):
    check('no "%s"' % junk, junk not in whole)
PY

# floors LABEL CASES CHECK...: scores the reader on the corpus CASES and
# checks each summary figure against its floor or ceiling ("title>=0.999",
# "boilerplate_leak<=0.10", "crashed==0"); a figure missing fails.
floors() {
	label=$1 cases=$2; shift 2
	"$SHARED/tools/score-corpus" --quiet --cases "$cases" --cmd "$GALLEY tree --from {fmt} {in}" \
		--json "$TMP/$label.json" >"$TMP/$label.txt" 2>&1
	python3 - "$TMP/$label.json" "$label" "$@" <<'PY'
import json, operator, re, sys
path, label, checks = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    s = json.load(open(path))['summaries']['ALL']
except Exception as e:
    print('not ok - score-corpus ran on %s (%s)' % (label, e))
    sys.exit(0)
ops = {'>=': operator.ge, '<=': operator.le, '==': operator.eq}
for c in checks:
    key, op, want = re.match(r'(\w+)(>=|<=|==)(.+)', c).groups()
    value = s.get(key)
    ok = value is not None and ops[op](value, float(want))
    shown = 'n/a' if value is None else '%.2f' % value
    print(('ok - ' if ok else 'not ok - ') + '%s corpus %s %s %s: %s' % (label, key, op, want, shown))
PY
}

# the scored corpus: title 1.00, headings F1 >= 0.85, author >= 0.90,
# boilerplate leak <= 0.10, byline >= 0.8, ending >= 0.9, nothing crashed
floors txt "$CORPUS" 'title>=0.999' 'headings_f1>=0.85' 'author>=0.90' \
	'boilerplate_leak<=0.10' 'byline>=0.80' 'ending>=0.90' 'crashed==0'

# The scraped cases (a container's whole text: share bars, menus, related
# links, comments): floors that keep the prose classifier from going back.
SCRAPED="$SHARED/corpus/scraped"
if [ -d "$SCRAPED" ]; then
	floors scraped "$SCRAPED" 'boilerplate_leak<=0.08' 'ending>=0.70' 'body_f1>=0.95' \
		'headings_f1>=0.77' 'crashed==0'
else
	fail "the scraped corpus is at $SCRAPED"
fi

# A pattern file that is a device is refused at once, not read for ever.
printf 'T\n\nSome text here.\n' > "$TMP/small.txt"
status_is "--boilerplate /dev/zero is refused" 1 timeout 20 "$GALLEY" tree --boilerplate /dev/zero "$TMP/small.txt"
grep -q "not a regular file" "$TMP/err" && ok "the message says why" || fail "the message says why" "$(cat "$TMP/err")"

# A line that recurs across the articles of a digest or a batch is the
# site's junk; in one article alone it is kept.
R="$TMP/repeats"; mkdir -p "$R/in"
for n in 1 2; do
	printf 'Article %s on the harbour\n\nThe night ferry between the old harbour and the island of Sandvik made its first crossing in twelve years on Wednesday, carrying %s passengers.\n\nRSS Feed for Judi McLeod\n\nThe service was cut in 2012, when the last operator sold its only boat and the council chose a bus link.\n' "$n" "$n" > "$R/in/a$n.txt"
done
"$GALLEY" tree "$R/in/a1.txt" 2>/dev/null | grep -q 'RSS Feed' && ok "a line in one article alone is kept" \
	|| fail "a line in one article alone is kept"
"$GALLEY" epub -o "$R/d.epub" "$R/in/a1.txt" "$R/in/a2.txt" 2>"$TMP/err" \
	&& ! unzip -p "$R/d.epub" '*.xhtml' | grep -q 'RSS Feed' && unzip -p "$R/d.epub" '*.xhtml' | grep -q 'council chose' \
	&& ok "a digest drops the line its articles share" || fail "a digest drops the line its articles share" "$(cat "$TMP/err")"
"$GALLEY" batch -j 2 --to xml -o "$R/out" "$R/in" 2>"$TMP/err" \
	&& ! grep -q 'RSS Feed' "$R/out/a1.xml" "$R/out/a2.xml" && grep -q 'council chose' "$R/out/a2.xml" \
	&& ok "a batch drops the line its articles share" || fail "a batch drops the line its articles share" "$(cat "$TMP/err")"
