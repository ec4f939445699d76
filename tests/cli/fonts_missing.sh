# fonts_missing.sh — a face of galley's font set whose package is not
# installed: one warning naming the face and its Debian package, the PDF is
# still made, and the dehinted copies of the other faces are made once into
# the cache, not again on every run.  A family missing altogether is an
# error that names it.
. "$(dirname "$0")/../lib.sh"
ARTICLE="$SHARED/corpus/txt/korea-hotlines/input.txt"

# A data folder like the installed one, with links that lead nowhere in
# place of the faces listed as BROKEN.
datadir() {
	d=$1; shift
	mkdir -p "$d/fonts"
	cp -R "$GALLEY_TOP/layouts" "$GALLEY_TOP/data" "$d/"
	cp "$GALLEY_TOP/fonts/fonts.conf" "$GALLEY_TOP/fonts/packages.txt" "$d/fonts/"
	cp -RP "$GALLEY_TOP/fonts/files" "$d/fonts/"
	for face in "$@"; do
		rm -f "$d/fonts/files/$face"
		ln -s "/usr/share/fonts/not-installed/$face" "$d/fonts/files/$face"
	done
}

datadir "$TMP/one" NotoSans-Italic.ttf
export XDG_CACHE_HOME="$TMP/cache" TMPDIR="$TMP/tmp" SOURCE_DATE_EPOCH=1700000000
mkdir -p "$TMP/tmp"
GALLEY_DATADIR="$TMP/one" "$GALLEY" pdf -o "$TMP/a.pdf" "$ARTICLE" 2>"$TMP/err1"
rc=$?
[ $rc -eq 0 ] && [ -s "$TMP/a.pdf" ] && ok "fonts: a missing face still gives the PDF" \
	|| fail "fonts: a missing face still gives the PDF" "exit $rc: $(cat "$TMP/err1")"
n=$(grep -c 'warning: font face NotoSans-Italic.ttf is missing' "$TMP/err1")
[ "$n" = 1 ] && ok "fonts: one warning for the missing face" \
	|| fail "fonts: one warning for the missing face" "$n warnings: $(cat "$TMP/err1")"
check "fonts: the warning names the Debian package" grep -q 'install the Debian package fonts-noto-core' "$TMP/err1"
[ "$(grep -c . "$TMP/err1")" = 1 ] && ok "fonts: nothing else is said" || fail "fonts: nothing else is said" "$(cat "$TMP/err1")"

# The copies were made into the cache from the faces present; the second
# run uses them: the same folder, untouched, and no other.
set -- "$TMP"/cache/galley/fonts-*
if [ $# -eq 1 ] && [ -d "$1" ] && [ ! -e "$1/NotoSans-Italic.ttf" ] && [ -s "$1/NotoSans-Regular.ttf" ]; then
	ok "fonts: the cache folder is made of the faces present"
else
	fail "fonts: the cache folder is made of the faces present" "$(ls -d "$TMP"/cache/galley/fonts-* 2>&1)"
fi
before=$(ls -lid --time-style=full-iso "$1" "$1/NotoSans-Regular.ttf")
GALLEY_DATADIR="$TMP/one" "$GALLEY" pdf -o "$TMP/b.pdf" "$ARTICLE" 2>"$TMP/err2"
after=$(ls -lid --time-style=full-iso "$1" "$1/NotoSans-Regular.ttf")
[ "$before" = "$after" ] && [ "$(ls "$TMP"/cache/galley | grep -c '^fonts-')" = 1 ] \
	&& ok "fonts: the second run reuses the cache folder" \
	|| fail "fonts: the second run reuses the cache folder" "$before / $after"
check "fonts: the second run warns again, once" test "$(grep -c 'is missing' "$TMP/err2")" = 1
check "fonts: both runs give the same PDF" cmp -s "$TMP/a.pdf" "$TMP/b.pdf"

# Every face of the body's family missing: an error naming the family.
datadir "$TMP/none" CharisSIL-Regular.ttf CharisSIL-Bold.ttf CharisSIL-Italic.ttf CharisSIL-BoldItalic.ttf
status_is "fonts: a layout's family missing altogether is an error" 1 \
	env GALLEY_DATADIR="$TMP/none" "$GALLEY" pdf -o "$TMP/c.pdf" "$ARTICLE"
check "fonts: the error names the family" grep -q "font 'Charis SIL' (role body) is not installed" "$TMP/err"
check "fonts: and the package to install" grep -q 'fonts-sil-charis' "$TMP/err"
check "fonts: no PDF is left" test ! -e "$TMP/c.pdf"
