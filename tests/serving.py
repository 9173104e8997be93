"""Starting `samarkiv serve` for tests: a real process on a free local port, stopped afterwards."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db: Path, timeout: float = 60.0) -> Iterator[str]:
    """Runs `samarkiv serve --db DB` until the block ends; yields "http://127.0.0.1:PORT"."""
    port = free_port()
    # Output goes to a file: a pipe nobody reads would stop the server once it is full.
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "samarkiv.cli", "serve", "--db", str(db), "--port", str(port),
                                "--no-open"], stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"samarkiv serve stopped: {log.read()}")
            try:
                with urllib.request.urlopen(f"{url}/-/versions.json", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise RuntimeError("samarkiv serve did not answer in time") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def get(url: str) -> tuple[int, str]:
    """Status and body of a GET, without raising on 4xx/5xx; Swedish letters in the URL are quoted."""
    url = urllib.parse.quote(url, safe=":/?&=%+*\"")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def get_json(url: str) -> Any:
    status, body = get(url)
    assert status == 200, body[:500]
    return json.loads(body)
