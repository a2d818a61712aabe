"""Build the whole site (MkDocs + the build_site hook) from a temporary copy of the project.

Shared by the browser tests, tests/test_links.py and tests/test_serve.py. The copy holds
mkdocs.yml (with its paths made absolute), seeds/ and the hand-written part of docs_src/; the
generator itself, its vocabularies and templates, and the theme override come from the repository.
The repository's docs_src/ is never written.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from build_site.config import DATA_DIR, GENERATED_DIRS, GENERATED_FILES, TEMPLATES_DIR
from build_site.read.yamlfile import EnvTag, _env_tag
from tests.paths import ROOT

#: Site folders built in this session, by purpose: built once, shared by every test module.
_BUILT: dict[str, Path] = {}


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml keeping its !ENV tags (site_url), to be written back as they were."""


_Loader.add_constructor("!ENV", _env_tag)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    EnvTag,
    lambda dumper, tag: dumper.represent_sequence(
        "!ENV", [*tag.names, *([tag.default] if tag.default is not None else [])]
    ),
)


def read_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def copy_project(dest: Path, *, watch_repo: bool = True) -> Path:
    """A copy of the project in dest; returns the path of its mkdocs.yml.

    watch_repo: also watch the repository's vocabularies and templates under `mkdocs serve`.
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "seeds", dest / "seeds", dirs_exist_ok=True)
    docs = dest / "docs_src"
    skip = set(GENERATED_DIRS) | set(GENERATED_FILES) | {".build-cache.json"}
    docs.mkdir(exist_ok=True)
    for item in (ROOT / "docs_src").iterdir():
        if item.name in skip or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, docs / item.name, dirs_exist_ok=True)
        else:
            shutil.copy2(item, docs / item.name)
    config = read_config()
    config["docs_dir"] = str(docs)
    config["hooks"] = [str((ROOT / h).resolve()) for h in config.get("hooks", [])]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())
    config["watch"] = [str(dest / "seeds")] + (
        [str(DATA_DIR), str(TEMPLATES_DIR)] if watch_repo else []
    )
    path = dest / "mkdocs.yml"
    path.write_text(
        yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def mkdocs_env(**extra: str) -> dict[str, str]:
    """The environment for running MkDocs: NO_MKDOCS_2_WARNING silences Material's end-of-life
    banner, printed on every run otherwise (see the README)."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def mkdocs(
    *args: str, cwd: Path, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or mkdocs_env(),
    )


def build(dest: Path, *, strict: bool = False) -> Path:
    """Copy the project into dest/project and build the site into dest/site; returns the site folder."""
    config = copy_project(dest / "project")
    site = dest / "site"
    args = ["build", "-q", "-f", str(config), "-d", str(site)] + (["--strict"] if strict else [])
    # a few excerpts a page, so the 8 real events also give paginated lists to test
    result = mkdocs(*args, cwd=dest / "project", env=mkdocs_env(BUILD_SITE_EXCERPTS_PER_PAGE="5"))
    if result.returncode != 0 or not (site / "index.html").exists():
        raise RuntimeError(
            f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return site


def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session."""
    if "site" not in _BUILT:
        _BUILT["site"] = build(tmp_path_factory.mktemp("built"))
    return _BUILT["site"]


# --- serving a built site to a browser (the browser tests and benchmarks/reader.py) ---------------

#: Headless Chromium as the tests and the benchmark run it: nothing it does on its own reaches
#: the network.
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
        if self.path.split("?", 1)[0] == self.prefix + "sitemap.xml" and self.public:
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


class serve:
    """Context manager: the site on 127.0.0.1, a free port, under the path of `public` (its
    site_url); yields the local base URL."""

    def __init__(self, site_dir: Path, public: str):
        self.site, self.public = Path(site_dir), public

    def __enter__(self) -> str:
        prefix = urlsplit(self.public).path or "/"
        prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), None)
        local = f"http://127.0.0.1:{self.server.server_address[1]}{prefix}"
        attrs = {"prefix": prefix, "public": self.public, "local": local}
        handler = type("Handler", (SiteHandler,), attrs)
        self.server.RequestHandlerClass = functools.partial(handler, directory=str(self.site))
        self.thread = threading.Thread(
            target=self.server.serve_forever, name="site-server", daemon=True
        )
        self.thread.start()
        return local

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
