"""The cluster's processes on loopback: HAProxy in front of N gunicorn app
servers with the production settings, each server its own port and process
group (as separate hosts would be), all talking to one PostgreSQL database.

Everything started here is stopped when the `Cluster` context ends, however it
ends; each process group id is also written to a file under `run_dir`, so the
shell wrapper (scripts/cluster/run.sh) can stop what a killed Python left."""

import contextlib
import hashlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"  # a real balancer would set this header after TLS; so does ours
FORWARDED = {"X-Forwarded-Proto": "https"}
BALANCER_HEADER = "X-Answered-By"  # on HAProxy's own answers (no server could take it)

HAPROXY_CFG = """\
global
    maxconn 512
    stats socket {run_dir}/haproxy.sock mode 600 level admin
    log stderr format raw local0 info

defaults
    mode http
    # Only what went wrong: a line per failed or aborted request (haproxy.log).
    log global
    option httplog
    option dontlog-normal
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    # A request waits at most 3 s for a free worker, then gets the busy page.
    timeout queue 3s
    timeout check 2s
    # A request that never reached a server (connection refused: the server
    # is dead) goes to another one; nothing else is replayed by the balancer.
    retries 3
    option redispatch 1
    errorfile 503 {run_dir}/503.http

frontend web
    bind {host}:{port}
    # The balancer terminates TLS in production and says so, replacing any
    # value the client sent (docs/deploy.md, Load balancer).
    http-request set-header X-Forwarded-Proto https
    default_backend app

backend app
    balance leastconn
    option httpchk
    http-check send meth GET uri /health/ ver HTTP/1.1 hdr Host {host} hdr X-Forwarded-Proto https
    http-check expect status 200
    # Checked every second; out after 2 failed checks, or at once when real
    # traffic cannot connect; back after 2 good checks. A sync gunicorn worker
    # serves one request at a time: requests queue here, not there.
    default-server inter 1s fall 2 rise 2 maxconn {maxconn}
    default-server observe layer4 error-limit 1 on-error mark-down
{servers}
"""


