# hostile_output.sh — outputs in a hostile place (issue 14): a full disk,
# links out of a batch's input folder, an output that is its own input,
# signals and killed batches, and option changes between batch runs.  A
# failed write exits 1 and leaves the earlier output exactly as it was;
# nothing galley made for itself stays behind.  The full-disk cases mount
# small tmpfs folders and run only as root.
. "$GALLEY_TOP/tests/lib.sh"
# no cache of the user's: the font copies are made here once
export XDG_CACHE_HOME="$TMP/cache"
MOUNTS=""
trap 'for m in $MOUNTS; do umount "$m" 2>/dev/null; done; rm -rf "$TMP"' EXIT

IN=$TMP/in
mkdir -p "$IN"
article() {   # article FILE TITLE [PARAGRAPHS]: a plain-text article
	{
		printf '%s\n\n' "$2"
		i=0
		while [ $i -lt "${3:-3}" ]; do
			printf 'Paragraph %d of "%s" -- with a few quoted words... and more of them.\n\n' $i "$2"
			i=$((i + 1))
		done
	} > "$1"
}
article "$IN/one.txt" "The first article" 40
article "$IN/two.txt" "The second article"
article "$IN/big.txt" "A big article" 400

# temps DIR: galley's temporary files (.NAME.PID.XXXXXX) under DIR
temps() { find "$1" -name '.*.*.*' -type f ! -name .galley-manifest 2>/dev/null; }
no_temp() {
	t=$(temps "$1")
	[ -z "$t" ] && ok "$2" || fail "$2" "$t"
}
# report_status REPORT INPUT-NAME: the status of that article in the report
report_status() {
	python3 -c 'import json, sys
for a in json.load(open(sys.argv[1]))["articles"]:
    if a["input"].endswith("/" + sys.argv[2]): print(a["status"])' "$1" "$2"
}

# ------------------------------------------------------------- full disk
# fill DIR KIB: leave about KIB KiB free on the file system of DIR
fill() {
	rm -f "$1/fill"
	avail=$(df -k --output=avail "$1" | tail -n 1)
	[ "$avail" -gt "$2" ] && dd if=/dev/zero of="$1/fill" bs=1k count=$((avail - $2)) 2>/dev/null
	:
}
# mount_small DIR SIZE: a tmpfs of SIZE at DIR, unmounted on exit
mount_small() {
	mkdir -p "$1" && mount -t tmpfs -o "size=$2" tmpfs "$1" && MOUNTS="$MOUNTS $1"
}

if [ "$(id -u)" -ne 0 ]; then
	ok "full disk: # SKIP not root, cannot mount a small tmpfs"
elif ! mount_small "$TMP/full" 512k; then
	ok "full disk: # SKIP cannot mount a tmpfs here"
