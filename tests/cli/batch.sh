# batch.sh — `galley batch`: outputs, failures, incremental reruns, the report, Ctrl-C, GNU Parallel and make recipes.
. "$GALLEY_TOP/tests/lib.sh"

IN=$TMP/in OUT=$TMP/o
mkdir -p "$IN/sub"

# article NAME TITLE [PARAGRAPHS]: a tree XML article.
article() {
	{
		printf '<galley>\n  <article lang="en">\n    <title>%s</title>\n' "$2"
		i=0
		while [ $i -lt "${3:-2}" ]; do
			printf '    <p>Paragraph %d of %s, with a few words in it.</p>\n' $i "$2"
			i=$((i + 1))
		done
		printf '  </article>\n</galley>\n'
	} > "$1"
}

for n in one two three; do article "$IN/$n.xml" "Article $n"; done
article "$IN/sub/four.xml" "Article four"
# the samples, for the readers that have landed
for s in "$GALLEY_TOP"/samples/*; do
	case $s in *.txt|*.md|*.html|*.htm|*.rss|*.atom) ;; *) continue ;; esac
	"$GALLEY" tree "$s" >/dev/null 2>&1 && cp "$s" "$IN/"
done
printf '<galley><article><title>Broken</title><p>never closed\n' > "$IN/broken.xml"
# and their images, which are not articles
for s in "$GALLEY_TOP"/samples/*; do [ -d "$s" ] && cp -r "$s" "$IN/"; done
GOOD=$(cd "$IN" && find . -type f ! -name broken.xml ! -name '*.png' ! -name '*.jpg' | sed 's|^\./||; s|\.[^.]*$||' | sort)
NGOOD=$(printf '%s\n' "$GOOD" | wc -l)
NALL=$((NGOOD + 1))

# no temporary file (.NAME.EXT.PID.XXXXXX) anywhere under OUTDIR; the
# manifest (.galley-manifest) is no temporary file
no_temp() {
	t=$(find "$1" -name '.*' -type f ! -name .galley-manifest)
	[ -z "$t" ] && ok "$2" || fail "$2" "$t"
}

# --------------------------------------------------------------- usage
status_is "batch without -o is a usage error" 2 "$GALLEY" batch --to xml "$IN"
status_is "batch without inputs is a usage error" 2 "$GALLEY" batch --to xml -o "$OUT"
status_is "batch -j 0 is a usage error" 2 "$GALLEY" batch -j 0 --to xml -o "$OUT" "$IN"
status_is "batch -j x is a usage error" 2 "$GALLEY" batch -j x --to xml -o "$OUT" "$IN"
status_is "batch --to doc is a usage error" 2 "$GALLEY" batch --to doc -o "$OUT" "$IN"
status_is "batch of standard input is a usage error" 2 "$GALLEY" batch --to xml -o "$OUT" -
[ ! -e "$OUT" ] && ok "usage errors write nothing" || fail "usage errors write nothing"

# ------------------------------------------------- a batch with a broken file
status_is "batch with a broken file exits 1" 1 \
	"$GALLEY" batch -j 2 --to xml -o "$OUT" --report "$TMP/r1.json" "$IN"
cp "$TMP/err" "$TMP/err1"
grep -q "^galley: $IN/broken.xml:" "$TMP/err1" && ok "the broken file is named on stderr" \
	|| fail "the broken file is named on stderr" "$(cat "$TMP/err1")"
[ "$(grep -c "^galley: $IN/" "$TMP/err1")" -ge 1 ] && ! grep "^galley: $IN/" "$TMP/err1" | grep -v ": warning: " | grep -vq broken.xml \
	&& ok "only the broken file has an error" || fail "only the broken file has an error" "$(cat "$TMP/err1")"
missing=""
for g in $GOOD; do
	[ -s "$OUT/$g.xml" ] && tail -n 1 "$OUT/$g.xml" | grep -q '</galley>' || missing="$missing $g"
done
[ -z "$missing" ] && ok "every good article has its whole output ($NGOOD)" || fail "every good article has its whole output" "missing:$missing"
[ -s "$OUT/sub/four.xml" ] && ok "folder structure kept under OUTDIR" || fail "folder structure kept under OUTDIR"
[ ! -e "$OUT/broken.xml" ] && ok "no output for the broken file" || fail "no output for the broken file"
no_temp "$OUT" "no temporary file after a failure"
"$GALLEY" tree "$IN/one.xml" > "$TMP/one.tree"
cmp -s "$OUT/one.xml" "$TMP/one.tree" && ok "batch output is the tree" || fail "batch output is the tree" "$(diff "$OUT/one.xml" "$TMP/one.tree")"

# the report
check_report() { # FILE STATUS-OF-GOOD STATUS-OF-BROKEN
	python3 - "$@" "$IN" "$OUT" "$NALL" <<'PY'
import json, os, sys
path, good, bad, indir, outdir, nall = sys.argv[1:7]
r = json.load(open(path))
arts = r["articles"]
assert len(arts) == int(nall), "articles: %d, not %s" % (len(arts), nall)
assert r["formats"] == ["xml"], r["formats"]
for a in arts:
    assert set(a) == {"input", "outputs", "status", "message", "milliseconds"}, sorted(a)
    assert isinstance(a["milliseconds"], int) and a["milliseconds"] >= 0
    if a["input"].endswith("/broken.xml"):
        assert a["status"] == bad, a
        assert a["outputs"] == [], a
        assert a["message"], a
    else:
        assert a["status"] == good, a
        assert len(a["outputs"]) == 1 and os.path.isfile(a["outputs"][0]), a
        rel = os.path.relpath(a["input"], indir).rsplit(".", 1)[0]
        assert a["outputs"][0] == os.path.join(outdir, rel + ".xml"), a
s = r["summary"]
assert s["articles"] == int(nall) and s["failed"] == 1 and s["interrupted"] == 0, s
assert s[good] == int(nall) - 1, s
PY
}
out=$(check_report "$TMP/r1.json" ok failed 2>&1) && ok "report: statuses, outputs, messages" \
	|| fail "report: statuses, outputs, messages" "$out"

# ------------------------------------------------------------- incremental
stamps() { find "$OUT" -type f -exec stat -c '%n %.9Y' {} + | sort; }
stamps > "$TMP/stamps1"
sleep 0.02
status_is "rerun exits 1 (the broken file still fails)" 1 \
	"$GALLEY" batch --to xml -o "$OUT" --report "$TMP/r2.json" "$IN"
stamps > "$TMP/stamps2"
cmp -s "$TMP/stamps1" "$TMP/stamps2" && ok "rerun leaves every output untouched" \
	|| fail "rerun leaves every output untouched" "$(diff "$TMP/stamps1" "$TMP/stamps2")"
out=$(check_report "$TMP/r2.json" skipped failed 2>&1) && ok "report of the rerun says skipped" \
	|| fail "report of the rerun says skipped" "$out"

touch "$IN/two.xml"
"$GALLEY" batch --to xml -o "$OUT" --report "$TMP/r3.json" "$IN" 2>/dev/null
python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
done = sorted(a["input"].rsplit("/", 1)[1] for a in r["articles"] if a["status"] == "ok")
assert done == ["two.xml"], done' "$TMP/r3.json" && ok "a touched input alone is redone" || fail "a touched input alone is redone"

"$GALLEY" batch --force --to xml -o "$OUT" --report "$TMP/r4.json" "$IN" 2>/dev/null
out=$(check_report "$TMP/r4.json" ok failed 2>&1) && ok "--force redoes everything" || fail "--force redoes everything" "$out"

# ------------------------------------------------------ names and input lists
mkdir -p "$TMP/clash/x" "$TMP/clash/y"
article "$TMP/clash/x/same.xml" "X"
article "$TMP/clash/y/same.xml" "Y"
status_is "two inputs with one name: exit 1" 1 \
	"$GALLEY" batch --to xml -o "$TMP/clash-out" "$TMP/clash/x/same.xml" "$TMP/clash/y/same.xml"
grep -q "^galley: $TMP/clash/y/same.xml: same output name as $TMP/clash/x/same.xml" "$TMP/err" \
	&& grep -q "<title>X</title>" "$TMP/clash-out/same.xml" && ok "the second of a name clash fails, the first is kept" \
	|| fail "the second of a name clash fails, the first is kept" "$(cat "$TMP/err")"
status_is "the same names in a folder keep their folders" 0 "$GALLEY" batch --to xml -o "$TMP/clash-out2" "$TMP/clash"
[ -s "$TMP/clash-out2/x/same.xml" ] && [ -s "$TMP/clash-out2/y/same.xml" ] && ok "x/same and y/same both written" \
	|| fail "x/same and y/same both written"

status_is "the same file named twice is converted once" 0 "$GALLEY" batch --to xml -o "$TMP/twice" "$IN/one.xml" "$IN/one.xml"
grep -q "1 article: 1 converted" "$TMP/err" && ok "the same file named twice counts once" || fail "the same file named twice counts once" "$(cat "$TMP/err")"
printf '%s\n\n%s\n' "$IN/one.xml" "$IN/sub" | "$GALLEY" batch -@ --to xml -o "$TMP/list-out" >/dev/null 2>"$TMP/err"
[ -s "$TMP/list-out/one.xml" ] && [ -s "$TMP/list-out/four.xml" ] && [ "$(find "$TMP/list-out" -type f ! -name .galley-manifest | wc -l)" -eq 2 ] \
	&& ok "-@ reads paths (files and folders) from standard input" || fail "-@ reads paths from standard input" "$(cat "$TMP/err")"
printf 'A title\n\nSome text \377\376 in a paragraph that is long enough to be one.\n' > "$TMP/warn.txt"
status_is "warnings do not fail a batch" 0 "$GALLEY" batch --to xml -o "$TMP/warn-out" --report "$TMP/rw.json" "$TMP/warn.txt"
grep -q "^galley: $TMP/warn.txt:3: warning: " "$TMP/err" && grep -q '"message": "line 3: warning: ' "$TMP/rw.json" \
	&& ok "warnings: FILE:LINE on stderr, in the report's message" || fail "warnings: FILE:LINE on stderr, in the report" "$(cat "$TMP/err")"
status_is "a missing input fails with 1" 1 "$GALLEY" batch --to xml -o "$TMP/miss-out" "$IN/one.xml" "$TMP/nope.txt"
grep -q "^galley: $TMP/nope.txt: " "$TMP/err" && [ -s "$TMP/miss-out/one.xml" ] \
	&& ok "a missing input is named, the others converted" || fail "a missing input is named" "$(cat "$TMP/err")"
status_is "--to xml,xml is fine" 0 "$GALLEY" batch --to xml,xml -o "$TMP/miss-out" "$IN/one.xml"
: > "$TMP/afile"
status_is "OUTDIR that is a file fails with 1" 1 "$GALLEY" batch --to xml -o "$TMP/afile" "$IN/one.xml"

# ------------------------------------------------------------------ Ctrl-C
MANY=$TMP/many
mkdir -p "$MANY"
python3 - "$MANY" <<'PY'
import sys
body = "\n".join("    <p>Paragraph %d, long enough to take a little time to read and write.</p>" % i for i in range(200))
for i in range(600):
    open("%s/a%04d.xml" % (sys.argv[1], i), "w").write(
        '<galley>\n  <article lang="en">\n    <title>Article %d</title>\n%s\n  </article>\n</galley>\n' % (i, body))
PY
"$GALLEY" batch -j 2 --to xml -o "$TMP/many-out" --report "$TMP/rint.json" "$MANY" 2>"$TMP/err" &
pid=$!
i=0
while [ ! -e "$TMP/many-out/a0005.xml" ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i + 1)); done
kill -INT $pid
wait $pid; rc=$?
[ $rc -ne 0 ] && ok "SIGINT: batch exits non-zero ($rc)" || fail "SIGINT: batch exits non-zero" "exit $rc"
no_temp "$TMP/many-out" "SIGINT: no temporary file left"
n=$(find "$TMP/many-out" -name '*.xml' | wc -l)
[ "$n" -gt 0 ] && [ "$n" -lt 600 ] && ok "SIGINT: stopped part-way ($n of 600)" || fail "SIGINT: stopped part-way" "$n outputs"
bad=$(for f in "$TMP"/many-out/*.xml; do tail -n 1 "$f" | grep -q '</galley>' || echo "$f"; done)
[ -z "$bad" ] && ok "SIGINT: every output written is whole" || fail "SIGINT: every output written is whole" "$bad"
python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))["summary"]
assert s["interrupted"] > 0 and s["ok"] + s["interrupted"] == 600, s' "$TMP/rint.json" \
	&& ok "SIGINT: the report counts the interrupted articles" || fail "SIGINT: the report counts the interrupted articles"
status_is "rerun after SIGINT finishes the rest" 0 "$GALLEY" batch -j 2 --to xml -o "$TMP/many-out" "$MANY"
[ "$(find "$TMP/many-out" -name '*.xml' | wc -l)" -eq 600 ] && ok "all 600 outputs after the rerun" \
	|| fail "all 600 outputs after the rerun"
grep -q "$n up to date" "$TMP/err" && ok "the rerun skipped the $n done before" || fail "the rerun skipped those done before" "$(cat "$TMP/err")"

"$GALLEY" batch -j 2 --force --to xml -o "$TMP/term-out" "$MANY" 2>"$TMP/err" &
pid=$!
i=0
while [ ! -e "$TMP/term-out/a0005.xml" ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i + 1)); done
kill -TERM $pid
wait $pid; rc=$?
[ $rc -eq 143 ] && ok "SIGTERM: batch dies of the signal (143)" || fail "SIGTERM: batch dies of the signal" "exit $rc"
no_temp "$TMP/term-out" "SIGTERM: no temporary file left"
status_is "an unwritable report fails the batch with 1" 1 \
	"$GALLEY" batch --to xml -o "$TMP/rep-out" --report "$TMP/no/such/dir/r.json" "$IN/one.xml"
grep -q "r.json" "$TMP/err" && [ -s "$TMP/rep-out/one.xml" ] && ok "the report's error is named, the outputs written" \
	|| fail "the report's error is named, the outputs written" "$(cat "$TMP/err")"

# a worker that dies (a crash in a back end) fails its article only
"$GALLEY" batch -j 2 --force --to xml -o "$TMP/kill-out" --report "$TMP/rkill.json" "$MANY" 2>"$TMP/err" &
pid=$!
i=0
while [ ! -e "$TMP/kill-out/a0005.xml" ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i + 1)); done
kill -KILL $(pgrep -P $pid | head -n 1) 2>/dev/null
wait $pid; rc=$?
out=$(python3 -c 'import json,os,sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
failed = [a for a in r["articles"] if a["status"] == "failed"]
assert s["interrupted"] == 0 and s["ok"] + s["failed"] == 600 and s["failed"] <= 1, s
assert all("crashed" in a["message"] for a in failed), failed
assert len(failed) == len([l for l in open(sys.argv[3]) if "the conversion crashed" in l]), "stderr"
assert int(sys.argv[2]) == (1 if failed else 0), sys.argv[2]
for a in r["articles"]:
    assert (a["status"] == "ok") == os.path.isfile(a["outputs"][0] if a["outputs"] else "-"), a
print(len(failed))' "$TMP/rkill.json" $rc "$TMP/err" 2>&1) && ok "a killed worker fails its article only ($out failed), the rest goes on" \
	|| fail "a killed worker fails its article only" "$out"
no_temp "$TMP/kill-out" "a killed worker leaves no temporary file"

# on a terminal, a progress bar (script(1) gives the batch one)
if command -v script >/dev/null; then
	script -qec "'$GALLEY' batch --force -j 2 --to xml -o '$TMP/tty-out' '$MANY'" /dev/null > "$TMP/tty" 2>&1
	grep -q '\[#*-*\] [0-9]*/600 .* left' "$TMP/tty" && ok "progress bar on a terminal" \
		|| fail "progress bar on a terminal" "$(tail -c 300 "$TMP/tty")"
