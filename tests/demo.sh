#!/bin/sh
# demo.sh GALLEY — converts samples/ into out/: the tree, a PDF and an EPUB of
# each sample, and a digest PDF and EPUB of them all.  The samples name
# some images by URL on hosts of their own invention: the demo runs
# --offline, so that it never asks the network for them.
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
		if "$GALLEY" "$fmt" --offline -o "out/$base.$ext" "$s"; then
			echo "out/$base.$ext"
		else
			status=1
		fi
	done
done
set -- $(ls samples/*.txt samples/*.md samples/*.html samples/*.rss 2>/dev/null)
for fmt in pdf epub; do
	if "$GALLEY" "$fmt" --offline --title "galley samples" -o "out/digest.$fmt" "$@"; then
		echo "out/digest.$fmt"
	else
		status=1
	fi
done
exit $status
