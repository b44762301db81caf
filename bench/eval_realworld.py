"""Score the service on the real-world development set, as a new user would.

Starts `timeline serve` on a throwaway SQLite database (migrated by Alembic) on a free
loopback port, waits for /health, runs ../shared/eval/evaluate.py against it (read by path,
beside the checkout), prints its report and stops the service.

Run: make eval-realworld   (or .venv/bin/python bench/eval_realworld.py [-v] [--json F])
Extra arguments are passed to evaluate.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVALUATE = REPO.parent / "shared" / "eval" / "evaluate.py"
STARTUP_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"error: the service exited with {server.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{base_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"error: the service did not answer /health within {STARTUP_SECONDS} s")


def run_evaluation(
    extra: list[str], env_extra: dict[str, str] | None = None, quiet: bool = False
) -> int:
    """Serve a throwaway database, run evaluate.py with `extra` arguments, stop; its exit code."""
    if not EVALUATE.is_file():
        sys.exit(f"error: {EVALUATE} is missing (../shared must sit beside the checkout)")
    timeline = Path(sys.executable).with_name("timeline")
    with tempfile.TemporaryDirectory(prefix="timeline-eval-") as scratch:
        env = dict(os.environ, TIMELINE_DATABASE_URL=f"sqlite:///{scratch}/eval.db")
        env.pop("TIMELINE_API_TOKEN", None)
        env.update(env_extra or {})
        quiet_out = subprocess.DEVNULL if quiet else None
        subprocess.run([str(timeline), "db", "upgrade"], env=env, check=True, stdout=quiet_out)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        if not quiet:
            print(f"serving a throwaway database at {base_url} ...", file=sys.stderr)
        server = subprocess.Popen(
            [str(timeline), "serve", "--port", str(port)],
            env=env,
            stdout=quiet_out,
            stderr=quiet_out,
        )
        try:
            wait_healthy(base_url, server)
            cmd = [sys.executable, str(EVALUATE), "--base-url", base_url, *extra]
            return subprocess.run(cmd, check=False, stdout=quiet_out).returncode
        finally:
            server.terminate()
            server.wait(timeout=30)


def main(extra: list[str]) -> int:
    return run_evaluation(extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