fi
"$GALLEY" batch --force -j 2 --to xml -o "$TMP/tty-out" "$MANY" 2>"$TMP/err"
! grep -q "$(printf '\r')" "$TMP/err" && grep -q '^galley: batch: 600 articles: 600 converted, 0 failed' "$TMP/err" \
	&& ok "plain progress lines when stderr is a file" || fail "plain progress lines when stderr is a file" "$(cat "$TMP/err")"

# ------------------------------------------------------ PDF and EPUB outputs
# The back ends are checked, not assumed: a missing one is a failure here.
SAMPLE=$IN/one.xml
if "$GALLEY" pdf -o "$TMP/probe.pdf" "$SAMPLE" >/dev/null 2>"$TMP/err" && qpdf --check "$TMP/probe.pdf" >/dev/null 2>&1; then
	ok "pdf backend available"
	PDF=1
else
	fail "pdf backend available" "$(cat "$TMP/err")"
	PDF=0
fi
if "$GALLEY" epub -o "$TMP/probe.epub" "$SAMPLE" >/dev/null 2>"$TMP/err" && unzip -tq "$TMP/probe.epub" >/dev/null 2>&1; then
	ok "epub backend available"
	EPUB=1
else
	fail "epub backend available" "$(cat "$TMP/err")"
	EPUB=0
