# scripts_cut.sh — a PDF sets its CJK text in the CJK faces cut down to the
# characters it needs (src/fonts_cut.c): the font programs it embeds are
# small, and the text galley writes itself (a date in full, a digest's
# title), which the article does not have, still has its glyphs, as have
# the articles a batch sets after one with other characters (issue 15).
. "$(dirname "$0")/../lib.sh"

# The sizes of the CJK font programs (FontFile3) PDF embeds, one a line.
cat > "$TMP/cjk_fonts.py" <<'PY'
import re, subprocess, sys
pdf = sys.argv[1]
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                     capture_output=True).stdout
pdf += ".qdf"   # its objects are numbered as in the qdf
open(pdf, "wb").write(qdf)
for obj in re.split(rb"\nendobj\n", qdf):
    name = re.search(rb"/FontName /[A-Z]{6}\+(\S+CJK\S+)", obj)
    ref = re.search(rb"/FontFile3 (\d+) 0 R", obj)
    if name and ref:
        data = subprocess.run(["qpdf", "--show-object=" + ref.group(1).decode(),
                               "--filtered-stream-data", pdf], capture_output=True).stdout
        print(name.group(1).decode(), len(data))
PY

# cut: the font programs of a short article hold its glyphs, a few KB each
# (the whole faces' subroutines made them 150 to 250 KB)
for f in chinese-zh japanese korean; do
	"$GALLEY" pdf -o "$TMP/$f.pdf" "$GALLEY_TOP/samples/scripts/$f.txt" 2>/dev/null
	python3 "$TMP/cjk_fonts.py" "$TMP/$f.pdf" > "$TMP/sizes"
	if [ -s "$TMP/sizes" ] && awk '$2 >= 65536 {bad = 1} END {exit bad}' "$TMP/sizes"; then
		ok "scripts cut: the $f PDF embeds CJK font programs under 64 KB ($(tr '\n' ' ' < "$TMP/sizes"))"
	else
		fail "scripts cut: the $f PDF embeds CJK font programs under 64 KB" "$(cat "$TMP/sizes")"
	fi
done

# The date in full is galley's text: a Japanese article in kana alone
# still gets the kanji of 2026年12月7日, and a digest's front page those
# of the title it is given (摘要 is in none of its articles).
printf 'Title: ひらがなのぶんしょう\nDate: 2026-12-07\nLanguage: ja\n\nこれはひらがなだけでかいたぶんしょうです。\n' > "$TMP/kana.txt"
"$GALLEY" pdf -o "$TMP/kana.pdf" "$TMP/kana.txt" 2>"$TMP/err"
if ! grep -q "no glyph" "$TMP/err" && pdftotext "$TMP/kana.pdf" - | grep -q '2026年12月7日'; then
	ok "scripts cut: a kana article's date 2026年12月7日 has its glyphs"
else
	fail "scripts cut: a kana article's date 2026年12月7日 has its glyphs" \
		"$(cat "$TMP/err"; pdftotext "$TMP/kana.pdf" - | head -5)"
fi
"$GALLEY" pdf --layout digest-a5 --title '新闻摘要' -o "$TMP/digest.pdf" "$TMP/kana.txt" \
	"$GALLEY_TOP/samples/scripts/chinese-zh.txt" 2>"$TMP/err"
if ! grep -q "no glyph" "$TMP/err" && pdftotext -l 1 "$TMP/digest.pdf" - | grep -q '新闻摘要'; then
	ok "scripts cut: a digest's given title 新闻摘要 has its glyphs"
else
	fail "scripts cut: a digest's given title 新闻摘要 has its glyphs" \
		"$(cat "$TMP/err"; pdftotext "$TMP/digest.pdf" - | head -5)"
fi

# One process sets a Chinese article, then one with other characters: the
# second is set in a larger cut, every character with a glyph.
printf 'Title: 第二篇\nLanguage: zh-CN\n\n鲸鱼、骆驼和鹦鹉在动物园里。\n' > "$TMP/zh2.txt"
"$GALLEY" batch -j 1 --to pdf -o "$TMP/out" "$GALLEY_TOP/samples/scripts/chinese-zh.txt" \
	"$TMP/zh2.txt" >"$TMP/log" 2>&1
if ! grep -q "no glyph" "$TMP/log" && pdftotext "$TMP/out/zh2.pdf" - | grep -q '鲸鱼、骆驼和鹦鹉在动物园里'; then
	ok "scripts cut: a batch's second Chinese article has its own characters' glyphs"
else
	fail "scripts cut: a batch's second Chinese article has its own characters' glyphs" \
		"$(cat "$TMP/log"; ls "$TMP/out")"
fi

# The cuts live in a private folder of TMPDIR, removed when galley exits.
mkdir "$TMP/tmpdir"
TMPDIR="$TMP/tmpdir" "$GALLEY" pdf -o "$TMP/zh.pdf" "$GALLEY_TOP/samples/scripts/chinese-zh.txt" 2>/dev/null
left=$(ls -A "$TMP/tmpdir")
[ -z "$left" ] && ok "scripts cut: nothing is left in TMPDIR" ||
	fail "scripts cut: nothing is left in TMPDIR" "$left"
