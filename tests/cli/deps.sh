# deps.sh — `make deps` installs everything galley and its tests read from
# Debian packages: each font face fonts/files links to, the hyphenation
# dictionary, the sRGB profile of the PDF's output intent, epubcheck's jar
# and the programs the tests run.  A file that
# comes from a package missing from the Makefile's DEBS would work on a
# machine where someone installed it by hand and fail on a fresh one, so
# each file's package (dpkg -S) must be in DEBS, or for programs in what
# DEBS pulls in.
. "$(dirname "$0")/../lib.sh"

if ! command -v dpkg >/dev/null 2>&1; then
	ok "# SKIP not a Debian system: packages are not checked"; exit 0
fi
DEBS=" $(make -s --no-print-directory -C "$GALLEY_TOP" print-debs) "

# package_of FILE: the package that installed FILE (symbolic links resolved;
# /bin and /usr/bin are one folder on Debian 12), or nothing.
package_of() {
	real=$(readlink -f "$1") || return
	for p in "$real" "$(printf '%s' "$real" | sed 's|^/usr/|/|')"; do
		pkg=$(dpkg -S "$p" 2>/dev/null | grep -v '^diversion' | head -n 1 | cut -d: -f1)
		[ -n "$pkg" ] && { echo "$pkg"; return; }
	done
}

in_debs() { case "$DEBS" in *" $1 "*) return 0 ;; esac; return 1; }

# listed_package BASE: the package fonts/packages.txt names for a face.
listed_package() {
	while read -r pkg pats; do
		case "$pkg" in ''|'#'*) continue ;; esac
		for pat in $pats; do
			# shellcheck disable=SC2254
			case "$1" in $pat) echo "$pkg"; return ;; esac
		done
	done < "$GALLEY_TOP/fonts/packages.txt"
}

# Font faces (files/, and scripts/: the faces added once a document needs them): each link resolves, to a file of a package listed in DEBS,
# the package fonts/packages.txt names for it (galley's warning quotes it).
for link in "$GALLEY_TOP"/fonts/files/* "$GALLEY_TOP"/fonts/scripts/*; do
	base=${link##*/}; dir=${link%/*}; dir=${dir##*/}
	if [ ! -e "$link" ]; then
		fail "fonts/$dir/$base resolves" "$(readlink "$link") does not exist"; continue
	fi
	pkg=$(package_of "$link")
	if [ -z "$pkg" ]; then
		fail "fonts/$dir/$base comes from a package" "dpkg -S finds no package for $(readlink -f "$link")"
	elif ! in_debs "$pkg"; then
		fail "fonts/$dir/$base: its package is in DEBS" "$pkg is not in the Makefile's DEBS"
	elif [ "$(listed_package "$base")" != "$pkg" ]; then
		fail "fonts/$dir/$base: fonts/packages.txt names $pkg" "it names '$(listed_package "$base")'"
	else
		ok "fonts/$dir/$base comes from $pkg, in DEBS"
	fi
done

# Data files the tests and the shipped layouts read from packages.
for f in /usr/share/hyphen/hyph_en_US.dic /usr/share/hyphen/hyph_de_DE.dic \
	/usr/share/hyphen/hyph_ru_RU.dic /usr/share/hyphen/hyph_ta_IN.dic /usr/share/java/epubcheck.jar \
	/usr/share/color/icc/sRGB.icc; do
	pkg=$(package_of "$f")
	if [ -n "$pkg" ] && in_debs "$pkg"; then ok "$f comes from $pkg, in DEBS"
	else fail "$f comes from a package in DEBS" "package: '${pkg:-none}'"; fi
done

# Programs the tests run, found in the system's folders (not a user's):
# their package is in DEBS or installed by a package of DEBS.
CLOSURE=" $(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances $DEBS 2>/dev/null | grep -v '^ ' | tr '\n' ' ') "
for cmd in pdftotext pdfinfo pdffonts pdfimages pdftoppm qpdf unzip java python3 valgrind parallel clang; do
	path=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v "$cmd")
	pkg=${path:+$(package_of "$path")}
	case "$CLOSURE" in
	*" ${pkg:-?} "*) ok "program $cmd comes from $pkg, which make deps installs" ;;
	*) fail "program $cmd comes from a package make deps installs" "${path:-not found}: package '${pkg:-none}'" ;;
	esac
done