fi
# ------------------------------------------------- recipes from the README
# They run as written there, with galley found on PATH; with the tree when
# a back end is missing (that is a failure above).
mkdir -p "$TMP/bin"
ln -s "$GALLEY" "$TMP/bin/galley"
if [ $PDF = 1 ] && [ $EPUB = 1 ]; then
	CONVERT='galley pdf -o out/{/.}.pdf {} && galley epub -o out/{/.}.epub {}'
	RETURN='--return out/{/.}.pdf --return out/{/.}.epub'
	WANT="one.epub one.pdf three.epub three.pdf two.epub two.pdf"
else
	CONVERT='galley tree -o out/{/.}.xml {}'
	RETURN='--return out/{/.}.xml'
	WANT="one.xml three.xml two.xml"
fi
# GNU Parallel across hosts; --sshlogin : is this machine (no ssh, no copies).
mkdir -p "$TMP/par/articles"
cp "$IN"/one.xml "$IN"/two.xml "$IN"/three.xml "$TMP/par/articles/"
(cd "$TMP/par" && find articles -name '*.xml' |
	PATH=$TMP/bin:$PATH HOME=$TMP parallel --sshlogin : --transferfile {} $RETURN --cleanup \
	"mkdir -p out && $CONVERT") >"$TMP/out" 2>"$TMP/err"
