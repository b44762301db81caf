"""A wheel of the project, installed into a fresh venv, migrates a database and serves the API.

Nothing is downloaded: the wheel is built with this venv's setuptools (the build backend that
pyproject.toml pins, which `make` installs), installed without its dependencies, and the new
venv finds the pinned dependencies through a .pth file naming this venv's site-packages. Every
command runs outside the checkout, so nothing can come from it.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

from alembic.script import ScriptDirectory

from timeline.store.migrate import alembic_config
from timeline.store.models import Base

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", "*.db",
)  # fmt: skip
SERVER_START_SECONDS = 60


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command to success and return what it printed on stdout."""
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    command = " ".join(map(str, args))
    assert result.returncode == 0, f"$ {command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _build_wheel(tmp: Path) -> Path:
    # A copy of the sources, so that the build leaves no build/ or egg-info in the checkout
    # and stale build/ files cannot reach the wheel.
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index", "--no-build-isolation"]
    result = subprocess.run(
        [*pip, "--quiet", "-w", str(wheels), str(source)],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        "building the wheel failed; the venv needs the build backend pinned in pyproject.toml "
        f"[build-system] (`make` installs it):\n{result.stdout}\n{result.stderr}"
    )
    (wheel,) = wheels.glob("timeline-*.whl")
    return wheel


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    pip: list[str | Path] = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet"]
    _run([*pip, "--no-deps", "--no-index", wheel], cwd=tmp)
    site = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp
        ).strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_timeline_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return venv


def _environment(tmp: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TIMELINE_") and k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env.update(HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "data"), **extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _serve_and_check_health(timeline: Path, work: Path, env: dict[str, str], log: Path) -> None:
    port = _free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [timeline, "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=work,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        status: int | None = None
        body = ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/health")
                break
            except OSError:  # not listening yet
                time.sleep(0.2)
        assert server.poll() is None, f"the server stopped:\n{log.read_text()}"
        assert status == 200, f"GET /health: {status} {body}\n{log.read_text()}"
        assert '"database":"ok"' in body.replace(" ", ""), body
        # the page ships in the wheel; vis-timeline (npm, web/) does not, and the page says so
        page_status, page = _get(f"http://127.0.0.1:{port}/")
        assert page_status == 200 and "/static/timeline.js" in page, page
        assert _get(f"http://127.0.0.1:{port}/static/timeline.js")[0] == 200
        vendor_status, vendor = _get(f"http://127.0.0.1:{port}/static/vendor/vis-timeline.js")
        assert vendor_status == 404 and "npm ci" in vendor, vendor
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_an_installed_wheel_migrates_and_serves(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    venv = _fresh_venv(tmp_path, wheel)
    timeline = venv / "bin" / "timeline"
    work = tmp_path / "work"
    work.mkdir()
    database = tmp_path / "db" / "timeline.db"
    env = _environment(tmp_path, TIMELINE_DATABASE_URL=f"sqlite:///{database}")

    where = _run(
        [venv / "bin" / "python", "-c", "import timeline; print(timeline.__file__)"], work, env
    )
    installed = Path(where.strip()).resolve().parent
    assert installed.is_relative_to(venv.resolve()), (
        f"timeline came from {installed}, not the wheel"
    )
    assert (installed / "migrations" / "script.py.mako").is_file()
    site_packages = installed.parent

    upgraded = _run([timeline, "db", "upgrade"], cwd=work, env=env)
    assert "is at head" in upgraded, upgraded
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {name for (name,) in rows}
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert tables >= {*Base.metadata.tables, "alembic_version"}, tables
    assert version == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()

    _serve_and_check_health(timeline, work, env, tmp_path / "server.log")

    # Without a URL an installed package keeps its database in the user's data folder.
    default_env = _environment(tmp_path)
    _run([timeline, "db", "upgrade"], cwd=work, env=default_env)
    assert (tmp_path / "data" / "timeline" / "timeline.db").is_file()
    assert not list(site_packages.rglob("*.db")), "a database was written into site-packages"
    assert not (work / "var").exists()
