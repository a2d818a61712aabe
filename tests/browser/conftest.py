"""Browser tests: the built site served on 127.0.0.1 and read by Debian's Chromium via Playwright.

    pytest tests/browser            # needs /usr/bin/chromium (apt-get install chromium chromium-driver)
    CHROMIUM_PATH=/path/to/chrome pytest tests/browser

No browser is ever downloaded (`playwright install` is never needed): the tests skip with a message
when no Chromium is found, or fail when REQUIRE_BROWSER=1 (as in CI). Every request of every page
is recorded; one to any host but the loopback server fails the test that made it.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.sitebuild import LAUNCH_ARGS, ROOT, built_site, chromium_path, serve

SCREENSHOTS = ROOT / "tests" / "screenshots"


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


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def base_url(site_dir: Path, chromium_executable: str) -> str:
    """The built site served by http.server on 127.0.0.1, a free port and site_url's path."""
    with serve(site_dir, public_url()) as local:
        yield local


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