else
	F=$TMP/full
	for fmt in pdf epub tree; do
		"$GALLEY" $fmt -o "$F/o.$fmt" "$IN/big.txt" 2>/dev/null
		cp "$F/o.$fmt" "$TMP/good.$fmt"
		for free in 4 8 12 16; do
			fill "$F" $free
			status_is "full disk ($free KiB free): $fmt exits 1" 1 "$GALLEY" $fmt -o "$F/o.$fmt" "$IN/big.txt"
			grep -q "^galley: $F/o.$fmt: .*No space left" "$TMP/err" \
				&& ok "full disk ($free KiB free): $fmt says why" \
				|| fail "full disk ($free KiB free): $fmt says why" "$(cat "$TMP/err")"
			cmp -s "$F/o.$fmt" "$TMP/good.$fmt" && ok "full disk ($free KiB free): the earlier $fmt is intact" \
				|| fail "full disk ($free KiB free): the earlier $fmt is intact" "$(ls -l "$F")"
			no_temp "$F" "full disk ($free KiB free): no temporary file left by $fmt"
		done
		rm -f "$F/fill" "$F/o.$fmt"
	done
	qpdf --check "$TMP/good.pdf" >/dev/null 2>&1 && ok "full disk: the PDF kept is whole" \
		|| fail "full disk: the PDF kept is whole"

	# a batch that runs out of room: failures, never empty or cut outputs
	B=$TMP/full/out
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do article "$IN/b$i.txt" "Batch article $i" 30; done
	mkdir -p "$TMP/bin" && for i in 1 2 3 4 5 6 7 8 9 10 11 12; do mv "$IN/b$i.txt" "$TMP/bin/"; done
	fill "$F" 120
	status_is "full disk: a batch that runs out of room exits 1" 1 \
		"$GALLEY" batch -j 2 --to pdf -o "$B" "$TMP/bin"
	bad=$(for p in "$B"/*.pdf; do [ -f "$p" ] || continue; qpdf --check "$p" >/dev/null 2>&1 || echo "$p"; done)
	[ -z "$bad" ] && ok "full disk: every PDF the batch left is whole" || fail "full disk: every PDF the batch left is whole" "$(ls -l $bad)"
	no_temp "$B" "full disk: the batch leaves no temporary file"
	rm -f "$F/fill"
	status_is "full disk: with room again, the rerun exits 0" 0 \
		"$GALLEY" batch -j 2 --to pdf -o "$B" "$TMP/bin"
	n=$(for p in "$B"/*.pdf; do qpdf --check "$p" >/dev/null 2>&1 && echo "$p"; done | wc -l)
	[ "$n" -eq 12 ] && ok "full disk: the rerun made the missing PDFs" || fail "full disk: the rerun made the missing PDFs" "$n whole PDFs"
fi

# an empty output, or one cut short, is never up to date
O=$TMP/o-empty
"$GALLEY" batch --to xml -o "$O" "$IN/one.txt" "$IN/two.txt" 2>/dev/null
: > "$O/one.xml"
head -c 100 "$O/two.xml" > "$TMP/cut" && cat "$TMP/cut" > "$O/two.xml"
touch -d '+1 minute' "$O/one.xml" "$O/two.xml"
"$GALLEY" batch --to xml -o "$O" --report "$TMP/re.json" "$IN/one.txt" "$IN/two.txt" 2>/dev/null
[ "$(report_status "$TMP/re.json" one.txt)" = ok ] && [ -s "$O/one.xml" ] \
	&& ok "an empty output is not up to date: the rerun makes it again" \
	|| fail "an empty output is not up to date: the rerun makes it again" "$(cat "$TMP/re.json")"
[ "$(report_status "$TMP/re.json" two.txt)" = ok ] && tail -n 1 "$O/two.xml" | grep -q '</galley>' \
	&& ok "an output cut short is not up to date: the rerun makes it again" \
	|| fail "an output cut short is not up to date: the rerun makes it again" "$(cat "$TMP/re.json")"

# ------------------------------------------------- links out of the folder
L=$TMP/links
mkdir -p "$L/in/sub" "$TMP/private"
printf 'SECRET-TITLE-LINE\n\nroot:$6$hash:19000:0:99999:7:::\n' > "$TMP/private/shadow.txt"
ln -s "$TMP/private/shadow.txt" "$L/in/x.txt"
ln -s ../../private/shadow.txt "$L/in/sub/rel.txt"
article "$L/in/sub/real.txt" "A real article"
ln -s sub/real.txt "$L/in/inside.txt"
"$GALLEY" batch --to xml -o "$L/out" "$L/in" 2>"$TMP/err"
[ ! -e "$L/out/x.xml" ] && [ ! -e "$L/out/sub/rel.xml" ] && ! grep -rq SECRET "$L/out" \
	&& ok "batch: a link out of the input folder is not read" \
	|| fail "batch: a link out of the input folder is not read" "$(ls -R "$L/out")"
grep -q "galley: $L/in/x.txt: warning: .*outside" "$TMP/err" && ok "batch: the link out is named in a warning" \
	|| fail "batch: the link out is named in a warning" "$(cat "$TMP/err")"
grep -q 'A real article' "$L/out/inside.xml" 2>/dev/null && ok "batch: a link that stays inside the folder is read" \
	|| fail "batch: a link that stays inside the folder is read" "$(ls -R "$L/out")"
"$GALLEY" batch --to xml -o "$L/named" "$L/in/x.txt" 2>/dev/null
grep -q SECRET "$L/named/x.xml" 2>/dev/null && ok "batch: a link named on the command line is the user's choice" \
	|| fail "batch: a link named on the command line is the user's choice"

# ---------------------------------------------- an output that is an input
S=$TMP/same
mkdir -p "$S"
article "$S/a.txt" "An article to keep"
cp "$S/a.txt" "$TMP/a.orig"
ln -s a.txt "$S/link.pdf"
ln "$S/a.txt" "$S/hard.epub"
status_is "pdf -o a.txt a.txt exits 1" 1 "$GALLEY" pdf -o "$S/a.txt" "$S/a.txt"
grep -q "^galley: $S/a.txt: .*input" "$TMP/err" && ok "pdf -o a.txt a.txt says why" \
	|| fail "pdf -o a.txt a.txt says why" "$(cat "$TMP/err")"
status_is "pdf -o LINK-TO-INPUT exits 1" 1 "$GALLEY" pdf -o "$S/link.pdf" "$S/a.txt"
status_is "epub -o HARD-LINK-TO-INPUT exits 1" 1 "$GALLEY" epub -o "$S/hard.epub" "$S/a.txt"
status_is "a digest onto its second input exits 1" 1 "$GALLEY" pdf -o "$S/a.txt" "$IN/two.txt" "$S/a.txt"
status_is "tree -o a.txt a.txt exits 1" 1 "$GALLEY" tree -o "$S/a.txt" "$S/a.txt"
cmp -s "$S/a.txt" "$TMP/a.orig" && [ -L "$S/link.pdf" ] && ok "the input is left as it was" \
	|| fail "the input is left as it was"
"$GALLEY" tree -o "$S/t.xml" "$S/a.txt" 2>/dev/null && cp "$S/t.xml" "$TMP/t.orig"
status_is "batch --to xml into the input's own folder exits 1" 1 "$GALLEY" batch --to xml -o "$S" "$S/t.xml"
grep -q "galley: $S/t.xml: .*input" "$TMP/err" && cmp -s "$S/t.xml" "$TMP/t.orig" \
	&& ok "batch: an output that is its input is named and left as it was" \
	|| fail "batch: an output that is its input is named and left as it was" "$(cat "$TMP/err")"
no_temp "$S" "same file: no temporary file left"

# ---------------------------------------------------------------- signals
G=$TMP/sig
mkdir -p "$G"
article "$G/long.txt" "A long article" 20000
# wait_for PATTERN: until a file matching the shell PATTERN exists (10 s)
wait_for() {
	i=0
	while [ $i -lt 1000 ]; do
		for f in $1; do [ -e "$f" ] && return 0; done
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}
# default_signals CMD...: CMD with SIGINT as a terminal gives it (a shell
# starts a background job with SIGINT ignored)
default_signals() {
	exec python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}
for sig in INT TERM; do
	rm -f "$G/o.pdf"
	default_signals "$GALLEY" pdf -o "$G/o.pdf" "$G/long.txt" 2>/dev/null &
	pid=$!
	wait_for "$G/.o.pdf.*" || fail "SIG$sig: the temporary file never appeared"
	kill -$sig $pid
	wait $pid; rc=$?
	[ $rc -gt 128 ] && ok "SIG$sig: a single pdf dies of the signal ($rc)" || fail "SIG$sig: a single pdf dies of the signal" "exit $rc"
	no_temp "$G" "SIG$sig: a single pdf leaves no temporary file"
	[ ! -e "$G/o.pdf" ] && ok "SIG$sig: and no output" || fail "SIG$sig: and no output"
done

# without a cache, the font copies go to a temporary folder: a signal
# removes it too
mkdir -p "$G/tmp"
XDG_CACHE_HOME=/proc/no-cache TMPDIR="$G/tmp" "$GALLEY" pdf -o "$G/n.pdf" "$G/long.txt" 2>/dev/null &
pid=$!
wait_for "$G/tmp/galley-fonts.*/*" || fail "no cache: the font folder never appeared"
kill -TERM $pid
wait $pid
left=$(ls -A "$G/tmp")
[ -z "$left" ] && ok "no cache: SIGTERM removes the temporary font folder" \
	|| fail "no cache: SIGTERM removes the temporary font folder" "$left"
no_temp "$G" "no cache: SIGTERM leaves no temporary output"

# stale temporary files of killed batches are removed by the next run; live
# ones (their process alive, or their lock held, even from another machine)
# are not
K=$TMP/killed
mkdir -p "$K/out"
sh -c 'exit 0' & dead=$!
wait $dead
: > "$K/out/.one.xml.$dead.AbC123"
: > "$K/out/.gone.pdf.$dead.XyZ789"
: > "$K/out/.two.xml.$$.LiVe01"
exec 9>>"$K/out/.two.xml.$$.LiVe01"
flock -x 9
: > "$K/out/.one.xml.$dead.LoCk02"
exec 8>>"$K/out/.one.xml.$dead.LoCk02"
flock -x 8
: > "$K/out/.notes.txt"
"$GALLEY" batch --to xml -o "$K/out" "$IN/one.txt" "$IN/two.txt" 2>/dev/null
[ ! -e "$K/out/.one.xml.$dead.AbC123" ] && [ ! -e "$K/out/.gone.pdf.$dead.XyZ789" ] \
	&& ok "a rerun removes the temporary files of a killed batch" \
	|| fail "a rerun removes the temporary files of a killed batch" "$(ls -A "$K/out")"
[ -e "$K/out/.two.xml.$$.LiVe01" ] && [ -e "$K/out/.one.xml.$dead.LoCk02" ] && [ -e "$K/out/.notes.txt" ] \
	&& ok "a rerun leaves live temporary files and other files alone" \
	|| fail "a rerun leaves live temporary files and other files alone" "$(ls -A "$K/out")"

# a real kill -9 of a batch and its workers, then a rerun
for i in 1 2 3 4 5 6; do article "$K/in-$i.txt" "Killed batch article $i" 400; done
"$GALLEY" batch -j 2 --to pdf -o "$K/out2" "$K"/in-*.txt 2>/dev/null &
pid=$!
wait_for "$K/out2/.*.pdf.*"
workers=$(pgrep -P $pid)
for w in $workers; do kill -KILL "$w"; done
kill -KILL $pid
wait $pid 2>/dev/null
# a killed process takes a moment to die on a busy machine, and until it is
# dead (or a zombie) its temporary file is live: wait for that, then rerun
for w in $workers; do
	i=0
	while [ $i -lt 500 ] && [ -e "/proc/$w/stat" ] && ! grep -q ') Z ' "/proc/$w/stat" 2>/dev/null; do
		sleep 0.01; i=$((i + 1))
	done
done
"$GALLEY" batch -j 2 --to pdf -o "$K/out2" "$K"/in-*.txt 2>/dev/null
no_temp "$K/out2" "after kill -9 of a batch, the rerun leaves no temporary file"

# a worker of batch A that crashes does not sweep batch B's live files
C=$TMP/crash
mkdir -p "$C/out"
cp "$G/long.txt" "$C/a1.txt"
: > "$C/out/.a1.pdf.$$.BbBbB1"
exec 7>>"$C/out/.a1.pdf.$$.BbBbB1"
flock -x 7
"$GALLEY" batch -j 1 --to pdf -o "$C/out" "$C/a1.txt" 2>/dev/null &
pid=$!
i=0
while [ $i -lt 1000 ] && [ "$(temps "$C/out" | grep -vc "\.$$\.")" -eq 0 ]; do sleep 0.01; i=$((i + 1)); done
for w in $(pgrep -P $pid); do kill -KILL "$w"; done
wait $pid
[ -e "$C/out/.a1.pdf.$$.BbBbB1" ] && ok "a crashed worker leaves another batch's live temporary file" \
	|| fail "a crashed worker leaves another batch's live temporary file" "$(ls -A "$C/out")"
[ -z "$(temps "$C/out" | grep -v "\.$$\.")" ] && ok "a crashed worker's own temporary file is removed" \
	|| fail "a crashed worker's own temporary file is removed" "$(ls -A "$C/out")"
exec 7>&- 8>&- 9>&-

# ------------------------------------------------- incremental and options
M=$TMP/man
"$GALLEY" batch --to xml,pdf -o "$M" "$IN/two.txt" 2>/dev/null
python3 -c 'import json, sys; json.load(open(sys.argv[1]))["outputs"]["two.pdf"]["made_with"]' "$M/.galley-manifest" \
	&& ok "the manifest records what made each output" || fail "the manifest records what made each output"
rerun() {   # rerun NAME ARGS...: a rerun with ARGS; $st is two.txt's status
	name=$1; shift
	"$GALLEY" batch "$@" -o "$M" --report "$TMP/m.json" "$IN/two.txt" 2>/dev/null
	st=$(report_status "$TMP/m.json" two.txt)
}
rerun same --to xml,pdf
[ "$st" = skipped ] && ok "a rerun with the same options skips" || fail "a rerun with the same options skips" "$st"
rerun layout --to pdf -l magazine-a4
[ "$st" = ok ] && ok "another layout redoes the PDF" || fail "another layout redoes the PDF" "$st"
rerun layout2 --to pdf -l magazine-a4
[ "$st" = skipped ] && ok "and the same layout again skips it" || fail "and the same layout again skips it" "$st"
rerun no-smart --to xml --no-smart
[ "$st" = ok ] && grep -q '"' "$M/two.xml" && ok "--no-smart redoes the tree" || fail "--no-smart redoes the tree" "$st"
rerun hyphen --to pdf -l magazine-a4 --no-hyphenate
[ "$st" = ok ] && ok "--no-hyphenate redoes the PDF" || fail "--no-hyphenate redoes the PDF" "$st"
sed -i 's/"made_with": *"galley [^;]*;/"made_with": "galley 0.0.1;/' "$M/.galley-manifest"
rerun version --to xml --no-smart
[ "$st" = ok ] && ok "an output of another galley version is redone" || fail "an output of another galley version is redone" "$st"
rerun version2 --to xml --no-smart
[ "$st" = skipped ] && ok "and then is up to date" || fail "and then is up to date" "$st"
cp "$GALLEY_TOP/layouts/article-a4.xml" "$TMP/lay.xml"
rerun own --to pdf -l "$TMP/lay.xml"
sed -i 's/<layout/<!-- changed --><layout/' "$TMP/lay.xml"
touch -d '-1 hour' "$TMP/lay.xml"
rerun own2 --to pdf -l "$TMP/lay.xml"
[ "$st" = ok ] && ok "a changed layout file redoes the PDF, whatever its time" || fail "a changed layout file redoes the PDF, whatever its time" "$st"
no_temp "$M" "the manifest leaves no temporary file"
