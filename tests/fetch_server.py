#!/usr/bin/env python3
"""fetch_server.py TOP DIR — the web server of tests/cli/fetch.sh, on
127.0.0.1 at a port the system chooses: it writes the port to DIR/port and
one line per request ("METHOD PATH STATUS") to DIR/log.  A second port
accepts connections and closes them unanswered, a host that is down but
can be counted: one line per connection in DIR/closed.  Pages and images
come from the source tree TOP; every answer carries an ETag and honours
If-None-Match, so a second run shows 304s.  It never touches the network."""
import http.server, os, sys, threading, time

TOP, DIR = sys.argv[1], sys.argv[2]
PNG = open(os.path.join(TOP, "samples/images/galley-tray.png"), "rb").read()
JPEG = open(os.path.join(TOP, "tests/fuzz/images/photo.jpg"), "rb").read()
WEBP = open(os.path.join(TOP, "tests/fuzz/images/photo.webp"), "rb").read()
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
       b'<rect width="40" height="20" fill="#c33"/></svg>')
PROSE = ("<p>The tray of type was set by hand, line after line, and the compositor "
         "read it upside down and backwards, as every compositor did, checking each "
         "letter against the copy before the galley went to the proof press.</p>\n") * 6


def page(port, title, images):
    figs = "".join('<figure><img src="%s" alt="%s"><figcaption>%s</figcaption></figure>\n'
                   % (src, alt, alt) for src, alt in images)
    return ("<!DOCTYPE html><html lang='en'><head><title>%s</title></head><body><article>"
            "<h1>%s</h1>%s%s%s</article></body></html>" % (title, title, PROSE, figs, PROSE))


def routes(port, dead, closer):
    base = "http://127.0.0.1:%d" % port
    good = [("img/red.png", "A relative PNG"), (base + "/img/photo.jpg", "An absolute JPEG"),
            ("/img/mark.svg", "An SVG"), ("img/photo.webp", "A relative WebP"),
            ("/go/1", "A PNG behind redirects")]
    bad = [("/img/missing.png", "Missing"), ("/img/slow.png", "Slow"),
           ("/img/huge.png", "Huge"), ("/img/to-file.png", "To a file"),
           ("/img/not-image.png", "HTML in disguise")]
    dead_imgs = [("http://127.0.0.1:%d/d%d.png" % (dead, i), "Dead %d" % i) for i in range(4)]
    html = page(port, "The Galley Tray", good + bad).encode()
    r = {
        "/article.html": ("text/html; charset=utf-8", html),
        "/news/my-story.html": ("text/html", html),
        "/dead.html": ("text/html", page(port, "Dead Images", dead_imgs).encode()),
        "/changing.html": ("text/html", page(port, "A Changing Page: " + changing(), []).encode()),
        "/latin.html": ("text/html; charset=windows-1252",
                        page(port, "Caf\xe9 \u20ac prices", []).encode("cp1252")),
        "/koi8.html": ("text/html; charset=koi8-r",
                       page(port, "\u041d\u043e\u0432\u043e\u0441\u0442\u0438 Moscow", []).encode("koi8_r")),
        "/img/red.png": ("image/png", PNG),
        "/img/green.png": ("image/png", PNG),
        "/img/photo.jpg": ("image/jpeg", JPEG),
        "/img/mark.svg": ("image/svg+xml", SVG),
        "/img/photo.webp": ("image/webp", WEBP),
        "/img/not-image.png": ("text/html", b"<html><body>Sign in</body></html>"),
        "/img/huge.png": ("image/png", PNG + b"\0" * (16 << 20)),
    }
    redirects = {"/start": "/hop", "/hop": "/article.html", "/go/1": "/go/2",
                 "/go/2": "/go/3", "/go/3": "/img/green.png",
                 "/img/to-file.png": "file:///etc/passwd", "/to-file": "file:///etc/passwd",
                 "/loop": "/loop"}
    # /down/N.html: four images each on the port that answers nothing
    for n in range(10):
        imgs = [("http://127.0.0.1:%d/p%d-%d.png" % (closer, n, i), "Down %d" % i) for i in range(4)]
        r["/down/%d.html" % n] = ("text/html", page(port, "Down Images %d" % n, imgs).encode())
    # /wait/N.html: four images each that take a while, to see how many
    # requests a batch's workers make at once
    for n in range(10):
        imgs = [("/img/wait-%d-%d.png" % (n, i), "Wait %d" % i) for i in range(4)]
        r["/wait/%d.html" % n] = ("text/html", page(port, "Waiting Images %d" % n, imgs).encode())
    return r, redirects


def changing():
    """The title of /changing.html: what the test wrote in DIR/version."""
    try:
        return open(os.path.join(DIR, "version")).read().strip()
    except OSError:
        return "first"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def record(self, status):
        with open(os.path.join(DIR, "log"), "a") as f:
            f.write("%s %s %d %s\n" % (self.command, self.path, status,
                                       "cookie" if self.headers.get("Cookie") or
                                       self.headers.get("Authorization") else
                                       self.headers.get("User-Agent", "-")))

    def waiting(self, step):
        """STEP +1 or -1: a request waits for its answer, or no longer."""
        with LOCK:
            NOW[0] += step
            if not os.path.exists(os.path.join(DIR, "peak")):
                NOW[1] = 0   # the test removed it: counted again from now
            if NOW[0] > NOW[1]:
                NOW[1] = NOW[0]
                with open(os.path.join(DIR, "peak"), "w") as f:
                    f.write("%d\n" % NOW[1])

    def do_GET(self):
        port = self.server.server_address[1]
        r, redirects = routes(port, self.server.dead, self.server.closer)
        if self.path in redirects:
            self.record(302)
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/img/slow.png":
            self.record(200)
            time.sleep(4)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(PNG)
            except (BrokenPipeError, ConnectionResetError):
                pass   # galley gave up, as it should
            return
        if self.path.startswith("/img/wait-"):
            # counted only while nothing is sent: the client is surely
            # still waiting for each request counted
            self.waiting(+1)
            time.sleep(0.5)
            self.waiting(-1)
            r[self.path] = ("image/png", PNG)
        if self.path not in r:
            self.record(404)
            self.send_error(404)
            return
        ctype, body = r[self.path]
        etag = '"%x"' % (hash(body) & 0xffffffff)
        if self.headers.get("If-None-Match") == etag:
            self.record(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


# a port with nothing listening, for a host that cannot be reached
import socket
LOCK, NOW = threading.Lock(), [0, 0]   # requests being served, the most at once
s = socket.socket()
s.bind(("127.0.0.1", 0))
dead_port = s.getsockname()[1]
s.close()


def close_unanswered(sock):
    while True:
        conn, _ = sock.accept()
        with open(os.path.join(DIR, "closed"), "a") as f:
            f.write("connection\n")
        conn.close()


closer = socket.socket()
closer.bind(("127.0.0.1", 0))
closer.listen(64)
threading.Thread(target=close_unanswered, args=(closer,), daemon=True).start()
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.dead = dead_port
srv.closer = closer.getsockname()[1]
with open(os.path.join(DIR, "closer_port"), "w") as f:
    f.write(str(srv.closer))
srv.daemon_threads = True
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
srv.serve_forever()