rc=$?
got=$(ls "$TMP/par/out" 2>/dev/null | tr '\n' ' ')
[ $rc -eq 0 ] && [ "$got" = "$WANT " ] && [ -s "$TMP/par/articles/one.xml" ] \
	&& ok "GNU Parallel recipe on the local host" \
	|| fail "GNU Parallel recipe on the local host" "exit $rc, outputs: $got: $(cat "$TMP/err")"
cp "$IN/broken.xml" "$TMP/par/articles/"
(cd "$TMP/par" && find articles -name '*.xml' |
	PATH=$TMP/bin:$PATH HOME=$TMP parallel --sshlogin : "mkdir -p out && $CONVERT") >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ] && ok "GNU Parallel exits with the number of failed articles" || fail "GNU Parallel exits with the failures" "exit $rc"

# make -j with pattern rules
mkdir -p "$TMP/mk/articles"
cp "$IN"/one.xml "$IN"/two.xml "$IN"/three.xml "$TMP/mk/articles/"
if [ $PDF = 1 ] && [ $EPUB = 1 ]; then
	cat > "$TMP/mk/Makefile" <<'EOF'
ARTICLES := $(wildcard articles/*.xml)
all: $(ARTICLES:articles/%.xml=out/%.pdf) $(ARTICLES:articles/%.xml=out/%.epub)
out/%.pdf: articles/%.xml
	@mkdir -p $(@D)
	galley pdf -o $@ $<
out/%.epub: articles/%.xml
	@mkdir -p $(@D)
	galley epub -o $@ $<
EOF
else
	cat > "$TMP/mk/Makefile" <<'EOF'
ARTICLES := $(wildcard articles/*.xml)
all: $(ARTICLES:articles/%.xml=out/%.xml)
out/%.xml: articles/%.xml
	@mkdir -p $(@D)
	galley tree -o $@ $<
EOF
fi
PATH=$TMP/bin:$PATH make -s -j2 -C "$TMP/mk" >"$TMP/out" 2>&1
rc=$?
got=$(ls "$TMP/mk/out" 2>/dev/null | tr '\n' ' ')
[ $rc -eq 0 ] && [ "$got" = "$WANT " ] && ok "make -j2 recipe wrote every output" \
	|| fail "make -j2 recipe wrote every output" "exit $rc, outputs: $got: $(cat "$TMP/out")"
PATH=$TMP/bin:$PATH make -j2 -C "$TMP/mk" 2>&1 | grep -q "Nothing to be done" && ok "make recipe rerun does nothing" \
	|| fail "make recipe rerun does nothing"
cp "$IN/broken.xml" "$TMP/mk/articles/"
PATH=$TMP/bin:$PATH make -s -k -j2 -C "$TMP/mk" >"$TMP/out" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q "^galley: articles/broken.xml:" "$TMP/out" && ! ls -a "$TMP/mk/out" | grep -q '^\.[^.]' \
	&& ok "make recipe: a broken article fails make, no partial file" \
	|| fail "make recipe: a broken article fails make, no partial file" "exit $rc: $(cat "$TMP/out")"

BOOKS=""
[ $PDF = 1 ] && BOOKS=pdf
[ $EPUB = 1 ] && BOOKS=${BOOKS:+$BOOKS,}epub
# valid FILE: a PDF that qpdf accepts or an EPUB that unzips
valid() {
	case $1 in
	*.pdf) qpdf --check "$1" >/dev/null 2>&1 ;;
	*.epub) unzip -tq "$1" >/dev/null 2>&1 ;;
	esac
}
if [ -n "$BOOKS" ]; then
	EXTS=$(echo "$BOOKS" | tr ',' ' ')
	status_is "batch --to $BOOKS exits 1 with the broken file" 1 \
		"$GALLEY" batch -j 2 --to "$BOOKS" -o "$TMP/books" --report "$TMP/rb.json" "$IN"
	bad=""
	for g in $GOOD; do
		for e in $EXTS; do valid "$TMP/books/$g.$e" || bad="$bad $g.$e"; done
	done
	[ -z "$bad" ] && ok "every good article has a valid $BOOKS" || fail "every good article has a valid $BOOKS" "$bad"
	[ ! -e "$TMP/books/broken.pdf" ] && [ ! -e "$TMP/books/broken.epub" ] && ok "no book for the broken file" \
		|| fail "no book for the broken file"
	no_temp "$TMP/books" "no temporary file beside the books"
	SOURCE_DATE_EPOCH=0 "$GALLEY" batch --force --to "$BOOKS" -o "$TMP/books1" "$IN/one.xml" 2>/dev/null
	SOURCE_DATE_EPOCH=0 "$GALLEY" batch --force -j 1 --to "$BOOKS" -o "$TMP/books2" "$IN/one.xml" 2>/dev/null
	same=1
	for e in $EXTS; do cmp -s "$TMP/books1/one.$e" "$TMP/books2/one.$e" || same=0; done
	[ $same = 1 ] && ok "batch $BOOKS are byte-identical with SOURCE_DATE_EPOCH" \
		|| fail "batch $BOOKS are byte-identical with SOURCE_DATE_EPOCH"
	cp "$GALLEY_TOP/layouts/article-a4.xml" "$TMP/layout.xml"
	"$GALLEY" batch --to "$BOOKS" -l "$TMP/layout.xml" -o "$TMP/books3" "$IN/one.xml" 2>"$TMP/err"
	sleep 0.02
	touch "$TMP/layout.xml"
	"$GALLEY" batch --to "$BOOKS" -l "$TMP/layout.xml" -o "$TMP/books3" --report "$TMP/rl.json" "$IN/one.xml" 2>>"$TMP/err"
	grep -q '"status": "ok"' "$TMP/rl.json" && ok "a newer layout makes the books stale" \
		|| fail "a newer layout makes the books stale" "$(cat "$TMP/err")"
	printf '<layout>broken' > "$TMP/bad-layout.xml"
	status_is "a broken layout fails the batch with 1" 1 \
		"$GALLEY" batch --to "$BOOKS" -l "$TMP/bad-layout.xml" -o "$TMP/books4" "$IN/one.xml" "$IN/two.xml"
	[ "$(grep -c "bad-layout.xml" "$TMP/err")" -ge 1 ] && [ ! -e "$TMP/books4/one.${EXTS%% *}" ] \
		&& ok "the broken layout is named, nothing written" || fail "the broken layout is named, nothing written" "$(cat "$TMP/err")"
fi
