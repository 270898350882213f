"""A static host for the search benchmark: files as they are, text gzipped on the fly.

Byte counts only mean something against a realistic host, and every common
one (nginx `gzip on`, GitHub Pages, S3 behind a CDN) compresses text. Files
that are already compressed (Pagefind's .pf_* chunks and its gzipped wasm,
images) are sent as they are. Both search engines get this same host.

The host runs in a process of its own, as a real one does. In the
benchmark's process its threads would share one interpreter lock with
Playwright's driver, which is busy exactly while a page loads: measured in
chromium, a 12 KB file then took 20–80 ms to arrive, and every round trip
of either engine waited for the driver.
"""

from __future__ import annotations

import functools
import gzip
import io
import http.server
import socket
import subprocess
import sys
import threading
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _CountingWriter:
    """The response stream, counting every byte the host sends (status line, headers, body)."""

    def __init__(self, stream, server):
        self.stream, self.server = stream, server

    def write(self, data):
        with self.server.count_lock:
            self.server.bytes_sent += len(data)
        return self.stream.write(data)

    def __getattr__(self, name):
        return getattr(self.stream, name)


class _Handler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real static host has (nginx, GitHub Pages, CDNs;
    # most speak HTTP/2): http.server's default HTTP/1.0 opens a connection
    # per file, which no reader's browser would meet. Both engines get it.
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
    }

    def setup(self):
        super().setup()
        # http.server writes a response's headers and its body separately;
        # with Nagle's algorithm on, the body then waits for the ACK of the
        # headers, which the browser delays by up to 40 ms (measured in
        # chromium: 35–45 ms between the first and last byte of a third of
        # the files, whichever engine asked; 6 % with this). nginx
        # (tcp_nodelay on, its default) and CDNs don't stall so; neither
        # should the host both engines are timed on.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.wfile = _CountingWriter(self.wfile, self.server)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's slash
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and content_type.startswith(COMPRESSIBLE)):
            return super().send_head()
        # mtime 0: the same file gives the same bytes on every request.
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def _serve(root: str) -> None:
    """The host's own process: the port on stdout, then the bytes sent since the last "take" line on stdin."""
    handler = functools.partial(_Handler, directory=root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # Counted here, at the host, because the browser's own accounting
    # misses requests made by web workers (Pagefind loads its worker so).
    httpd.bytes_sent = 0
    httpd.count_lock = threading.Lock()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(httpd.server_address[1], flush=True)
    for line in sys.stdin:
        if line.strip() != "take":
            break
        with httpd.count_lock:
            sent, httpd.bytes_sent = httpd.bytes_sent, 0
        print(sent, flush=True)
    httpd.shutdown()


class StaticServer:
    """The host, started in a process of its own (this file, run as a script: it needs only the standard library)."""

    def __init__(self, root: Path):
        self._process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), str(root)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        line = self._process.stdout.readline()  # the port, or nothing if the host failed (its error is on stderr)
        if not line.strip().isdigit():
            self._process.kill()
            raise RuntimeError(f"the benchmark's static host did not start (exit code {self._process.wait()})")
        self.port = int(line)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def take_bytes_sent(self) -> int:
        """Bytes sent since the last call."""
        self._process.stdin.write("take\n")
        self._process.stdin.flush()
        return int(self._process.stdout.readline())

    def close(self) -> None:
        try:
            self._process.stdin.close()  # the host stops at the end of its input
            self._process.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            self._process.stdout.close()

    def __enter__(self) -> "StaticServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    _serve(sys.argv[1])
