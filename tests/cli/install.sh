# install.sh — `make install` honours PREFIX and DESTDIR and the installed program finds its data.
. "$GALLEY_TOP/tests/lib.sh"

root="$TMP/root"
if make -s -C "$GALLEY_TOP" install BUILD="$GALLEY_BUILD" PREFIX=/opt/galley DESTDIR="$root" >"$TMP/log" 2>&1; then
	ok "make install with PREFIX and DESTDIR"
else
	fail "make install with PREFIX and DESTDIR" "$(tail -5 "$TMP/log")"
fi
for f in bin/galley lib/galley/galley-pdf.so lib/galley/galley-fetch.so lib/galley/galley-avif.so lib/galley/galley-svg.so lib/galley/galley-images.so lib/galley/galley-md.so lib/galley/galley-subset.so lib/libgalley.a include/galley.h lib/pkgconfig/galley.pc share/man/man1/galley.1; do
	[ -f "$root/opt/galley/$f" ] && ok "installed $f" || fail "installed $f"
done
grep -q '^prefix=/opt/galley$' "$root/opt/galley/lib/pkgconfig/galley.pc" && ok "galley.pc names the prefix" \
	|| fail "galley.pc names the prefix"
PKG_CONFIG_PATH="$root/opt/galley/lib/pkgconfig" pkg-config --validate galley && ok "galley.pc is valid" \
	|| fail "galley.pc is valid"
man -l "$root/opt/galley/share/man/man1/galley.1" >/dev/null 2>&1 || groff -man -Tutf8 "$root/opt/galley/share/man/man1/galley.1" >/dev/null 2>&1 \
	&& ok "man page formats" || fail "man page formats"
"$root/opt/galley/bin/galley" --version >/dev/null && ok "installed program runs" || fail "installed program runs"
# the installed program finds its data and its PDF module beside it
for to in pdf epub; do
	"$root/opt/galley/bin/galley" $to -o "$TMP/inst.$to" "$GALLEY_TOP/samples/harbour-ferry.txt" >"$TMP/log" 2>&1 \
		&& [ -s "$TMP/inst.$to" ] && ok "installed program writes $to" || fail "installed program writes $to" "$(cat "$TMP/log")"
done
# and its modules in lib/galley: the Markdown reader, the image decoders
printf '# Moored\n\nThe ferry waits.\n\n![The quay](photo.png)\n' > "$TMP/inst.md"
cp "$GALLEY_TOP/tests/fuzz/images/photo.png" "$TMP/photo.png"
"$root/opt/galley/bin/galley" epub -o "$TMP/inst-md.epub" "$TMP/inst.md" >"$TMP/log" 2>&1 &&
	[ ! -s "$TMP/log" ] && unzip -l "$TMP/inst-md.epub" | grep -q 'images/.*\.png' &&
	ok "installed program reads Markdown and its PNG image (modules in lib/galley)" ||
	fail "installed program reads Markdown and its PNG image (modules in lib/galley)" "$(cat "$TMP/log")"
if [ -d "$GALLEY_TOP/layouts" ] && ls "$GALLEY_TOP"/layouts/*.xml >/dev/null 2>&1; then
	[ -f "$root/opt/galley/share/galley/layouts/article-a4.xml" ] && ok "layouts installed" || fail "layouts installed"
fi
make -s -C "$GALLEY_TOP" uninstall BUILD="$GALLEY_BUILD" PREFIX=/opt/galley DESTDIR="$root" >/dev/null 2>&1
[ ! -e "$root/opt/galley/bin/galley" ] && [ ! -e "$root/opt/galley/share/galley" ] && [ ! -e "$root/opt/galley/lib/galley" ] \
	&& ok "make uninstall removes it" \
	|| fail "make uninstall removes it"
