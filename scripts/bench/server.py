"""Arena under gunicorn for benchmarks: start, sign in, time pages, stop.

Two workers on SQLite, four on PostgreSQL, as production would run them on two cores; the
production config (a secret key, secure cookies), so what is measured is what is served.
The client speaks plain HTTP/1.1 over one kept-alive connection (http.client), and sends the
session cookie back by hand (the production cookie is marked Secure, and this is loopback).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
#: the production secret the benchmark server runs with (rsvp_burst.py signs links with it)
SECRET_KEY = "bench-secret-key-not-for-production-use-0123456789"  # noqa: S105
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A gunicorn process serving wsgi:app on a free loopback port."""

    def __init__(self, url: str, workers: int | None = None, app: str = "wsgi:app",
                 pythonpath: str | None = None, warm_path: str = "/healthz",
                 options: tuple[str, ...] = ()) -> None:  # fmt: skip
        """``options``: more gunicorn options, e.g. ("--worker-class", "gthread")."""
        self.port = free_port()
        self.workers = workers or (4 if url.startswith("postgresql") else 2)
        env = {
            **os.environ,
            "ARENA_ENV": "production",
            "ARENA_DATABASE_URL": url,
            "ARENA_SECRET_KEY": SECRET_KEY,
            "ARENA_BASE_URL": f"http://127.0.0.1:{self.port}",
        }
        extra = [*(["--pythonpath", pythonpath] if pythonpath else []), *options]
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--log-level", "warning", *extra, app],
            cwd=ROOT, env=env,
        )  # fmt: skip
        self._wait_until_serving(warm_path)

    def _wait_until_serving(self, path: str) -> None:
        """Until every worker has booted (the master accepts before they have)."""
        deadline = time.monotonic() + 120
        served = 0
        while served < 4 * self.workers:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("gunicorn did not start")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                connection.request("GET", path)
                served += connection.getresponse().status < 500
                connection.close()
            except OSError:
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)

    def __enter__(self):
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


class Client:
    """One kept-alive connection with a cookie jar of one: the session cookie."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # a worker closed the kept-alive connection: once more
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read()
        for cookie in response.msg.get_all("Set-Cookie") or ():
            if cookie.startswith("session="):
                self.cookie = cookie.split(";", 1)[0]
        return response.status, data

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def sign_in(self, email: str, password: str) -> None:
        status, page = self.get("/auth/login")
        token = CSRF.search(page.decode()).group(1)
        form = urlencode({"csrf_token": token, "email": email, "password": password})
        status, _ = self.request("POST", "/auth/login", form)
        if status != 302:
            raise RuntimeError(f"sign-in as {email} failed ({status})")

    def median_ms(self, path: str, runs: int) -> tuple[float, int]:
        """Median wall time of `runs` GETs after two warm-ups (one per worker), and bytes."""
        for _ in range(2):
            status, data = self.get(path)
            if status != 200:
                raise RuntimeError(f"GET {path}: {status}")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            self.get(path)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times), len(data)
