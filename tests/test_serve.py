"""`mkdocs serve` on a copy of the project: an edited seed shows on its event page within seconds,
and the regenerated docs_src/ does not set off a rebuild loop."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.sitebuild import copy_project

pytestmark = pytest.mark.slow

MARKER = "Zqxjv marker sentence for the serve test."
BUILD_LINE = re.compile(r"Building documentation")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


class Server:
    def __init__(self, project: Path, config: Path, log: Path):
        self.project, self.log = project, log
        self.port = free_port()
        from build_site.read.yamlfile import mkdocs_site_url

        path = urlsplit(mkdocs_site_url(config) or "/").path or "/"
        self.base = f"http://127.0.0.1:{self.port}{path if path.endswith('/') else path + '/'}"
        self.out = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(config),
                "-a",
                f"127.0.0.1:{self.port}",
            ],
            cwd=project,
            stdout=self.out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "CI": "1", "PYTHONUNBUFFERED": "1", "NO_MKDOCS_2_WARNING": "1"},
        )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return len(BUILD_LINE.findall(self.text()))

    def wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"mkdocs serve exited with {self.proc.returncode}:\n{self.text()[-3000:]}"
                )
            if fetch(self.base)[0] == 200:
                return
            time.sleep(0.3)
        raise AssertionError(
            f"mkdocs serve did not answer within {timeout} s:\n{self.text()[-3000:]}"
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # its own session: the server and nothing else
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.out.close()


@pytest.fixture
def server(tmp_path):
    config = copy_project(tmp_path / "project")
    srv = Server(tmp_path / "project", config, tmp_path / "serve.log")
    try:
        srv.wait_until_up()
        yield srv
    finally:
        srv.stop()


def pick_paragraph(project: Path) -> tuple[Path, str, str]:
    """(seed file, a line of it, URL path of the event page showing it): a plain prose line."""
    pages = sorted((project / "docs_src" / "events").glob("*.md"))
    for seed in sorted((project / "seeds").glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) < 120 or not re.fullmatch(r"[A-Za-z ,.’'\-]+", line):
                continue
            for page in pages:
                if page.stem[:4].isdigit() and line[:80] in page.read_text(encoding="utf-8"):
                    return seed, line, f"events/{page.stem}/"
    pytest.skip("no plain prose line of a seed is found verbatim on an event page")


def test_edited_seed_shows_on_its_page_without_a_rebuild_loop(server):
    seed, line, url = pick_paragraph(server.project)
    status, before = fetch(server.base + url)
    assert status == 200 and MARKER not in before

    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace(line, f"{line} {MARKER}", 1), encoding="utf-8")
    changed = time.monotonic()
    deadline = changed + 30
    while time.monotonic() < deadline:
        status, html = fetch(server.base + url)
        if status == 200 and MARKER in html:
            break
        time.sleep(0.25)
    else:
        pytest.fail(f"the edit did not reach {url} within 30 s:\n{server.text()[-3000:]}")
    elapsed = time.monotonic() - changed
    assert elapsed < 15, f"the edit took {elapsed:.1f} s to show"

    time.sleep(3)  # let the rebuild the edit caused (and the one its own output may cause) finish
    settled = server.builds()
    time.sleep(6)
    quiet = server.builds() - settled
    # One stray rebuild is tolerated (another process may touch a watched vocabulary); a loop
    # rebuilds every second or two.
    assert quiet <= 1, (
        f"{quiet} rebuilds in 6 quiet seconds: a rebuild loop\n{server.text()[-3000:]}"
    )
    assert "Traceback" not in server.text() and "ERROR" not in server.text(), server.text()[-3000:]
