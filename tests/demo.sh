#!/bin/sh
# demo.sh GALLEY — converts samples/ into out/: the tree, a PDF and an EPUB of
# each sample, and a digest PDF and EPUB of them all.
set -u
GALLEY=${1:-build/galley}
mkdir -p out
status=0
for s in samples/*; do
	[ -f "$s" ] || continue
	case "$s" in *.png|*.jpg|*.jpeg) continue ;; esac
	base=${s##*/}; base=${base%.*}
	for fmt in tree pdf epub; do
		ext=$fmt; [ "$fmt" = tree ] && ext=xml
		if "$GALLEY" "$fmt" -o "out/$base.$ext" "$s"; then
			echo "out/$base.$ext"
		else
			status=1
		fi
	done
done
set -- $(ls samples/*.txt samples/*.md samples/*.html samples/*.rss 2>/dev/null)
for fmt in pdf epub; do
	if "$GALLEY" "$fmt" --title "galley samples" -o "out/digest.$fmt" "$@"; then
		echo "out/digest.$fmt"
	else
		status=1
	fi
done
exit $status