def haproxy_path() -> str | None:
    return shutil.which("haproxy", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def get(port: int, path: str, *, headers=None, timeout: float = 5) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={**FORWARDED, **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def healthy(port: int) -> bool:
    try:
        return get(port, "/health/", timeout=2)[0] == 200
    except OSError:
        return False


@dataclass
class Cluster:
    env: dict[str, str]  # DATABASE_URL, SECRET_KEY...: the production settings' environment
    run_dir: Path
    port: int = 8400  # the balancer; servers on port + 1 ... port + servers
    servers: int = 3
    workers: int = 2  # gunicorn sync workers per server
    groups: dict[str, int] = field(default_factory=dict)  # name -> process group id
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)  # name -> its leader
    logs: list = field(default_factory=list)

    def server_port(self, n: int) -> int:
        return self.port + n

    def _start(self, name: str, argv: list[str], env: dict[str, str]) -> int:
        log = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop_all)
        self.logs.append(log)
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.groups[name] = proc.pid  # its own session: the group id is its pid
        self.procs[name] = proc
        (self.run_dir / f"{name}.pgid").write_text(str(proc.pid))
        return proc.pid

    def _signal(self, name: str, sig: int) -> None:
        pgid = self.groups.pop(name, None)
        if pgid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, sig)
        (self.run_dir / f"{name}.pgid").unlink(missing_ok=True)

    def _wait_gone(self, pgid: int, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                return
            with contextlib.suppress(ChildProcessError):  # reap the leader, our child
                os.waitpid(pgid, os.WNOHANG)
            time.sleep(0.05)

    # -- app servers -----------------------------------------------------------

    def start_server(self, n: int, *, wait: bool = True) -> None:
        port = self.server_port(n)
        if not port_free(port):
            raise SystemExit(f"Port {port} is in use: stop that process first.")
        argv = [
            str(VENV / "gunicorn"),
            "coaching.wsgi",
            f"--bind={HOST}:{port}",
            f"--workers={self.workers}",
            "--timeout=30",
            "--graceful-timeout=10",
            # The app is imported once, then forked: a restarted server is back sooner.
            "--preload",
            "--log-level=warning",
        ]
        env = {**os.environ, **self.env, "DJANGO_SETTINGS_MODULE": "coaching.settings.production"}
        self._start(f"app{n}", argv, env)
        if wait:
            self.wait_healthy([n])

    def wait_healthy(self, numbers, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        pending = set(numbers)
        while pending and time.monotonic() < deadline:
            pending = {n for n in pending if not healthy(self.server_port(n))}
            time.sleep(0.1)
        if pending:
            raise SystemExit(f"App server(s) {sorted(pending)} did not become healthy.")

    def kill_server(self, n: int) -> None:
        """The host dies: SIGKILL to the whole process group, no goodbye."""
        pgid = self.groups.get(f"app{n}")
        self._signal(f"app{n}", signal.SIGKILL)
        if pgid:
            self._wait_gone(pgid, 5)

    def stop_server(self, n: int) -> None:
        """A graceful stop (SIGTERM): gunicorn finishes the requests in flight."""
        pgid = self.groups.get(f"app{n}")
        self._signal(f"app{n}", signal.SIGTERM)
        if pgid:
            self._wait_gone(pgid, 15)

    # -- task workers ----------------------------------------------------------

    def start_worker(self, n: int) -> None:
        """`manage.py worker` (queued tasks and the periodic schedule) with the
        production settings, its own process group as on its own host."""
        argv = [str(VENV / "python"), "manage.py", "worker"]
        env = {**os.environ, **self.env, "DJANGO_SETTINGS_MODULE": "coaching.settings.production"}
        env["PYTHONUNBUFFERED"] = "1"  # its log is whole up to a kill
        self._start(f"worker{n}", argv, env)

    def exited(self, name: str) -> int | None:
        """The exit status of a process started here that ended by itself."""
        proc = self.procs.get(name)
        return proc.poll() if proc is not None and name in self.groups else None

    def kill_worker(self, n: int) -> None:
        """The worker's host dies: SIGKILL, whatever task it is running."""
        pgid = self.groups.get(f"worker{n}")
        self._signal(f"worker{n}", signal.SIGKILL)
        if pgid:
            self._wait_gone(pgid, 5)

    # -- the balancer ----------------------------------------------------------

    def start_balancer(self, busy_page: str) -> None:
        servers = "\n".join(
            f"    server app{n} {HOST}:{self.server_port(n)} check"
            for n in range(1, self.servers + 1)
        )
        (self.run_dir / "haproxy.cfg").write_text(
            HAPROXY_CFG.format(
                run_dir=self.run_dir,
                host=HOST,
                port=self.port,
                servers=servers,
                maxconn=self.workers,
            )
        )
        # HAProxy's own 503 (no server up) is the app's busy page, byte for byte.
        body = busy_page.encode()
        head = (
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Retry-After: 5\r\nCache-Control: no-store\r\nContent-Length: {len(body)}\r\n"
            f"{BALANCER_HEADER}: haproxy\r\n"
            "Connection: close\r\n\r\n"
        )
        (self.run_dir / "503.http").write_bytes(head.encode() + body)
        if not port_free(self.port):
            raise SystemExit(f"Port {self.port} is in use: stop that process first.")
        haproxy = haproxy_path()
        if haproxy is None:
            raise SystemExit("HAProxy is not installed (Debian: apt-get install haproxy).")
        self._start("haproxy", [haproxy, "-db", "-f", str(self.run_dir / "haproxy.cfg")], {})
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.in_rotation() != self.servers:
            time.sleep(0.2)
        if self.in_rotation() != self.servers:
            raise SystemExit("HAProxy did not see every app server healthy.")

    def haproxy(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(2)
            sock.connect(str(self.run_dir / "haproxy.sock"))
            sock.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def _stats(self) -> dict[str, dict[str, str]]:
        """app1 -> its row of HAProxy's statistics (status, scur...)."""
        try:
            lines = self.haproxy("show stat").splitlines()
        except OSError:
            return {}
        columns = lines[0].lstrip("# ").split(",")
        rows = {}
        for line in lines[1:]:
            row = dict(zip(columns, line.split(","), strict=False))
            if row.get("pxname") == "app" and row.get("svname", "").startswith("app"):
                rows[row["svname"]] = row
        return rows

    def server_states(self) -> dict[str, str]:
        """app1 -> UP / DOWN / DRAIN / ..., as the balancer sees them."""
        return {name: row["status"] for name, row in self._stats().items()}

    def in_flight(self, server: str) -> int:
        return int(self._stats().get(server, {}).get("scur") or 0)

    def in_rotation(self) -> int:
        return sum(state == "UP" for state in self.server_states().values())

    # -- everything ------------------------------------------------------------

    def static_digests(self, path: str) -> set[str]:
        """The same static file fetched from every server directly."""
        return {
            hashlib.sha256(get(self.server_port(n), path)[1]).hexdigest()
            for n in range(1, self.servers + 1)
        }

    def stop_all(self) -> None:
        for name in list(self.groups):
            pgid = self.groups[name]
            self._signal(name, signal.SIGTERM)
            self._wait_gone(pgid, 10)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
        for log in self.logs:
            log.close()

    def __enter__(self):
        self.run_dir.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc):
        self.stop_all()
