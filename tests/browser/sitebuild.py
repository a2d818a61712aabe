"""Build the whole site (MkDocs + the build_site hook) from a temporary copy of the project.

Shared by the browser tests, tests/test_links.py and tests/test_serve.py. The copy holds
mkdocs.yml (with its paths made absolute), seeds/ and the hand-written part of docs_src/; the
generator itself, its vocabularies and templates, and the theme override come from the repository.
The repository's docs_src/ is never written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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
    result = mkdocs(*args, cwd=dest / "project")
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
