"""Browser tests: the built site served on 127.0.0.1 and read by Debian's Chromium via Playwright.

    pytest tests/browser            # needs /usr/bin/chromium (apt-get install chromium chromium-driver)
    CHROMIUM_PATH=/path/to/chrome pytest tests/browser

No browser is ever downloaded (`playwright install` is never needed): the tests skip with a message
when no Chromium is found, or fail when REQUIRE_BROWSER=1 (as in CI). Every request of every page
is recorded; one to any host but the loopback server fails the test that made it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.sitebuild import ROOT, built_site

SCREENSHOTS = ROOT / "tests" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """CHROMIUM_PATH when set (and only it), else Debian's /usr/bin/chromium or `chromium` on PATH."""
    chosen = os.environ.get("CHROMIUM_PATH")
    candidates = [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and os.path.isfile(c) and os.access(c, os.X_OK)), None)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if path is None:
        message = "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver) nor in CHROMIUM_PATH"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message + "; REQUIRE_BROWSER is set")
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install -e '.[test]')")
    return path


def public_url() -> str:
    """site_url as the build resolved it (SITE_URL when set, else mkdocs.yml's default)."""
    from build_site.read.yamlfile import mkdocs_site_url

    url = mkdocs_site_url(ROOT / "mkdocs.yml") or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under the path of site_url (as GitHub Pages does), and its sitemap with the
    local origin in place of the public one, as a reader of the published site would get it. (The
    theme no longer lets Material download the sitemap to decide which links instant navigation
    follows: build_site/theme/main.html.)"""

    prefix = "/"
    public = ""
    local = ""

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def do_GET(self):
        if self.path.split("?", 1)[0] == self.prefix + "sitemap.xml":
            body = (
                (Path(self.directory) / "sitemap.xml")
                .read_bytes()
                .replace(self.public.encode(), self.local.encode())
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def base_url(site_dir: Path, chromium_executable: str) -> str:
    """The built site served by http.server on 127.0.0.1, a free port and site_url's path."""
    public = public_url()
    prefix = urlsplit(public).path or "/"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), None)
    local = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    handler = type("Handler", (SiteHandler,), {"prefix": prefix, "public": public, "local": local})
    server.RequestHandlerClass = functools.partial(handler, directory=str(site_dir))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield local
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser(chromium_executable: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_executable, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def foreign_requests() -> list[str]:
    """Every request to a host other than the loopback server, across all browser tests."""
    return []


def is_local(url: str, base_url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.netloc == urlsplit(base_url).netloc


@pytest.fixture
def context(browser, base_url: str, foreign_requests: list[str], request):
    scheme = getattr(request, "param", None) or "light"
    ctx = browser.new_context(
        base_url=base_url,
        viewport={"width": 1280, "height": 900},
        color_scheme=scheme,
        permissions=["clipboard-read", "clipboard-write"],
    )
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    seen: list[str] = []

    def guard(route):  # nothing may leave the machine: record and refuse
        if is_local(route.request.url, base_url):
            route.continue_()
        else:
            seen.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    ctx.on("request", lambda req: None if is_local(req.url, base_url) else seen.append(req.url))
    yield ctx
    ctx.close()
    foreign = sorted(set(seen))
    foreign_requests.extend(foreign)
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def page(context):
    """A page that records console errors and uncaught exceptions in page.errors."""
    page = context.new_page()
    page.errors = []
    page.on(
        "console",
        lambda msg: (
            page.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: page.errors.append(f"uncaught: {exc}"))
    page.set_default_timeout(15_000)
    return page


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
