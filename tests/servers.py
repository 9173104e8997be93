"""Private PostgreSQL and Redis servers for the tests, on 127.0.0.1 and free ports, with their data
in a temporary folder. They use the Debian packages (`make test` installs them) and install
nothing themselves; when a server cannot be found or started, the tests that need it are skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class Unavailable(Exception):
    """The server cannot be run here; the message says why (it becomes the skip reason)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, seconds: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise Unavailable(f"the server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise Unavailable(f"nothing answers on port {port} after {seconds:.0f} s")


@dataclass(frozen=True)
class Postgres:
    url: str
    """An SQLAlchemy URL of the server's `postgres` database, as its superuser."""

    def new_database(self, name: str) -> str:
        """Creates an empty database and returns its URL."""
        import psycopg

        with psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + f"/{name}"


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise Unavailable("PostgreSQL is not installed (Debian package postgresql; make test installs it)")
    return Path(found[-1]).parent


@dataclass(frozen=True)
class _RunAs:
    """Runs commands as an unprivileged user when we are root: PostgreSQL refuses to run as root."""

    user: str | None

    def command(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.user, "--", *args] if self.user else list(args)


def run_postgres() -> Iterator[Postgres]:
    """Starts a private PostgreSQL server; yields it and stops it (and deletes its data) afterwards."""
    bin_dir = _postgres_bin()
    run_as = _RunAs(None)
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise Unavailable("running as root and there is no `postgres` user to run the server as") from None
        run_as = _RunAs("postgres")
    # Not under pytest's own tmp folder: that one is private to root and the server's user cannot enter it.
    folder = Path(tempfile.mkdtemp(prefix="samarkiv-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if run_as.user:
        for path in (folder, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    port = free_port()
    log = folder / "server.log"
    try:
        init = subprocess.run(run_as.command(str(bin_dir / "initdb"), "-D", str(data), "-U", "samarkiv", "-A", "trust",
                                             "-E", "UTF8", "--locale=C.UTF-8"),
                              capture_output=True, text=True)
        if init.returncode != 0:
            raise Unavailable(f"initdb failed: {init.stderr.strip()[-300:]}")
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        start = subprocess.run(run_as.command(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                                              "-w", "-t", "60", "start"), capture_output=True, text=True)
        if start.returncode != 0:
            raise Unavailable(f"PostgreSQL did not start: {start.stderr.strip()[-300:]}")
        try:
            _wait_for_port(port, 30)
            yield Postgres(f"postgresql+psycopg://samarkiv@127.0.0.1:{port}/postgres")
        finally:
            subprocess.run(run_as.command(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"),
                           capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_redis() -> Iterator[str]:
    """Starts a private Redis server without persistence; yields its URL and stops it afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise Unavailable("redis-server is not installed (Debian package redis-server; make test installs it)")
    folder = Path(tempfile.mkdtemp(prefix="samarkiv-redis-"))
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, 20, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)
