#!/bin/sh
# bench_url.sh — a digest of 20 saved pages fetched from a web server on
# 127.0.0.1, beside the same pages read as files (issue 20).  The pages are
# the first 20 of ../shared/corpus/html with every image pointed at one of
# galley's own test images beside the page, so that both runs embed the same
# images: from the server in one, from the folder in the other.  The URL run
# is timed with an empty cache (every page and image downloaded) and with the
# cache of the run before (validators sent, 304s back).
: "${GALLEY:=build/galley}" "${GALLEY_TOP:=.}"
SHARED=$GALLEY_TOP/../shared
RUNS=${BENCH_RUNS:-5}
TMP=$(mktemp -d)
export SOURCE_DATE_EPOCH=1633046400
if [ ! -d "$SHARED/corpus/html" ]; then
	echo "bench url: the corpus is missing"; rm -rf "$TMP"; exit 0
fi

# The pages, with their images made local: img/1.png, img/2.jpg ...
python3 - "$SHARED/corpus/html" "$GALLEY_TOP" "$TMP/site" <<'EOF'
import os, re, shutil, sys
corpus, top, site = sys.argv[1:]
os.makedirs(os.path.join(site, 'img'))
images = [('png', os.path.join(top, 'samples/images/galley-tray.png')),
          ('jpg', os.path.join(top, 'tests/fuzz/images/photo.jpg'))]
for k, (ext, path) in enumerate(images):
    shutil.copy(path, os.path.join(site, 'img', 'i%d.%s' % (k, ext)))
pages = sorted(d for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, 'source.html')))[:20]
n = 0
def local(m):
    global n
    n += 1
    ext = images[n % 2][0]
    return '%s="img/i%d.%s"' % (m.group(1), n % 2, ext)
for i, d in enumerate(pages):
    html = open(os.path.join(corpus, d, 'source.html'), encoding='utf-8', errors='replace').read()
    # no base but the page's own place: a canonical link, a meta URL or
    # JSON-LD would send the images back to the site the page was saved from
    html = re.sub(r'<base\b[^>]*>|<link\b[^>]*canonical[^>]*>|<meta\b[^>]*://[^>]*>', '', html,
                  flags=re.I)
    html = re.sub(r'<script\b[^>]*ld\+json.*?</script>', '', html, flags=re.I | re.S)
    html = re.sub(r'\b(src)="[^"]*"', local, html)
    html = re.sub(r'\b(srcset|data-src|data-srcset)="[^"]*"', '', html)
    open(os.path.join(site, 'p%02d.html' % i), 'w', encoding='utf-8').write(html)
EOF

# The server: a folder on 127.0.0.1, a port the system chooses.
python3 - "$TMP/site" "$TMP/port" <<'EOF' &
import functools, http.server, sys
site, portfile = sys.argv[1:]
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass
srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(H, directory=site))
open(portfile, 'w').write(str(srv.server_address[1]))
srv.serve_forever()
EOF
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P=$(cat "$TMP/port")
set --
for f in "$TMP"/site/p*.html; do set -- "$@" "http://127.0.0.1:$P/${f##*/}"; done

python3 - "$RUNS" "$GALLEY" "$TMP" "$@" <<'EOF'
import os, shutil, statistics, subprocess, sys, time
runs, galley, tmp, urls = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
files = sorted(os.path.join(tmp, 'site', f) for f in os.listdir(os.path.join(tmp, 'site')) if f.endswith('.html'))
def run(args, cache, keep):
    if not keep:    # the downloads go; the fonts' cache stays, as for files
        for root, _, names in os.walk(cache):
            for n in names:
                if n.startswith('fetch-'):
                    os.unlink(os.path.join(root, n))
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    t = time.perf_counter()
    subprocess.run([galley] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) * 1000
def median(args, cache, keep):
    run(args, cache, True)   # the fonts' cache, and for a warm run the pages'
    return statistics.median(run(args, cache, keep) for _ in range(runs))
import zipfile
def images(epub):
    z = zipfile.ZipFile(epub)
    return sum(z.read(n).count(b'<img') for n in z.namelist() if n.endswith('.xhtml'))
for fmt in ('pdf', 'epub'):
    out = os.path.join(tmp, 'd.' + fmt)
    f = median([fmt, '-o', out] + files, os.path.join(tmp, 'cf'), True)
    cold = median([fmt, '--allow-private', '-o', out] + urls, os.path.join(tmp, 'cu'), False)
    warm = median([fmt, '--allow-private', '-o', out] + urls, os.path.join(tmp, 'cu'), True)
    print('bench url: %s digest of %d saved pages, median of %d runs: files %.0f ms; from 127.0.0.1 '
          'with an empty cache %.0f ms (%.2fx), with the cache of the run before %.0f ms (%.2fx)'
          % (fmt, len(urls), runs, f, cold, cold / f, warm, warm / f))
run(['epub', '-o', os.path.join(tmp, 'f.epub')] + files, os.path.join(tmp, 'cf'), True)
run(['epub', '--allow-private', '-o', os.path.join(tmp, 'u.epub')] + urls, os.path.join(tmp, 'cu'), True)
print('bench url: images embedded: %d from the files, %d from the server'
      % (images(os.path.join(tmp, 'f.epub')), images(os.path.join(tmp, 'u.epub'))))
EOF
